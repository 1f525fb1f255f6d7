import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { countryName, flagEmoji, languageName } from '../../lib/flag';
import { clock, duration, fullTime, localTimeIn, ago, shortUrl } from '../../lib/format';
import { safeHref } from '../../../../shared/linkify';
import { useStore } from '../../lib/store';
import { buildHash } from '../../stores/router';
import { contacts, loadContact } from '../../stores/visitors';
import type { Contact, Conversation, PageView } from '../../../../shared/types';
import { ContactIdentity } from '../contact/ContactIdentity';
import { PastConversations } from '../contact/PastConversations';
import { Icon, Skeleton, useNow } from '../ui';

export function VisitorPanel({ contactId, conversationId, onClose, phone = false }: { contactId: number; conversationId: number; onClose: () => void; phone?: boolean }) {
  const c = useStore(contacts, (m) => m.get(contactId));
  const [views, setViews] = useState<PageView[] | null>(null);
  const [past, setPast] = useState<Conversation[] | null>(null);
  const now = useNow(15_000);

  useEffect(() => {
    void loadContact(contactId);
    api<{ conversations: Conversation[] }>('GET', `/api/v1/contacts/${contactId}/conversations`)
      .then((r) => setPast(r.conversations)).catch(() => setPast([]));
  }, [contactId]);

  // The page trail follows the current page (live `presence` frames change current_url).
  useEffect(() => {
    api<{ pageviews: PageView[] }>('GET', `/api/v1/contacts/${contactId}/pageviews?limit=20`)
      .then((r) => setViews(r.pageviews)).catch(() => setViews([]));
  }, [contactId, c?.current_url]);

  return (
    <aside class="visitor-panel" aria-label="Visitor details">
      <header class="panel-head">
        {phone && <button type="button" class="btn icon-btn back-btn" aria-label="Back to the conversation" onClick={onClose}><Icon name="back" /></button>}
        <h2>Visitor</h2>
        <a class="btn btn-sm" href={buildHash(['contacts', String(contactId)])}>Contact page</a>
        {!phone && <button type="button" class="btn icon-btn" aria-label="Hide visitor details" onClick={onClose}><Icon name="x" size={16} /></button>}
      </header>
      {!c ? <div class="panel-body"><Skeleton lines={4} avatar /><Skeleton lines={3} /></div> : (
        <div class="panel-body">
          <ContactIdentity c={c} />
          <dl class="facts">
            {c.country && (
              <div><dt>Location</dt><dd data-testid="country"><span class="flag" aria-hidden="true">{flagEmoji(c.country)}</span> {countryName(c.country)}</dd></div>
            )}
            {c.timezone && (
              <div><dt>Local time</dt><dd data-testid="localtime">{localTimeIn(c.timezone, now)} <span class="muted">({c.timezone})</span></dd></div>
            )}
            {c.language && <div><dt>Language</dt><dd>{languageName(c.language)} <span class="muted">({c.language})</span></dd></div>}
            {(c.browser || c.os) && (
              <div><dt>Browser</dt><dd>
                {c.browser && <span class="tech"><Icon name="globe" size={14} /> {c.browser}</span>}
                {c.os && <span class="tech"><Icon name="monitor" size={14} /> {c.os}</span>}
              </dd></div>
            )}
            <div><dt>Status</dt><dd>{c.online ? <span class="online-label"><span class="presence-dot online small" /> On the site now</span> : `Last seen ${ago(c.last_seen_at, now)}`}</dd></div>
            {c.external_id && <div><dt>User id</dt><dd><code>{c.external_id}</code></dd></div>}
          </dl>
          <CurrentPage c={c} views={views} now={now} />
          <section class="panel-section">
            <h3>Page trail</h3>
            {views === null ? <Skeleton lines={3} /> : views.length === 0 ? <p class="muted small">No page views recorded yet.</p> : (
              <ol class="trail">
                {views.map((v, i) => (
                  <li key={`${v.created_at}-${i}`}>
                    <time dateTime={new Date(v.created_at).toISOString()} title={fullTime(v.created_at)}>{clock(v.created_at)}</time>
                    <a href={safeHref(v.url) ?? undefined} target="_blank" rel="noopener noreferrer" title={v.url}>{v.title || shortUrl(v.url)}</a>
                  </li>
                ))}
              </ol>
            )}
          </section>
          <Attributes c={c} />
          <section class="panel-section">
            <h3>Conversations</h3>
            {past === null ? <Skeleton lines={2} /> : <PastConversations list={past} currentId={conversationId} now={now} />}
          </section>
        </div>
      )}
    </aside>
  );
}

function CurrentPage({ c, views, now }: { c: Contact; views: PageView[] | null; now: number }) {
  if (!c.current_url) return null;
  const since = (c as Contact & { last_page_at?: number }).last_page_at
    ?? views?.find((v) => v.url === c.current_url)?.created_at;
  return (
    <section class="panel-section">
      <h3>Current page</h3>
      <a class="current-page" href={safeHref(c.current_url) ?? undefined} target="_blank" rel="noopener noreferrer" data-testid="current-page">
        <Icon name="external" size={14} /> {c.current_title || shortUrl(c.current_url)}
      </a>
      <p class="muted small">{shortUrl(c.current_url)}{since && c.online ? ` · ${duration(now - since)} on page` : ''}</p>
    </section>
  );
}

function Attributes({ c }: { c: Contact }) {
  const entries = Object.entries(c.attributes ?? {});
  return (
    <section class="panel-section">
      <h3>Attributes</h3>
      {entries.length === 0 ? <p class="muted small">None. Your site can send them with the widget's <code>Parley('set', …)</code>, or add them on the <a href={buildHash(['contacts', String(c.id)])}>contact page</a>.</p> : (
        <dl class="attrs">
          {entries.map(([k, v]) => (
            <div key={k}><dt>{k}</dt><dd>{typeof v === 'object' ? JSON.stringify(v) : String(v)}</dd></div>
          ))}
        </dl>
      )}
    </section>
  );
}
