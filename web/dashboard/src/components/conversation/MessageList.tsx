import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { bytes, clock, dayLabel, fullTime } from '../../lib/format';
import { linkify, safeUrl } from '../../../../shared/linkify';
import type { ListMessage } from '../../lib/pendingMessages';
import { discard, retry, type Thread } from '../../stores/messages';
import type { Attachment, Conversation } from '../../../../shared/types';
import { CsatCard } from '../Csat';
import { Avatar, EmptyState, Icon, Skeleton } from '../ui';
import { contactName } from '../../lib/format';
import { MessageContent } from './MessageContent';

export function MessageText({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((p, i) => (p.href
        ? <a key={i} href={p.href} target="_blank" rel="noopener noreferrer">{p.text}</a>
        : <span key={i}>{p.text}</span>))}
    </>
  );
}

function Attachments({ list }: { list: Attachment[] }) {
  if (!list?.length) return null;
  return (
    <div class="attachments">
      {list.map((a) => {
        const href = safeUrl(a.url);
        if (!href) return null;
        return a.content_type?.startsWith('image/') ? (
          <a key={a.url} href={href} target="_blank" rel="noopener noreferrer" class="att-image">
            <img src={href} alt={a.name} loading="lazy" />
          </a>
        ) : (
          <a key={a.url} href={href} target="_blank" rel="noopener noreferrer" class="att-file" download={a.name}>
            <Icon name="clip" size={16} /><span class="att-name">{a.name}</span><span class="muted small">{bytes(a.size)}</span>
          </a>
        );
      })}
    </div>
  );
}

export function MessageList({ conv, thread }: { conv: Conversation; thread: Thread | undefined }) {
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const [below, setBelow] = useState(0);
  const items = thread?.items ?? [];
  const count = items.length;
  const lastCount = useRef(0);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (atBottom.current || lastCount.current === 0) {
      el.scrollTop = el.scrollHeight;
      setBelow(0);
    } else if (count > lastCount.current) {
      setBelow((b) => b + count - lastCount.current);
    }
    lastCount.current = count;
  }, [count, conv.csat_score]);

  useEffect(() => {
    // The list gets shorter when the on-screen keyboard opens (phones) or the window shrinks: a reader who
    // was at the newest message stays there.
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => { if (atBottom.current) el.scrollTop = el.scrollHeight; });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    // Images load after layout: keep the bottom in view.
    const el = scroller.current;
    if (!el) return;
    const onLoad = () => { if (atBottom.current) el.scrollTop = el.scrollHeight; };
    el.addEventListener('load', onLoad, true);
    return () => el.removeEventListener('load', onLoad, true);
  }, []);

  const onScroll = () => {
    const el = scroller.current!;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    if (atBottom.current) setBelow(0);
  };

  const visitorName = contactName(conv.contact, conv.contact_id);
  // "Seen" goes under the last public agent message the visitor has read.
  let seenSeq = 0;
  for (const m of items) if (m.seq > 0 && m.sender_type === 'agent' && !m.private && m.seq <= conv.visitor_last_read_seq) seenSeq = m.seq;

  // One group per day: a heading, then that day's messages as a list (a separator inside the <ol> was
  // not a list item, so screen readers and axe saw a broken list).
  const days: { day: string; items: ListMessage[] }[] = [];
  for (const m of items) {
    const day = dayLabel(m.created_at);
    if (days.length === 0 || days[days.length - 1].day !== day) days.push({ day, items: [] });
    days[days.length - 1].items.push(m);
  }
  const groups = days.map(({ day, items: dayItems }, d) => {
    let prev: ListMessage | null = null;
    return (
      <section key={`d-${day}`} class="day" aria-labelledby={`day-${conv.id}-${d}`}>
        <h3 class="day-sep" id={`day-${conv.id}-${d}`}><span>{day}</span></h3>
        <ol class="day-messages">
          {dayItems.map((m) => {
            const runStart = !prev || prev.sender_type !== m.sender_type || prev.sender_id !== m.sender_id || prev.private !== m.private
              || m.created_at - prev.created_at > 5 * 60_000;
            prev = m;
            return <Message key={m.seq > 0 ? `s${m.seq}` : `p${m.client_id}`} m={m} conv={conv} visitorName={visitorName} runStart={runStart} seen={m.seq === seenSeq} />;
          })}
        </ol>
      </section>
    );
  });

  return (
    <div class="messages-wrap">
      {/* Focusable, so a keyboard can scroll a long thread (axe: scrollable-region-focusable). */}
      <div class="messages" ref={scroller} onScroll={onScroll} tabIndex={0} role="region" aria-label="Messages">
        {!thread || (thread.loading && !thread.loaded) ? (
          <div aria-busy="true" aria-label="Loading messages" class="messages-skeleton">
            <Skeleton lines={2} avatar /><Skeleton lines={1} /><Skeleton lines={3} avatar />
          </div>
        ) : thread.error ? (
          <p class="form-error" role="alert">Could not load messages: {thread.error}</p>
        ) : items.length === 0 ? (
          <EmptyState icon="chat" title="No messages yet"><p>Say hello: the visitor sees your reply in their chat window at once.</p></EmptyState>
        ) : (
          <div role="log" aria-live="polite" aria-label={`Messages with ${visitorName}`}>
            <div class="message-list">{groups}</div>
            <CsatCard conv={conv} />
          </div>
        )}
      </div>
      {below > 0 && (
        <button type="button" class="new-below" onClick={() => { const el = scroller.current!; el.scrollTop = el.scrollHeight; setBelow(0); }}>
          {below} new message{below > 1 ? 's' : ''} ↓
        </button>
      )}
    </div>
  );
}

function Message({ m, conv, visitorName, runStart, seen }: { m: ListMessage; conv: Conversation; visitorName: string; runStart: boolean; seen: boolean }) {
  if (m.sender_type === 'system') {
    return <li class="msg-system" data-seq={m.seq}><span>{m.body}</span> <time class="muted" dateTime={new Date(m.created_at).toISOString()}>{clock(m.created_at)}</time></li>;
  }
  const mine = m.sender_type === 'agent' || m.sender_type === 'bot';
  const name = m.sender_type === 'visitor' ? visitorName : (m.sender?.name ?? (m.sender_type === 'bot' ? 'Bot' : 'Agent'));
  const cls = ['msg', mine ? 'msg-out' : 'msg-in', m.private ? 'msg-note' : '', runStart ? 'run-start' : '', m.out ? `msg-${m.out}` : ''].join(' ');
  const readByAgents = m.sender_type === 'visitor' && m.seq > 0 && m.seq <= conv.agent_last_read_seq;
  return (
    <li class={cls} data-seq={m.seq || undefined} data-private={m.private ? 'true' : undefined}>
      {runStart && (
        <div class="msg-meta">
          {!mine && <Avatar name={name} country={conv.contact?.country} size={22} />}
          <span class="msg-sender">{name}</span>
          {m.private && <span class="note-label"><Icon name="lock" size={12} /> Private note</span>}
        </div>
      )}
      <div class="bubble">
        {m.private && !runStart && <span class="sr-only">Private note: </span>}
        {m.body && <div class="msg-body"><MessageText text={m.body} /></div>}
        <Attachments list={m.attachments} />
        {m.content && <MessageContent content={m.content} />}
      </div>
      <div class="msg-foot">
        {m.reply_to_option && <span class="chip small">Quick reply</span>}
        <time dateTime={new Date(m.created_at).toISOString()} title={fullTime(m.created_at)}>{clock(m.created_at)}</time>
        {m.out === 'sending' && <span class="msg-state">Sending…</span>}
        {m.out === 'failed' && (
          <span class="msg-state failed" role="alert">
            Not sent{m.error ? `: ${m.error}` : ''}.{' '}
            <button type="button" class="link-btn" onClick={() => retry(m.conversation_id, m.client_id!)}>Retry</button>{' '}
            <button type="button" class="link-btn" onClick={() => discard(m.conversation_id, m.client_id!)}>Discard</button>
          </span>
        )}
        {seen && <span class="msg-state seen" data-testid="seen">✓✓ Seen</span>}
        {mine && !m.out && !seen && !m.private && m.seq > conv.visitor_last_read_seq && <span class="msg-state">✓ Sent</span>}
        {readByAgents && <span class="sr-only">read</span>}
      </div>
    </li>
  );
}
