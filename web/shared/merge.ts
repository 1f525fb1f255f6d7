// A message list as both apps keep it: stored messages in (conversation, seq) order, unique by seq and by id, so a
// replayed frame or one that came twice is shown once (docs/protocol.md, "Resume": in a race a live frame may come
// before older replayed ones, so places come from seqs, never from arrival or clocks). A list may also hold the
// sender's own messages still on the way (seq 0, keyed by client_id): each right after the stored message that was
// newest when it was sent (`after_seq`), several there in the order they were written.
import type { Message } from './types';

/** A stored message, or (seq 0) one of ours on the way. */
export type Listed = Pick<Message, 'id' | 'conversation_id' | 'seq' | 'client_id' | 'created_at'> & { after_seq?: number };

function compare(a: Listed, b: Listed): number {
  const pa = a.seq > 0 ? a.seq : a.after_seq ?? Number.MAX_SAFE_INTEGER;
  const pb = b.seq > 0 ? b.seq : b.after_seq ?? Number.MAX_SAFE_INTEGER;
  if (a.conversation_id !== b.conversation_id) return a.conversation_id - b.conversation_id;
  if (pa !== pb) return pa - pb;
  const sa = a.seq > 0 ? 0 : 1, sb = b.seq > 0 ? 0 : 1;  // the stored message before what followed it
  return sa - sb || a.created_at - b.created_at;
}

/** Sorts a list by the rule above (in place; returns it). */
export function sortListed<M extends Listed>(list: M[]): M[] {
  return list.sort(compare);
}

/**
 * Merges stored messages into the list: one already there (same conversation and seq, or same id) is dropped; one
 * whose client_id matches a message of ours on the way replaces it. Returns the same array when nothing changed.
 */
export function mergeMessages<M extends Listed>(list: M[], incoming: M[]): M[] {
  if (incoming.length === 0) return list;
  const key = (m: Listed) => `${m.conversation_id}:${m.seq}`;
  const seen = new Set<string>();
  const ids = new Set<number>();
  for (const m of list) if (m.seq > 0) { seen.add(key(m)); ids.add(m.id); }
  let out: M[] | null = null;
  for (const m of incoming) {
    if (seen.has(key(m)) || ids.has(m.id)) continue;
    out ??= list.slice();
    if (m.client_id) {
      const i = out.findIndex((p) => p.seq === 0 && p.client_id === m.client_id);
      if (i >= 0) out.splice(i, 1);
    }
    out.push(m);
    seen.add(key(m));
    ids.add(m.id);
  }
  return out ? sortListed(out) : list;
}

/** The highest seq in the list (of one conversation when given): the resume cursor. */
export function lastSeq(list: Listed[], conversationId?: number): number {
  let s = 0;
  for (const m of list) if (m.seq > s && (conversationId === undefined || m.conversation_id === conversationId)) s = m.seq;
  return s;
}
