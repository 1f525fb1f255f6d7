// Messages the visitor wrote that the server has not acknowledged yet (server messages are merged by
// web/shared/merge.ts). Rules: a pending message keeps its client_id for every resend (the server dedupes by it),
// pending messages go out in the order they were written.
// A pending message keeps its place in the list: `at` names the newest message shown when it was written
// (or retried), and a list (the widget's timeline()) puts it right after that one, however many messages arrive
// later. `toJSON` is what the client keeps in its storage, so a reload sends what was still on the way.
import { newClientId } from '../../shared/clientId';
import type { Attachment, Message, ReplyToOption } from '../../shared/types';

export type PendingState = 'queued' | 'inflight' | 'failed';
export interface Pending {
  client_id: string;
  body: string;
  attachments: Attachment[];
  created_at: number;
  state: PendingState;
  error?: string;
  /** [conversation_id, seq] of the newest message shown when this one was written; [0, 0] before any. */
  at?: [number, number];
  /** A quick-reply press (issue 14). */
  reply_to_option?: ReplyToOption;
}

const isBefore = (a: [number, number], b: [number, number]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

export class Outbox {
  items: Pending[] = [];

  /** `saved`: what toJSON gave, kept by the loader on the host page. */
  constructor(saved?: unknown) {
    // After a reload nothing is in flight any more: everything unacknowledged is queued again.
    if (Array.isArray(saved)) this.items = (saved as Pending[]).map((p) => ({ ...p, state: p.state === 'failed' ? 'failed' : 'queued' }));
  }

  add(body: string, attachments: Attachment[] = [], now = Date.now(), at?: [number, number]): Pending {
    const p: Pending = { client_id: newClientId(), body, attachments, created_at: now, state: 'queued', ...(at ? { at } : {}) };
    this.items.push(p);
    return p;
  }

  /** Queued messages in writing order, marked in flight: the caller sends them now. */
  takeDue(): Pending[] {
    const due = this.items.filter((p) => p.state === 'queued');
    for (const p of due) p.state = 'inflight';
    return due;
  }

  /** The connection dropped: whatever was in flight may be lost and goes out again with the same client_id. */
  requeue(): void {
    for (const p of this.items) if (p.state === 'inflight') p.state = 'queued';
  }

  /**
   * Stored by the server as `key` ([conversation_id, seq]): it leaves the outbox. Messages written after it were
   * placed after whatever was shown then, which may be before it (it was still on the way, or the very first
   * message); they now go right after it, in the order they were written.
   */
  ack(clientId: string, key?: [number, number]): boolean {
    const i = this.items.findIndex((p) => p.client_id === clientId);
    if (i < 0) return false;
    this.items.splice(i, 1);
    if (key) for (const p of this.items.slice(i)) if (p.at && isBefore(p.at, key)) p.at = key;
    return true;
  }

  /** Refused for now (rate limited): queued again, to go out in its place when the caller flushes next. */
  again(clientId: string): void {
    const p = this.items.find((x) => x.client_id === clientId);
    if (p && p.state === 'inflight') p.state = 'queued';
  }

  fail(clientId: string, error: string): void {
    const p = this.items.find((x) => x.client_id === clientId);
    if (p) { p.state = 'failed'; p.error = error; }
  }

  /** Sends a failed message again; it moves to `at` (the end of the list), where the server will put it. */
  retry(clientId: string, at?: [number, number]): void {
    const p = this.items.find((x) => x.client_id === clientId);
    if (p && p.state === 'failed') { p.state = 'queued'; p.error = undefined; if (at) p.at = at; }
  }

  /** Drops pending messages the server already stored (seen in history or a replay). */
  dropKnown(messages: Message[]): void {
    const known = new Set(messages.map((m) => m.client_id).filter(Boolean));
    this.items = this.items.filter((p) => !known.has(p.client_id));
  }

  toJSON(): Pending[] { return this.items.map((p) => ({ ...p })); }
}
