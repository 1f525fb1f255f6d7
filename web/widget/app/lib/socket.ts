// The visitor's WebSocket: hello first, ping every 25 s, reconnect with capped exponential backoff and jitter.
// The browser's offline/online events close the socket at once / reconnect at once.
export interface SocketEvents {
  up(welcome: any): void;       // after `welcome`
  down(): void;                 // the socket closed (a reconnect is scheduled)
  frame(f: any): void;          // every other server frame
}

export class Socket {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private timer: any = 0;
  private pinger: any = 0;
  private pongDue: any = 0;
  private stopped = true;
  connected = false;

  // embedOrigin: the host page's origin, which the server checks against the workspace's allowed sites.
  constructor(private url: string, private token: () => string | null, private ev: SocketEvents,
    private embedOrigin: string | null = null) {
    addEventListener('online', () => { if (!this.stopped && !this.ws) this.connect(); });
    // Offline: give up on the socket at once (a close handshake cannot finish without a network).
    addEventListener('offline', () => this.drop());
  }

  start(): void { this.stopped = false; if (!this.ws) this.connect(); }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.drop();
  }

  /** Reconnects now, e.g. after the token changed. */
  restart(): void { this.stop(); this.start(); }

  send(f: object): boolean {
    if (!this.connected || !this.ws || this.ws.readyState !== 1) return false;
    this.ws.send(JSON.stringify(f));
    return true;
  }

  private connect(): void {
    clearTimeout(this.timer);
    const token = this.token();
    if (!token) return;
    let ws: WebSocket;
    try { ws = new WebSocket(this.url); } catch { return this.retry(); }
    this.ws = ws;
    ws.onopen = () => ws.send(JSON.stringify({ type: 'hello', token, embed_origin: this.embedOrigin || undefined }));
    ws.onmessage = (e) => {
      if (ws !== this.ws) return;
      let f: any;
      try { f = JSON.parse(e.data); } catch { return; }
      if (f.type === 'welcome') {
        this.attempt = 0;
        this.connected = true;
        this.pinger = setInterval(() => this.ping(), 25_000);
        this.ev.up(f);
      } else if (f.type === 'pong') clearTimeout(this.pongDue);
      else this.ev.frame(f);
    };
    ws.onclose = () => { if (ws === this.ws) this.drop(); };
  }

  /** Forgets the current socket now (its late close event is ignored), reports down, schedules a reconnect. */
  private drop(): void {
    const ws = this.ws;
    if (!ws) return;
    this.ws = null;
    clearInterval(this.pinger);
    clearTimeout(this.pongDue);
    const was = this.connected;
    this.connected = false;
    try { ws.close(); } catch { /* already closing */ }
    if (was || this.attempt === 0) this.ev.down();
    if (!this.stopped) this.retry();
  }

  private ping(): void {
    if (!this.send({ type: 'ping', t: Date.now() })) return;
    clearTimeout(this.pongDue);
    this.pongDue = setTimeout(() => this.drop(), 10_000);
  }

  private retry(): void {
    clearTimeout(this.timer);
    const base = Math.min(15_000, 500 * 2 ** this.attempt++);
    this.timer = setTimeout(() => { if (!navigator.onLine) return this.retry(); this.connect(); }, base / 2 + Math.random() * base / 2);
  }
}
