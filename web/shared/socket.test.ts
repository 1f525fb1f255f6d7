// The one socket client of both apps against a fake WebSocket: hello first, the liveness rule, backoff, the
// browser's online/offline events, stop.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, LiveSocket, PING_MS, PONG_MS, type Down } from './socket';
import type { VisitorFrame } from './frames';
import { FakeWebSocket } from './testing/fakeWebSocket';

let ups: number;
let frames: VisitorFrame[];
let downs: Down[];
let token: string | null;
let sock: LiveSocket<VisitorFrame>;
const last = () => FakeWebSocket.last();

function live(): FakeWebSocket {
  const ws = last();
  ws.open();
  ws.push({ type: 'welcome', role: 'visitor' });
  return ws;
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeWebSocket.all = [];
  vi.stubGlobal('WebSocket', FakeWebSocket);
  ups = 0;
  frames = [];
  downs = [];
  token = 'pv_1';
  sock = new LiveSocket<VisitorFrame>('ws://x/ws', {
    hello: () => (token ? { type: 'hello', token } : null),
    up: () => { ups++; },
    frame: (f) => frames.push(f),
    down: (d) => downs.push(d),
  });
});
afterEach(() => { sock.stop(); vi.useRealTimers(); vi.unstubAllGlobals(); });

describe('LiveSocket', () => {
  it('says hello first, is live after welcome, passes frames on but pongs', () => {
    sock.start();
    const ws = last();
    expect(sock.send({ type: 'ping' })).toBe(false);            // not before welcome
    ws.open();
    expect(ws.sent).toEqual([{ type: 'hello', token: 'pv_1' }]);
    ws.push({ type: 'welcome', role: 'visitor' });
    expect([ups, sock.connected]).toEqual([1, true]);
    ws.push({ type: 'pong', t: 1 });
    ws.push({ type: 'read', conversation_id: 1, reader_type: 'agent', seq: 2 });
    expect(frames.map((f) => f.type)).toEqual(['read']);
    expect(sock.send({ type: 'read', conversation_id: 1, seq: 2 })).toBe(true);
  });

  it('connects nothing without a token', () => {
    token = null;
    sock.start();
    expect(FakeWebSocket.all).toHaveLength(0);
  });

  it('pings every 25 s and drops a socket that answers nothing within 10 s', () => {
    sock.start();
    const ws = live();
    vi.advanceTimersByTime(PING_MS);
    expect(ws.types().slice(-1)).toEqual(['ping']);
    vi.advanceTimersByTime(PONG_MS - 1);
    expect(sock.connected).toBe(true);
    vi.advanceTimersByTime(1);
    expect(sock.connected).toBe(false);
    expect(downs).toHaveLength(1);
    expect(downs[0]).toMatchObject({ code: 4000, reason: 'no answer to ping' });
    expect(downs[0].retryAt).toBeGreaterThan(Date.now());
    vi.advanceTimersByTime(1000);
    expect(FakeWebSocket.all).toHaveLength(2);                  // reconnected
  });

  it('any frame after a ping keeps the socket', () => {
    sock.start();
    const ws = live();
    vi.advanceTimersByTime(PING_MS);
    ws.push({ type: 'typing', conversation_id: 1, sender_type: 'agent', sender_id: 2, typing: true });
    vi.advanceTimersByTime(PONG_MS * 2);
    expect(sock.connected).toBe(true);
    expect(downs).toEqual([]);
  });

  it('backs off on failures, reports each, and starts over after a welcome', () => {
    sock.start();
    last().close(1006);
    expect(downs.map((d) => d.code)).toEqual([1006]);
    vi.advanceTimersByTime(backoffDelay(0, 1));
    expect(FakeWebSocket.all).toHaveLength(2);
    last().close(1006);
    vi.advanceTimersByTime(backoffDelay(1, 0) - 1);
    expect(FakeWebSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(backoffDelay(1, 1));
    expect(FakeWebSocket.all).toHaveLength(3);
    expect(sock.attempt).toBe(2);
    live();
    expect(sock.attempt).toBe(0);
    expect(backoffDelay(20, 1)).toBe(18_750);                   // 15 s at most, +25 %
  });

  it('drops at once when the browser goes offline, reconnects at once when it is back', () => {
    sock.start();
    live();
    window.dispatchEvent(new Event('offline'));
    expect([sock.connected, downs.length]).toEqual([false, 1]);
    window.dispatchEvent(new Event('online'));
    expect(FakeWebSocket.all).toHaveLength(2);
  });

  it('stop: no reconnect, a late close is ignored; restart opens a new socket', () => {
    sock.start();
    const ws = live();
    sock.stop();
    expect(downs).toEqual([{ code: 1000, reason: '', retryAt: null }]);
    ws.close(1006);
    vi.advanceTimersByTime(60_000);
    window.dispatchEvent(new Event('online'));
    expect(FakeWebSocket.all).toHaveLength(1);
    sock.restart();
    expect(FakeWebSocket.all).toHaveLength(2);
  });
});
