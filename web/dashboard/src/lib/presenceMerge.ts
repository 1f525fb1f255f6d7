// Applies visitor presence changes (one `presence` frame, or a `presence.visitors` burst after a
// restart) to the cached contacts and the online list in one pass: a burst of 18,000 visitors must
// not copy the maps 18,000 times.
import type { VisitorPresence } from '../../../shared/frames';
import type { Contact } from '../../../shared/types';

export interface PresenceMerge<L extends Contact> {
  contacts: Map<number, Contact>;
  list: L[];
  /** Visitors that came online and are not in the list yet: the caller fetches their rows. */
  unknownOnline: number;
}

function patchOf(p: VisitorPresence): Partial<Contact> {
  const patch: Partial<Contact> = { online: p.online };
  if (p.url !== undefined) patch.current_url = p.url;
  if (p.title !== undefined) patch.current_title = p.title;
  return patch;
}

export function mergePresence<L extends Contact>(contacts: Map<number, Contact>, list: L[], changes: VisitorPresence[],
  now: number): PresenceMerge<L> {
  // Later changes of the same visitor win.
  const latest = new Map<number, VisitorPresence>();
  for (const c of changes) latest.set(c.contact_id, c);

  let nextContacts = contacts;
  for (const [id, p] of latest) {
    const c = contacts.get(id);
    if (!c) continue;
    if (nextContacts === contacts) nextContacts = new Map(contacts);
    const patch = patchOf(p);
    const urlChanged = patch.current_url !== undefined && patch.current_url !== c.current_url;
    nextContacts.set(id, { ...c, ...patch, ...(urlChanged ? { last_page_at: now } : {}) } as Contact);
  }

  let unknownOnline = 0;
  const seen = new Set<number>();
  let changed = false;
  const nextList: L[] = [];
  for (const c of list) {
    const p = latest.get(c.id);
    seen.add(c.id);
    if (!p) { nextList.push(c); continue; }
    changed = true;
    if (p.online) nextList.push({ ...c, ...patchOf(p) });
  }
  for (const [id, p] of latest) if (p.online && !seen.has(id)) unknownOnline++;
  return { contacts: nextContacts, list: changed ? nextList : list, unknownOnline };
}
