// Visitors on the site now (GET /api/v1/visitors/online + live `presence` frames) and a cache of
// contacts opened in the visitor panel, whose current page follows the same frames.
import { api } from '../api';
import { createStore } from '../lib/store';
import type { Contact } from '../types';
import { updateContactSummary } from './conversations';
import { onFrame, onReload } from './realtime';
import { toastError } from './toasts';

export interface OnlineVisitors {
  list: Contact[];
  loading: boolean;
  loaded: boolean;
}

export const online = createStore<OnlineVisitors>({ list: [], loading: false, loaded: false });
export const contacts = createStore<Map<number, Contact>>(new Map());

export async function loadOnline(): Promise<void> {
  online.set((o) => ({ ...o, loading: !o.loaded }));
  try {
    const r = await api<{ visitors: Contact[] }>('GET', '/api/v1/visitors/online');
    online.set({ list: r.visitors, loading: false, loaded: true });
  } catch (err) {
    online.set((o) => ({ ...o, loading: false }));
    toastError(err, 'Could not load visitors');
  }
}

export async function loadContact(id: number): Promise<Contact | null> {
  try {
    const r = await api<{ contact: Contact }>('GET', `/api/v1/contacts/${id}`);
    putContact(r.contact);
    return r.contact;
  } catch (err) {
    toastError(err, 'Could not load the visitor');
    return null;
  }
}

export function putContact(c: Contact): void {
  contacts.set((m) => new Map(m).set(c.id, { ...m.get(c.id), ...c }));
  updateContactSummary(c.id, { name: c.name, email: c.email, country: c.country });
}

let refetch: ReturnType<typeof setTimeout> | null = null;

onFrame((f) => {
  if (f.type !== 'presence' || f.contact_id == null) return;
  const id = f.contact_id;
  const patch: Partial<Contact> = { online: !!f.online };
  if (f.url !== undefined) patch.current_url = f.url;
  if (f.title !== undefined) patch.current_title = f.title;
  contacts.set((m) => {
    const c = m.get(id);
    if (!c) return m;
    const urlChanged = patch.current_url !== undefined && patch.current_url !== c.current_url;
    return new Map(m).set(id, { ...c, ...patch, ...(urlChanged ? { last_page_at: Date.now() } : {}) } as Contact);
  });
  online.set((o) => {
    const i = o.list.findIndex((c) => c.id === id);
    if (!f.online) return i < 0 ? o : { ...o, list: o.list.filter((c) => c.id !== id) };
    if (i < 0) {
      // A new visitor: fetch the full row (country, browser, ...) soon, once for a burst.
      if (o.loaded && !refetch) refetch = setTimeout(() => { refetch = null; void loadOnline(); }, 400);
      return o;
    }
    const list = o.list.slice();
    list[i] = { ...list[i], ...patch };
    return { ...o, list };
  });
});

onReload(() => { if (online.get().loaded) void loadOnline(); });

export function resetVisitors(): void {
  online.set({ list: [], loading: false, loaded: false });
  contacts.set(new Map());
}
