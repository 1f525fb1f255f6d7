// The package's visitor client against a fake server (fake fetch + the fake WebSocket of web/shared/testing):
// the outbox survives a reconnect and goes out again with the same client_ids after the resume, a duplicate ack
// or a replayed frame is shown once, events reach their listeners until unsubscribed, the storage keeps the token
// and the outbox. The widget's own tests (widget/app/chat.test.ts) run the same class through the widget.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebSocket as FakeWS } from '../../shared/testing/fakeWebSocket';
import { createVisitorClient, type VisitorStorage } from './index';

const SERVER = 'https://chat.example.test';
const json = (body: unknown, status = 200) =>
  Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
let fetches: { url: string; body: any }[];
let session: any;

beforeEach(() => {
  FakeWS.all = [];
  fetches = [];
  session = { visitor_token: 'pv_new', visitor: { id: 7 }, conversation: null, agents_online: 1 };
  vi.stubGlobal('fetch', vi.fn((url: string, init: any) => {
    fetches.push({ url, body: init?.body ? JSON.parse(init.body) : undefined });
    if (url === `${SERVER}/api/v1/widget/sessions`) return json(session);
    if (url.startsWith(`${SERVER}/api/v1/widget/conversations/5/messages`)) {
      return json({ messages: [{ id: 1, conversation_id: 5, seq: 1, sender_type: 'visitor', body: 'old', created_at: 1 }] });
    }
    return json({}, 404);
  }));
});
afterEach(() => { vi.unstubAllGlobals(); vi.useRealTimers(); });

function memory(): VisitorStorage & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  return { data, get: (k) => data[k], set: (k, v) => { data[k] = JSON.parse(JSON.stringify(v)); } };
}

/** A started client whose socket said welcome (and, with a conversation, finished its resume). */
async function live(storage = memory()) {
  const chat = createVisitorClient({ server: SERVER, workspace: 'pub1', WebSocket: FakeWS as any, storage });
  await chat.start();
  const ws = FakeWS.last();
  expect(ws.url).toBe('wss://chat.example.test/ws');
  ws.open();
  expect(ws.sent[0]).toEqual({ type: 'hello', token: 'pv_new' });
  ws.push({ type: 'welcome', role: 'visitor', workspace: { name: 'Fernwood' } });
  return { chat, ws, storage };
}

const sends = (ws: FakeWS) => ws.sent.filter((f) => f.type === 'message.send');

describe('createVisitorClient', () => {
  it('opens a session on the server it was given and keeps the token in its storage', async () => {
    const { storage } = await live();
    expect(fetches[0]).toMatchObject({ url: `${SERVER}/api/v1/widget/sessions`, body: { workspace_id: 'pub1' } });
    expect(storage.data.token).toBe('pv_new');
  });

  it('resends the outbox after a reconnect with the same client_ids, after resume.done, once each', async () => {
    const { chat, ws } = await live();
    chat.send('hi');
    const [first] = sends(ws);
    ws.push({ type: 'message.ack', client_id: first.client_id, id: 11, seq: 1, conversation_id: 5, created_at: 1 });
    expect(ws.sent.slice(-1)[0]).toMatchObject({ type: 'resume', conversation_id: 5 });
    ws.push({ type: 'resume.done', conversation_id: 5, last_seq: 1 });

    ws.close();                                   // the connection is lost with two messages on the way
    chat.send('a');
    chat.send('b');
    expect(chat.outbox.items.map((p) => [p.body, p.state])).toEqual([['a', 'queued'], ['b', 'queued']]);

    chat.sock.reconnectNow();
    const ws2 = FakeWS.last();
    ws2.open();
    ws2.push({ type: 'welcome', role: 'visitor', workspace: {} });
    expect(ws2.sent.slice(-1)[0]).toEqual({ type: 'resume', conversation_id: 5, after_seq: 1 });
    expect(sends(ws2)).toEqual([]);               // nothing before the resume is done
    ws2.push({ type: 'resume.done', conversation_id: 5, last_seq: 1 });
    const out = sends(ws2);
    expect(out.map((f) => [f.body, f.conversation_id])).toEqual([['a', 5], ['b', 5]]);

    // The acks were lost too: after the next reconnect the same client_ids go out again; the server dedups.
    ws2.close();
    chat.sock.reconnectNow();
    const ws3 = FakeWS.last();
    ws3.open();
    ws3.push({ type: 'welcome', role: 'visitor', workspace: {} });
    ws3.push({ type: 'resume.done', conversation_id: 5, last_seq: 1 });
    expect(sends(ws3).map((f) => f.client_id)).toEqual(out.map((f) => f.client_id));
    ws3.push({ type: 'message.ack', client_id: out[0].client_id, id: 12, seq: 2, conversation_id: 5, duplicate: true });
    ws3.push({ type: 'message.ack', client_id: out[1].client_id, id: 13, seq: 3, conversation_id: 5 });
    // The replay of a message already acknowledged: listed once.
    ws3.push({ type: 'message.created', message: { id: 12, conversation_id: 5, seq: 2, sender_type: 'visitor', body: 'a',
      client_id: out[0].client_id, created_at: 2 } });
    expect(chat.messages.map((m) => m.body)).toEqual(['hi', 'a', 'b']);
    expect(chat.outbox.items).toEqual([]);
  });

  it('keeps unsent messages in its storage: a new client sends them (same client_id)', async () => {
    const first = await live();
    first.ws.close();
    first.chat.send('written offline');
    const saved = (first.storage.data.outbox as any[])[0];
    expect(saved).toMatchObject({ body: 'written offline', state: 'queued' });
    first.chat.close();

    const { ws } = await live(first.storage);
    expect(sends(ws).map((f) => [f.body, f.client_id])).toEqual([['written offline', saved.client_id]]);
  });

  it('restores the conversation with its history and resumes from its last seq', async () => {
    session.conversation = { id: 5, status: 'open' };
    const { chat, ws } = await live();
    expect(chat.messages.map((m) => m.body)).toEqual(['old']);
    expect(ws.sent.slice(-1)[0]).toEqual({ type: 'resume', conversation_id: 5, after_seq: 1 });
  });

  it('delivers events to listeners until they unsubscribe', async () => {
    const { chat, ws } = await live();
    const got: string[] = [];
    const off = chat.on('message', (m) => got.push(m.body));
    const typing = vi.fn();
    chat.on('typing', typing);
    const agent = (id: number, seq: number, body: string) => ({ type: 'message.created',
      message: { id, conversation_id: 5, seq, sender_type: 'agent', body, created_at: seq }, conversation: { id: 5, status: 'open' } });
    ws.push(agent(21, 1, 'hello'));
    ws.push(agent(21, 1, 'hello'));               // the same frame twice: one event
    ws.push({ type: 'typing', conversation_id: 5, sender_type: 'agent', name: 'Ada', typing: true });
    ws.push({ type: 'typing', conversation_id: 5, sender_type: 'visitor', typing: true });   // our own echo: none
    off();
    ws.push(agent(22, 2, 'after'));
    expect(got).toEqual(['hello']);
    expect(typing).toHaveBeenCalledTimes(1);
    expect(chat.messages.map((m) => m.body)).toEqual(['hello', 'after']);
  });

  it('says when the conversation opens and when its status changes', async () => {
    const { chat, ws } = await live();
    const status: string[] = [];
    chat.on('status', (st, c) => status.push(`${c.id}:${st}`));
    chat.send('hi');
    ws.push({ type: 'message.ack', client_id: sends(ws)[0].client_id, id: 1, seq: 1, conversation_id: 5, created_at: 1 });
    ws.push({ type: 'conversation.updated', conversation: { id: 5, status: 'open', assignee_id: 3 } });
    ws.push({ type: 'conversation.updated', conversation: { id: 5, status: 'resolved' } });
    expect(status).toEqual(['5:open', '5:resolved']);
    expect(chat.conversation).toMatchObject({ id: 5, status: 'resolved', assignee_id: 3 });
  });

  it('waits as a rate-limited send asks, then sends it again in its place', async () => {
    vi.useFakeTimers();
    const { chat, ws } = await live();
    const errors = vi.fn();
    chat.on('error', errors);
    chat.send('one');
    chat.send('two');
    const [one] = sends(ws);
    ws.push({ type: 'error', code: 'rate_limited', message: 'too fast, try again in 3 s', client_id: one.client_id });
    expect(errors).toHaveBeenCalledWith(expect.objectContaining({ code: 'rate_limited' }), 3);
    chat.send('three');
    expect(sends(ws)).toHaveLength(2);            // held
    vi.advanceTimersByTime(3000);
    expect(sends(ws).slice(2).map((f) => [f.body, f.client_id === one.client_id])).toEqual([['one', true], ['three', false]]);
  });

  it('says when there is no WebSocket to use', () => {
    vi.stubGlobal('WebSocket', undefined);
    expect(() => createVisitorClient({ server: SERVER, workspace: 'pub1' })).toThrow(/pass one/);
  });
});
