// A webhook's delivery log (GET /api/v1/webhooks/{id}/deliveries: the newest first, 200 kept): when, which event,
// the answer (status or why it failed) and its first 1 KB, the payload; "Redeliver" sends one again at once.
import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../../api';
import { ago, fullTime } from '../../lib/format';
import { toast } from '../../stores/toasts';
import type { Webhook, WebhookDelivery } from '../../../../shared/types';
import { Dialog, EmptyState, Skeleton } from '../ui';

export function WebhookDeliveries({ webhook, onClose }: { webhook: Webhook; onClose: () => void }) {
  const [list, setList] = useState<WebhookDelivery[]>([]);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [open, setOpen] = useState<number | null>(null);
  const [sending, setSending] = useState<number | null>(null);

  const load = () => {
    setState('loading');
    api<{ deliveries: WebhookDelivery[] }>('GET', `/api/v1/webhooks/${webhook.id}/deliveries?limit=50`)
      .then((r) => { setList(r.deliveries); setState('ready'); }, () => setState('failed'));
  };
  useEffect(load, [webhook.id]);

  const redeliver = async (d: WebhookDelivery) => {
    setSending(d.id);
    try {
      const r = await api<{ delivery: WebhookDelivery }>('POST', `/api/v1/webhooks/${webhook.id}/deliveries/${d.id}/redeliver`);
      setList((l) => [r.delivery, ...l]);
      if (r.delivery.ok) toast(`Redelivered: ${r.delivery.status}`, 'success', 3000);
      else toast(`Redelivery failed: ${r.delivery.error ?? `status ${r.delivery.status}`}`, 'error', 8000);
    } catch (err) {
      toast(`Not redelivered: ${errorMessage(err)}`, 'error', 8000);
    } finally {
      setSending(null);
    }
  };

  return (
    <Dialog title={`Deliveries to ${webhook.url}`} onClose={onClose} wide>
      <div class="row-actions"><button type="button" class="btn btn-sm" onClick={load}>Refresh</button></div>
      {state === 'loading' ? <div role="status" aria-label="Loading deliveries"><Skeleton lines={4} /></div>
        : state === 'failed' ? (
          <p class="form-error" role="alert">Could not load the deliveries. <button type="button" class="btn btn-sm" onClick={load}>Retry</button></p>
        ) : list.length === 0 ? (
          <EmptyState icon="clock" title="Nothing sent yet"><p>Send a test, or wait for the next event.</p></EmptyState>
        ) : (
          <ul class="delivery-list">
            {list.map((d) => (
              <li key={d.id} class={`delivery ${d.ok ? 'ok' : 'failed'}`}>
                <div class="delivery-head">
                  <span class={`chip ${d.ok ? 'delivery-ok' : 'delivery-failed'}`}>{d.ok ? `${d.status} OK` : d.status ? `${d.status}` : 'failed'}</span>
                  <code>{d.event_type}</code>
                  {d.kind !== 'event' && <span class="chip">{d.kind}</span>}
                  {d.attempt > 1 && <span class="muted small">attempt {d.attempt}</span>}
                  <span class="muted small" title={fullTime(d.created_at)}>{ago(d.created_at)} · {d.duration_ms} ms</span>
                  <span class="row-actions">
                    <button type="button" class="btn btn-sm" aria-expanded={open === d.id} aria-controls={`delivery-${d.id}`}
                      onClick={() => setOpen(open === d.id ? null : d.id)}>{open === d.id ? 'Hide' : 'Details'}</button>
                    <button type="button" class="btn btn-sm" disabled={sending === d.id} onClick={() => void redeliver(d)}
                      aria-label={`Redeliver ${d.event_type} ${d.event_id}`}>{sending === d.id ? 'Sending…' : 'Redeliver'}</button>
                  </span>
                </div>
                {!d.ok && d.error && <p class="form-error small">{d.error}</p>}
                {open === d.id && (
                  <div id={`delivery-${d.id}`} class="delivery-detail">
                    <p class="muted small">Id <code>{d.event_id}</code></p>
                    <h4>Payload</h4>
                    <pre>{d.request_body}</pre>
                    <h4>Answer</h4>
                    <pre>{d.response_excerpt || '(empty)'}</pre>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
    </Dialog>
  );
}
