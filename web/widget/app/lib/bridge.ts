// postMessage to and from the host page's loader. The host origin comes from ?origin= (set by the loader);
// every message names it as the target and every incoming message is checked against it.
export function hostOriginFrom(search: string): string | null {
  const o = new URLSearchParams(search).get('origin');
  if (!o) return null;
  try { return new URL(o).origin === o ? o : null; } catch { return null; }
}

export class Bridge {
  constructor(readonly origin: string | null, private target: Window | null) {}

  post(msg: Record<string, unknown>): void {
    if (this.origin && this.target && this.target !== window) this.target.postMessage(msg, this.origin);
  }

  listen(fn: (msg: any) => void): () => void {
    const h = (e: MessageEvent) => {
      if (!this.origin || e.origin !== this.origin || e.source !== this.target || !e.data || typeof e.data.t !== 'string') return;
      fn(e.data);
    };
    addEventListener('message', h);
    return () => removeEventListener('message', h);
  }
}
