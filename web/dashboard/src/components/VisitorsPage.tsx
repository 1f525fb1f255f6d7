import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../api';
import { countryName } from '../lib/flag';
import { contactName, duration, shortUrl } from '../lib/format';
import { safeHref } from '../../../shared/linkify';
import { newClientId } from '../../../shared/clientId';
import { useStore } from '../lib/store';
import { mergeConversation } from '../stores/conversations';
import { buildHash, navigate } from '../stores/router';
import { isAdmin } from '../stores/session';
import { toast } from '../stores/toasts';
import { loadOnline, online } from '../stores/visitors';
import type { Contact, Conversation, Message } from '../../../shared/types';
import { Avatar, Dialog, EmptyState, Icon, Skeleton, useNow } from './ui';

export function VisitorsPage() {
  const o = useStore(online);
  const now = useNow(1000);
  const [chatWith, setChatWith] = useState<Contact | null>(null);
  useEffect(() => { void loadOnline(); }, []);

  return (
    <div class="page">
      <header class="page-head">
        <h1>Live visitors</h1>
        <p class="muted">{o.loaded ? `${o.list.length} on your site now` : 'Who is on your site right now'}</p>
        <button type="button" class="btn btn-sm" onClick={() => void loadOnline()}><Icon name="refresh" size={14} /> Refresh</button>
      </header>
      {o.loading && !o.loaded ? <div aria-busy="true">{[1, 2, 3].map((i) => <Skeleton key={i} lines={2} avatar />)}</div>
        : o.list.length === 0 ? (
          <EmptyState icon="visitors" title="Nobody on your site right now">
            <p>Visitors appear here the moment a page with the chat widget loads, with the page they are on.</p>
            {isAdmin() && <p><a href={buildHash(['settings', 'widget'])}>Get the widget snippet</a></p>}
          </EmptyState>
        ) : (
          <table class="table visitors-table">
            <thead><tr><th scope="col">Visitor</th><th scope="col">Current page</th><th scope="col">On site</th><th scope="col">Browser</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
            <tbody>
              {o.list.map((v) => {
                const name = contactName(v, v.id);
                return (
                  <tr key={v.id} data-contact-id={v.id}>
                    <td>
                      <div class="cell-visitor">
                        <Avatar name={name} country={v.country} size={32} online />
                        <div><strong>{name}</strong><div class="muted small">{v.country ? countryName(v.country) : 'Unknown location'}</div></div>
                      </div>
                    </td>
                    <td>
                      {v.current_url ? (
                        <a href={safeHref(v.current_url) ?? undefined} target="_blank" rel="noopener noreferrer" title={v.current_url}>
                          {v.current_title || shortUrl(v.current_url)}
                        </a>
                      ) : <span class="muted">—</span>}
                      {v.current_url && <div class="muted small">{shortUrl(v.current_url)}</div>}
                    </td>
                    <td class="nowrap">{duration(now - (v.online_since ?? v.last_seen_at ?? now))}</td>
                    <td class="muted small">{[v.browser, v.os].filter(Boolean).join(' · ') || '—'}</td>
                    <td><button type="button" class="btn btn-sm btn-primary" onClick={() => setChatWith(v)}>Start chat</button></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      {chatWith && <StartChat contact={chatWith} onClose={() => setChatWith(null)} />}
    </div>
  );
}

function StartChat({ contact, onClose }: { contact: Contact; onClose: () => void }) {
  const [body, setBody] = useState('Hi! Can I help you find anything?');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [clientId] = useState(newClientId);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ conversation: Conversation; message: Message }>('POST', `/api/v1/contacts/${contact.id}/messages`, { body: body.trim(), client_id: clientId });
      mergeConversation(r.conversation);
      toast('Message sent: it is in the visitor’s chat window now', 'success');
      onClose();
      navigate(buildHash(['inbox'], { view: 'all', c: r.conversation.id }));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  return (
    <Dialog title={`Start a chat with ${contactName(contact, contact.id)}`} onClose={onClose}>
      <form onSubmit={submit} class="stack">
        <p class="muted small">The message opens the chat window on their screen{contact.current_url ? ` (${shortUrl(contact.current_url)})` : ''}.</p>
        <label class="field"><span>Message</span>
          <textarea rows={4} value={body} onInput={(e) => setBody(e.currentTarget.value)} required />
        </label>
        {error && <p class="form-error" role="alert">{error}</p>}
        <div class="row-actions">
          <button type="submit" class="btn btn-primary" disabled={busy || !body.trim()}>{busy ? 'Sending…' : 'Send message'}</button>
          <button type="button" class="btn" onClick={onClose}>Cancel</button>
        </div>
      </form>
    </Dialog>
  );
}
