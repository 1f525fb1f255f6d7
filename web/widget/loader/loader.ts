// Parley loader: the snippet's widget.js. Vanilla TS, at most 2 KB gzipped (node widget/size-check.mjs).
//
//   <script async src="https://HOST/widget.js" data-workspace="PUBLIC_ID"></script>
//
// Draws the launcher (in a shadow root, so the host page's CSS cannot bend it), creates the chat iframe once the
// page has loaded and the browser is idle, keeps the visitor's token and outbox in the host's first-party
// localStorage, reports page views (also SPA navigations) and offers the Parley(...) API with a queue.
//
// Messages (web/shared/bridge.ts: FrameToLoader, LoaderToFrame), always with a named target origin and a checked
// event.origin. Only their types are shared: the loader bundles no shared code.
import type { FrameToLoader, HostStore, LauncherUi, LoaderToFrame } from '../../shared/bridge';

type Fn = (...a: any[]) => void;

((w: any, d: Document) => {
  if (w.__parley) return;
  const script = (d.currentScript || d.querySelector('script[data-workspace]')) as HTMLScriptElement | null;
  const ws = script && script.dataset.workspace;
  if (!ws) return;
  w.__parley = 1;
  const L = location;
  const origin = new URL(script!.src, L.href).origin;
  const K = 'parley:' + ws;
  let store: HostStore = {};
  try { store = JSON.parse(localStorage[K] || '{}'); } catch (e) { /* storage blocked: memory only */ }
  const save = () => { try { localStorage[K] = JSON.stringify(store); } catch (e) { /* full or blocked */ } };

  const handlers: Record<string, Fn[]> = {};
  // Handlers run in their own task: one that throws cannot break the loader.
  const emit = (n: string, x?: any) => (handlers[n] || []).forEach((f) => setTimeout(f, 0, x));
  let isReady = 0;
  let isOpen = 0;
  let frame: HTMLIFrameElement | 0 = 0;
  let live = 0; // the frame said hello and got init
  let queue: LoaderToFrame[] = [];
  // An email's link (?parley_resume=TOKEN, docs/email.md): the frame trades it for the visitor's session (init.r).
  // It leaves the address bar before anything else reads it, so a bookmark or a shared URL does not carry it.
  const rs = /([?&])parley_resume=([^&#]*)&?/.exec(L.href);
  if (rs) history.replaceState(history.state, '', L.href.replace(rs[0], rs[1]));
  // data-page (the /chat page): the chat open at once, the page's full height, no launcher.
  const full = script!.dataset.page;
  let url = L.href;

  const post = (m: LoaderToFrame) => (live && frame ? frame.contentWindow!.postMessage(m, origin) : queue.push(m));
  const page = (): Extract<LoaderToFrame, { t: 'page' }> => ({ t: 'page', url: L.href, title: d.title, referrer: url === L.href ? d.referrer : url });

  // The launcher. Static markup only: no page or server text ever goes through innerHTML. The second <style>
  // holds the workspace's look (colours, position, label, image, the entrance and open/close animations),
  // made by the frame (app/lib/launcher.ts) from checked settings and cached for the next page.
  const host = d.createElement('div');
  host.style.cssText = 'all:initial';
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = '<style>' +
    '.w{--x:20px;--y:20px;--bg:#4f46e5;--fg:#fff}' +
    'button,iframe{position:fixed;z-index:2147483000;right:var(--x);border:0;padding:0}' +
    'button{bottom:var(--y);width:60px;height:60px;border-radius:30px;background:var(--bg);color:var(--fg);box-shadow:0 4px 16px #0004;cursor:pointer;display:grid;place-items:center}' +
    'button:focus-visible{outline:3px solid var(--bg);outline-offset:3px;box-shadow:0 0 0 3px #fff}' +
    'svg{width:28px;height:28px;fill:currentColor}' +
    'b{position:absolute;top:-4px;right:-4px;min-width:8px;height:20px;padding:0 6px;border-radius:10px;background:#dc2626;color:#fff;font:700 12px/20px sans-serif}' +
    'iframe{bottom:calc(var(--y) + 76px);width:380px;height:min(600px,calc(100% - var(--y) - 96px));border-radius:16px;box-shadow:0 12px 48px #0004;background:#fff;visibility:hidden;opacity:0;translate:0 16px}' +
    '.o iframe{visibility:visible;opacity:1;translate:none}.o path{fill:none;stroke:currentColor;stroke-width:2.4}' +
    '@media(max-width:480px){.w iframe{inset:0;width:100%;height:100%;border-radius:0}.o button{display:none}}' +
    '.p iframe{inset:0;width:100%;height:100%;border-radius:0;max-width:480px;margin:auto}.o.p button{display:none}' +
    '</style><style></style><div class=w><button type=button></button></div>';
  const wrap = root.lastChild as HTMLDivElement;
  const look = wrap.previousSibling as HTMLStyleElement;
  const btn = wrap.firstChild as HTMLButtonElement;
  const badge = d.createElement('b');

  // The frame sends the launcher icon as SVG path data in `ui.d` (set as an attribute, never as markup).
  const CHAT = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z';
  const X = 'M6 6l12 12M18 6 6 18'; // stroked (.o path)
  btn.innerHTML = '<svg viewBox="0 0 24 24"><path/></svg>';
  const path = btn.firstChild!.firstChild as Element;
  btn.append(badge);
  const paint = () => {
    const u: Partial<LauncherUi> = store.ui || {};
    look.textContent = u.css || '';
    wrap.className = 'w' + (isOpen ? ' o' : '') + (full ? ' p' : '');
    path.setAttribute('d', isOpen ? X : u.d || CHAT);
    btn.ariaLabel = isOpen ? u.lc || 'Close chat' : u.lo || 'Open chat';
    btn.ariaExpanded = '' + !!isOpen;
  };
  const setUnread = (n: number) => { badge.textContent = n > 9 ? '9+' : '' + n; badge.hidden = !n; };
  setUnread(0);

  const boot = () => {
    if (frame) return;
    frame = d.createElement('iframe');
    frame.title = 'Chat';
    frame.allow = 'autoplay';
    // ws= lets the server send the frame with the workspace's frame-ancestors (the browser then refuses to
    // show it on any other site); origin= names this page for postMessage and for the server's own check.
    frame.src = origin + '/widget/frame.html?ws=' + encodeURIComponent(ws) + '&origin=' + encodeURIComponent(L.origin);
    wrap.append(frame);
  };
  const setOpen = (o: any, focus?: any) => {
    if (!!o == !!isOpen) return;
    isOpen = o ? 1 : 0;
    if (o) boot();
    paint();
    post({ t: 'open', v: !!o });
    if (o && frame) frame.focus();
    if (!o && focus) btn.focus();
    emit(o ? 'open' : 'close');
  };
  btn.onclick = () => setOpen(!isOpen);
  d.addEventListener('keydown', (e) => { if (e.key == 'Escape' && isOpen) setOpen(0, 1); });

  addEventListener('message', (e) => {
    const m: FrameToLoader = e.data;
    const t = (m || 0).t;
    if (e.origin != origin || !frame || e.source != frame.contentWindow || !t) return;
    if (m.t == 'hello') {
      live = 1;
      const q = queue;
      queue = [];
      post({ t: 'init', ws, store, page: page(), open: !!isOpen, r: rs ? rs[2] : '' });
      q.forEach(post);
    } else if (m.t == 'save') {
      if (m.v == null) delete store[m.k]; else store[m.k] = m.v;
      save();
    } else if (m.t == 'ui') { store.ui = m; save(); paint(); }
    else if (m.t == 'unread') setUnread(m.n);
    else if (m.t == 'ready') { isReady = 1; emit('ready'); }
    else if (m.t == 'message') emit('message', m.m);
    else if (m.t == 'close' || m.t == 'open') setOpen(m.t == 'open', 1);
    // The teaser (drawn in the frame): the frame's CSS (ui) shows the iframe at --t while the chat is closed.
    else if (m.t == 'teaser') frame.style.cssText = m.s;
  });

  const api = (c: string, a?: any, b?: any) => {
    if (c == 'toggle') setOpen(!isOpen);
    else if (c == 'open' || c == 'close') setOpen(c == 'open');
    else if (c == 'on') { (handlers[a] = handlers[a] || []).push(b); if (a == 'ready' && isReady) b(); }
    else if (c == 'shutdown') {
      // Forget the visitor: drop the token and outbox, start a fresh anonymous frame.
      store = { ui: store.ui };
      save();
      setOpen(0);
      if (frame) frame.remove();
      frame = live = isReady = 0;
      queue = [];
      setUnread(0);
      boot();
    } else post({ t: 'cmd', c, a });
  };
  const q: IArguments[] = (w.Parley && w.Parley.q) || [];
  w.Parley = api;
  q.forEach((args) => api.apply(null, args as any));

  // Page views: the first one goes with init; SPA navigations are reported when the URL changes.
  const nav = () => setTimeout(() => {
    if (url == L.href) return;
    post(page());
    url = L.href;
  }, 0);
  (['pushState', 'replaceState'] as const).forEach((k) => {
    const orig = history[k];
    history[k] = function (this: History) {
      const r = orig.apply(this, arguments as any);
      nav();
      return r;
    } as any;
  });
  addEventListener('popstate', nav);

  paint();
  const start = () => {
    d.body.append(host);
    if (rs || full) setOpen(1);
    (w.requestIdleCallback || setTimeout)(boot, { timeout: 2000 });
  };
  if (d.readyState == 'complete') start(); else addEventListener('load', start);
})(window, document);
