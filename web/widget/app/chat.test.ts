// The controller against a tiny fake server (fake fetch + fake WebSocket): the real server is exercised by
// the e2e tests; this pins the client logic of protocol.md (hello, resume, outbox, dedupe, CSAT, unread).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Chat } from './chat';
import { beep } from './lib/beep';

vi.mock('./lib/beep', () => ({ beep: vi.fn(), unlockAudio: vi.fn() }));
import { Bridge } from './lib/bridge';

class FakeWS {
  static all: FakeWS[] = [];
  readyState = 0;
  sent: any[] = [];
  onopen?: () => void;
  onmessage?: (e: { data: string }) => void;
  onclose?: () => void;
  constructor(readonly url: string) { FakeWS.all.push(this); }
  send(s: string) { this.sent.push(JSON.parse(s)); }
  close() { if (this.readyState === 3) return; this.readyState = 3; this.onclose?.(); }
  open() { this.readyState = 1; this.onopen?.(); }
  push(f: object) { this.onmessage?.({ data: JSON.stringify(f) }); }
  types() { return this.sent.map((f) => f.type); }
}
const last = () => FakeWS.all[FakeWS.all.length - 1];
const tick = () => new Promise((r) => setTimeout(r, 0));
const HOST = 'https://shop.test';

let posted: any[];
let parentWin: Window;
let session: any;
let chat: Chat;

function json(body: unknown, status = 200) {
  return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
}

beforeEach(() => {
  FakeWS.all = [];
  posted = [];
  parentWin = { postMessage: (m: any, o: string) => { expect(o).toBe(HOST); posted.push(m); } } as unknown as Window;
  session = { visitor_token: 'pv_new', visitor: { id: 7 }, conversation: null, settings: { color: '#22c55e' }, agents_online: 1, online: true };
  vi.stubGlobal('WebSocket', FakeWS);
  vi.stubGlobal('fetch', vi.fn((url: string, init: any) => {
    if (url === '/api/v1/widget/sessions') return json(session);
    if (url.startsWith('/api/v1/widget/conversations/')) return json({ messages: [] });
    return json({}, 404);
  }));
  chat = new Chat(new Bridge(HOST, parentWin), 'ws://x/ws');
});
afterEach(() => { chat.state.phase = 'failed'; vi.unstubAllGlobals(); });

async function boot(store: object = {}) {
  chat.start();
  expect(posted[0]).toEqual({ t: 'hello' });
  window.dispatchEvent(new MessageEvent('message', { origin: HOST, source: parentWin as any,
    data: { t: 'init', ws: 'pub1', store, page: { url: 'https://shop.test/', title: 'Shop' }, open: true } }));
  for (let i = 0; i < 10 && chat.state.phase !== 'ready'; i++) await tick();
  expect(chat.state.phase).toBe('ready');
  const ws = last();
  ws.open();
  expect(ws.sent[0]).toEqual({ type: 'hello', token: 'pv_new' });
  ws.push({ type: 'welcome', role: 'visitor', workspace: { name: 'Fernwood' } });
  return ws;
}

describe('Chat controller', () => {
  it('creates a session, stores the new token through the loader, and reports the theme', async () => {
    await boot();
    const body = JSON.parse((fetch as any).mock.calls[0][1].body);
    expect(body).toMatchObject({ workspace_id: 'pub1', url: 'https://shop.test/', title: 'Shop' });
    expect(body.language).toBeTruthy();
    expect(posted).toContainEqual({ t: 'save', k: 'token', v: 'pv_new' });
    const ui = posted.find((m) => m.t === 'ui');
    expect(ui).toMatchObject({ pos: 'right', x: 20, y: 20, lo: 'Open chat' });
    expect(ui.bg).toMatch(/^#[0-9a-f]{6}$/);
    expect(posted).toContainEqual({ t: 'ready' });
  });

  it('sends, queues while down, resends in order with the same client_id after resume, dedupes', async () => {
    let ws = await boot();
    chat.send('hi');
    const first = ws.sent.find((f) => f.type === 'message.send');
    expect(first).toMatchObject({ body: 'hi' });
    expect(first.conversation_id).toBeUndefined();
    ws.push({ type: 'message.ack', client_id: first.client_id, id: 1, seq: 1, conversation_id: 5, created_at: 1 });
    expect(chat.state.pending).toEqual([]);
    expect(chat.state.messages.map((m) => m.body)).toEqual(['hi']);
    expect(ws.sent.slice(-1)[0]).toMatchObject({ type: 'resume', conversation_id: 5 });
    ws.push({ type: 'message.created', message: { id: 1, conversation_id: 5, seq: 1, sender_type: 'visitor', body: 'hi', client_id: first.client_id, created_at: 1 } });
    expect(chat.state.messages).toHaveLength(1);

    ws.close();                                   // connection lost
    expect(chat.state.reconnecting).toBe(true);
    chat.send('a');
    chat.send('b');
    expect(chat.state.pending.map((p) => p.body)).toEqual(['a', 'b']);
    expect(posted.filter((m) => m.t === 'save' && m.k === 'outbox').slice(-1)[0].v).toHaveLength(2);

    window.dispatchEvent(new Event('online'));    // back online: reconnect at once
    ws = last();
    ws.open();
    ws.push({ type: 'welcome', role: 'visitor', workspace: { name: 'Fernwood' } });
    expect(ws.sent.slice(-1)[0]).toEqual({ type: 'resume', conversation_id: 5, after_seq: 1 });
    expect(ws.types()).not.toContain('message.send');            // not before resume.done
    ws.push({ type: 'message.created', message: { id: 2, conversation_id: 5, seq: 2, sender_type: 'agent', body: 'missed', sender: { name: 'Ada' }, created_at: 2 } });
    ws.push({ type: 'resume.done', conversation_id: 5, last_seq: 2 });
    const sends = ws.sent.filter((f) => f.type === 'message.send');
    expect(sends.map((f) => f.body)).toEqual(['a', 'b']);
    expect(sends.every((f) => f.conversation_id === 5)).toBe(true);

    // The acks got lost: another drop, the same client_ids go out again.
    ws.close();
    window.dispatchEvent(new Event('online'));
    ws = last();
    ws.open();
    ws.push({ type: 'welcome', role: 'visitor', workspace: {} });
    expect(ws.sent.slice(-1)[0]).toEqual({ type: 'resume', conversation_id: 5, after_seq: 2 });
    ws.push({ type: 'resume.done', conversation_id: 5, last_seq: 2 });
    const again = ws.sent.filter((f) => f.type === 'message.send');
    expect(again.map((f) => f.client_id)).toEqual(sends.map((f) => f.client_id));
    ws.push({ type: 'message.ack', client_id: again[0].client_id, id: 3, seq: 3, conversation_id: 5, duplicate: true });
    ws.push({ type: 'message.ack', client_id: again[1].client_id, id: 4, seq: 4, conversation_id: 5 });
    // A replayed frame arrives twice: shown once.
    ws.push({ type: 'message.created', message: { id: 3, conversation_id: 5, seq: 3, sender_type: 'visitor', body: 'a', client_id: again[0].client_id, created_at: 3 } });
    ws.push({ type: 'message.created', message: { id: 3, conversation_id: 5, seq: 3, sender_type: 'visitor', body: 'a', client_id: again[0].client_id, created_at: 3 } });
    expect(chat.state.messages.map((m) => m.body)).toEqual(['hi', 'missed', 'a', 'b']);
    expect(chat.state.pending).toEqual([]);
  });

  it('marks failed sends, shows errors in words, counts unread while closed and asks for CSAT', async () => {
    const ws = await boot();
    chat.send('spam');
    const f = ws.sent.find((x) => x.type === 'message.send');
    ws.push({ type: 'error', code: 'rate_limited', message: 'slow down', client_id: f.client_id });
    expect(chat.state.pending[0].state).toBe('failed');
    expect(chat.state.error).toMatch(/too fast/);
    chat.retry(f.client_id);
    expect(ws.sent.filter((x) => x.type === 'message.send')).toHaveLength(2);
    ws.push({ type: 'message.ack', client_id: f.client_id, id: 1, seq: 1, conversation_id: 9 });

    chat.setOpen(false);
    ws.push({ type: 'message.created', message: { id: 2, conversation_id: 9, seq: 2, sender_type: 'agent', body: 'yo', created_at: 2 },
      conversation: { id: 9, status: 'open' } });
    expect(posted.filter((m) => m.t === 'unread').slice(-1)[0]).toEqual({ t: 'unread', n: 1 });
    expect(beep).toHaveBeenCalledTimes(1);
    expect(posted).toContainEqual({ t: 'message', m: { body: 'yo', sender: null, created_at: 2 } });
    ws.push({ type: 'typing', conversation_id: 9, sender_type: 'agent', name: 'Ada', typing: true });
    expect(chat.state.agentTyping).toBe('Ada');
    ws.push({ type: 'read', conversation_id: 9, reader_type: 'agent', seq: 1 });
    expect(chat.state.agentRead).toBe(1);
    ws.push({ type: 'conversation.updated', conversation: { id: 9, status: 'resolved' } });
    expect(chat.state.csat).toBe('ask');
    ws.push({ type: 'presence', agents_online: 0 });
    expect(chat.state.online).toBe(false);
  });

  it('throttles visitor typing with the draft', async () => {
    const ws = await boot();
    chat.send('x');
    const f = ws.sent.find((x) => x.type === 'message.send');
    ws.push({ type: 'message.ack', client_id: f.client_id, id: 1, seq: 1, conversation_id: 3 });
    chat.typing('h'); chat.typing('he'); chat.typing('hel');
    const typing = ws.sent.filter((x) => x.type === 'typing');
    expect(typing).toEqual([{ type: 'typing', conversation_id: 3, typing: true, draft: 'h' }]);
    chat.send('hello');
    expect(ws.sent.filter((x) => x.type === 'typing').slice(-1)[0]).toEqual({ type: 'typing', conversation_id: 3, typing: false });
  });
});
