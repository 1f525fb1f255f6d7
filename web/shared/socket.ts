// One reconnecting WebSocket client for the widget and the dashboard (docs/protocol.md, "WebSocket /ws"): `hello`
// first, `welcome` makes it live, every later frame goes to the caller.
// Liveness, one rule: a `ping` every 25 s, and when nothing at all (the pong or any other frame) comes back within
// 10 s of a ping the link is dead: the socket is dropped and a new one opened. Reconnects back off exponentially
// (0.5 s doubling up to 15 s, +-25 % jitter) and wait while the browser is offline; the browser's `online` event
// reconnects at once and its `offline` event drops the socket at once (a close handshake cannot finish without a
// network). Outside browsers (Node 20: no global WebSocket, `addEventListener` or `navigator`) the caller passes a
// WebSocket constructor (e.g. the `ws` package) and the online/offline rules are left out.
import type { ClientFrame, HelloFrame } from './frames';

export const PING_MS = 25_000;
export const PONG_MS = 10_000;

/** Milliseconds before reconnect attempt `n` (0 first). */
export function backoffDelay(n: number, rand = Math.random()): number {
  const base = Math.min(15_000, 500 * 2 ** Math.min(n, 10));
  return Math.round(base * (0.75 + rand * 0.5));
}

/** The server's socket, next to the page that opens it. */
export function sameOriginWsUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

/** Why the socket went down: the close code and reason, and when the next attempt starts (null: stopped). */
export interface Down { code: number; reason: string; retryAt: number | null }

export interface SocketHooks<In extends { type: string }> {
  /** The hello frame for a new socket; null: no token, nothing connects. */
  hello(): HelloFrame | null;
  /** A socket is being opened. */
  connecting?(): void;
  /** `welcome` came: the socket is live. */
  up(welcome: Extract<In, { type: 'welcome' }>): void;
  /** Every other frame but `pong`. */
  frame(f: In): void;
  /** The socket closed or was dropped (a reconnect is scheduled unless it was stopped). */
  down(d: Down): void;
}

type Timer = ReturnType<typeof setTimeout>;
/** What the socket needs of a WebSocket implementation: the browser's, or `ws` in Node. */
export type WebSocketCtor = new (url: string) => WebSocket;

export class LiveSocket<In extends { type: string }> {
  /** `welcome` came and the socket is open: frames may be sent. */
  connected = false;
  /** Reconnect attempts since the last `welcome`. */
  attempt = 0;
  private ws: WebSocket | null = null;
  private stopped = true;
  private timer?: Timer;
  private pinger?: Timer;
  private pongDue?: Timer;

  constructor(private url: string, private hooks: SocketHooks<In>, private WS: WebSocketCtor = WebSocket) {
    if (typeof addEventListener < 'u') {
      addEventListener('online', () => this.reconnectNow());
      addEventListener('offline', () => this.drop());
    }
  }

  start(): void {
    this.stopped = false;
    if (!this.ws) this.connect();
  }

  /** Closes for good (until start): no reconnect. */
  stop(): void {
    this.stopped = true;
    this.attempt = 0;
    clearTimeout(this.timer);
    this.drop(1000);
  }

  /** Reconnects now, e.g. after the token changed. */
  restart(): void {
    this.stop();
    this.start();
  }

  /** Reconnects at once when down and not stopped. */
  reconnectNow(): void {
    if (this.stopped || this.ws) return;
    this.attempt = 0;
    this.connect();
  }

  /** Sends a frame; false when the socket is not live (callers queue it or use REST). */
  send(f: ClientFrame): boolean {
    if (!this.connected || !this.ws || this.ws.readyState !== 1) return false;
    this.ws.send(JSON.stringify(f));
    return true;
  }

  /** Forgets the socket now, as a network failure would (its late close event is ignored). */
  drop(code = 4000, reason = ''): void {
    if (this.ws) this.lost(code, reason);
  }

  private connect(): void {
    clearTimeout(this.timer);
    const hello = this.hooks.hello();
    if (!hello) return;
    this.hooks.connecting?.();
    let ws: WebSocket;
    try { ws = new this.WS(this.url); } catch (e) { return this.lost(4000, String(e)); }
    this.ws = ws;
    ws.onopen = () => ws.send(JSON.stringify(hello));
    ws.onmessage = (e) => {
      if (ws !== this.ws) return;
      let f: In;
      try { f = JSON.parse(e.data); } catch { return; }
      clearTimeout(this.pongDue);                  // any frame: the link is alive
      if (f.type === 'welcome') {
        this.attempt = 0;
        this.connected = true;
        clearInterval(this.pinger);
        this.pinger = setInterval(() => this.ping(), PING_MS);
        this.hooks.up(f as Extract<In, { type: 'welcome' }>);
      } else if (f.type !== 'pong') this.hooks.frame(f);
    };
    ws.onclose = (e) => { if (ws === this.ws) this.lost(e.code, e.reason); };
  }

  private lost(code: number, reason: string): void {
    const ws = this.ws;
    this.ws = null;
    this.connected = false;
    clearInterval(this.pinger);
    clearTimeout(this.pongDue);
    try { ws?.close(code, reason); } catch { /* already closing */ }
    this.hooks.down({ code, reason, retryAt: this.stopped ? null : Date.now() + this.retry() });
  }

  private ping(): void {
    if (!this.send({ type: 'ping', t: Date.now() })) return;
    clearTimeout(this.pongDue);
    this.pongDue = setTimeout(() => this.drop(4000, 'no answer to ping'), PONG_MS);
  }

  /** Schedules the next attempt; returns its delay. */
  private retry(): number {
    clearTimeout(this.timer);
    const ms = backoffDelay(this.attempt++);
    this.timer = setTimeout(() => (typeof navigator < 'u' && navigator.onLine === false ? this.retry() : this.connect()), ms);
    return ms;
  }
}
