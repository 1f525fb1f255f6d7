// Colour maths for the workspace colour: WCAG 2 contrast and a readable text colour.
export type RGB = [number, number, number];
export const DEFAULT_COLOR = '#4f46e5';
export const WHITE = '#ffffff';
export const INK = '#111827';

export function parseHex(hex: string): RGB | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec((hex || '').trim());
  if (!m) return null;
  let h = m[1];
  if (h.length === 3) h = h.replace(/./g, (c) => c + c);
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as RGB;
}

export function toHex(c: RGB): string {
  return '#' + c.map((v) => Math.round(Math.max(0, Math.min(255, v))).toString(16).padStart(2, '0')).join('');
}

export function luminance([r, g, b]: RGB): number {
  const f = (v: number) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}

export function contrast(a: string, b: string): number {
  const la = luminance(parseHex(a) || [0, 0, 0]);
  const lb = luminance(parseHex(b) || [0, 0, 0]);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** White or ink, whichever reads better on the background. */
export function readableText(bg: string): string {
  return contrast(bg, WHITE) >= contrast(bg, INK) ? WHITE : INK;
}

/** Darkens a colour step by step until white text on it reaches the ratio (AA: 4.5). */
export function darkenFor(bg: string, ratio = 4.5): string {
  const c = parseHex(bg) || parseHex(DEFAULT_COLOR)!;
  let cur = toHex(c);
  for (let k = 1; contrast(cur, WHITE) < ratio && k <= 100; k++) cur = toHex(c.map((v) => v * (1 - k / 100)) as RGB);
  return cur;
}

/**
 * The widget's theme from a workspace colour: white text when it passes AA, dark text on very light colours
 * (a pale yellow stays yellow), otherwise the colour is darkened until white text passes.
 */
export function theme(color?: string | null): { bg: string; fg: string } {
  const c = parseHex(color || '') ? toHex(parseHex(color!)!) : DEFAULT_COLOR;
  if (contrast(c, WHITE) >= 4.5) return { bg: c, fg: WHITE };
  if (contrast(c, INK) >= 7) return { bg: c, fg: INK };
  return { bg: darkenFor(c), fg: WHITE };
}
