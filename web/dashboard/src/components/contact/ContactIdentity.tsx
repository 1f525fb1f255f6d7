import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../../api';
import { contactName } from '../../lib/format';
import { putContact } from '../../stores/visitors';
import { toast } from '../../stores/toasts';
import type { Contact } from '../../../../shared/types';

/** Name and email of a contact, shown with an Edit button that turns them into a small form. */
export function ContactIdentity({ c }: { c: Contact }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(c.name ?? '');
  const [email, setEmail] = useState(c.email ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => { if (!editing) { setName(c.name ?? ''); setEmail(c.email ?? ''); } }, [c.name, c.email, editing]);

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ contact: Contact }>('PATCH', `/api/v1/contacts/${c.id}`, { name: name.trim() || null, email: email.trim() || null });
      putContact(r.contact);
      setEditing(false);
      toast('Visitor saved', 'success');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  if (!editing) {
    return (
      <div class="identity">
        <div>
          <div class="identity-name" data-testid="visitor-name">{contactName(c, c.id)}</div>
          <div class="muted small">{c.email ?? 'No email yet'}</div>
        </div>
        <button type="button" class="btn btn-sm" onClick={() => setEditing(true)} aria-label="Edit name and email">Edit</button>
      </div>
    );
  }
  return (
    <form class="identity-form" onSubmit={save}>
      <label class="field"><span>Name</span><input value={name} onInput={(e) => setName(e.currentTarget.value)} autoFocus /></label>
      <label class="field"><span>Email</span><input type="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)}
        aria-invalid={!!error} /></label>
      {error && <p class="form-error" role="alert">{error}</p>}
      <div class="row-actions">
        <button class="btn btn-primary btn-sm" type="submit" disabled={busy}>Save</button>
        <button class="btn btn-sm" type="button" onClick={() => setEditing(false)}>Cancel</button>
      </div>
    </form>
  );
}
