// Automation: Bot numbers (issue 14 item 7): what the bot did in a period (conversations it handled, resolved alone,
// handed to the team), the questions it could not answer (what the help center is missing) and the most viewed
// articles with their "Was this helpful?" votes. GET /api/v1/bot/report?days=.
import { useEffect, useId, useState } from 'preact/hooks';
import { api, errorMessage } from '../../api';
import { dayLabel } from '../../lib/format';
import { PERIODS, helpfulness, share } from '../../lib/botReport';
import type { BotReport } from '../../../../shared/types';
import { EmptyState, Skeleton } from '../ui';

export function BotNumbersPage() {
  const id = useId();
  const [days, setDays] = useState<number>(30);
  const [report, setReport] = useState<BotReport | null>(null);
  const [error, setError] = useState('');

  const load = () => {
    setReport(null);
    setError('');
    api<BotReport>('GET', `/api/v1/bot/report?days=${days}`).then(setReport).catch((e) => setError(errorMessage(e)));
  };
  useEffect(load, [days]);

  return (
    <section class="bot-numbers" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Bot numbers</h2>
      <label class="field bot-numbers-period">
        <span>Period</span>
        <select value={days} onChange={(e) => setDays(Number((e.target as HTMLSelectElement).value))}>
          {PERIODS.map((d) => <option key={d} value={d}>Last {d} days</option>)}
        </select>
      </label>
      {error ? (
        <p class="form-error" role="alert">Could not load the numbers: {error}. <button type="button" class="btn btn-sm" onClick={load}>Retry</button></p>
      ) : !report ? (
        <div role="status" aria-label="Loading the numbers"><Skeleton lines={4} /></div>
      ) : (
        <Report r={report} />
      )}
    </section>
  );
}

function Report({ r }: { r: BotReport }) {
  const b = r.bot;
  return (
    <>
      <dl class="stat-tiles">
        <div class="stat-tile"><dt>Conversations the bot handled</dt><dd>{b.handled}</dd></div>
        <div class="stat-tile"><dt>Resolved by the bot alone</dt><dd>{b.resolved_alone} <small>{share(b.resolved_alone, b.handled)}</small></dd></div>
        <div class="stat-tile"><dt>Handed to the team</dt><dd>{b.handed_off} <small>{share(b.handed_off, b.handled)}</small></dd></div>
      </dl>

      <h3>Questions the bot could not answer</h3>
      {r.unanswered.length === 0 ? (
        <EmptyState icon="check" title="None in this period">Questions that match no article show here, most asked first: write the articles they ask for.</EmptyState>
      ) : (
        <table class="table">
          <caption class="sr-only">Unanswered questions, most asked first</caption>
          <thead><tr><th scope="col">Question</th><th scope="col">Asked</th><th scope="col">Last asked</th></tr></thead>
          <tbody>
            {r.unanswered.map((q) => (
              <tr key={q.question}><td dir="auto">{q.question}</td><td>{q.count}</td><td>{dayLabel(q.last_at)}</td></tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>Most viewed articles</h3>
      {r.articles.length === 0 ? (
        <EmptyState icon="book" title="No published articles yet">Publish articles in the Help center; their views and votes show here.</EmptyState>
      ) : (
        <table class="table">
          <caption class="sr-only">Published articles, most viewed first</caption>
          <thead><tr><th scope="col">Article</th><th scope="col">Views</th><th scope="col">Helpful?</th></tr></thead>
          <tbody>
            {r.articles.map((a) => (
              <tr key={a.id}><td dir="auto"><a href={`#/help/articles/${a.id}`}>{a.title}</a></td><td>{a.views}</td><td>{helpfulness(a.helpful_yes, a.helpful_no)}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
