// Pure logic of one conversation's message list: stored messages in seq order, plus the agent's own
// messages still on the way (optimistic, keyed by client_id, no seq yet).
import type { Message } from '../types';

export type OutState = 'sending' | 'failed';

/** A message in the list: a stored one, or a pending one of ours (seq 0, `out` set). */
export interface ListMessage extends Message {
  out?: OutState;
  error?: string;
}

function sortKey(m: ListMessage): number {
  // Pending messages go after every stored one, in the order they were typed.
  return m.seq > 0 ? m.seq : Number.MAX_SAFE_INTEGER;
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
  return out.sort((a, b) => sortKey(a) - sortKey(b) || a.created_at - b.created_at);
}

/** Adds (or replaces, on a retry) a pending message of ours. */
export function addPending(list: ListMessage[], m: ListMessage): ListMessage[] {
  const rest = list.filter((p) => !(p.seq === 0 && p.client_id === m.client_id));
  return [...rest, { ...m, seq: 0, out: 'sending' }];
}

/**
 * The server acknowledged a pending message: it becomes stored with its id and seq (unless the
 * message.created frame already replaced it, or that seq is already in the list).
 */
export function ackPending(list: ListMessage[], ack: { client_id: string; id: number; seq: number; created_at: number }): ListMessage[] {
  const i = list.findIndex((p) => p.seq === 0 && p.client_id === ack.client_id);
  if (i < 0) return list;
  if (list.some((m) => m.seq === ack.seq)) return list.filter((_, j) => j !== i);
  const { out: _o, error: _e, ...stored } = list[i];
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
