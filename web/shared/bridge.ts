// postMessage between the host page's loader (web/widget/loader) and the chat frame: the typed messages, and the
// frame's side of the channel. The loader imports the types only (it has its own 2 KB budget).
// The host origin comes from ?origin= (set by the loader); every message names it as the target and every incoming
// message is checked against it.

/** The launcher's look, made by the frame from checked settings (web/widget/app/lib/launcher.ts). */
export interface LauncherUi { css: string; d: string; lo: string; lc: string }

/** A page of the host site. */
export interface HostPage { url: string; title?: string; referrer?: string }

/**
 * What the loader keeps for the frame in the host page's localStorage ('parley:' + workspace): the frame's `save`
 * messages, and the launcher's look. The page's own scripts can write there too: the frame checks every value.
 */
export type HostStore = { ui?: LauncherUi } & Record<string, unknown>;

/** Frame -> loader. */
export type FrameToLoader =
  | { t: 'hello' }                              // the frame is listening: send init
  | { t: 'save'; k: string; v: unknown }          // keep (null or undefined: forget) a value of the store
  | ({ t: 'ui' } & LauncherUi)
  | { t: 'unread'; n: number }
  | { t: 'close' }
  | { t: 'open' }                               // the visitor clicked the teaser
  | { t: 'teaser'; s: string }                  // the teaser's size as the iframe's inline style ('--t:96px'), '' hides it
  | { t: 'ready' }                              // the session is open: Parley('on', 'ready') handlers run
  | { t: 'message'; m: { body: string; sender: string | null; created_at: number } };  // Parley('on', 'message')

/** Loader -> frame. */
export type LoaderToFrame =
  | { t: 'init'; ws: string; store: HostStore; page: HostPage; open: boolean; r?: string }  // r: an email link's resume token
  | { t: 'open'; v: boolean }
  | ({ t: 'page' } & HostPage)
  | { t: 'cmd'; c: string; a?: unknown };    // the host page's Parley(c, a)

export function hostOriginFrom(search: string): string | null {
  const o = new URLSearchParams(search).get('origin');
  if (!o) return null;
  try { return new URL(o).origin === o ? o : null; } catch { return null; }
}

/** The frame's end: posts to the host page's loader, hears only from it. */
export class Bridge {
  constructor(readonly origin: string | null, private target: Window | null) {}

  post(msg: FrameToLoader): void {
    if (this.origin && this.target && this.target !== window) this.target.postMessage(msg, this.origin);
  }

  listen(fn: (msg: LoaderToFrame) => void): () => void {
    const h = (e: MessageEvent) => {
      if (!this.origin || e.origin !== this.origin || e.source !== this.target || !e.data || typeof e.data.t !== 'string') return;
      fn(e.data);
    };
    addEventListener('message', h);
    return () => removeEventListener('message', h);
  }
}
