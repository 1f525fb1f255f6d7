// A WebSocket stand-in for unit tests of the socket clients (stub it with vi.stubGlobal('WebSocket', FakeWebSocket)):
// records what the client sends; the test opens it, pushes server frames and closes it.
export class FakeWebSocket {
  static OPEN = 1;
  static all: FakeWebSocket[] = [];
  readyState = 0;
  sent: any[] = [];
  onopen?: () => void;
  onmessage?: (e: { data: string }) => void;
  onclose?: (e: { code: number; reason: string }) => void;
  onerror?: () => void;
  constructor(readonly url: string) { FakeWebSocket.all.push(this); }
  static last(): FakeWebSocket { return FakeWebSocket.all[FakeWebSocket.all.length - 1]; }
  send(s: string) { this.sent.push(JSON.parse(s)); }
  /** Closed by either side (the connection lost, by default). */
  close(code = 1006, reason = '') {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
  open() { this.readyState = 1; this.onopen?.(); }
  push(f: object) { this.onmessage?.({ data: JSON.stringify(f) }); }
  types() { return this.sent.map((f) => f.type); }
}
