// Visitors on the site now (GET /api/v1/visitors/online + live `presence` frames) and a cache of
// contacts opened in the visitor panel, whose current page follows the same frames.
import { api } from '../api';
import { mergePresence } from '../lib/presenceMerge';
import type { VisitorPresence } from '../../../shared/frames';
import { createStore } from '../lib/store';
import type { Contact, OnlineVisitor } from '../../../shared/types';
import { updateContactSummary } from './conversations';
import { onFrame, onReload } from './realtime';
import { toastError } from './toasts';

export interface OnlineVisitors {
  list: OnlineVisitor[];
  loading: boolean;
  loaded: boolean;
}

export const online = createStore<OnlineVisitors>({ list: [], loading: false, loaded: false });
export const contacts = createStore<Map<number, Contact>>(new Map());

export async function loadOnline(): Promise<void> {
  online.set((o) => ({ ...o, loading: !o.loaded }));
  try {
    const r = await api<{ visitors: OnlineVisitor[] }>('GET', '/api/v1/visitors/online');
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
  let changes: VisitorPresence[];
  if (f.type === 'presence' && f.contact_id != null) {
    changes = [{ contact_id: f.contact_id, online: !!f.online, url: f.url, title: f.title }];
  } else if (f.type === 'presence.visitors') {
    changes = f.visitors;
  } else {
    return;
  }
  const o = online.get();
  const r = mergePresence(contacts.get(), o.list, changes, Date.now());
  if (r.contacts !== contacts.get()) contacts.set(r.contacts);
  if (r.list !== o.list) online.set({ ...o, list: r.list });
  // New visitors: fetch their full rows (country, browser, ...) soon, once for a burst.
  if (r.unknownOnline > 0 && o.loaded && !refetch) refetch = setTimeout(() => { refetch = null; void loadOnline(); }, 400);
});

onReload(() => { if (online.get().loaded) void loadOnline(); });

export function resetVisitors(): void {
  online.set({ list: [], loading: false, loaded: false });
  contacts.set(new Map());
}
