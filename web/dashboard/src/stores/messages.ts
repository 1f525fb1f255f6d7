// Messages of the conversations an agent has opened, the agent's own sends (WebSocket first, REST when
// the socket is down; client_id makes a resend safe), and the visitor's live typing.
import { api, errorMessage } from '../api';
import { messagesAfter } from '../../../shared/http';
import { lastSeq, mergeMessages } from '../../../shared/merge';
import { newClientId } from '../../../shared/clientId';
import { ackPending, addPending, failPending, type ListMessage } from '../lib/pendingMessages';
import { createStore } from '../lib/store';
import type { Attachment, Message } from '../../../shared/types';
import type { AgentFrame, SendFrame } from '../../../shared/frames';
import { mergeConversation, markReadLocally } from './conversations';
import { isLive, onFrame, onReload, send } from './realtime';
import { me } from './session';
import { toast } from './toasts';

export interface Thread {
  items: ListMessage[];
  loading: boolean;
  loaded: boolean;
  error: string | null;
}

export const threads = createStore<Map<number, Thread>>(new Map());

export interface Typing {
  conversation_id: number;
  name: string;
  draft: string;
  at: number;
}

/** The visitor's typing (with the draft) and other agents' typing, per conversation. */
export const typing = createStore<Map<number, { visitor?: Typing; agents: Record<number, Typing> }>>(new Map());

const EMPTY: Thread = { items: [], loading: false, loaded: false, error: null };

function update(id: number, fn: (t: Thread) => Thread): void {
  threads.set((m) => {
    const cur = m.get(id) ?? EMPTY;
    const next = fn(cur);
    if (next === cur) return m;
    const out = new Map(m);
    out.set(id, next);
    return out;
  });
}

export function thread(id: number): Thread {
  return threads.get().get(id) ?? EMPTY;
}

export async function loadThread(id: number): Promise<void> {
  const t = thread(id);
  if (t.loading) return;
  update(id, (x) => ({ ...x, loading: !x.loaded, error: null }));
  try {
    const msgs = await messagesAfter(`/api/v1/conversations/${id}/messages`, lastSeq(t.items), (path) => api('GET', path));
    update(id, (x) => ({ ...x, items: mergeMessages(x.items, msgs), loading: false, loaded: true }));
  } catch (err) {
    update(id, (x) => ({ ...x, loading: false, error: errorMessage(err) }));
  }
}

export interface Outgoing {
  body: string;
  private?: boolean;
  attachments?: Attachment[];
}

const outbox = new Map<string, { conversationId: number; out: Outgoing }>();

export function sendMessage(conversationId: number, out: Outgoing, clientId = newClientId()): string {
  const agent = me();
  const pending: ListMessage = {
    id: 0,
    conversation_id: conversationId,
    seq: 0,
    sender_type: 'agent',
    sender_id: agent?.id ?? null,
    sender: agent ? { name: agent.name, avatar_url: agent.avatar_url } : null,
    body: out.body,
    private: !!out.private,
    client_id: clientId,
    attachments: out.attachments ?? [],
    created_at: Date.now(),
  };
  update(conversationId, (t) => ({ ...t, items: addPending(t.items, pending) }));
  outbox.set(clientId, { conversationId, out });
  deliver(clientId);
  return clientId;
}

function deliver(clientId: string): void {
  const o = outbox.get(clientId);
  if (!o) return;
  const frame: SendFrame = {
    type: 'message.send',
    conversation_id: o.conversationId,
    client_id: clientId,
    body: o.out.body,
    private: !!o.out.private,
    ...(o.out.attachments?.length ? { attachments: o.out.attachments } : {}),
  };
  if (isLive() && send(frame)) {
    // If no ack arrives (the socket died after the write), resend over REST; the client_id dedupes.
    setTimeout(() => { if (outbox.has(clientId)) void deliverRest(clientId); }, 8000);
    return;
  }
  void deliverRest(clientId);
}

async function deliverRest(clientId: string): Promise<void> {
  const o = outbox.get(clientId);
  if (!o) return;
  try {
    const r = await api<{ message: Message }>('POST', `/api/v1/conversations/${o.conversationId}/messages`, {
      body: o.out.body,
      client_id: clientId,
      private: !!o.out.private,
      ...(o.out.attachments?.length ? { attachments: o.out.attachments } : {}),
    });
    outbox.delete(clientId);
    update(o.conversationId, (t) => ({ ...t, items: mergeMessages(t.items, [r.message]) }));
  } catch (err) {
    if (!outbox.has(clientId)) return;
    outbox.delete(clientId);
    update(o.conversationId, (t) => ({ ...t, items: failPending(t.items, clientId, errorMessage(err)) }));
    toast(`Message not sent: ${errorMessage(err)}`, 'error', 8000);
  }
}

export function retry(conversationId: number, clientId: string): void {
  const m = thread(conversationId).items.find((x) => x.client_id === clientId && x.seq === 0);
  if (!m) return;
  sendMessage(conversationId, { body: m.body, private: m.private, attachments: m.attachments }, clientId);
}

export function discard(conversationId: number, clientId: string): void {
  outbox.delete(clientId);
  update(conversationId, (t) => ({ ...t, items: t.items.filter((m) => !(m.seq === 0 && m.client_id === clientId)) }));
}

/** Tells the server (and other agents) that agents read up to `seq`. */
export function markRead(conversationId: number, seq: number): void {
  if (seq <= 0) return;
  markReadLocally(conversationId, seq);
  if (!send({ type: 'read', conversation_id: conversationId, seq })) {
    void api('POST', `/api/v1/conversations/${conversationId}/read`, { seq }).catch(() => {});
  }
}

let typingSentAt = 0;
let typingConv = 0;
export function sendTyping(conversationId: number, on: boolean): void {
  const now = Date.now();
  if (on && typingConv === conversationId && now - typingSentAt < 2500) return;
  typingSentAt = on ? now : 0;
  typingConv = on ? conversationId : 0;
  send({ type: 'typing', conversation_id: conversationId, typing: on });
}

function setTyping(f: Extract<AgentFrame, { type: 'typing' }>): void {
  typing.set((m) => {
    const out = new Map(m);
    const cur = out.get(f.conversation_id) ?? { agents: {} };
    const t: Typing = { conversation_id: f.conversation_id, name: f.name ?? '', draft: f.draft ?? '', at: Date.now() };
    if (f.sender_type === 'visitor') {
      out.set(f.conversation_id, { ...cur, visitor: f.typing ? t : undefined });
    } else if (f.sender_id != null && f.sender_id !== me()?.id) {
      const agents = { ...cur.agents };
      if (f.typing) agents[f.sender_id] = t;
      else delete agents[f.sender_id];
      out.set(f.conversation_id, { ...cur, agents });
    }
    return out;
  });
}

function clearVisitorTyping(conversationId: number): void {
  typing.set((m) => {
    const cur = m.get(conversationId);
    if (!cur?.visitor) return m;
    const out = new Map(m);
    out.set(conversationId, { ...cur, visitor: undefined });
    return out;
  });
}

// Typing that was not refreshed for 8 s is over (a closed tab never says "stopped").
setInterval(() => {
  const now = Date.now();
  const m = typing.get();
  let changed = false;
  const out = new Map(m);
  for (const [id, t] of m) {
    const agents = Object.fromEntries(Object.entries(t.agents).filter(([, a]) => now - a.at < 8000));
    const visitor = t.visitor && now - t.visitor.at < 8000 ? t.visitor : undefined;
    if (visitor !== t.visitor || Object.keys(agents).length !== Object.keys(t.agents).length) {
      out.set(id, { visitor, agents });
      changed = true;
    }
  }
  if (changed) typing.set(out);
}, 2000);

onFrame((f) => {
  switch (f.type) {
    case 'message.created': {
      const m = f.message;
      if (threads.get().has(m.conversation_id)) {
        update(m.conversation_id, (t) => ({ ...t, items: mergeMessages(t.items, [m]) }));
      }
      if (m.client_id) outbox.delete(m.client_id);
      if (m.sender_type === 'visitor') clearVisitorTyping(m.conversation_id);
      return;
    }
    case 'message.ack':
      outbox.delete(f.client_id);
      update(f.conversation_id, (t) => ({ ...t, items: ackPending(t.items, f) }));
      return;
    case 'error':
      if (f.client_id && outbox.has(f.client_id)) {
        const o = outbox.get(f.client_id)!;
        outbox.delete(f.client_id);
        update(o.conversationId, (t) => ({ ...t, items: failPending(t.items, f.client_id!, f.message) }));
        toast(`Message not sent: ${f.message}`, 'error', 8000);
      } else if (f.message && f.code !== 'not_found') {
        toast(f.message, 'error', 6000);
      }
      return;
    case 'typing':
      setTyping(f);
      return;
  }
});

// After a reset the replay is gone: catch the open threads up over REST.
onReload(() => {
  for (const id of threads.get().keys()) if (thread(id).loaded) void loadThread(id);
});

export function resetThreads(): void {
  outbox.clear();
  threads.set(new Map());
  typing.set(new Map());
}

export { mergeConversation };
