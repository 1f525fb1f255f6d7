// Pure logic of one conversation's message list: stored messages in seq order, plus the agent's own
// messages still on the way (optimistic, keyed by client_id, no seq yet).
import type { Message } from '../types';

export type OutState = 'sending' | 'failed';

/** A message in the list: a stored one, or a pending one of ours (seq 0, `out` set). */
export interface ListMessage extends Message {
  out?: OutState;
  error?: string;
  /** A pending message's place in time: the newest stored seq when it was sent. */
  after_seq?: number;
}

/**
 * Stored messages by seq; a pending one right after the stored message that was newest when it was sent
 * (several there in the order they were typed). A failed message keeps that place: it used to sink below
 * every message delivered after it (issue 10). Places come from seqs, not clocks, so a skewed browser
 * clock cannot move them.
 */
function compare(a: ListMessage, b: ListMessage): number {
  const pa = a.seq > 0 ? a.seq : a.after_seq ?? Number.MAX_SAFE_INTEGER;
  const pb = b.seq > 0 ? b.seq : b.after_seq ?? Number.MAX_SAFE_INTEGER;
  if (pa !== pb) return pa - pb;
  const sa = a.seq > 0 ? 0 : 1, sb = b.seq > 0 ? 0 : 1;  // the stored message before what followed it
  return sa - sb || a.created_at - b.created_at;
}

/**
 * Merges stored messages into the list: a message whose seq is already there is dropped (a replay or
 * a frame that came twice); a stored message whose client_id matches a pending one replaces it.
 * Returns the same array when nothing changed.
 */
export function mergeMessages(list: ListMessage[], incoming: Message[]): ListMessage[] {
  if (incoming.length === 0) return list;
  const seqs = new Set<number>();
  const ids = new Set<number>();
  for (const m of list) if (m.seq > 0) { seqs.add(m.seq); ids.add(m.id); }
  let out: ListMessage[] | null = null;
  for (const m of incoming) {
    if (seqs.has(m.seq) || ids.has(m.id)) continue;
    out ??= list.slice();
    if (m.client_id) {
      const i = out.findIndex((p) => p.seq === 0 && p.client_id === m.client_id);
      if (i >= 0) out.splice(i, 1);
    }
    out.push(m);
    seqs.add(m.seq);
    ids.add(m.id);
  }
  if (!out) return list;
  return out.sort(compare);
}

/** Adds (or replaces, on a retry) a pending message of ours, placed after the newest stored message:
 *  a retry is sent now, so it moves down to where it will land. */
export function addPending(list: ListMessage[], m: ListMessage): ListMessage[] {
  const rest = list.filter((p) => !(p.seq === 0 && p.client_id === m.client_id));
  const pending: ListMessage = { ...m, seq: 0, out: 'sending', after_seq: lastSeq(rest) };
  return [...rest, pending].sort(compare);
}

/**
 * The server acknowledged a pending message: it becomes stored with its id and seq (unless the
 * message.created frame already replaced it, or that seq is already in the list).
 */
export function ackPending(list: ListMessage[], ack: { client_id: string; id: number; seq: number; created_at: number }): ListMessage[] {
  const i = list.findIndex((p) => p.seq === 0 && p.client_id === ack.client_id);
  if (i < 0) return list;
  if (list.some((m) => m.seq === ack.seq)) return list.filter((_, j) => j !== i);
  const { out: _o, error: _e, after_seq: _a, ...stored } = list[i];
  return mergeMessages(list.filter((_, j) => j !== i), [{ ...stored, id: ack.id, seq: ack.seq, created_at: ack.created_at }]);
}

export function failPending(list: ListMessage[], clientId: string, error: string): ListMessage[] {
  return list.map((m) => (m.seq === 0 && m.client_id === clientId ? { ...m, out: 'failed' as const, error } : m));
}

export function lastSeq(list: ListMessage[]): number {
  let s = 0;
  for (const m of list) if (m.seq > s) s = m.seq;
  return s;
}
