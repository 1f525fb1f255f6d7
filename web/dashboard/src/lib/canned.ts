// Canned replies: `/` in the composer opens them; what follows the slash searches them.
import type { CannedReply } from '../../../shared/types';

/**
 * The query of an open canned-reply search: the word after a `/` that starts the text or follows
 * whitespace, when the caret is at its end. null when no search is open.
 */
export function cannedQuery(text: string, caret: number): { query: string; start: number } | null {
  const before = text.slice(0, caret);
  const m = /(^|\s)\/([^\s/]*)$/.exec(before);
  if (!m) return null;
  return { query: m[2], start: before.length - m[2].length - 1 };
}

/** Ranks replies: shortcut equal > shortcut prefix > shortcut contains > body contains. All words must match. */
export function searchCanned(list: CannedReply[], query: string, limit = 8): CannedReply[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...list].sort((a, b) => a.shortcut.localeCompare(b.shortcut)).slice(0, limit);
  const words = q.split(/\s+/);
  const scored: { r: CannedReply; score: number }[] = [];
  for (const r of list) {
    const sc = r.shortcut.toLowerCase().replace(/^\//, '');
    const body = r.body.toLowerCase();
    if (!words.every((w) => sc.includes(w) || body.includes(w))) continue;
    let score = 1;
    if (sc === q) score = 4;
    else if (sc.startsWith(q)) score = 3;
    else if (sc.includes(q)) score = 2;
    scored.push({ r, score });
  }
  return scored
    .sort((a, b) => b.score - a.score || a.r.shortcut.localeCompare(b.r.shortcut))
    .slice(0, limit)
    .map((s) => s.r);
}

/** Replaces the `/query` at `start` with the reply's body; returns the new text and caret. */
export function applyCanned(text: string, start: number, caret: number, body: string): { text: string; caret: number } {
  const next = text.slice(0, start) + body + text.slice(caret);
  return { text: next, caret: start + body.length };
}
