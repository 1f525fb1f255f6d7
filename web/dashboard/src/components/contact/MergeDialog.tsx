// Merge a duplicate into this contact: pick the duplicate (search), confirm, and the survivor (this
// contact) keeps both histories. POST /api/v1/contacts/{duplicate}/merge {into_id}.
import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../../api';
import { contactName, ago } from '../../lib/format';
import { contactQuery } from '../../stores/contactList';
import type { Contact, ContactListItem } from '../../../../shared/types';
import { Avatar, Dialog } from '../ui';

export function MergeDialog({ survivor, onClose, onMerged }: { survivor: Contact; onClose: () => void; onMerged: (c: Contact, moved: number) => void }) {
  const [q, setQ] = useState('');
  const [results, setResults] = useState<ContactListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<ContactListItem | null>(null);
  const [busy, setBusy] = useState(false);
  const name = contactName(survivor, survivor.id);

  useEffect(() => {
    if (!q.trim()) { setResults(null); return; }
    const ctl = new AbortController();
    const t = setTimeout(() => {
      api<{ contacts: ContactListItem[] }>('GET', `/api/v1/contacts?${contactQuery(q, 'all', null, 8)}`, undefined, ctl.signal)
        .then((r) => { setResults(r.contacts.filter((c) => c.id !== survivor.id)); setError(null); })
        .catch((err) => { if ((err as Error).name !== 'AbortError') setError(errorMessage(err)); });
    }, 200);
    return () => { clearTimeout(t); ctl.abort(); };
  }, [q]);

  const merge = async () => {
    if (!picked) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ contact: Contact; moved_conversations: number }>('POST', `/api/v1/contacts/${picked.id}/merge`, { into_id: survivor.id });
      onMerged(r.contact, r.moved_conversations);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  if (picked) {
    const dup = contactName(picked, picked.id);
    return (
      <Dialog title="Merge these contacts?" onClose={onClose}>
        <div class="stack">
          <p><strong>{dup}</strong> will be merged into <strong>{name}</strong>.</p>
          <ul class="merge-facts">
            <li>{picked.conversation_count} conversation{picked.conversation_count === 1 ? '' : 's'}, the page views and the browsers of {dup} move to {name}.</li>
            <li>{name} keeps its name, email and attributes, and takes what only {dup} had.</li>
            <li>{dup} is removed. This cannot be undone.</li>
          </ul>
          {error && <p class="form-error" role="alert">{error}</p>}
          <div class="row-actions">
            <button type="button" class="btn btn-primary" disabled={busy} onClick={() => void merge()}>{busy ? 'Merging…' : `Merge into ${name}`}</button>
            <button type="button" class="btn" onClick={() => { setPicked(null); setError(null); }}>Back</button>
          </div>
        </div>
      </Dialog>
    );
  }
  return (
    <Dialog title={`Merge a duplicate into ${name}`} onClose={onClose}>
      <div class="stack">
        <p class="muted small">Find the other contact of the same person (for example the visitor they were on another device).</p>
        <label class="field"><span>Find the duplicate</span>
          <input type="search" value={q} placeholder="Name, email or user id" onInput={(e) => setQ(e.currentTarget.value)} />
        </label>
        {error && <p class="form-error" role="alert">{error}</p>}
        {results && (results.length === 0 ? <p class="muted small" role="status">No other contact matches “{q}”.</p> : (
          <ul class="merge-results" aria-label="Matching contacts">
            {results.map((c) => (
              <li key={c.id}>
                <button type="button" class="result" onClick={() => setPicked(c)}>
                  <Avatar name={contactName(c, c.id)} country={c.country} size={32} />
                  <span class="result-text"><strong>{contactName(c, c.id)}</strong>
                    <span class="muted small">{c.email ?? 'No email'} · {c.conversation_count} conversation{c.conversation_count === 1 ? '' : 's'} · seen {ago(c.last_seen_at)}</span></span>
                </button>
              </li>
            ))}
          </ul>
        ))}
      </div>
    </Dialog>
  );
}
