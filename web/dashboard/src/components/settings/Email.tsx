// Settings > Email (issue 15): whether this server sends email and from which address (when it does not, the command
// that turns it on), the workspace's four email settings with the server's word on each next to its field, and the
// outbox log: what was emailed to whom, and whether it went.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { fieldErrorsOf } from '../../lib/fieldErrors';
import { ago, fullTime } from '../../lib/format';
import { emailFormErrors, emailSettingsPatch, fieldMessage, kindLabel, outboxStateText, SMTP_COMMAND, type EmailForm } from '../../lib/email';
import { toast } from '../../stores/toasts';
import type { EmailStatus, WidgetSettings, Workspace } from '../../../../shared/types';
import { CopyBox } from './CopyBox';
import { EmptyState, Skeleton } from '../ui';
import './email.css';

const FIELDS = ['settings.email_sender_name', 'settings.email_reply_domain', 'settings.email_continuity',
  'settings.email_continuity_minutes'];

function formOf(s: WidgetSettings): EmailForm {
  return {
    sender_name: s.email_sender_name ?? '',
    reply_domain: s.email_reply_domain ?? '',
    continuity: s.email_continuity ?? true,
    minutes: String(s.email_continuity_minutes ?? 5),
  };
}

export function EmailSettings({ ws, settings, onSaved }: { ws: Workspace; settings: WidgetSettings; onSaved: (ws: Workspace) => void }) {
  const [status, setStatus] = useState<EmailStatus | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [form, setForm] = useState<EmailForm>(() => formOf(settings));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const load = () => {
    setState('loading');
    api<EmailStatus>('GET', '/api/v1/email').then((r) => { setStatus(r); setState('ready'); }, () => setState('failed'));
  };
  useEffect(load, []);

  const set = (patch: Partial<EmailForm>) => setForm({ ...form, ...patch });
  const save = async (e: Event) => {
    e.preventDefault();
    const local = emailFormErrors(form);
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const r = await api<{ workspace: Workspace }>('PATCH', '/api/v1/workspace', { settings: { ...settings, ...emailSettingsPatch(form) } });
      onSaved(r.workspace);
      toast('Email settings saved', 'success', 2500);
      load();
    } catch (err) {
      setErrors(fieldErrorsOf(err, FIELDS));
    } finally {
      setBusy(false);
    }
  };
  // One field: its label, input, hint and the error that names it.
  const err = (f: string) => { const m = errors[`settings.${f}`]; return m && fieldMessage(m); };
  const described = (f: string, hint: boolean) => [hint ? `email-${f}-hint` : '', err(f) ? `email-${f}-error` : ''].join(' ').trim() || undefined;
  const fieldError = (f: string) => err(f) && <p id={`email-${f}-error`} class="form-error small" role="alert">{err(f)}</p>;
  const defaultName = status?.from.name && !form.sender_name ? status.from.name : ws.name;

  return (
    <div class="email-settings">
      <h2>Email</h2>
      <p class="muted">
        Parley emails visitors the replies they have not seen, confirms the offline form and sends transcripts; a reply to
        one of these emails comes back into the conversation.
      </p>

      <section class="email-status" aria-labelledby="email-status-h">
        <h3 id="email-status-h">Sending</h3>
        {state === 'loading' ? <div role="status" aria-label="Loading the email status"><Skeleton lines={2} /></div>
          : state === 'failed' || !status ? (
            <p class="form-error" role="alert">Could not load the email status. <button type="button" class="btn btn-sm" onClick={load}>Retry</button></p>
          ) : status.enabled ? (
            <p data-testid="email-on"><span class="chip email-on">On</span> Emails go out from <strong>{status.from.name}</strong> &lt;{status.from.address}&gt;.</p>
          ) : (
            <div class="stack" data-testid="email-off">
              <p><span class="chip email-off">Off</span> This server sends no email: it was started without <code>--smtp</code>. Nothing is queued until it is.</p>
              <p class="muted small">To turn it on, start it with your mail server and the address emails come from:</p>
              <CopyBox text={SMTP_COMMAND} label="The command that turns email on" />
            </div>
          )}
      </section>

      <h3>Settings</h3>
      <form class="stack settings-form" onSubmit={save} noValidate>
        <label class="field"><span>Sender name</span>
          <input value={form.sender_name} maxLength={80} placeholder={defaultName} aria-invalid={err('email_sender_name') ? 'true' : undefined}
            aria-describedby={described('email_sender_name', true)} onInput={(e) => set({ sender_name: e.currentTarget.value })} />
        </label>
        <p id="email-email_sender_name-hint" class="muted small">The name visitors see in From. Empty: the workspace's name.</p>
        {fieldError('email_sender_name')}

        <label class="field"><span>Reply-to domain</span>
          <input value={form.reply_domain} maxLength={253} inputMode="url" autoCapitalize="off" spellcheck={false}
            placeholder={status?.default_reply_domain || 'mail.example.com'} aria-invalid={err('email_reply_domain') ? 'true' : undefined}
            aria-describedby={described('email_reply_domain', true)} onInput={(e) => set({ reply_domain: e.currentTarget.value })} />
        </label>
        <p id="email-email_reply_domain-hint" class="muted small">
          Replies go to reply+…@ this domain, whose mail must reach Parley. Empty: the domain of the sending address.
        </p>
        {fieldError('email_reply_domain')}

        <label class="check">
          <input type="checkbox" checked={form.continuity} aria-describedby={described('email_continuity', false)}
            onChange={(e) => set({ continuity: e.currentTarget.checked })} />
          <span>Email visitors the replies they have not seen</span>
        </label>
        {fieldError('email_continuity')}

        <label class="field"><span>After how many minutes</span>
          <input type="number" min={0} max={1440} step={1} inputMode="numeric" value={form.minutes} disabled={!form.continuity}
            aria-invalid={err('email_continuity_minutes') ? 'true' : undefined} aria-describedby={described('email_continuity_minutes', true)}
            onInput={(e) => set({ minutes: e.currentTarget.value })} />
        </label>
        <p id="email-email_continuity_minutes-hint" class="muted small">0 (at once) to 1440. A visitor who reads the reply in the chat meanwhile gets no email.</p>
        {fieldError('email_continuity_minutes')}

        {errors.form && <p class="form-error" role="alert">{errors.form}</p>}
        <div class="row-actions"><button class="btn btn-primary" type="submit" disabled={busy}>{busy ? 'Saving…' : 'Save'}</button></div>
      </form>

      <h3>Sent and queued</h3>
      {state === 'loading' ? <div role="status" aria-label="Loading the outbox"><Skeleton lines={3} /></div>
        : state === 'failed' || !status ? (
          <p class="form-error" role="alert">Could not load the outbox. <button type="button" class="btn btn-sm" onClick={load}>Retry</button></p>
        ) : status.outbox.length === 0 ? (
          <EmptyState icon="inbox" title="No emails yet">
            <p>Emails to visitors show up here: queued, sent, or why they failed.</p>
          </EmptyState>
        ) : (
          // Focusable: a keyboard can scroll a log wider than the screen.
          <div class="table-scroll" tabIndex={0} role="region" aria-label="Sent and queued emails">
            <table class="table outbox-table">
              <caption class="sr-only">The newest emails</caption>
              <thead><tr><th scope="col">Kind</th><th scope="col">To</th><th scope="col">Subject</th><th scope="col">State</th><th scope="col">Queued</th></tr></thead>
              <tbody>
                {status.outbox.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">{kindLabel(m.kind)}</th>
                    <td data-label="To">{m.to.join(', ')}</td>
                    <td data-label="Subject">{m.subject}</td>
                    <td data-label="State" class={`outbox-${m.state}`}>{outboxStateText(m)}</td>
                    <td data-label="Queued" title={fullTime(m.created_at)}>{ago(m.created_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
    </div>
  );
}
