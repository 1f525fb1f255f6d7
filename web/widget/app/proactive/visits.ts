// Visits to the host site, counted by the frame on every page (in the main chunk: it runs on every page view,
// while the rules themselves load only when a session has some).

/** A visit ends after 30 minutes without a page view (what analytics tools count as a session). */
export const VISIT_GAP_MS = 30 * 60 * 1000;

/** The visit count after a page view at `now`, from what was stored (anything unreadable starts afresh). */
export function countVisit(stored: unknown, now: number): { n: number; at: number } {
  const s = (stored && typeof stored === 'object' ? stored : {}) as { n?: unknown; at?: unknown };
  const n = typeof s.n === 'number' && s.n >= 1 && s.n < 1e6 ? Math.floor(s.n) : 0;
  const at = typeof s.at === 'number' ? s.at : 0;
  return { n: n && now - at < VISIT_GAP_MS && now >= at ? n : n + 1, at: now };
}
