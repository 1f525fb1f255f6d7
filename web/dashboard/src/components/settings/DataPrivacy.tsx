// Settings > Data & privacy (issue 16, item 3; docs/privacy.md): how long the workspace keeps
// conversations, page views and anonymous contacts. Empty or 0 keeps forever; a background job
// deletes what is older within the hour. Exports and erasures are on each contact's page.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { fieldErrorsOf, type FieldErrors } from '../../lib/fieldErrors';
import { fullTime } from '../../lib/format';
import { toast } from '../../stores/toasts';
import { Skeleton } from '../ui';

interface Retention {
  conversation_days: number;
  page_view_days: number;
  anonymous_contact_days: number;
  updated_at: number;
}
type Field = 'conversation_days' | 'page_view_days' | 'anonymous_contact_days';

const FIELDS: { key: Field; label: string; help: string }[] = [
  { key: 'conversation_days', label: 'Delete conversations after', help: 'Counted from the last message or change. Messages, notes and attachments go with them.' },
  { key: 'page_view_days', label: 'Delete page views after', help: 'The pages a contact was seen on.' },
  { key: 'anonymous_contact_days', label: 'Delete anonymous contacts after', help: 'Visitors without a name, email or user id who never wrote, counted from their last visit.' },
];

const MAX_DAYS = 3650;  // the server's limit (domain/retention.h)

/** "" or "0" keeps forever; otherwise whole days (the server checks the range). */
function daysOf(text: string): number | null {
  const t = text.trim();
  if (t === '') return 0;
  return /^\d+$/.test(t) ? Number(t) : null;
}

export function DataPrivacySettings() {
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [saved, setSaved] = useState<Retention | null>(null);
  const [values, setValues] = useState<Record<Field, string>>({ conversation_days: '', page_view_days: '', anonymous_contact_days: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  const show = (r: Retention) => {
    setSaved(r);
    setValues({
      conversation_days: r.conversation_days ? String(r.conversation_days) : '',
      page_view_days: r.page_view_days ? String(r.page_view_days) : '',
      anonymous_contact_days: r.anonymous_contact_days ? String(r.anonymous_contact_days) : '',
    });
  };
  const load = () => {
    setState('loading');
    api<{ retention: Retention }>('GET', '/api/v1/retention-settings')
      .then((r) => { show(r.retention); setState('ready'); }, () => setState('failed'));
  };
  useEffect(load, []);

  const save = async (e: Event) => {
    e.preventDefault();
    const body: Partial<Record<Field, number>> = {};
    const bad: FieldErrors = {};
    for (const f of FIELDS) {
      const d = daysOf(values[f.key]);
      if (d === null) bad[f.key] = 'A whole number of days, or empty to keep forever';
      else if (d > MAX_DAYS) bad[f.key] = `At most ${MAX_DAYS} days (about ten years); leave it empty to keep forever`;
      else body[f.key] = d;
    }
    setErrors(bad);
    if (Object.keys(bad).length) return;
    setBusy(true);
    try {
      const r = await api<{ retention: Retention }>('PUT', '/api/v1/retention-settings', body);
      show(r.retention);
      toast('Retention saved', 'success', 2500);
    } catch (err) {
      setErrors(fieldErrorsOf(err, FIELDS.map((f) => f.key)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="data-privacy">
      <h2>Data &amp; privacy</h2>
      <p class="muted">
        How long this workspace keeps what it learns about visitors. Leave a field empty (or 0) to keep forever.
        Older data is deleted for good within the hour, in small batches. To export or erase one person's data,
        open their contact page.
      </p>
      {state === 'loading' ? <div role="status" aria-label="Loading the retention settings"><Skeleton lines={4} /></div>
        : state === 'failed' ? (
          <p class="form-error" role="alert">Could not load the retention settings. <button type="button" class="btn btn-sm" onClick={load}>Retry</button></p>
        ) : (
          <form class="stack settings-form" onSubmit={save} noValidate>
            {FIELDS.map((f) => (
              <div key={f.key} class="retention-field">
                <label class="field"><span>{f.label}</span>
                  <span class="retention-input">
                    <input id={`retention-${f.key}`} inputMode="numeric" value={values[f.key]} placeholder="Keep forever"
                      aria-invalid={errors[f.key] ? 'true' : undefined} aria-describedby={`retention-${f.key}-help${errors[f.key] ? ` retention-${f.key}-error` : ''}`}
                      onInput={(e) => setValues({ ...values, [f.key]: e.currentTarget.value })} />
                    <span aria-hidden="true">days</span>
                  </span>
                </label>
                <p id={`retention-${f.key}-help`} class="muted small">{f.help}</p>
                {errors[f.key] && <p id={`retention-${f.key}-error`} class="form-error small" role="alert">{errors[f.key]}</p>}
              </div>
            ))}
            {errors.form && <p class="form-error" role="alert">{errors.form}</p>}
            <div class="row-actions">
              <button class="btn btn-primary" type="submit" disabled={busy}>{busy ? 'Saving…' : 'Save'}</button>
              {saved?.updated_at ? <span class="muted small">Last changed {fullTime(saved.updated_at)}</span> : null}
            </div>
          </form>
        )}
      <h3>What stays</h3>
      <p class="muted small">
        Backups keep deleted data until they expire, and the audit log records each export and erasure (without
        the data). The full statement is in <code>docs/privacy.md</code>.
      </p>
    </div>
  );
}
