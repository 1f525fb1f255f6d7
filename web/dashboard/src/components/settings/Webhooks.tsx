// Settings > Webhooks (issue 15, item 5; docs/webhooks.md): the workspace's subscriptions with their state
// (delivering, failing with the next try, paused after 24 hours of failures, off), an editor (URL and events),
// the signing secret shown once when made, "Send test", pause/resume, delete after a confirm, and each one's
// delivery log with "Redeliver" (WebhookDeliveries.tsx).
import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../../api';
import { fieldErrorsOf, type FieldErrors } from '../../lib/fieldErrors';
import { ago, fullTime } from '../../lib/format';
import { toast } from '../../stores/toasts';
import type { Webhook, WebhookDelivery, WebhookEventType } from '../../../../shared/types';
import { CopyBox } from './CopyBox';
import { WebhookDeliveries } from './WebhookDeliveries';
import { Dialog, EmptyState, Skeleton } from '../ui';

const EVENT_HELP: Record<WebhookEventType, string> = {
  'conversation.created': 'a visitor starts a conversation',
  'conversation.updated': 'status, assignee, team, priority or tags change',
  'conversation.resolved': 'a conversation is resolved',
  'message.created': 'a message is sent, by anyone',
  'contact.created': 'a new contact is known',
  'contact.updated': 'a contact\'s name, email, user id or attributes changed',
  'csat.submitted': 'a visitor rates a conversation',
};

interface Draft { id: number | null; url: string; events: WebhookEventType[] }
const EMPTY: Draft = { id: null, url: '', events: ['conversation.created', 'message.created'] };

/** What a subscription is doing, in words, and whether it needs the admin's attention. */
export function webhookState(w: Webhook, now = Date.now()): { text: string; tone: 'ok' | 'warn' | 'off' } {
  if (w.paused_at) return { text: `Paused ${ago(w.paused_at, now)}: ${w.pause_reason ?? 'deliveries kept failing'}`, tone: 'warn' };
  if (!w.active) return { text: 'Off', tone: 'off' };
  if (w.failures > 0) {
    const next = w.next_attempt_at ? `; next try ${w.next_attempt_at <= now ? 'now' : `at ${new Date(w.next_attempt_at).toLocaleTimeString()}`}` : '';
    return { text: `Failing: ${w.failures} ${w.failures === 1 ? 'attempt' : 'attempts'}${next}`, tone: 'warn' };
  }
  return { text: 'Delivering', tone: 'ok' };
}

export function WebhooksSettings() {
  const [hooks, setHooks] = useState<Webhook[]>([]);
  const [types, setTypes] = useState<WebhookEventType[]>([]);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [deleting, setDeleting] = useState<Webhook | null>(null);
  const [log, setLog] = useState<Webhook | null>(null);

  const load = () => {
    setState('loading');
    api<{ webhooks: Webhook[]; event_types: WebhookEventType[] }>('GET', '/api/v1/webhooks')
      .then((r) => { setHooks(r.webhooks); setTypes(r.event_types); setState('ready'); }, () => setState('failed'));
  };
  useEffect(load, []);
  const replace = (w: Webhook) => setHooks((list) => list.map((x) => (x.id === w.id ? w : x)));

  const save = async (e: Event) => {
    e.preventDefault();
    setErrors({});
    setBusy(true);
    try {
      const body = { url: draft.url.trim(), events: draft.events };
      if (draft.id) {
        const r = await api<{ webhook: Webhook }>('PATCH', `/api/v1/webhooks/${draft.id}`, body);
        replace(r.webhook);
        toast('Webhook saved', 'success', 2500);
      } else {
        const r = await api<{ webhook: Webhook }>('POST', '/api/v1/webhooks', body);
        setHooks((list) => [...list, { ...r.webhook, secret: undefined }]);
        if (r.webhook.secret) setSecret({ url: r.webhook.url, secret: r.webhook.secret });
      }
      setDraft(EMPTY);
    } catch (err) {
      setErrors(fieldErrorsOf(err, ['url', 'events']));
    } finally {
      setBusy(false);
    }
  };
  const setActive = async (w: Webhook, active: boolean) => {
    try {
      replace((await api<{ webhook: Webhook }>('PATCH', `/api/v1/webhooks/${w.id}`, { active })).webhook);
      toast(active ? 'Webhook on: it goes on from where it stopped' : 'Webhook off', 'success', 3000);
    } catch (err) {
      toast(errorMessage(err), 'error', 8000);
    }
  };
  const test = async (w: Webhook) => {
    try {
      const r = await api<{ delivery: WebhookDelivery }>('POST', `/api/v1/webhooks/${w.id}/test`);
      const d = r.delivery;
      if (d.ok) toast(`Test delivered: ${d.status} in ${d.duration_ms} ms`, 'success', 4000);
      else toast(`Test failed: ${d.error ?? `status ${d.status}`}`, 'error', 8000);
    } catch (err) {
      toast(`Test not sent: ${errorMessage(err)}`, 'error', 8000);
    }
  };
  const remove = async (w: Webhook) => {
    try {
      await api('DELETE', `/api/v1/webhooks/${w.id}`);
      setHooks((list) => list.filter((x) => x.id !== w.id));
      toast('Webhook deleted', 'success', 2500);
    } catch (err) {
      toast(`Not deleted: ${errorMessage(err)}`, 'error', 8000);
    }
    setDeleting(null);
  };
  const toggleEvent = (t: WebhookEventType, on: boolean) =>
    setDraft((d) => ({ ...d, events: on ? [...d.events, t] : d.events.filter((x) => x !== t) }));

  return (
    <div class="webhooks">
      <h2>Webhooks</h2>
      <p class="muted">
        Parley sends a signed <code>POST</code> to your URL when something happens: in order, at least once, each with an
        id to deduplicate on, retried for 24 hours, then paused. Check the <code>Parley-Signature</code> header with the
        secret (docs/webhooks.md has the code).
      </p>
      {state === 'loading' ? <div role="status" aria-label="Loading webhooks"><Skeleton lines={3} /></div>
        : state === 'failed' ? (
          <p class="form-error" role="alert">Could not load the webhooks. <button type="button" class="btn btn-sm" onClick={load}>Retry</button></p>
        ) : hooks.length === 0 ? (
          <EmptyState icon="globe" title="No webhooks yet">
            <p>Add your endpoint below to get conversations and messages as they happen.</p>
          </EmptyState>
        ) : (
          <ul class="webhook-list">
            {hooks.map((w) => {
              const st = webhookState(w);
              return (
                <li key={w.id} class="webhook-item">
                  <div class="webhook-main">
                    <code class="webhook-url">{w.url}</code>
                    <p class={`webhook-state tone-${st.tone}`} title={w.failing_since ? `failing since ${fullTime(w.failing_since)}` : undefined}>{st.text}</p>
                    <div class="chips">{w.events.map((e) => <span key={e} class="chip">{e}</span>)}</div>
                    <p class="muted small">Secret {w.secret_hint} · added {ago(w.created_at)}</p>
                  </div>
                  <div class="row-actions">
                    <button type="button" class="btn btn-sm" onClick={() => void test(w)} aria-label={`Send test to ${w.url}`}>Send test</button>
                    <button type="button" class="btn btn-sm" onClick={() => setLog(w)} aria-label={`Deliveries of ${w.url}`}>Deliveries</button>
                    <button type="button" class="btn btn-sm" onClick={() => { setDraft({ id: w.id, url: w.url, events: w.events }); setErrors({}); }} aria-label={`Edit ${w.url}`}>Edit</button>
                    {w.active && !w.paused_at
                      ? <button type="button" class="btn btn-sm" onClick={() => void setActive(w, false)} aria-label={`Turn off ${w.url}`}>Turn off</button>
                      : <button type="button" class="btn btn-sm" onClick={() => void setActive(w, true)} aria-label={`Resume ${w.url}`}>Resume</button>}
                    <button type="button" class="btn btn-sm danger" onClick={() => setDeleting(w)} aria-label={`Delete ${w.url}`}>Delete</button>
                  </div>
                </li>
              );
            })}
          </ul>
        )}

      <h3>{draft.id ? 'Edit the webhook' : 'Add a webhook'}</h3>
      <form class="stack settings-form" onSubmit={save} noValidate>
        <label class="field"><span>Endpoint URL</span>
          <input type="url" value={draft.url} maxLength={2000} placeholder="https://example.com/parley-webhook" aria-invalid={errors.url ? 'true' : undefined}
            aria-describedby={errors.url ? 'webhook-url-error' : undefined} onInput={(e) => setDraft({ ...draft, url: e.currentTarget.value })} />
        </label>
        {errors.url && <p id="webhook-url-error" class="form-error small" role="alert">{errors.url}</p>}
        <fieldset class="scope-choice">
          <legend>Events</legend>
          {types.map((t) => (
            <label key={t} class="check">
              <input type="checkbox" checked={draft.events.includes(t)} onChange={(e) => toggleEvent(t, e.currentTarget.checked)} />
              <span><code>{t}</code> <span class="muted small">{EVENT_HELP[t] ?? ''}</span></span>
            </label>
          ))}
        </fieldset>
        {errors.events && <p class="form-error small" role="alert">{errors.events}</p>}
        {errors.form && <p class="form-error" role="alert">{errors.form}</p>}
        <div class="row-actions">
          <button class="btn btn-primary" type="submit" disabled={busy}>{busy ? 'Saving…' : draft.id ? 'Save' : 'Add webhook'}</button>
          {draft.id && <button class="btn" type="button" onClick={() => { setDraft(EMPTY); setErrors({}); }}>Cancel</button>}
        </div>
      </form>

      {secret && (
        <Dialog title="The webhook’s signing secret" onClose={() => setSecret(null)}>
          <div class="stack">
            <p>Every request to <code>{secret.url}</code> is signed with this secret. Copy it into your receiver now: it is shown only this once.</p>
            <CopyBox text={secret.secret} label="The signing secret" />
          </div>
          <div class="row-actions dialog-actions"><button type="button" class="btn btn-primary" onClick={() => setSecret(null)}>Done</button></div>
        </Dialog>
      )}
      {deleting && (
        <Dialog title="Delete this webhook?" onClose={() => setDeleting(null)}>
          <p>Nothing more is sent to <code>{deleting.url}</code>, and its delivery log goes too.</p>
          <div class="row-actions dialog-actions">
            <button type="button" class="btn danger" onClick={() => void remove(deleting)}>Delete</button>
            <button type="button" class="btn" onClick={() => setDeleting(null)}>Cancel</button>
          </div>
        </Dialog>
      )}
      {log && <WebhookDeliveries webhook={log} onClose={() => setLog(null)} />}
    </div>
  );
}
