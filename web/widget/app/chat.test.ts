// The controller against a tiny fake server (fake fetch + fake WebSocket): the real server is exercised by
// the e2e tests; this pins the client logic of protocol.md (hello, resume, outbox, dedupe, CSAT, unread).
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { h, render } from 'preact';
import { Chat } from './chat';
import { App } from './components/App';
import { beep } from './lib/beep';

vi.mock('./lib/beep', () => ({ beep: vi.fn(), unlockAudio: vi.fn() }));
import { Bridge } from '../../shared/bridge';
import { load } from './i18n';
import { FakeWebSocket as FakeWS } from '../../shared/testing/fakeWebSocket';

// Locale chunks load on demand; loaded once here, switching to them is synchronous in every test.
beforeAll(async () => { await Promise.all(['de', 'es', 'ar'].map((l) => load(l))); });

const last = () => FakeWS.last();
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
afterEach(() => { chat.state.phase = 'failed'; vi.useRealTimers(); vi.unstubAllGlobals(); });

function init(store: object = {}) {
  chat.start();
  expect(posted[0]).toEqual({ t: 'hello' });
  window.dispatchEvent(new MessageEvent('message', { origin: HOST, source: parentWin as any,
    data: { t: 'init', ws: 'pub1', store, page: { url: 'https://shop.test/', title: 'Shop' }, open: true } }));
}

/** The host page's Parley(c, a), as the loader forwards it. */
function host(c: string, a?: unknown) {
  window.dispatchEvent(new MessageEvent('message', { origin: HOST, source: parentWin as any, data: { t: 'cmd', c, a } }));
}

/** Answers one path with a given status, headers and error body; the rest as beforeEach does. */
function answer(path: string, ...replies: { status: number; body?: unknown; headers?: Record<string, string> }[]) {
  const fallback = (fetch as any).getMockImplementation();
  const calls: any[] = [];
  (fetch as any).mockImplementation((url: string, init: any) => {
    if (url !== path) return fallback(url, init);
    calls.push(init);
    const r = replies.length > 1 ? replies.shift()! : replies[0];
    return Promise.resolve(new Response(JSON.stringify(r.body ?? {}), { status: r.status, headers: r.headers }));
  });
  return calls;
}
const limited = (message: string, retryAfter?: number) => ({ status: 429, body: { error: { code: 'rate_limited', message } },
  headers: retryAfter ? { 'retry-after': String(retryAfter) } : undefined });

async function boot(store: object = {}) {
  init(store);
  for (let i = 0; i < 10 && chat.state.phase !== 'ready'; i++) await tick();
  expect(chat.state.phase).toBe('ready');
  const ws = last();
  ws.open();
  expect(ws.sent[0]).toEqual({ type: 'hello', token: 'pv_new', embed_origin: 'https://shop.test' });
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
    expect(ui).toMatchObject({ lo: 'Open chat', lc: 'Close chat' });
    expect(ui.css).toMatch(/^\.w\{--x:20px;--y:20px;--bg:#[0-9a-f]{6};--fg:#[0-9a-f]{6}\}/);
    expect(ui.d).toMatch(/^M/);
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

  it('on resume.needed resumes from the seq up to which it has every message, not the highest seen', async () => {
    const ws = await boot();
    chat.send('hi');
    const first = ws.sent.find((f) => f.type === 'message.send');
    ws.push({ type: 'message.ack', client_id: first.client_id, id: 1, seq: 1, conversation_id: 5, created_at: 1 });
    ws.push({ type: 'resume.done', conversation_id: 5, last_seq: 1 });
    const agent = (seq: number) => ({ type: 'message.created', message: { id: 10 + seq, conversation_id: 5, seq,
      sender_type: 'agent', body: `m${seq}`, sender: { name: 'Ada' }, created_at: seq } });
    // Seq 2 came through Redis and was lost in an outage; seq 3 came from this node.
    ws.push(agent(3));
    ws.push({ type: 'resume.needed', reason: 'bus_gap' });
    expect(ws.sent.slice(-1)[0]).toEqual({ type: 'resume', conversation_id: 5, after_seq: 1 });
    ws.push(agent(2));
    ws.push(agent(3));                            // replayed again: shown once
    ws.push({ type: 'resume.done', conversation_id: 5, last_seq: 3 });
    expect(chat.state.messages.map((m) => m.body)).toEqual(['hi', 'm2', 'm3']);
    ws.push({ type: 'resume.needed', reason: 'bus_gap' });
    expect(ws.sent.slice(-1)[0]).toEqual({ type: 'resume', conversation_id: 5, after_seq: 3 });
  });

  it('marks failed sends, shows errors in words, counts unread while closed and asks for CSAT', async () => {
    const ws = await boot();
    chat.send('spam');
    const f = ws.sent.find((x) => x.type === 'message.send');
    ws.push({ type: 'error', code: 'invalid', message: 'body must be at most 10000 characters', field: 'body', client_id: f.client_id });
    expect(chat.state.pending[0].state).toBe('failed');
    expect(chat.state.error).toBe('Something went wrong: body must be at most 10000 characters');
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

  it('never shows private notes, from the history or from a frame', async () => {
    session.conversation = { id: 4, status: 'open' };
    (fetch as any).mockImplementation((url: string) => {
      if (url === '/api/v1/widget/sessions') return json(session);
      return json({ messages: [{ id: 1, conversation_id: 4, seq: 1, sender_type: 'agent', body: 'Hello', created_at: 1 },
        { id: 2, conversation_id: 4, seq: 2, sender_type: 'agent', body: 'note', private: true, created_at: 2 }] });
    });
    const ws = await boot();
    expect(chat.state.messages.map((m) => m.body)).toEqual(['Hello']);
    ws.push({ type: 'message.created', message: { id: 3, conversation_id: 4, seq: 3, sender_type: 'agent', body: 'secret', private: true, created_at: 3 } });
    expect(chat.state.messages.map((m) => m.body)).toEqual(['Hello']);
  });
});

describe('locale', () => {
  it('repairs a saved en_US, drops a saved tag that cannot be one, and never breaks rendering', async () => {
    session.conversation = { id: 4, status: 'open' };
    (fetch as any).mockImplementation((url: string) => {
      if (url === '/api/v1/widget/sessions') return json(session);
      return json({ messages: [{ id: 1, conversation_id: 4, seq: 1, sender_type: 'agent', body: 'Hello', created_at: Date.UTC(2020, 1, 3) }] });
    });
    await boot({ locale: 'en_US' });
    expect(posted).toContainEqual({ t: 'save', k: 'locale', v: 'en-US' });
    expect(chat.state.locale).toBe('en-US');

    const el = document.createElement('div');
    document.body.append(el);
    chat.state = { ...chat.state, locale: 'en_US' };          // what an older widget kept: Intl throws on it
    expect(() => render(h(App, { chat }), el)).not.toThrow();
    expect(el.querySelector('.day')?.textContent).toMatch(/Feb/);
    render(null, el);
  });

  it('ignores a poisoned saved value', async () => {
    session.settings = { locale: 'de' };
    await boot({ locale: 'en_US!!<x>' });
    expect(posted).toContainEqual({ t: 'save', k: 'locale', v: null });
    expect(chat.state.locale).toBe('de');                     // the workspace default applies
  });

  it('normalises Parley(\'locale\', x) and never saves an invalid tag', async () => {
    session.settings = { locale: 'en__US' };                  // a bad workspace setting: the browser's language
    await boot();
    expect(chat.state.locale).toBe(navigator.languages[0] || navigator.language);
    host('locale', ' es_ES ');
    expect(posted).toContainEqual({ t: 'save', k: 'locale', v: 'es-ES' });
    expect(chat.t('send')).toBe('Enviar');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const saves = posted.filter((m) => m.t === 'save' && m.k === 'locale').length;
    for (const bad of ['en_US!!', '', 7, { x: 1 }]) host('locale', bad);
    expect(posted.filter((m) => m.t === 'save' && m.k === 'locale')).toHaveLength(saves);
    expect(chat.state.locale).toBe('es-ES');
    expect(warn).toHaveBeenCalledTimes(4);
  });
});

describe('rate limits', () => {
  it('waits out a 429 on new sessions with a translated message, then starts', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const calls = answer('/api/v1/widget/sessions',
      limited('too many new chat sessions from this address, try again later', 90), { status: 201, body: session });
    init({ locale: 'de' });
    await vi.advanceTimersByTimeAsync(0);
    expect(chat.state.phase).toBe('boot');
    expect(chat.state.error).toBe('Zu viele neue Chats aus Ihrem Netzwerk. Wir versuchen es in 2 Min. erneut.');
    await vi.advanceTimersByTimeAsync(89_000);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(calls).toHaveLength(2);
    expect(chat.state.phase).toBe('ready');
    expect(chat.state.error).toBeNull();
  });

  it('without Retry-After waits 10 s, then longer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const calls = answer('/api/v1/widget/sessions', limited('too many new chat sessions from this address, try again later'));
    init();
    await vi.advanceTimersByTimeAsync(0);
    expect(chat.state.error).toBe('Too many new chats from your network. We will try again in 10 s.');
    await vi.advanceTimersByTimeAsync(12_000);
    expect(calls).toHaveLength(2);
    expect(chat.state.error).toBe('Too many new chats from your network. We will try again in 20 s.');
  });

  it('says why an upload was refused: too many files, too large', async () => {
    await boot();
    answer('/api/v1/widget/uploads', limited('too many files, try again in 180 s', 180),
      { status: 413, body: { error: { code: 'too_large', message: 'at most 10 MiB' } } });
    await chat.sendFile(new File(['hi'], 'a.txt', { type: 'text/plain' }));
    expect(chat.state.error).toBe('You have sent too many files. Try again in 3 min.');
    await chat.sendFile(new File(['hi'], 'b.txt', { type: 'text/plain' }));
    expect(chat.state.error).toBe('That file is too large to send (at most 10 MB).');
    expect(chat.state.uploading).toEqual([]);
  });

  it('holds messages refused as too fast, and later ones behind them, then sends them in order', async () => {
    const ws = await boot();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    chat.send('one');
    chat.send('two');
    const [a, b] = ws.sent.filter((x) => x.type === 'message.send');
    ws.push({ type: 'message.ack', client_id: a.client_id, id: 1, seq: 1, conversation_id: 9 });
    ws.push({ type: 'error', code: 'rate_limited', client_id: b.client_id, message: 'You are sending messages too fast, try again in 2 s' });
    expect(chat.state.pending).toMatchObject([{ client_id: b.client_id, state: 'queued' }]);   // "sending…", no Retry
    expect(chat.state.error).toBe('You are sending messages too fast. We will try again in 2 s.');
    chat.send('three');                                   // waits behind "two"
    expect(ws.sent.filter((x) => x.type === 'message.send')).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1_900);
    expect(ws.sent.filter((x) => x.type === 'message.send')).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(100);
    const sends = ws.sent.filter((x) => x.type === 'message.send');
    expect(sends.map((x) => x.body)).toEqual(['one', 'two', 'two', 'three']);
    expect(sends[2].client_id).toBe(b.client_id);
    expect(chat.state.pending.map((p) => p.state)).toEqual(['inflight', 'inflight']);
    expect(chat.state.error).toBeNull();
  });

  it('sends a message again, quietly, when the server could not reach its database', async () => {
    const ws = await boot();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    chat.send('during the restart');
    const [a] = ws.sent.filter((x) => x.type === 'message.send');
    ws.push({ type: 'error', code: 'unavailable', client_id: a.client_id, message: 'the server cannot reach its database' });
    expect(chat.state.pending).toMatchObject([{ client_id: a.client_id, state: 'queued' }]);   // not "failed"
    expect(chat.state.error).toBeNull();
    await vi.advanceTimersByTimeAsync(2_000);
    const sends = ws.sent.filter((x) => x.type === 'message.send');
    expect(sends.map((x) => x.client_id)).toEqual([a.client_id, a.client_id]);
    ws.push({ type: 'message.ack', client_id: a.client_id, id: 1, seq: 1, conversation_id: 9 });
    expect(chat.state.pending).toEqual([]);
  });

  it('keeps quiet about page views and typing dropped by a limit', async () => {
    const ws = await boot();
    ws.push({ type: 'error', code: 'rate_limited', message: 'too many page views' });
    expect(chat.state.error).toBeNull();
    answer('/api/v1/widget/pageviews', limited('too many page views', 2));
    (chat as any).sock.connected = false;                // the socket is down: the page view goes over HTTP
    window.dispatchEvent(new MessageEvent('message', { origin: HOST, source: parentWin as any,
      data: { t: 'page', url: 'https://shop.test/cart', title: 'Cart' } }));
    await tick(); await tick();
    expect((fetch as any).mock.calls.some((c: any[]) => c[0] === '/api/v1/widget/pageviews')).toBe(true);
    expect(chat.state.error).toBeNull();
  });

  it('sends the offline form with one client_id and tries again after a 429', async () => {
    await boot();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const calls = answer('/api/v1/widget/offline', limited('You are sending messages too fast, try again in 2 s', 2),
      { status: 201, body: { conversation: { id: 12, status: 'open' } } });
    const done = chat.submitOffline({ email: 'o@example.test', message: 'Call me' });
    await vi.advanceTimersByTimeAsync(0);
    expect(chat.state.error).toBe('You are sending messages too fast. We will try again in 2 s.');
    await vi.advanceTimersByTimeAsync(2_000);
    await expect(done).resolves.toBe(true);
    const ids = calls.map((c) => JSON.parse(c.body).client_id);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toMatch(/^.{1,64}$/);
    expect(ids[1]).toBe(ids[0]);
    expect(chat.state).toMatchObject({ offlineSent: true, error: null });
  });

  it('keeps the offline client_id when the visitor sends again after a failure', async () => {
    await boot();
    const calls = answer('/api/v1/widget/offline', { status: 500, body: { error: { code: 'internal', message: 'disk' } } },
      { status: 201, body: { conversation: null } });
    await expect(chat.submitOffline({ email: 'o@example.test', message: 'Hi' })).resolves.toBe(false);
    await expect(chat.submitOffline({ email: 'o@example.test', message: 'Hi' })).resolves.toBe(true);
    expect(JSON.parse(calls[1].body).client_id).toBe(JSON.parse(calls[0].body).client_id);
  });
});

/** Renders the app into a fresh element; returns it (unmount with render(null, el)). */
function mount(): HTMLElement {
  const el = document.createElement('div');
  document.body.append(el);
  render(h(App, { chat }), el);
  return el;
}
const settle = async () => { for (let i = 0; i < 5; i++) await tick(); };

describe('issue 10 regressions', () => {
  it('a failed message stays in its place, above messages delivered after it', async () => {
    const ws = await boot();
    chat.send('hello');
    const [a] = ws.sent.filter((x) => x.type === 'message.send');
    ws.push({ type: 'message.ack', client_id: a.client_id, id: 1, seq: 1, conversation_id: 9, created_at: 1 });
    chat.send('x'.repeat(20));
    const [, b] = ws.sent.filter((x) => x.type === 'message.send');
    ws.push({ type: 'error', code: 'invalid', message: 'refused', client_id: b.client_id });
    chat.send('written after');
    const [, , c] = ws.sent.filter((x) => x.type === 'message.send');
    ws.push({ type: 'message.ack', client_id: c.client_id, id: 3, seq: 2, conversation_id: 9, created_at: 3 });
    ws.push({ type: 'message.created', message: { id: 4, conversation_id: 9, seq: 3, sender_type: 'agent', body: 'agent answer', created_at: 4 } });
    const el = mount();
    await settle();
    const bubbles = [...el.querySelectorAll('.bub')].map((x) => x.textContent);
    expect(bubbles).toEqual(['hello', 'x'.repeat(20), 'written after', 'agent answer']);
    const failedRow = [...el.querySelectorAll('.row.me')].find((r) => r.textContent!.includes('x'.repeat(20)));
    expect(failedRow?.querySelector('.meta')?.textContent).toMatch(/Not sent/);
    // Retried, it goes to the end, where the server will put it.
    chat.retry(b.client_id);
    await settle();
    expect([...el.querySelectorAll('.bub')].map((x) => x.textContent).slice(-1)).toEqual(['x'.repeat(20)]);
    render(null, el);
  });

  it('the banner of a refused upload goes away when the wait is over', async () => {
    await boot();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    answer('/api/v1/widget/uploads', limited('too many files, try again in 3 s', 3));
    await chat.sendFile(new File(['hi'], 'a.txt', { type: 'text/plain' }));
    expect(chat.state.error).toBe('You have sent too many files. Try again in 3 s.');
    await vi.advanceTimersByTimeAsync(2_900);
    expect(chat.state.error).not.toBeNull();
    await vi.advanceTimersByTimeAsync(100);
    expect(chat.state.error).toBeNull();
  });

  it('the "too fast" banner goes away when the wait is over, even after a second refusal', async () => {
    const ws = await boot();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    chat.send('one');
    chat.send('two');
    const [a, b] = ws.sent.filter((x) => x.type === 'message.send');
    ws.push({ type: 'error', code: 'rate_limited', client_id: a.client_id, message: 'too fast, try again in 2 s' });
    ws.push({ type: 'error', code: 'rate_limited', client_id: b.client_id, message: 'too fast, try again in 1 s' });
    await vi.advanceTimersByTimeAsync(1_000);
    const again = ws.sent.filter((x) => x.type === 'message.send').slice(2);
    expect(again.map((x) => x.body)).toEqual(['one', 'two']);
    expect(chat.state.error).toBeNull();
    ws.push({ type: 'error', code: 'rate_limited', client_id: a.client_id, message: 'too fast, try again in 1 s' });
    expect(chat.state.error).toMatch(/1 s/);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(chat.state.error).toBeNull();
  });

  it('a Spanish browser gets Spanish when neither the page nor the workspace chose a locale', async () => {
    vi.stubGlobal('navigator', { ...navigator, language: 'es-MX', languages: ['es-MX', 'es', 'en'] });
    session.settings = { locale: 'auto' };
    await boot();
    expect(chat.state.locale).toBe('es-MX');
    expect(chat.t('send')).toBe('Enviar');
    expect(chat.text('greeting')).toBe('¡Hola!');            // a default text is shown translated
    expect(posted.filter((m) => m.t === 'ui').slice(-1)[0].lo).toBe('Abrir chat');
  });

  it('a fixed workspace locale beats the browser, the host page beats both', async () => {
    vi.stubGlobal('navigator', { ...navigator, language: 'es-MX', languages: ['es-MX'] });
    session.settings = { locale: 'de', greeting: 'Moin!' };
    await boot();
    expect(chat.state.locale).toBe('de');
    expect(chat.text('greeting')).toBe('Moin!');             // a text the admin wrote stays as written
    host('locale', 'ar');
    await settle();
    expect(chat.state.locale).toBe('ar');
    const el = mount();
    await settle();
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.documentElement.lang).toBe('ar');
    expect(el.querySelector('.comp textarea')?.getAttribute('placeholder')).toBe('اكتب رسالة…');
    render(null, el);
    document.documentElement.dir = 'ltr';
  });

  it('sends the launcher look to the loader: label, image, animations, all escaped', async () => {
    session.settings = { launcher_label: 'Chat with us', launcher_image: '/uploads/0123456789abcdef0123456789abcdef.png',
      launcher_animation: 'bounce', panel_animation: 'zoom', position: 'left' };
    await boot();
    const ui = posted.filter((m) => m.t === 'ui').slice(-1)[0];
    expect(ui.lo).toBe('Chat with us');
    expect(ui.css).toContain('content:"Chat with us"');
    expect(ui.css).toContain(`url("http\\3a \\2f \\2f ${location.host.replace(/[^A-Za-z0-9 ]/g, (c) => `\\${c.codePointAt(0)!.toString(16)} `)}`);
    expect(ui.css).toContain('@keyframes b');
    expect(ui.css).toContain('transform-origin:0 100%');
  });
});
