// CSAT of the period: the distribution of ratings 1..5 (bars drawn with CSS, numbers in the text) and the latest
// comments, paged (GET /api/v1/reports/csat-comments), with the CSV of the comments loaded so far.
import { useEffect, useId, useState } from 'preact/hooks';
import { api, errorMessage } from '../../api';
import { commentsCsv, csatText } from '../../lib/reports';
import { downloadCsv } from '../../lib/csv';
import { fullTime } from '../../lib/format';
import type { ReportCsatComment, ReportOverview } from '../../../../shared/types';
import { EmptyState } from '../ui';
import { periodQuery, type PeriodQuery } from './period';

interface Page { comments: ReportCsatComment[]; next_offset: number | null }

export function CsatSection({ o, period }: { o: ReportOverview; period: PeriodQuery }) {
  const id = useId();
  const csat = o.current.csat;
  const max = Math.max(1, ...csat.distribution);
  const [comments, setComments] = useState<ReportCsatComment[]>([]);
  const [next, setNext] = useState<number | null>(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState('');

  const load = (offset: number, replace: boolean) => {
    setLoading(true);
    setError('');
    api<Page>('GET', `/api/v1/reports/csat-comments?${periodQuery(period)}&limit=20&offset=${offset}`)
      .then((p) => { setComments((c) => (replace ? p.comments : [...c, ...p.comments])); setNext(p.next_offset); })
      .catch((e) => setError(errorMessage(e)))
      .finally(() => setLoading(false));
  };
  useEffect(() => load(0, true), [period]);

  return (
    <section class="reports-section" aria-labelledby={`${id}-h`}>
      <div class="reports-section-head">
        <h2 id={`${id}-h`}>Customer satisfaction</h2>
        <button type="button" class="btn btn-sm" disabled={!comments.length}
          onClick={() => downloadCsv(`csat-comments-${period.from}.csv`, commentsCsv(comments))}>Download CSV</button>
      </div>
      <div class="csat-grid">
        <div>
          <p class="csat-average"><span class="tile-value">{csatText(csat.average)}</span> <span class="muted">average of {csat.count === 1 ? '1 rating' : `${csat.count} ratings`}</span></p>
          <ol class="csat-bars" aria-label="Ratings by score">
            {[5, 4, 3, 2, 1].map((s) => (
              <li key={s}>
                <span class="csat-score">{s}★</span>
                <span class="csat-bar" aria-hidden="true"><span style={{ width: `${(csat.distribution[s - 1] / max) * 100}%` }} /></span>
                <span class="csat-count">{csat.distribution[s - 1]}<span class="sr-only"> rated {s}</span></span>
              </li>
            ))}
          </ol>
        </div>
        <div>
          <h3>Latest comments</h3>
          {error && <p class="form-error" role="alert">Could not load the comments: {error}</p>}
          {!error && !loading && comments.length === 0 ? (
            <EmptyState icon="check" title="No comments in this period" />
          ) : (
            <ul class="csat-comments">
              {comments.map((c) => (
                <li key={c.conversation_id}>
                  <span class="csat-score" aria-label={`Rated ${c.score} of 5`}>{c.score}★</span>
                  <div><p dir="auto">{c.comment}</p>
                    <p class="muted small"><a href={`#/inbox?c=${c.conversation_id}`}>Conversation {c.conversation_id}</a>{c.agent_name ? ` · ${c.agent_name}` : ''} · {fullTime(c.created_at)}</p></div>
                </li>
              ))}
            </ul>
          )}
          {next !== null && next > 0 && (
            <button type="button" class="btn btn-sm" disabled={loading} onClick={() => load(next, false)}>{loading ? 'Loading…' : 'Show more'}</button>
          )}
        </div>
      </div>
    </section>
  );
}
