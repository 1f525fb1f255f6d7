// #/contacts/<id>: one contact — who they are (editable name and email), where and how they browse,
// custom attributes (add, edit, remove), their conversations with ratings, merging a duplicate in, and
// (admins) exporting or erasing the contact's data.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, errorMessage } from '../../api';
import { countryName, flagEmoji, languageName } from '../../lib/flag';
import { contactName, fullTime, localTimeIn, ago } from '../../lib/format';
import { useStore } from '../../lib/store';
import { invalidateContacts } from '../../stores/contactList';
import { buildHash } from '../../stores/router';
import { toast } from '../../stores/toasts';
import { contacts, putContact } from '../../stores/visitors';
import type { Contact, Conversation } from '../../../../shared/types';
import { Avatar, EmptyState, Icon, Skeleton, useNow } from '../ui';
import { AttributesEditor } from './AttributesEditor';
import { ContactIdentity } from './ContactIdentity';
import { BlockDialog } from './BlockDialog';
import { MergeDialog } from './MergeDialog';
import { PrivacyActions } from './PrivacyActions';
import { session } from '../../stores/session';
import { PastConversations } from './PastConversations';

export function ContactPage({ id }: { id: number }) {
  const c = useStore(contacts, (m) => m.get(id));
  const [state, setState] = useState<'loading' | 'ready' | 'missing' | 'error'>(c ? 'ready' : 'loading');
  const [error, setError] = useState('');
  const [convs, setConvs] = useState<Conversation[] | null>(null);
  const [merging, setMerging] = useState(false);
  const [blocking, setBlocking] = useState(false);
  const now = useNow(30_000);
  const admin = useStore(session, (x) => x.phase === 'ready' && x.agent.role === 'admin');

  const load = () => {
    setState((s) => (s === 'ready' ? s : 'loading'));
    api<{ contact: Contact }>('GET', `/api/v1/contacts/${id}`)
      .then((r) => { putContact(r.contact); setState('ready'); })
      .catch((err) => {
        if (err instanceof ApiError && err.status === 404) setState('missing');
        else { setError(errorMessage(err)); setState('error'); }
      });
    api<{ conversations: Conversation[] }>('GET', `/api/v1/contacts/${id}/conversations`)
      .then((r) => setConvs(r.conversations)).catch(() => setConvs([]));
  };
  useEffect(load, [id]);

  const back = <a class="back-link" href={buildHash(['contacts'])}><Icon name="back" size={16} /> Contacts</a>;
  if (state === 'missing') {
    return (
      <div class="page">{back}
        <EmptyState icon="book" title="No such contact"><p>It may have been merged into another contact. Search for them on the contacts page.</p></EmptyState>
      </div>
    );
  }
  if (state === 'error' && !c) {
    return (
      <div class="page">{back}
        <div class="form-error" role="alert"><p>Could not load the contact: {error}</p><button type="button" class="btn btn-sm" onClick={load}>Try again</button></div>
      </div>
    );
  }
  if (!c) return <div class="page" aria-busy="true">{back}<h1 class="sr-only">Contact</h1><Skeleton lines={2} avatar /><Skeleton lines={4} /><Skeleton lines={3} /></div>;

  const name = contactName(c, c.id);
  return (
    <div class="page contact-page">
      {back}
      <header class="contact-head">
        <Avatar name={name} country={c.country} size={56} online={c.online ? true : undefined} />
        <div class="contact-title">
          <h1>{name}</h1>
          <p class="muted">{c.online ? <span class="online-label"><span class="presence-dot online small" /> On the site now</span> : `Last seen ${ago(c.last_seen_at, now)}`}{c.email ? ` · ${c.email}` : ''}</p>
        </div>
        <div class="contact-actions">
          <button type="button" class="btn" onClick={() => setMerging(true)}><Icon name="merge" size={16} /> Merge a duplicate…</button>
          <button type="button" class="btn danger" onClick={() => setBlocking(true)}>Block…</button>
          {admin && <PrivacyActions id={c.id} name={name} />}
        </div>
      </header>
      <div class="contact-grid">
        <div class="contact-col">
          <section class="card-section" aria-labelledby="details-title">
            <h2 id="details-title">Details</h2>
            <ContactIdentity c={c} />
            <dl class="facts">
              {c.external_id && <div><dt>User id</dt><dd><code>{c.external_id}</code></dd></div>}
              <div><dt>Location</dt><dd>{c.country ? <><span aria-hidden="true">{flagEmoji(c.country)} </span>{countryName(c.country)}</> : 'Unknown'}</dd></div>
              {c.timezone && <div><dt>Local time</dt><dd>{localTimeIn(c.timezone, now)} <span class="muted">({c.timezone})</span></dd></div>}
              {c.language && <div><dt>Language</dt><dd>{languageName(c.language)}</dd></div>}
              {(c.browser || c.os) && <div><dt>Browser</dt><dd>{[c.browser, c.os].filter(Boolean).join(' · ')}</dd></div>}
              <div><dt>First seen</dt><dd>{fullTime(c.first_seen_at)}</dd></div>
              <div><dt>Last seen</dt><dd>{fullTime(c.last_seen_at)}</dd></div>
            </dl>
          </section>
          <AttributesEditor c={c} />
        </div>
        <section class="card-section contact-col" aria-labelledby="convs-title">
          <h2 id="convs-title">Conversations {convs && <span class="muted">{convs.length}</span>}</h2>
          {convs === null ? <Skeleton lines={3} /> : <PastConversations list={convs} now={now} />}
        </section>
      </div>
      {blocking && (
        <BlockDialog contactId={c.id} name={name} onClose={() => setBlocking(false)}
          onBlocked={(b) => { setBlocking(false); toast(`${b.label} blocked: they can no longer send messages`, 'success', 4000); }} />
      )}
      {merging && (
        <MergeDialog survivor={c} onClose={() => setMerging(false)} onMerged={(merged, moved) => {
          setMerging(false);
          putContact(merged);
          invalidateContacts();
          toast(`Merged: ${moved} conversation${moved === 1 ? '' : 's'} moved to ${contactName(merged, merged.id)}`, 'success');
          load();
        }} />
      )}
    </div>
  );
}
