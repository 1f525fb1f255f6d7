// The contacts page's list: one search (q + segment) at a time, cursor pages appended by "Load more".
// A newer search aborts the older one, so a slow answer never overwrites what the agent typed last.
import { api, errorMessage } from '../api';
import { createStore } from '../lib/store';
import type { ContactListItem, ContactSegment } from '../../../shared/types';

export interface ContactListState {
  key: string | null;          // q + segment of what `items` shows
  items: ContactListItem[];
  nextCursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
}

export const contactList = createStore<ContactListState>({ key: null, items: [], nextCursor: null, loading: false, loadingMore: false, error: null });

let abort: AbortController | null = null;
let current: { q: string; segment: ContactSegment } = { q: '', segment: 'all' };

export function contactQuery(q: string, segment: ContactSegment, cursor?: string | null, limit = 50): string {
  const p = new URLSearchParams({ limit: String(limit) });
  if (q.trim()) p.set('q', q.trim());
  if (segment !== 'all') p.set('segment', segment);
  if (cursor) p.set('cursor', cursor);
  return p.toString();
}

export async function searchContacts(q: string, segment: ContactSegment, force = false): Promise<void> {
  const key = `${q.trim()}|${segment}`;
  if (!force && contactList.get().key === key && !contactList.get().error) return;
  current = { q, segment };
  abort?.abort();
  const ctl = new AbortController();
  abort = ctl;
  contactList.set((s) => ({ ...s, key, loading: true, error: null }));
  try {
    const r = await api<{ contacts: ContactListItem[]; next_cursor: string | null }>('GET', `/api/v1/contacts?${contactQuery(q, segment)}`, undefined, ctl.signal);
    if (abort !== ctl) return;
    contactList.set({ key, items: r.contacts, nextCursor: r.next_cursor, loading: false, loadingMore: false, error: null });
  } catch (err) {
    if ((err as Error).name === 'AbortError') return;
    contactList.set((s) => ({ ...s, items: [], loading: false, error: errorMessage(err) }));
  }
}

export async function loadMoreContacts(): Promise<void> {
  const s = contactList.get();
  if (!s.nextCursor || s.loadingMore) return;
  contactList.set((x) => ({ ...x, loadingMore: true }));
  try {
    const r = await api<{ contacts: ContactListItem[]; next_cursor: string | null }>('GET', `/api/v1/contacts?${contactQuery(current.q, current.segment, s.nextCursor)}`);
    contactList.set((x) => {
      const seen = new Set(x.items.map((c) => c.id));
      return { ...x, items: [...x.items, ...r.contacts.filter((c) => !seen.has(c.id))], nextCursor: r.next_cursor, loadingMore: false };
    });
  } catch (err) {
    contactList.set((x) => ({ ...x, loadingMore: false, error: errorMessage(err) }));
  }
}

/** After a merge or an edit: the list is stale. */
export function invalidateContacts(): void {
  contactList.set((s) => ({ ...s, key: null }));
}
