// The agent's own messages on the way in a conversation's list (web/shared/merge.ts): sent optimistically, keyed by
// client_id (seq 0 until stored), placed after the newest stored message when sent, failed ones kept in place.
import { lastSeq, mergeMessages, sortListed } from '../../../shared/merge';
import type { Message } from '../../../shared/types';

export type OutState = 'sending' | 'failed';

/** A message in the list: a stored one, or a pending one of ours (seq 0, `out` set). */
export interface ListMessage extends Message {
  out?: OutState;
  error?: string;
  /** A pending message's place in time: the newest stored seq when it was sent. */
  after_seq?: number;
}

/** Adds (or replaces, on a retry) a pending message of ours, placed after the newest stored message:
 *  a retry is sent now, so it moves down to where it will land. */
export function addPending(list: ListMessage[], m: ListMessage): ListMessage[] {
  const rest = list.filter((p) => !(p.seq === 0 && p.client_id === m.client_id));
  const pending: ListMessage = { ...m, seq: 0, out: 'sending', after_seq: lastSeq(rest) };
  return sortListed([...rest, pending]);
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
