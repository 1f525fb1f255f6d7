// The page conditions of proactive rules (docs/openapi.json, ProactiveCondition), evaluated in the frame: only the
// visitor's browser knows the page, the time on it and the visits. The server checks the others when the frame
// asks for a rule's message. Pure: the runner (runner.ts) feeds it the page and the clock.
import type { ProactiveCondition, WidgetProactiveRule } from '../../../shared/types';

export { countVisit, VISIT_GAP_MS } from './visits';

/** What the frame knows of the visitor's page. */
export interface PageContext {
  url: string;
  referrer: string;
  /** Seconds on the current page. */
  seconds: number;
  /** Visits to the site, this one included. */
  visits: number;
}

/**
 * `*` matches any run of characters (also none), everything else itself, case-insensitively. A glob that starts
 * with `/` is matched against the URL's path (with its query), any other against the whole URL; a glob without `*`
 * must match all of it (trailing slash aside).
 */
export function globMatch(glob: string, url: string): boolean {
  let target = url;
  if (glob.startsWith('/')) {
    try { const u = new URL(url); target = u.pathname + u.search; } catch { /* not a URL: as it is */ }
  }
  const re = new RegExp('^' + glob.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '/?$', 'i');
  return re.test(target) || re.test(target.replace(/\/$/, ''));
}

function holds(c: ProactiveCondition, p: PageContext): boolean {
  switch (c.type) {
    case 'page_url': return (c.values || []).some((g) => globMatch(g, p.url));
    case 'time_on_page': return p.seconds >= (c.seconds || 0);
    case 'visits': {
      const n = c.count || 1;
      return c.op === 'at_most' ? p.visits <= n : c.op === 'exactly' ? p.visits === n : p.visits >= n;
    }
    case 'referrer': return !!c.contains && p.referrer.toLowerCase().includes(c.contains.toLowerCase());
    default: return true; // the server's to check
  }
}

/** True when every page condition of the rule holds. */
export function ruleMatches(rule: WidgetProactiveRule, p: PageContext): boolean {
  return (rule.conditions || []).every((c) => holds(c, p));
}

/** Seconds on the page the rule needs (0 when it has no time condition). */
export function secondsNeeded(rule: WidgetProactiveRule): number {
  return Math.max(0, ...(rule.conditions || []).filter((c) => c.type === 'time_on_page').map((c) => c.seconds || 0));
}

/** The highest-priority rule (then the first given) that matches now and was not tried. */
export function bestRule(rules: WidgetProactiveRule[], p: PageContext, tried: Set<number>): WidgetProactiveRule | null {
  let best: WidgetProactiveRule | null = null;
  for (const r of rules) if (!tried.has(r.id) && ruleMatches(r, p) && (!best || r.priority > best.priority)) best = r;
  return best;
}

/**
 * When to look again: the soonest number of seconds on this page at which a rule that is not tried and whose other
 * conditions hold will also have its time condition met; null when no rule can still match on this page.
 */
export function nextCheck(rules: WidgetProactiveRule[], p: PageContext, tried: Set<number>): number | null {
  let next: number | null = null;
  for (const r of rules) {
    if (tried.has(r.id)) continue;
    const need = secondsNeeded(r);
    if (need <= p.seconds || !ruleMatches(r, { ...p, seconds: need })) continue;
    next = next === null ? need : Math.min(next, need);
  }
  return next;
}
