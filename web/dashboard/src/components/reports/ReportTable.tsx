// The per-agent and per-team tables of the period (GET /api/v1/reports/agents|teams), with their CSV.
import { useEffect, useId, useState } from 'preact/hooks';
import { api, errorMessage } from '../../api';
import { csatText, durationText, tableCsv } from '../../lib/reports';
import { downloadCsv } from '../../lib/csv';
import type { ReportTableRow } from '../../../../shared/types';
import { EmptyState, Skeleton } from '../ui';
import { periodQuery, type PeriodQuery } from './period';

export function ReportTable({ kind, period }: { kind: 'agent' | 'team'; period: PeriodQuery }) {
  const id = useId();
  const [rows, setRows] = useState<ReportTableRow[] | null>(null);
  const [error, setError] = useState('');
  const [reload, setReload] = useState(0);
  const title = kind === 'agent' ? 'Agents' : 'Teams';

  useEffect(() => {
    const ctl = new AbortController();
    setRows(null);
    setError('');
    api<{ rows: ReportTableRow[] }>('GET', `/api/v1/reports/${kind}s?${periodQuery(period)}`, undefined, ctl.signal)
      .then((r) => setRows(r.rows))
      .catch((e) => { if (!ctl.signal.aborted) setError(errorMessage(e)); });
    return () => ctl.abort();
  }, [kind, period, reload]);

  const nameOf = (r: ReportTableRow) => r.name ?? (kind === 'agent' ? 'Unassigned' : 'No team');
  return (
    <section class="reports-section" aria-labelledby={`${id}-h`}>
      <div class="reports-section-head">
        <h2 id={`${id}-h`}>{title}</h2>
        <button type="button" class="btn btn-sm" disabled={!rows?.length}
          onClick={() => rows && downloadCsv(`${kind}s-${period.from}.csv`, tableCsv(rows, kind))}>Download CSV</button>
      </div>
      {error ? (
        <p class="form-error" role="alert">Could not load the {title.toLowerCase()}: {error}{' '}
          <button type="button" class="btn btn-sm" onClick={() => setReload((n) => n + 1)}>Retry</button></p>
      ) : !rows ? (
        <div role="status" aria-label={`Loading the ${title.toLowerCase()}`}><Skeleton lines={3} /></div>
      ) : rows.length === 0 ? (
        <EmptyState icon="inbox" title="No conversations in this period" />
      ) : (
        <div class="table-scroll">
          <table class="table report-table" data-testid={`${kind}-table`}>
            <caption class="sr-only">{title} in the period</caption>
            <thead><tr>
              <th scope="col">{kind === 'agent' ? 'Agent' : 'Team'}</th>
              <th scope="col" class="num">Conversations</th>
              <th scope="col" class="num">Replies</th>
              <th scope="col" class="num">First response</th>
              <th scope="col" class="num">Resolution</th>
              <th scope="col" class="num">CSAT</th>
            </tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={String(r.agent_id ?? r.team_id ?? 'none')}>
                  <th scope="row" class={r.name ? '' : 'muted'}>{nameOf(r)}</th>
                  <td class="num">{r.conversations}</td>
                  <td class="num">{r.replies}</td>
                  <td class="num">{durationText(r.first_response_median_ms)}</td>
                  <td class="num">{durationText(r.resolution_median_ms)}</td>
                  <td class="num">{csatText(r.csat_average)}{r.csat_count ? <small class="muted"> ({r.csat_count})</small> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
