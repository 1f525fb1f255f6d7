// Settings > Audit log (issue 16, item 2): who did what, when and from which address, newest first.
// Filters (action, who, dates in the workspace's time zone) reload the list; "Load more" follows the
// cursor; "Download CSV" exports what the filters select. Admins only (the server says so too).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, apiDownload, errorMessage } from '../../api';
import { AUDIT_ACTIONS, actionLabel, auditQuery, detailText, NO_AUDIT_FILTERS, rangeError, timeInZone, type AuditFilters } from '../../lib/auditLog';
import { useStore } from '../../lib/store';
import { directory } from '../../stores/directory';
import { toast } from '../../stores/toasts';
import type { AuditEntry } from '../../../../shared/types';
import { EmptyState, Skeleton } from '../ui';
import './audit.css';

const PAGE = 50;

export function AuditLogSettings({ timeZone }: { timeZone: string }) {
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [more, setMore] = useState(false);
  const [filters, setFilters] = useState<AuditFilters>(NO_AUDIT_FILTERS);
  const [downloading, setDownloading] = useState(false);
  const agents = useStore(directory, (d) => d.agents);
  const generation = useRef(0);
  const badRange = rangeError(filters);

  const load = () => {
    if (badRange) return;
    const mine = ++generation.current;
    setState('loading');
    api<{ entries: AuditEntry[]; next_before: number | null }>('GET', `/api/v1/audit-log${auditQuery(filters, timeZone, { limit: PAGE })}`)
      .then((r) => {
        if (mine !== generation.current) return;  // a newer filter's answer wins
        setEntries(r.entries);
        setNext(r.next_before);
        setState('ready');
      }, () => { if (mine === generation.current) setState('failed'); });
  };
  useEffect(load, [filters.action, filters.actor, filters.from, filters.to, timeZone]);

  const loadMore = async () => {
    if (next === null) return;
    setMore(true);
    try {
      const r = await api<{ entries: AuditEntry[]; next_before: number | null }>(
        'GET', `/api/v1/audit-log${auditQuery(filters, timeZone, { limit: PAGE, before: next })}`);
      setEntries([...entries, ...r.entries]);
      setNext(r.next_before);
    } catch (err) {
      toast(`Could not load more: ${errorMessage(err)}`, 'error', 8000);
    } finally {
      setMore(false);
    }
  };
  const download = async () => {
    setDownloading(true);
    try {
      await apiDownload(`/api/v1/audit-log/export${auditQuery(filters, timeZone)}`, 'audit-log.csv');
    } catch (err) {
      toast(`Not downloaded: ${errorMessage(err)}`, 'error', 8000);
    } finally {
      setDownloading(false);
    }
  };
  const set = (k: keyof AuditFilters) => (e: Event) => setFilters({ ...filters, [k]: (e.currentTarget as HTMLInputElement).value });
  const filtered = filters.action || filters.actor || filters.from || filters.to;

  return (
    <div class="audit-log">
      <h2>Audit log</h2>
      <p class="muted">
        Sign-ins, two-factor changes, changes to agents, settings, API tokens, webhooks and blocks, contact exports and erasures: who did it, when and from which address.
        Entries are never changed or removed. Times are in {timeZone}.
      </p>
      <form class="audit-filters" aria-label="Filter the audit log" onSubmit={(e) => e.preventDefault()}>
        <label class="field"><span>Action</span>
          <select id="audit-action" value={filters.action} onChange={set('action')}>
            <option value="">All actions</option>
            {AUDIT_ACTIONS.map((a) => <option key={a.value} value={a.value}>{a.label}</option>)}
          </select>
        </label>
        <label class="field"><span>Who</span>
          <select id="audit-actor" value={filters.actor} onChange={set('actor')}>
            <option value="">Anyone</option>
            {agents.map((a) => <option key={a.id} value={`agent:${a.id}`}>{a.name}</option>)}
            <option value="api_token">Any API token</option>
            <option value="system">System and sign-in attempts</option>
          </select>
        </label>
        <label class="field"><span>From</span>
          <input id="audit-from" type="date" value={filters.from} onChange={set('from')} aria-invalid={badRange ? 'true' : undefined} />
        </label>
        <label class="field"><span>To</span>
          <input id="audit-to" type="date" value={filters.to} onChange={set('to')} aria-invalid={badRange ? 'true' : undefined}
            aria-describedby={badRange ? 'audit-range-error' : undefined} />
        </label>
        <div class="row-actions">
          {filtered && <button type="button" class="btn" onClick={() => setFilters(NO_AUDIT_FILTERS)}>Clear</button>}
          <button type="button" class="btn" onClick={() => void download()} disabled={downloading || !!badRange}>
            {downloading ? 'Preparing…' : 'Download CSV'}
          </button>
        </div>
      </form>
      {badRange && <p id="audit-range-error" class="form-error small" role="alert">{badRange}</p>}

      {state === 'loading' ? <div role="status" aria-label="Loading the audit log"><Skeleton lines={5} /></div>
        : state === 'failed' ? (
          <p class="form-error" role="alert">Could not load the audit log. <button type="button" class="btn btn-sm" onClick={load}>Retry</button></p>
        ) : entries.length === 0 ? (
          <EmptyState icon="search" title={filtered ? 'Nothing matches these filters' : 'Nothing recorded yet'}>
            <p>{filtered ? 'Try another action, person or date range.' : 'Sign-ins and changes to the workspace appear here.'}</p>
          </EmptyState>
        ) : (
          <>
            <div class="table-scroll">
              <table class="table audit-table">
                <caption class="sr-only">Audit log entries, newest first</caption>
                <thead><tr><th scope="col">Time</th><th scope="col">Who</th><th scope="col">Address</th><th scope="col">What</th><th scope="col">Target</th></tr></thead>
                <tbody>
                  {entries.map((e) => (
                    <tr key={e.id}>
                      <td data-label="Time" class="audit-time"><time dateTime={new Date(e.at).toISOString()}>{timeInZone(e.at, timeZone)}</time></td>
                      <td data-label="Who">{e.actor.name}{e.actor.type === 'api_token' && <span class="sr-only"> (API token)</span>}</td>
                      <td data-label="Address"><span class="audit-address">{e.address || '—'}</span></td>
                      <td data-label="What">
                        <span class={`chip${e.action === 'agent.login_failed' ? ' audit-failed' : ''}`}>{actionLabel(e.action)}</span>
                        {detailText(e) && <span class="audit-detail">{detailText(e)}</span>}
                      </td>
                      <td data-label="Target">{e.target.label || `${e.target.type} ${e.target.id}`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {next !== null && (
              <div class="audit-more">
                <button type="button" class="btn" onClick={() => void loadMore()} disabled={more}>{more ? 'Loading…' : 'Load more'}</button>
              </div>
            )}
          </>
        )}
    </div>
  );
}
