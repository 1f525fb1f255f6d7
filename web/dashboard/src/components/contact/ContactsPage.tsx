// #/contacts: everyone the workspace has met, newest seen first; search by name, email or user id;
// a table on desktop, a list on phones.
import { useEffect, useState } from 'preact/hooks';
import { countryName, flagEmoji } from '../../lib/flag';
import { contactName, fullTime, ago } from '../../lib/format';
import { useStore } from '../../lib/store';
import { usePhone } from '../../lib/viewport';
import { contactList, loadMoreContacts, searchContacts } from '../../stores/contactList';
import { buildHash, route, setQuery } from '../../stores/router';
import type { ContactListItem, ContactSegment } from '../../../../shared/types';
import { Avatar, EmptyState, Icon, Skeleton, useNow } from '../ui';

const SEGMENTS: { id: ContactSegment; label: string }[] = [
  { id: 'all', label: 'Everyone' }, { id: 'known', label: 'Known' }, { id: 'chatted', label: 'Chatted' },
];

export function ContactsPage() {
  const r = useStore(route);
  const q = r.query.get('q') ?? '';
  const segment = (SEGMENTS.find((s) => s.id === r.query.get('segment'))?.id ?? 'all') as ContactSegment;
  const s = useStore(contactList);
  const phone = usePhone();
  const now = useNow(30_000);
  const [text, setText] = useState(q);

  useEffect(() => { void searchContacts(q, segment); }, [q, segment]);
  useEffect(() => { setText(q); }, [q]);
  // Typing searches after a short pause; the URL keeps the search (back button, reload, a shared link).
  useEffect(() => {
    if (text === q) return;
    const t = setTimeout(() => setQuery({ q: text.trim() || null }, true), 250);
    return () => clearTimeout(t);
  }, [text]);

  return (
    <div class="page contacts-page">
      <header class="page-head">
        <h1>Contacts</h1>
        <p class="muted">Everyone who opened a page with your widget, newest first.</p>
      </header>
      <div class="contacts-tools">
        <form role="search" class="search-box" onSubmit={(e) => { e.preventDefault(); setQuery({ q: text.trim() || null }, true); }}>
          <Icon name="search" size={16} />
          <label class="sr-only" for="contact-search">Search contacts by name, email or user id</label>
          <input id="contact-search" type="search" placeholder="Name, email or user id" value={text} autoComplete="off"
            onInput={(e) => setText(e.currentTarget.value)} />
        </form>
        <div class="segmented" role="group" aria-label="Show">
          {SEGMENTS.map((x) => (
            <a key={x.id} href={buildHash(['contacts'], { q: q || null, segment: x.id === 'all' ? null : x.id })}
              class={segment === x.id ? 'active' : ''} aria-current={segment === x.id ? 'true' : undefined}>{x.label}</a>
          ))}
        </div>
      </div>
      {s.loading && s.items.length === 0 ? (
        <div aria-busy="true" aria-label="Loading contacts" class="contacts-skeleton">{[1, 2, 3, 4, 5].map((i) => <Skeleton key={i} lines={2} avatar />)}</div>
      ) : s.error && s.items.length === 0 ? (
        <div class="form-error" role="alert">
          <p>Could not load contacts: {s.error}</p>
          <button type="button" class="btn btn-sm" onClick={() => void searchContacts(q, segment, true)}>Try again</button>
        </div>
      ) : s.items.length === 0 ? (
        q || segment !== 'all' ? (
          <EmptyState icon="search" title="No contact matches">
            <p>{q ? `Nobody’s name, email or user id contains “${q}”.` : 'Nobody here yet.'} Try other words or show everyone.</p>
            <p><a href={buildHash(['contacts'])}>Show everyone</a></p>
          </EmptyState>
        ) : (
          <EmptyState icon="book" title="No contacts yet">
            <p>Everyone who opens a page with your chat widget becomes a contact here, with what they told you and their conversations.</p>
          </EmptyState>
        )
      ) : (
        <>
          <p class="muted small" role="status" aria-live="polite">{s.loading ? 'Searching…' : `${s.items.length}${s.nextCursor ? '+' : ''} contact${s.items.length === 1 ? '' : 's'}`}</p>
          {phone ? <ContactCards items={s.items} now={now} /> : <ContactTable items={s.items} now={now} />}
          {s.error && <p class="form-error" role="alert">{s.error}</p>}
          {s.nextCursor && (
            <button type="button" class="btn btn-block load-more" disabled={s.loadingMore} onClick={() => void loadMoreContacts()}>
              {s.loadingMore ? 'Loading…' : 'Load more'}
            </button>
          )}
        </>
      )}
    </div>
  );
}

function lastSeen(c: ContactListItem, now: number): string {
  return c.online ? 'On the site now' : ago(c.last_seen_at, now);
}

function ContactTable({ items, now }: { items: ContactListItem[]; now: number }) {
  return (
    <table class="table contacts-table">
      <thead><tr><th scope="col">Name</th><th scope="col">Country</th><th scope="col">Last seen</th><th scope="col" class="num">Conversations</th></tr></thead>
      <tbody>
        {items.map((c) => {
          const name = contactName(c, c.id);
          return (
            <tr key={c.id} data-contact-id={c.id}>
              <td>
                <a class="cell-visitor contact-link" href={buildHash(['contacts', String(c.id)])}>
                  <Avatar name={name} size={32} online={c.online ? true : undefined} />
                  <span><strong>{name}</strong><span class="muted small block">{c.email ?? (c.external_id ? `User ${c.external_id}` : 'No email')}</span></span>
                </a>
              </td>
              <td>{c.country ? <><span aria-hidden="true">{flagEmoji(c.country)} </span>{countryName(c.country)}</> : <span class="muted">Unknown</span>}</td>
              <td class="nowrap"><time dateTime={new Date(c.last_seen_at).toISOString()} title={fullTime(c.last_seen_at)}>{lastSeen(c, now)}</time></td>
              <td class="num">{c.conversation_count}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function ContactCards({ items, now }: { items: ContactListItem[]; now: number }) {
  return (
    <ul class="contact-cards">
      {items.map((c) => {
        const name = contactName(c, c.id);
        return (
          <li key={c.id} data-contact-id={c.id}>
            <a href={buildHash(['contacts', String(c.id)])}>
              <Avatar name={name} country={c.country} size={40} online={c.online ? true : undefined} />
              <span class="contact-card-main">
                <strong>{name}</strong>
                <span class="muted small">{[c.email, c.country ? countryName(c.country) : null].filter(Boolean).join(' · ') || 'No email yet'}</span>
                <span class="muted small">{lastSeen(c, now)} · {c.conversation_count} conversation{c.conversation_count === 1 ? '' : 's'}</span>
              </span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}
