// The one safe-URL rule of both apps: only http, https and mailto become links; everything else (javascript:,
// data:, markdown syntax, HTML) stays plain text and is rendered as text nodes. Server data put in src/href
// (attachments, avatars, a visitor's page) and images from the widget settings follow the same rule.
export type Part = { text: string; href?: string };

const CANDIDATE = /(?:https?:\/\/|mailto:)[^\s<>"'`]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gi;
const TRAILING = /[.,;:!?'"*_~\]}>]+$/;

/** Returns the URL when it is safe to link (http, https or mailto with a real address), else null. */
export function safeHref(raw?: string | null): string | null {
  try {
    const u = new URL(raw!);
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.hostname ? u.href : null;
    if (u.protocol === 'mailto:' && /^[^@\s]+@[^@\s]+$/.test(decodeURIComponent(u.pathname))) return raw!;
  } catch { /* not a URL, or a broken %-escape */ }
  return null;
}

/** Trims punctuation that ends a sentence, and a ')' that closes a bracket opened before the link. */
function trim(s: string): string {
  for (;;) {
    const t = s.replace(TRAILING, '');
    if (t.endsWith(')') && (t.match(/\(/g) || []).length < (t.match(/\)/g) || []).length) { s = t.slice(0, -1); continue; }
    if (t === s) return s;
    s = t;
  }
}

export function linkify(text: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  const push = (t: string) => {
    if (!t) return;
    const prev = parts[parts.length - 1];
    if (prev && !prev.href) prev.text += t; else parts.push({ text: t });
  };
  for (const m of text.matchAll(CANDIDATE)) {
    const start = m.index!;
    const raw = trim(m[0]);
    const isEmail = !/^(https?:|mailto:)/i.test(raw);
    const href = safeHref(isEmail ? `mailto:${raw}` : raw);
    if (!href || !raw) continue;
    push(text.slice(last, start));
    parts.push({ text: raw, href });
    last = start + raw.length;
  }
  push(text.slice(last));
  return parts;
}

/** A URL for src/href of server data (attachments, avatars): same-origin paths or http(s) only. */
export function safeUrl(raw?: string | null): string | null {
  if (!raw) return null;
  if (raw[0] === '/' && raw[1] !== '/' && raw[1] !== '\\') return raw;
  const h = safeHref(raw);
  return h && !h.startsWith('mailto:') ? h : null;
}

/** An image setting (launcher image, chat background) the server accepts (widget_settings.cpp, the same rule):
 *  one of our uploads, or an https URL without characters that could leave a CSS string or name a user. */
export function isImageUrl(v: string): boolean {
  return /^\/uploads\/[0-9a-f]{32}\.(png|jpg|gif|webp)$/.test(v)
    || (/^https:\/\/[^\s"'<>\\()`{}|^@/?#]+([/?#][^\s"'<>\\()`{}|^]*)?$/.test(v) && v.length <= 1000);
}

/** An image setting as an absolute URL (uploads made absolute with `origin`, the Parley server's, since the
 *  launcher lives on the host page), or null when it breaks the rule. */
export function imageUrl(raw: unknown, origin: string): string | null {
  if (typeof raw !== 'string' || !isImageUrl(raw)) return null;
  return raw[0] === '/' ? origin + raw : raw;
}
