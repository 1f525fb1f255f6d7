// Messages the visitor wrote that the server has not acknowledged yet, and the merge of server messages.
// Rules: a pending message keeps its client_id for every resend (the server dedupes by it), pending
// messages go out in the order they were written, and server messages are unique by (conversation, seq).
// A pending message keeps its place in the list: `at` names the newest message shown when it was written
// (or retried), and timeline() puts it right after that one, however many messages arrive later.
export interface Attachment { url: string; name: string; size: number; content_type: string }
export interface Message {
  id: number;
  conversation_id: number;
  seq: number;
  sender_type: 'visitor' | 'agent' | 'bot' | 'system';
  sender_id?: number | null;
  sender?: { name?: string; avatar_url?: string } | null;
  body: string;
  client_id?: string | null;
  attachments?: Attachment[];
  created_at: number;
  private?: boolean;
}
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
}

export function newClientId(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

export class Outbox {
  items: Pending[] = [];

  constructor(saved?: Pending[] | null) {
    // After a reload nothing is in flight any more: everything unacknowledged is queued again.
    if (Array.isArray(saved)) this.items = saved.map((p) => ({ ...p, state: p.state === 'failed' ? 'failed' : 'queued' }));
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

  ack(clientId: string): boolean {
    const n = this.items.length;
    this.items = this.items.filter((p) => p.client_id !== clientId);
    return this.items.length !== n;
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

const key = (m: Message) => `${m.conversation_id}:${m.seq}`;

/** Merges server messages into a list: unique by (conversation_id, seq), sorted by conversation then seq. */
export function mergeMessages(list: Message[], incoming: Message[]): Message[] {
  const seen = new Set(list.map(key));
  const add = incoming.filter((m) => !m.private && !seen.has(key(m)) && seen.add(key(m)));
  if (!add.length) return list;
  return [...list, ...add].sort((a, b) => a.conversation_id - b.conversation_id || a.seq - b.seq);
}

/** Highest seq seen in a conversation: the resume cursor. */
export function lastSeq(list: Message[], conversationId: number): number {
  let s = 0;
  for (const m of list) if (m.conversation_id === conversationId && m.seq > s) s = m.seq;
  return s;
}

export type Item = { m: Message; p?: undefined } | { p: Pending; m?: undefined };

/**
 * Server messages (sorted by conversation and seq) and pending ones in one list, in time: each pending message
 * right after the message it was written after (its `at`), in writing order; one without `at` (saved by an older
 * widget) at the end. A failed message stays where it was written, above the messages delivered after it.
 */
export function timeline(messages: Message[], pending: Pending[]): Item[] {
  const out: Item[] = [];
  let i = 0;
  const upTo = (at?: [number, number]) => {
    while (i < messages.length) {
      const m = messages[i];
      if (at && (m.conversation_id > at[0] || (m.conversation_id === at[0] && m.seq > at[1]))) break;
      out.push({ m });
      i++;
    }
  };
  for (const p of pending) {
    upTo(p.at);
    out.push({ p });
  }
  upTo();
  return out;
}
