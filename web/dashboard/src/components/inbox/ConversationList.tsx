import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { contactName, shortAgo } from '../../lib/format';
import { isUnread, selectList, stableOrder, viewKey, type ListFilter } from '../../lib/listMerge';
import { unattendedLabel } from '../../lib/routingRules';
import { describeSnooze } from '../../lib/snooze';
import { useStore } from '../../lib/store';
import { registerKeys } from '../../stores/commands';
import { conversations, loadMore } from '../../stores/conversations';
import { agentName, directory } from '../../stores/directory';
import { buildHash, route, setQuery } from '../../stores/router';
import { session } from '../../stores/session';
import { teamRouting } from '../../stores/teamRouting';
import type { Conversation, ConversationSort, Status } from '../../../../shared/types';
import { useMedia } from '../../lib/viewport';
import { CsatBadge } from '../Csat';
import { Avatar, EmptyState, Icon, Skeleton, useNow } from '../ui';

const STATUS_TABS: { id: Status; label: string }[] = [
  { id: 'open', label: 'Open' }, { id: 'pending', label: 'Pending' }, { id: 'snoozed', label: 'Snoozed' }, { id: 'resolved', label: 'Resolved' },
];

function viewTitle(f: ListFilter): string {
  const d = directory.get();
  switch (f.view.kind) {
    case 'mine': return 'Mine';
    case 'unassigned': return 'Unassigned';
    case 'all': return 'All conversations';
    case 'team': return d.teams.find((t) => t.id === (f.view as { id: number }).id)?.name ?? 'Team';
    case 'tag': return `#${f.view.tag}`;
    case 'bot': return 'Handled by the bot';
  }
}

function emptyText(f: ListFilter): { title: string; body: string } {
  if (f.status === 'resolved') return { title: 'Nothing resolved yet', body: 'Conversations you resolve land here. Reopen one any time; the visitor can also write again.' };
  if (f.status === 'snoozed') return { title: 'No snoozed chats', body: 'Snooze a chat (z) to hide it until later; it comes back to Open by itself.' };
  if (f.status === 'pending') return { title: 'Nothing pending', body: 'Mark a chat pending while you wait for someone else; it stays out of Open.' };
  switch (f.view.kind) {
    case 'mine': return { title: 'No chats assigned to you', body: 'Chats you take (a) or that are routed to you show up here. Look in Unassigned for new ones.' };
    case 'unassigned': return { title: 'No unassigned chats', body: 'New chats from your site land here. Put the widget snippet on your site (Settings → Widget) to start.' };
    case 'team': return { title: 'No open chats for this team', body: 'Transfer a chat to this team from its header and it shows up here.' };
    case 'tag': return { title: 'No open chats with this tag', body: 'Tag a chat (t) and it is listed here.' };
    case 'bot': return { title: 'No chats handled by the bot', body: 'Turn the bot on in Settings → Automation: Bot; the chats it takes are listed here.' };
    default: return { title: 'No open conversations', body: 'New chats from your site land here as soon as a visitor writes.' };
  }
}

export function ConversationList({ filter, openId, phone = false }: { filter: ListFilter; openId: number | null; phone?: boolean }) {
  const s = useStore(session);
  const meId = s.phase === 'ready' ? s.agent.id : 0;
  const state = useStore(conversations);
  const r = useStore(route);
  const now = useNow(30_000);
  // The reminder times (loaded at sign-in), to mark chats nobody answered (issue 13).
  const routing = useStore(teamRouting, (t) => t.settings);
  const markAt = Math.max(now, useStore(teamRouting, (t) => t.lastReminder));

  const fresh = useMemo(() => selectList(state.map, filter, meId).map((c) => c.id), [state.map, filter.status, filter.sort, viewKey(filter.view), meId]);
  const [frozen, setFrozen] = useState(false);
  const canHover = useMedia('(hover: hover) and (pointer: fine)');
  const shown = useRef<number[]>(fresh);
  // When each row was first shown (0: it was there from the start); a row slides in for its first 800 ms.
  const seen = useRef<Map<number, number>>(new Map(fresh.map((id) => [id, 0])));
  const filterKey = `${viewKey(filter.view)}|${filter.status}|${filter.sort}`;
  const lastKey = useRef(filterKey);
  if (lastKey.current !== filterKey) {
    lastKey.current = filterKey;
    shown.current = fresh;
    seen.current = new Map(fresh.map((id) => [id, 0]));
  }
  const { order, pending } = stableOrder(shown.current, fresh, frozen, state.listed);
  // Rows that arrive slide in (once shown, not while they wait under the mouse); the first render marks nothing new.
  const t = Date.now();
  for (const id of order) if (!seen.current.has(id)) seen.current.set(id, t);
  const newIds = new Set(order.filter((id) => t - (seen.current.get(id) ?? 0) < 800));
  useEffect(() => {
    shown.current = order;
  });

  const open = (id: number) => setQuery({ c: id });
  useEffect(() => registerKeys({
    j: () => { const i = order.indexOf(openId ?? -1); const n = order[Math.min(order.length - 1, i + 1)]; if (n) open(n); },
    k: () => { const i = order.indexOf(openId ?? -1); const n = order[Math.max(0, i - 1)]; if (n) open(n); },
  }), [order, openId]);

  const q = (changes: Record<string, string | null>) => {
    const cur: Record<string, string> = {};
    r.query.forEach((v, k) => { cur[k] = v; });
    return buildHash(['inbox'], { ...cur, ...changes });
  };

  const empty = emptyText(filter);
  return (
    <section class="list" aria-label="Conversations">
      <header class="list-head">
        {phone && (
          <a class="btn icon-btn back-btn" href={buildHash(['inbox', 'views'], Object.fromEntries(r.query))} aria-label="All views">
            <Icon name="back" />
          </a>
        )}
        <h2>{viewTitle(filter)}</h2>
        <label class="sort">
          <span class="sr-only">Sort by</span>
          <select value={filter.sort} onChange={(e) => setQuery({ sort: e.currentTarget.value as ConversationSort })} aria-label="Sort conversations">
            <option value="newest">Newest</option>
            <option value="waiting">Longest waiting</option>
            <option value="priority">Priority</option>
          </select>
        </label>
      </header>
      <div class="status-tabs" role="tablist" aria-label="Status">
        {STATUS_TABS.map((t) => (
          <a key={t.id} role="tab" aria-selected={filter.status === t.id} class={`status-tab ${filter.status === t.id ? 'active' : ''}`}
            href={q({ status: t.id, c: null })}>{t.label}</a>
        ))}
      </div>
      {/* Only a mouse holds the list still. A finger's tap also "enters" the list and never leaves it, and
          touch browsers send compatibility mouse events too, so a device without hover never freezes it. */}
      <div class="list-scroll" data-frozen={frozen ? 'true' : undefined}
        onPointerEnter={(e) => { if (e.pointerType === 'mouse' && canHover && !phone) setFrozen(true); }} onPointerLeave={() => setFrozen(false)}>
        {pending > 0 && (
          // Inside the scroller, so pointing at it does not unfreeze the list.
          <div class="list-pending-wrap">
            <button type="button" class="list-pending" onClick={() => setFrozen(false)}>
              {pending === 1 ? '1 update' : `${pending} updates`} — show
            </button>
          </div>
        )}
        {state.loading && order.length === 0 ? (
          <div class="list-skeleton" aria-busy="true" aria-label="Loading conversations">
            {Array.from({ length: 6 }, (_, i) => <Skeleton key={i} lines={2} avatar />)}
          </div>
        ) : order.length === 0 ? (
          <EmptyState icon="inbox" title={empty.title}><p>{empty.body}</p></EmptyState>
        ) : (
          <ul class="conv-list" aria-label={`${viewTitle(filter)}, ${filter.status}`}>
            {order.map((id) => {
              const c = state.map.get(id);
              return c ? <Row key={id} c={c} active={id === openId} fresh={newIds.has(id)} now={now} meId={meId} href={q({ c: String(id) })} unattended={unattendedLabel(c, routing, markAt)} /> : null;
            })}
          </ul>
        )}
        {state.nextCursor && (
          <button type="button" class="btn btn-ghost btn-block" disabled={state.loadingMore} onClick={() => void loadMore()}>
            {state.loadingMore ? 'Loading…' : 'Load more'}
          </button>
        )}
      </div>
    </section>
  );
}

function Row({ c, active, fresh, now, meId, href, unattended }: { c: Conversation; active: boolean; fresh: boolean; now: number; meId: number; href: string; unattended: string | null }) {
  const name = contactName(c.contact, c.contact_id);
  const unread = isUnread(c);
  const lm = c.last_message;
  const prefix = !lm ? '' : lm.sender_type === 'agent' ? 'You: ' : lm.sender_type === 'bot' ? 'Bot: ' : '';
  const waiting = c.status === 'open' && c.waiting_since;
  return (
    <li class={`conv-row ${active ? 'active' : ''} ${unread ? 'unread' : ''} ${fresh ? 'slide-in' : ''}`} data-conversation-id={c.id}>
      {/* No aria-label: the row's own text is its name (a label that did not contain the visible text
          broke voice control, axe label-content-name-mismatch); what only the eye gets is added as sr-only text. */}
      <a href={href} aria-current={active ? 'true' : undefined}>
        <Avatar name={name} country={c.contact?.country} size={36} />
        <div class="conv-main">
          <div class="conv-top">
            <span class="conv-name">{name}{unread && <span class="sr-only">, unread</span>}</span>
            <span class={`conv-time ${waiting ? 'waiting' : ''}`} title={waiting ? 'Waiting for a reply' : 'Last activity'}>
              {waiting ? <><Icon name="clock" size={11} /><span class="sr-only">waiting </span> {shortAgo(c.waiting_since!, now)}</> : shortAgo(c.updated_at, now)}
            </span>
          </div>
          <div class="conv-preview">{prefix}{lm?.body || (lm ? 'Attachment' : 'No messages yet')}</div>
          <div class="conv-chips">
            {unattended && <span class="chip unattended" title="Nobody has answered this chat yet"><Icon name="clock" size={11} /> Unanswered, {unattended}</span>}
            {c.priority !== 'none' && <span class={`chip prio prio-${c.priority}`}>{c.priority}<span class="sr-only"> priority</span></span>}
            <CsatBadge conv={c} />
            {c.tags.slice(0, 3).map((t) => <span key={t} class="chip tag">#{t}</span>)}
            {c.status === 'snoozed' && c.snoozed_until && <span class="chip"><Icon name="clock" size={11} /> {describeSnooze(c.snoozed_until)}</span>}
            {c.assignee_id != null && c.assignee_id !== meId && <span class="chip assignee">{agentName(c.assignee_id)}</span>}
          </div>
        </div>
        {unread && <span class="unread-dot" aria-hidden="true" />}
      </a>
    </li>
  );
}
