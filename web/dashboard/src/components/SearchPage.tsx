import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../api';
import { countryName } from '../lib/flag';
import { contactName, fullTime } from '../lib/format';
import { useStore } from '../lib/store';
import { usePhone } from '../lib/viewport';
import { buildHash, navigate, route } from '../stores/router';
import { toast } from '../stores/toasts';
import type { Contact, Conversation, SearchHit } from '../../../shared/types';
import { Avatar, EmptyState, Icon, Skeleton } from './ui';

/** Highlights a snippet: the server may mark hits with <b>/<mark> or [ ]; else the query words are marked. Never HTML. */
export function highlight(snippet: string, q: string) {
  const marked = /<(b|mark|em)>(.*?)<\/\1>|\[([^\]]+)\]/g;
  const parts: { t: string; hit: boolean }[] = [];
  if (marked.test(snippet)) {
    marked.lastIndex = 0;
    let last = 0;
    for (let m = marked.exec(snippet); m; m = marked.exec(snippet)) {
      if (m.index > last) parts.push({ t: snippet.slice(last, m.index), hit: false });
      parts.push({ t: m[2] ?? m[3], hit: true });
      last = m.index + m[0].length;
    }
    parts.push({ t: snippet.slice(last), hit: false });
  } else {
    const words = q.split(/\s+/).filter((w) => w.length > 1).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    if (!words.length) return snippet;
    const re = new RegExp(`(${words.join('|')})`, 'gi');
    for (const [i, t] of snippet.split(re).entries()) parts.push({ t, hit: i % 2 === 1 });
  }
  return parts.map((p, i) => (p.hit ? <mark key={i}>{p.t.replace(/<[^>]*>/g, '')}</mark> : <span key={i}>{p.t.replace(/<[^>]*>/g, '')}</span>));
}

export function SearchPage() {
  const r = useStore(route);
  const q = r.query.get('q') ?? '';
  const phone = usePhone();
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const [state, setState] = useState<{ loading: boolean; messages: SearchHit[]; contacts: Contact[]; error: string | null }>({ loading: false, messages: [], contacts: [], error: null });

  useEffect(() => {
    if (!q.trim()) return;
    const ctl = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    api<{ messages: SearchHit[]; contacts: Contact[] }>('GET', `/api/v1/search?q=${encodeURIComponent(q)}`, undefined, ctl.signal)
      .then((res) => setState({ loading: false, messages: res.messages ?? [], contacts: res.contacts ?? [], error: null }))
      .catch((err) => { if ((err as Error).name !== 'AbortError') setState({ loading: false, messages: [], contacts: [], error: errorMessage(err) }); });
    return () => ctl.abort();
  }, [q]);

  const openContact = async (c: Contact) => {
    try {
      const res = await api<{ conversations: Conversation[] }>('GET', `/api/v1/contacts/${c.id}/conversations`);
      const latest = [...res.conversations].sort((a, b) => b.updated_at - a.updated_at)[0];
      if (latest) navigate(buildHash(['inbox'], { view: 'all', status: latest.status, c: latest.id }));
      else toast(`${contactName(c, c.id)} has no conversations yet.`, 'info');
    } catch (err) {
      toast(errorMessage(err), 'error');
    }
  };

  return (
    <div class="page">
      <header class="page-head">
        <h1>Search</h1>
        {q && <p class="muted">Results for “{q}”</p>}
      </header>
      {phone && (
        // The top bar has no room for its search box on a phone: the page brings its own.
        <form role="search" class="search-box page-search" onSubmit={(e) => { e.preventDefault(); if (text.trim()) navigate(buildHash(['search'], { q: text.trim() })); }}>
          <Icon name="search" size={16} />
          <label class="sr-only" for="page-search">Search messages and contacts</label>
          <input id="page-search" type="search" placeholder="Words from a message, a name or an email" value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </form>
      )}
      {!q ? (
        <EmptyState icon="search" title="Search every conversation">
          <p>Type words from a message, a name or an email in the search box above. Press <kbd class="kbd">/</kbd> to jump there.</p>
        </EmptyState>
      ) : state.loading ? <div aria-busy="true"><Skeleton lines={2} /><Skeleton lines={2} /><Skeleton lines={2} /></div>
        : state.error ? <p class="form-error" role="alert">{state.error}</p>
        : state.messages.length === 0 && state.contacts.length === 0 ? (
          <EmptyState icon="search" title="Nothing found"><p>No message or contact matches “{q}”. Try fewer or other words.</p></EmptyState>
        ) : (
          <div class="search-results">
            {state.contacts.length > 0 && (
              <section aria-labelledby="sr-contacts">
                <h2 id="sr-contacts">Contacts <span class="muted">{state.contacts.length}</span></h2>
                <ul class="result-list">
                  {state.contacts.map((c) => (
                    <li key={c.id}>
                      <button type="button" class="result" onClick={() => void openContact(c)}>
                        <Avatar name={contactName(c, c.id)} country={c.country} size={32} />
                        <span><strong>{contactName(c, c.id)}</strong><span class="muted small"> {c.email ?? ''} {c.country ? `· ${countryName(c.country)}` : ''}</span></span>
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {state.messages.length > 0 && (
              <section aria-labelledby="sr-messages">
                <h2 id="sr-messages">Messages <span class="muted">{state.messages.length}</span></h2>
                <ul class="result-list">
                  {state.messages.map((m) => (
                    <li key={m.message_id}>
                      <a class="result" href={buildHash(['inbox'], { view: 'all', c: m.conversation_id })} data-testid="search-hit">
                        <Icon name="chat" />
                        <span class="result-text">
                          <span class="snippet">{highlight(m.snippet, q)}</span>
                          <span class="muted small">Conversation #{m.conversation_id} · {fullTime(m.created_at)}</span>
                        </span>
                      </a>
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </div>
        )}
    </div>
  );
}
