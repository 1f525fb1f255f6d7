// Pure logic of the conversation list: which conversations a view shows, in which order, and how a
// live event changes the set. No I/O here; the conversations store calls these.
import type { Conversation, ConversationSort, Priority, Status } from '../../../shared/types';

export type View =
  | { kind: 'mine' }
  | { kind: 'unassigned' }
  | { kind: 'all' }
  | { kind: 'team'; id: number }
  | { kind: 'tag'; tag: string }
  | { kind: 'bot' };

/** Conversations the server listed in the Bot view (?view=bot: the chats the bot took); the rows do not say it. */
export const botHandled = new Set<number>();

export interface ListFilter {
  view: View;
  status: Status;
  sort: ConversationSort;
}

export const PRIORITY_RANK: Record<Priority, number> = { none: 0, low: 1, medium: 2, high: 3, urgent: 4 };

export function viewKey(v: View): string {
  switch (v.kind) {
    case 'team': return `team:${v.id}`;
    case 'tag': return `tag:${v.tag}`;
    default: return v.kind;
  }
}

export function parseViewKey(key: string | null | undefined): View {
  if (!key) return { kind: 'mine' };
  if (key.startsWith('team:')) {
    const id = Number(key.slice(5));
    return Number.isFinite(id) && id > 0 ? { kind: 'team', id } : { kind: 'all' };
  }
  if (key.startsWith('tag:')) return { kind: 'tag', tag: key.slice(4) };
  if (key === 'mine' || key === 'unassigned' || key === 'all' || key === 'bot') return { kind: key };
  return { kind: 'mine' };
}

export function matchesView(c: Conversation, v: View, meId: number): boolean {
  switch (v.kind) {
    case 'mine': return c.assignee_id === meId;
    case 'unassigned': return c.assignee_id == null;
    case 'all': return true;
    case 'team': return c.team_id === v.id;
    case 'tag': return c.tags.includes(v.tag);
    case 'bot': return botHandled.has(c.id);
  }
}

export function matchesFilter(c: Conversation, f: ListFilter, meId: number): boolean {
  return c.status === f.status && matchesView(c, f.view, meId);
}

/** Query string for GET /api/v1/conversations of a filter. */
export function filterQuery(f: ListFilter, cursor?: string | null, limit = 50): string {
  const q = new URLSearchParams({ status: f.status, sort: f.sort, limit: String(limit) });
  switch (f.view.kind) {
    case 'mine': q.set('assignee', 'me'); break;
    case 'unassigned': q.set('assignee', 'none'); break;
    case 'team': q.set('team', String(f.view.id)); break;
    case 'tag': q.set('tag', f.view.tag); break;
    case 'bot': q.set('view', 'bot'); break;
  }
  if (cursor) q.set('cursor', cursor);
  return q.toString();
}

/** Comparator for a sort: newest = most recently updated first; waiting = waiting longest first
 *  (conversations nobody waits on go last); priority = urgent first, then longest waiting. Ties by id desc. */
export function compareBy(sort: ConversationSort): (a: Conversation, b: Conversation) => number {
  const byId = (a: Conversation, b: Conversation) => b.id - a.id;
  const byUpdated = (a: Conversation, b: Conversation) => (b.updated_at - a.updated_at) || byId(a, b);
  const byWaiting = (a: Conversation, b: Conversation) => {
    const wa = a.waiting_since, wb = b.waiting_since;
    if (wa == null && wb == null) return byUpdated(a, b);
    if (wa == null) return 1;
    if (wb == null) return -1;
    return (wa - wb) || byId(a, b);
  };
  switch (sort) {
    case 'newest': return byUpdated;
    case 'waiting': return byWaiting;
    case 'priority': return (a, b) => (PRIORITY_RANK[b.priority] - PRIORITY_RANK[a.priority]) || byWaiting(a, b);
  }
}

/** Keeps the newer of two versions of one conversation (a REST page may be older than a live event). */
export function newer(existing: Conversation | undefined, incoming: Conversation): Conversation {
  if (!existing) return incoming;
  if (incoming.updated_at < existing.updated_at) return existing;
  if (incoming.updated_at === existing.updated_at && incoming.last_seq < existing.last_seq) return existing;
  // Some frames (e.g. the visitor-facing ones) may omit the contact: keep what we had.
  return incoming.contact === undefined && existing.contact ? { ...incoming, contact: existing.contact } : incoming;
}

export function upsertAll(map: Map<number, Conversation>, list: Conversation[]): Map<number, Conversation> {
  let out: Map<number, Conversation> | null = null;
  for (const c of list) {
    const cur = (out ?? map).get(c.id);
    const next = newer(cur, c);
    if (next !== cur) {
      out ??= new Map(map);
      out.set(c.id, next);
    }
  }
  return out ?? map;
}

export function selectList(map: Map<number, Conversation>, f: ListFilter, meId: number): Conversation[] {
  const out: Conversation[] = [];
  for (const c of map.values()) if (matchesFilter(c, f, meId)) out.push(c);
  return out.sort(compareBy(f.sort));
}

/** An unread conversation: the visitor wrote last and no agent has read up to it. */
export function isUnread(c: Conversation): boolean {
  return !!c.last_message && c.last_message.sender_type === 'visitor' && c.last_seq > c.agent_last_read_seq;
}

export interface ViewCount { open: number; unread: number }

/** Counts of open (and unread open) conversations per view key. */
export function viewCounts(map: Map<number, Conversation>, views: View[], meId: number): Record<string, ViewCount> {
  const out: Record<string, ViewCount> = {};
  for (const v of views) out[viewKey(v)] = { open: 0, unread: 0 };
  for (const c of map.values()) {
    if (c.status !== 'open') continue;
    for (const v of views) {
      if (!matchesView(c, v, meId)) continue;
      const n = out[viewKey(v)];
      n.open++;
      if (isUnread(c)) n.unread++;
    }
  }
  return out;
}

/** Unread conversations an agent is told about in the tab title: Mine and Unassigned. */
export function titleUnread(map: Map<number, Conversation>, meId: number): number {
  let n = 0;
  for (const c of map.values()) {
    if (c.status !== 'open' && c.status !== 'pending') continue;
    if ((c.assignee_id === meId || c.assignee_id == null) && isUnread(c)) n++;
  }
  return n;
}

const NONE: ReadonlySet<number> = new Set();

/**
 * The order the list shows. While the pointer rests on the list (`frozen`), rows keep their places so
 * nothing jumps under the mouse: known rows stay in `shown` order (rows that left the view stay too,
 * until unfrozen) and new rows from live events wait; `pending` tells how many changes wait.
 * What the agent asked to see is no "update" and never waits: rows a REST page of this view brought
 * (`listed`: the first page, "Load more", a resync) join at once, after the shown ones; and an empty
 * list has nothing that could jump, so it shows what there is. Unfrozen, the fresh order wins.
 */
export function stableOrder(shown: number[], fresh: number[], frozen: boolean, listed: ReadonlySet<number> = NONE): { order: number[]; pending: number } {
  if (!frozen || shown.length === 0) return { order: fresh, pending: 0 };
  const freshSet = new Set(fresh);
  const shownSet = new Set(shown);
  const order = [...shown];
  let pending = 0;
  for (const id of fresh) {
    if (shownSet.has(id)) continue;
    if (listed.has(id)) order.push(id);
    else pending++;
  }
  for (const id of shown) if (!freshSet.has(id)) pending++;
  if (pending === 0) {
    // Same members: only a reorder would move rows; count it as waiting if the order differs.
    const held = fresh.filter((id) => shownSet.has(id));
    for (let i = 0; i < held.length; i++) if (held[i] !== shown[i]) { pending = 1; break; }
  }
  return { order, pending };
}
