// Conversations the dashboard knows, by id; the list a view shows is derived (lib/listMerge).
// Fed by REST pages and live frames; a version never replaces a newer one.
import { api } from '../api';
import { botHandled, filterQuery, newer, upsertAll, type ListFilter } from '../lib/listMerge';
import { createStore } from '../lib/store';
import type { Conversation } from '../../../shared/types';
import type { AgentFrame } from '../../../shared/frames';
import { onFrame, onReload } from './realtime';
import { toastError } from './toasts';

export interface ConversationsState {
  map: Map<number, Conversation>;
  /** The filter whose first page was loaded last. */
  loadedKey: string | null;
  loading: boolean;
  nextCursor: string | null;
  loadingMore: boolean;
  /** Open conversations were all loaded (counts are exact). */
  countsReady: boolean;
  /** Ids the REST pages of the current filter returned: the list the agent asked for, shown even
   *  while the pointer holds the list still (lib/listMerge stableOrder). */
  listed: ReadonlySet<number>;
}

export const conversations = createStore<ConversationsState>({
  map: new Map(),
  loadedKey: null,
  loading: false,
  nextCursor: null,
  loadingMore: false,
  countsReady: false,
  listed: new Set(),
});

let currentFilter: ListFilter | null = null;
let listAbort: AbortController | null = null;

function keyOf(f: ListFilter): string {
  return filterQuery(f);
}

function withListed(listed: ReadonlySet<number>, page: Conversation[]): ReadonlySet<number> {
  const out = new Set(listed);
  for (const c of page) out.add(c.id);
  return out;
}

export function mergeConversations(list: Conversation[]): void {
  conversations.set((s) => {
    const map = upsertAll(s.map, list);
    return map === s.map ? s : { ...s, map };
  });
}

export function mergeConversation(c: Conversation): void {
  mergeConversations([c]);
}

/** Replaces a conversation regardless of updated_at (after our own PATCH, the answer is the truth). */
export function putConversation(c: Conversation): void {
  conversations.set((s) => {
    const map = new Map(s.map);
    const prev = s.map.get(c.id);
    map.set(c.id, prev && !c.contact && prev.contact ? { ...c, contact: prev.contact } : c);
    return { ...s, map };
  });
}

export async function showFilter(f: ListFilter, force = false): Promise<void> {
  const key = keyOf(f);
  currentFilter = f;
  if (!force && conversations.get().loadedKey === key) return;
  listAbort?.abort();
  const ctl = new AbortController();
  listAbort = ctl;
  conversations.set((s) => ({ ...s, loading: s.loadedKey !== key, loadedKey: key, nextCursor: null, listed: s.loadedKey === key ? s.listed : new Set() }));
  try {
    const r = await api<{ conversations: Conversation[]; next_cursor: string | null }>('GET', `/api/v1/conversations?${key}`, undefined, ctl.signal);
    if (listAbort !== ctl) return;
    if (f.view.kind === 'bot') for (const c of r.conversations) botHandled.add(c.id);
    mergeConversations(r.conversations);
    conversations.set((s) => ({ ...s, loading: false, nextCursor: r.next_cursor ?? null, listed: withListed(s.listed, r.conversations) }));
  } catch (err) {
    if ((err as Error).name === 'AbortError') return;
    conversations.set((s) => ({ ...s, loading: false, loadedKey: null }));
    toastError(err, 'Could not load conversations');
  }
}

export async function loadMore(): Promise<void> {
  const s = conversations.get();
  if (!currentFilter || !s.nextCursor || s.loadingMore) return;
  conversations.set((x) => ({ ...x, loadingMore: true }));
  try {
    const r = await api<{ conversations: Conversation[]; next_cursor: string | null }>('GET', `/api/v1/conversations?${filterQuery(currentFilter, s.nextCursor)}`);
    if (currentFilter.view.kind === 'bot') for (const c of r.conversations) botHandled.add(c.id);
    mergeConversations(r.conversations);
    conversations.set((x) => ({ ...x, loadingMore: false, nextCursor: r.next_cursor ?? null, listed: withListed(x.listed, r.conversations) }));
  } catch (err) {
    conversations.set((x) => ({ ...x, loadingMore: false }));
    toastError(err, 'Could not load more conversations');
  }
}

/** All open conversations (up to 1,000), so view counts are exact. */
async function loadOpen(): Promise<void> {
  let cursorStr: string | null = null;
  try {
    for (let page = 0; page < 10; page++) {
      const q = new URLSearchParams({ status: 'open', limit: '100', sort: 'newest' });
      if (cursorStr) q.set('cursor', cursorStr);
      const r: { conversations: Conversation[]; next_cursor: string | null } = await api('GET', `/api/v1/conversations?${q}`);
      mergeConversations(r.conversations);
      cursorStr = r.next_cursor ?? null;
      if (!cursorStr) break;
    }
    conversations.set((s) => ({ ...s, countsReady: true }));
  } catch (err) {
    toastError(err, 'Could not load conversation counts');
  }
}

export async function fetchConversation(id: number): Promise<Conversation | null> {
  try {
    const r = await api<{ conversation: Conversation }>('GET', `/api/v1/conversations/${id}`);
    mergeConversation(r.conversation);
    return r.conversation;
  } catch (err) {
    toastError(err, 'Could not open the conversation');
    return null;
  }
}

export type ConversationPatch = Partial<Pick<Conversation, 'status' | 'priority' | 'assignee_id' | 'team_id' | 'tags' | 'snoozed_until'>>;

/** PATCH with an optimistic change; rolls back and shows the server's message on failure. */
export async function patchConversation(id: number, patch: ConversationPatch): Promise<boolean> {
  const before = conversations.get().map.get(id);
  if (before) putConversation({ ...before, ...patch });
  try {
    const r = await api<{ conversation: Conversation }>('PATCH', `/api/v1/conversations/${id}`, patch);
    mergeConversation(r.conversation);
    return true;
  } catch (err) {
    if (before) putConversation(before);
    toastError(err, 'Could not update the conversation');
    return false;
  }
}

function setField(id: number, fn: (c: Conversation) => Conversation): void {
  conversations.set((s) => {
    const c = s.map.get(id);
    if (!c) return s;
    const map = new Map(s.map);
    map.set(id, fn(c));
    return { ...s, map };
  });
}

type AssigneeListener = (c: Conversation, before: number | null, meta: { replay: boolean }) => void;
const assigneeListeners = new Set<AssigneeListener>();

/** A known conversation got another assignee through a frame (someone else's change: our own PATCH
 *  already changed it here). `before` is the assignee it had. */
export function onAssigneeChange(fn: AssigneeListener): () => void {
  assigneeListeners.add(fn);
  return () => assigneeListeners.delete(fn);
}

export function applyFrame(frame: AgentFrame, meta: { replay: boolean } = { replay: false }): void {
  switch (frame.type) {
    case 'message.created':
    case 'conversation.created':
    case 'conversation.updated': {
      const c = frame.conversation;
      if (!c) return;
      const known = conversations.get().map.get(c.id);
      mergeConversation(c);
      const now = conversations.get().map.get(c.id);
      if (known && now === c && known.assignee_id !== c.assignee_id) {
        for (const fn of [...assigneeListeners]) fn(c, known.assignee_id, meta);
      }
      return;
    }
    case 'read':
      setField(frame.conversation_id, (c) =>
        frame.reader_type === 'agent'
          ? { ...c, agent_last_read_seq: Math.max(c.agent_last_read_seq, frame.seq) }
          : { ...c, visitor_last_read_seq: Math.max(c.visitor_last_read_seq, frame.seq) });
      return;
  }
}

/** Marks a conversation read by agents up to `seq` (locally at once). */
export function markReadLocally(id: number, seq: number): void {
  setField(id, (c) => (c.agent_last_read_seq >= seq ? c : { ...c, agent_last_read_seq: seq }));
}

/** A contact was renamed (visitor panel, identify): the list rows and headers follow. */
export function updateContactSummary(contactId: number, summary: { name: string | null; email: string | null; country: string | null }): void {
  conversations.set((s) => {
    let map: Map<number, Conversation> | null = null;
    for (const c of s.map.values()) {
      if (c.contact_id !== contactId) continue;
      const cur = c.contact;
      if (cur && cur.name === summary.name && cur.email === summary.email && cur.country === summary.country) continue;
      map ??= new Map(s.map);
      map.set(c.id, { ...c, contact: { id: contactId, ...summary } });
    }
    return map ? { ...s, map } : s;
  });
}

export async function reloadAll(): Promise<void> {
  conversations.set((s) => ({ ...s, loadedKey: null, countsReady: false }));
  await Promise.all([loadOpen(), currentFilter ? showFilter(currentFilter, true) : Promise.resolve()]);
}

export function resetConversations(): void {
  listAbort?.abort();
  currentFilter = null;
  conversations.set({ map: new Map(), loadedKey: null, loading: false, nextCursor: null, loadingMore: false, countsReady: false, listed: new Set() });
}

export { newer };

onFrame((f, meta) => applyFrame(f, meta));
onReload(() => { void reloadAll(); });
