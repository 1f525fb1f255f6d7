// Key/value attributes of a contact: listed, each editable and removable, plus a row to add one.
// Mistakes are shown at their field (ours first, then the server's).
import { useState } from 'preact/hooks';
import { api, ApiError, errorMessage } from '../../api';
import { attributePatch, draftOf, serverErrorField, validateAttr, type AttrDraft, type AttrErrors } from '../../lib/attributes';
import { putContact } from '../../stores/visitors';
import { toast } from '../../stores/toasts';
import type { Contact } from '../../../../shared/types';
import { Icon } from '../ui';

export function AttributesEditor({ c }: { c: Contact }) {
  const entries = Object.entries(c.attributes ?? {});
  const [editing, setEditing] = useState<string | null>(null);  // a key, or '' for a new one
  const save = async (d: AttrDraft, original?: string): Promise<AttrErrors | null> => {
    try {
      const r = await api<{ contact: Contact }>('PATCH', `/api/v1/contacts/${c.id}`, { attributes: attributePatch(d, original) });
      putContact(r.contact);
      setEditing(null);
      toast(`Saved ${d.key.trim()}`, 'success', 2500);
      return null;
    } catch (err) {
      const msg = errorMessage(err);
      if (err instanceof ApiError && err.field === 'attributes') return { [serverErrorField(msg)]: msg };
      return { value: msg };
    }
  };
  const remove = async (key: string) => {
    try {
      const r = await api<{ contact: Contact }>('PATCH', `/api/v1/contacts/${c.id}`, { attributes: { [key]: null } });
      putContact(r.contact);
      toast(`Removed ${key}`, 'success', 2500);
    } catch (err) {
      toast(`Not removed: ${errorMessage(err)}`, 'error', 8000);
    }
  };
  return (
    <section class="card-section" aria-labelledby="attrs-title">
      <div class="section-head">
        <h2 id="attrs-title">Attributes</h2>
        {editing !== '' && <button type="button" class="btn btn-sm" onClick={() => setEditing('')}><Icon name="plus" size={14} /> Add attribute</button>}
      </div>
      {entries.length === 0 && editing !== '' && (
        <p class="muted small">No attributes yet. Add what your team should know (plan, company, order number), or let your site send them with <code>Parley('set', …)</code>.</p>
      )}
      <ul class="attr-list">
        {entries.map(([k, v]) => (editing === k ? (
          <li key={k}><AttrForm initial={draftOf(k, v)} others={entries.map(([x]) => x).filter((x) => x !== k)} count={entries.length - 1}
            onSave={(d) => save(d, k)} onCancel={() => setEditing(null)} /></li>
        ) : (
          <li key={k} class="attr-row" data-attr={k}>
            <span class="attr-key">{k}</span>
            <span class="attr-value">{typeof v === 'boolean' ? (v ? 'Yes' : 'No') : String(v)}</span>
            <span class="row-actions">
              <button type="button" class="btn btn-sm" aria-label={`Edit ${k}`} onClick={() => setEditing(k)}>Edit</button>
              <button type="button" class="btn btn-sm danger" aria-label={`Remove ${k}`} onClick={() => void remove(k)}>Remove</button>
            </span>
          </li>
        )))}
        {editing === '' && (
          <li><AttrForm initial={{ key: '', type: 'text', value: '' }} others={entries.map(([x]) => x)} count={entries.length}
            onSave={(d) => save(d)} onCancel={() => setEditing(null)} /></li>
        )}
      </ul>
    </section>
  );
}

function AttrForm({ initial, others, count, onSave, onCancel }: {
  initial: AttrDraft; others: string[]; count: number; onSave: (d: AttrDraft) => Promise<AttrErrors | null>; onCancel: () => void;
}) {
  const [d, setD] = useState(initial);
  const [errors, setErrors] = useState<AttrErrors>({});
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const found = validateAttr(d, others, count);
    setErrors(found);
    if (found.key || found.value) return;
    setBusy(true);
    const server = await onSave(d);
    setBusy(false);
    if (server) setErrors(server);
  };
  const id = initial.key ? `attr-${initial.key.replace(/\W/g, '_')}` : 'attr-new';
  return (
    <form class="attr-form" onSubmit={submit} noValidate onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); onCancel(); } }}>
      <label class="field"><span>Name</span>
        <input id={`${id}-key`} value={d.key} autoFocus={!initial.key} maxLength={64} aria-invalid={!!errors.key}
          aria-describedby={errors.key ? `${id}-key-err` : undefined} onInput={(e) => setD({ ...d, key: e.currentTarget.value })} />
        {errors.key && <span class="field-error" id={`${id}-key-err`} role="alert">{errors.key}</span>}
      </label>
      <label class="field"><span>Type</span>
        <select value={d.type} onChange={(e) => {
          const type = e.currentTarget.value as AttrDraft['type'];
          setD({ ...d, type, value: type === 'boolean' ? (d.value === 'false' ? 'false' : 'true') : d.value });
        }}>
          <option value="text">Text</option><option value="number">Number</option><option value="boolean">Yes / no</option>
        </select>
      </label>
      <label class="field attr-value-field"><span>Value</span>
        {d.type === 'boolean' ? (
          <select value={d.value} onChange={(e) => setD({ ...d, value: e.currentTarget.value })} aria-invalid={!!errors.value}>
            <option value="true">Yes</option><option value="false">No</option>
          </select>
        ) : (
          <input value={d.value} inputMode={d.type === 'number' ? 'decimal' : undefined} autoFocus={!!initial.key} aria-invalid={!!errors.value}
            aria-describedby={errors.value ? `${id}-value-err` : undefined} onInput={(e) => setD({ ...d, value: e.currentTarget.value })} />
        )}
        {errors.value && <span class="field-error" id={`${id}-value-err`} role="alert">{errors.value}</span>}
      </label>
      <div class="row-actions attr-form-actions">
        <button type="submit" class="btn btn-primary btn-sm" disabled={busy}>{busy ? 'Saving…' : 'Save'}</button>
        <button type="button" class="btn btn-sm" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
