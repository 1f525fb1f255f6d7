// The teaser (issue 13): an agent's message (a proactive rule's, a campaign's, an agent's "Start chat") that arrives
// while the chat is closed shows as a small card above the launcher: the sender's avatar and name, the first lines,
// a close button. A lazy chunk, drawn in the frame: the loader only makes its iframe visible at the card's size
// (bridge `teaser`, the CSS in lib/launcher.ts), so the host page's 2 KB loader does not grow with it. Under 480 px
// the card sits beside the launcher and shows two lines, so it covers little of a phone's page.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Message } from '../../../shared/types';
import type { Chat } from '../chat';
import { Avatar } from '../components/Avatar';
import { theme } from '../lib/color';

const CSS = 'html.teasing,html.teasing body{height:auto;background:transparent}html.teasing #app{display:none}' +
  '.pt{position:relative;padding:6px 8px 10px}' +
  '.pt-card{display:flex;gap:10px;align-items:flex-start;width:100%;box-sizing:border-box;margin:0;padding:12px 40px 12px 12px;' +
  'border:0;border-radius:14px;background:#fff;color:#0f172a;box-shadow:0 4px 16px rgba(15,23,42,.22);font:inherit;text-align:start;cursor:pointer}' +
  '.pt.dark .pt-card{background:#1e293b;color:#f1f5f9}.pt-card:focus-visible{outline:3px solid var(--pc);outline-offset:1px}' +
  '.pt-b{min-width:0;display:flex;flex-direction:column;gap:2px}.pt-n{font-size:12px;font-weight:600;opacity:.75}' +
  '.pt-t{display:-webkit-box;-webkit-line-clamp:3;-webkit-box-orient:vertical;overflow:hidden;overflow-wrap:anywhere;white-space:pre-line}' +
  '.pt-x{position:absolute;top:10px;inset-inline-end:12px;width:28px;height:28px;padding:0;border:0;border-radius:50%;' +
  'background:transparent;color:inherit;opacity:.7;cursor:pointer;display:grid;place-items:center}' +
  '.pt.dark .pt-x{color:#f1f5f9}.pt-x:hover,.pt-x:focus-visible{opacity:1;background:rgba(100,116,139,.18)}.pt-x:focus-visible{outline:2px solid var(--pc)}' +
  '@media (max-width:319px){.pt{padding:4px 6px 6px}.pt-card{padding:8px 34px 8px 8px;gap:8px}.pt-t{-webkit-line-clamp:2}.pt-x{top:6px;inset-inline-end:8px}}';

let root: HTMLDivElement | null = null;
let shown: Message | null = null;
let chat: Chat;
let sized = 0;

/** The sender as the visitor sees them: the agent, or the workspace for a bot's or the system's message. */
function senderName(m: Message): string {
  return m.sender?.name || chat.state.workspaceName || chat.text('greeting');
}

function Card({ m }: { m: Message }) {
  const t = chat.t;
  const name = senderName(m);
  const text = m.body.slice(0, 400) || '📎';
  const [said, setSaid] = useState('');
  // The live region is in the page before its text: screen readers announce a change, not a new region.
  useEffect(() => { const id = setTimeout(() => setSaid(`${t('teaserFrom', { name })}: ${text}`), 150); return () => clearTimeout(id); }, [m.id]);
  const th = theme(chat.state.settings.color);
  return (
    <div class={'pt' + (chat.state.settings.dark_mode ? ' dark' : '')} style={{ '--pc': th.bg, '--pf': th.fg } as any}
      onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); dismiss(); } }}>
      <p class="sr" aria-live="polite">{said}</p>
      {/* Named by what it shows (the sender, the text); what it does is its description. */}
      <button type="button" class="pt-card" onClick={open} aria-describedby="pt-do">
        <Avatar name={name} url={m.sender?.avatar_url} size={36} />
        <span class="pt-b"><span class="pt-n">{name}</span><span class="pt-t">{text}</span></span>
      </button>
      <span class="sr" id="pt-do">{t('open')}</span>
      <button type="button" class="pt-x" onClick={dismiss} aria-label={t('dismiss')} title={t('dismiss')}>
        <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path d="M6 6l12 12M18 6 6 18" stroke="currentColor" stroke-width="2.4" fill="none" /></svg>
      </button>
    </div>
  );
}

/** Tells the loader the card's height (0: hide the iframe again). */
function size(): void {
  const h = shown && root ? Math.ceil(root.getBoundingClientRect().height) : 0;
  if (h === sized) return;
  sized = h;
  chat.bridge.post({ t: 'teaser', s: h ? `--t:${h}px` : '' });
}

function draw(): void {
  document.documentElement.classList.toggle('teasing', !!shown);
  render(shown ? <Card m={shown} /> : null, root!);
  size();
}

function hide(): void {
  if (!shown) return;
  shown = null;
  draw();
}

function open(): void {
  const m = shown;
  hide();
  // The loader opens the chat (it is at the newest messages, this one among them) and tells the frame, which
  // counts a proactive rule's message opened (chat.ts, reportOpened).
  if (m) chat.bridge.post({ t: 'open' });
}

function dismiss(): void {
  // Not again for this message on the next pages (chat.ts checks it when it finds unread messages).
  if (shown) chat.save('teased', shown.id);
  hide();
}

/** Shows `m` as the teaser (replacing one shown); the chat opening hides it. */
export function showTeaser(c: Chat, m: Message): void {
  chat = c;
  if (!root) {
    const style = document.createElement('style');
    style.textContent = CSS;
    document.head.append(style);
    root = document.createElement('div');
    document.body.append(root);
    new ResizeObserver(size).observe(root);
    c.subscribe(() => { if (c.state.open) hide(); });
  }
  if (c.state.open) return;
  shown = m;
  draw();
}
