import { useEffect, useRef } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import type { State } from '../chat';
import type { Message } from '../../../shared/types';
import { timeline, type Pending } from '../lib/outbox';
import type { T } from '../i18n';
import { Avatar } from './Avatar';
import { Text } from './Text';
import { Attachments } from './Attachments';
import { ContentSlot } from './ContentSlot';
import { formatDate } from '../lib/locale';

const dayKey = (ms: number) => new Date(ms).toDateString();

function dayLabel(ms: number, t: T, locale: string): string {
  const d = new Date(ms);
  const today = new Date();
  if (d.toDateString() === today.toDateString()) return t('today');
  if (d.toDateString() === new Date(today.getTime() - 864e5).toDateString()) return t('yesterday');
  return formatDate(ms, locale, { weekday: 'short', day: 'numeric', month: 'short' });
}

const time = (ms: number, locale: string) => formatDate(ms, locale, { hour: '2-digit', minute: '2-digit' }, true);

export function MessageList({ s, t, onRetry, onPress, children }: {
  s: State; t: T; onRetry: (cid: string) => void; onPress: (m: Message, id: string, label: string) => void;
  children?: ComponentChildren;
}) {
  const end = useRef<HTMLDivElement>(null);
  const count = s.messages.length + s.pending.length;
  useEffect(() => { end.current?.scrollIntoView({ block: 'end' }); }, [count, s.agentTyping, s.open, s.csat, children]);

  const convId = s.conversation?.id;
  let lastVisitorSeq = 0;
  for (const m of s.messages) if (m.conversation_id === convId && m.sender_type === 'visitor') lastVisitorSeq = m.seq;
  const seen = lastVisitorSeq > 0 && s.agentRead >= lastVisitorSeq && !s.pending.length;

  const rows: preact.JSX.Element[] = [];
  let prevDay = '';
  let prevSender = '';
  for (const { m, p } of timeline(s.messages, s.pending)) {
    if (p) {
      // Not stored yet: in its place in time, with "sending…" or "Not sent. Retry".
      rows.push(<PendingBubble key={p.client_id} p={p} t={t} onRetry={onRetry} />);
      prevSender = 'v';
      continue;
    }
    const dk = dayKey(m.created_at);
    if (dk !== prevDay) {
      rows.push(<div class="day" key={'d' + dk}><span>{dayLabel(m.created_at, t, s.locale)}</span></div>);
      prevDay = dk;
      prevSender = '';
    }
    const sender = m.sender_type === 'visitor' ? 'v' : `${m.sender_type}:${m.sender_id ?? m.sender?.name ?? ''}`;
    rows.push(<Bubble key={`${m.conversation_id}:${m.seq}`} m={m} t={t} locale={s.locale} first={sender !== prevSender}
      showAvatar={s.settings.show_agent_avatars} seen={seen && m.conversation_id === convId && m.seq === lastVisitorSeq}>
      {m.content && <ContentSlot m={m} done={m.conversation_id !== convId || lastVisitorSeq > m.seq}
        onPress={onPress} />}
    </Bubble>);
    prevSender = sender;
  }

  return (
    <div class="list" role="log" aria-live="polite">
      {rows}
      {s.uploading.map((n, i) => <div key={'u' + i} class="row me"><div class="bub me faded">{t('uploading', { name: n })}</div></div>)}
      {s.agentTyping && (
        <div class="row" role="status" aria-label={t('typing', { name: s.agentTyping })}>
          <div class="typing" title={t('typing', { name: s.agentTyping })}><i /><i /><i /></div>
        </div>
      )}
      {children}
      <div ref={end} />
    </div>
  );
}

function Bubble({ m, t, locale, first, showAvatar, seen, children }: {
  m: Message; t: T; locale: string; first: boolean; showAvatar: boolean; seen: boolean; children?: ComponentChildren;
}) {
  const me = m.sender_type === 'visitor';
  const name = m.sender?.name || t('agentFallback');
  return (
    <div class={'row' + (me ? ' me' : '') + (first ? ' first' : '')}>
      {!me && showAvatar && <div class="gut">{first && <Avatar name={name} url={m.sender?.avatar_url} />}</div>}
      <div class="col">
        {!me && first && <div class="who">{name}</div>}
        {m.body && <div class={'bub' + (me ? ' me' : '')} title={time(m.created_at, locale)}><Text body={m.body} /></div>}
        <Attachments list={m.attachments} t={t} />
        {children}
        {seen && <div class="meta">{t('seen')}</div>}
      </div>
    </div>
  );
}

function PendingBubble({ p, t, onRetry }: { p: Pending; t: T; onRetry: (cid: string) => void }) {
  return (
    <div class="row me">
      <div class="col">
        {p.body && <div class="bub me faded"><Text body={p.body} /></div>}
        <Attachments list={p.attachments} t={t} />
        <div class="meta">
          {p.state === 'failed'
            ? <>{t('failed')} <button type="button" class="link" onClick={() => onRetry(p.client_id)}>{t('retry')}</button></>
            : t('sending')}
        </div>
      </div>
    </div>
  );
}
