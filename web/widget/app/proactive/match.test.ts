import { describe, expect, it, vi } from 'vitest';
import type { WidgetProactiveRule } from '../../../shared/types';
import { bestRule, countVisit, globMatch, nextCheck, ruleMatches, VISIT_GAP_MS, type PageContext } from './match';
import { ProactiveRunner, type ShowOutcome } from './runner';

const page = (p: Partial<PageContext> = {}): PageContext =>
  ({ url: 'https://shop.test/products/tea?ref=x', referrer: '', seconds: 0, visits: 1, ...p });
const rule = (id: number, priority: number, conditions: WidgetProactiveRule['conditions']): WidgetProactiveRule =>
  ({ id, priority, conditions });

describe('globMatch', () => {
  it('matches a path glob against the path and query, case-insensitively', () => {
    expect(globMatch('/products/*', 'https://shop.test/products/tea')).toBe(true);
    expect(globMatch('/PRODUCTS/*', 'https://shop.test/products/tea')).toBe(true);
    expect(globMatch('/products/*', 'https://shop.test/cart')).toBe(false);
    expect(globMatch('/products/*', 'https://shop.test/en/products/tea')).toBe(false);
    expect(globMatch('*/products/*', 'https://shop.test/en/products/tea')).toBe(true);
    expect(globMatch('/cart', 'https://shop.test/cart?step=2')).toBe(false);
    expect(globMatch('/cart*', 'https://shop.test/cart?step=2')).toBe(true);
  });

  it('matches without a star only the whole thing, a trailing slash aside', () => {
    expect(globMatch('/pricing', 'https://shop.test/pricing/')).toBe(true);
    expect(globMatch('/pricing', 'https://shop.test/pricing')).toBe(true);
    expect(globMatch('/pricing', 'https://shop.test/pricing-old')).toBe(false);
    expect(globMatch('https://shop.test/*', 'https://shop.test/a/b')).toBe(true);
    expect(globMatch('https://other.test/*', 'https://shop.test/a/b')).toBe(false);
  });

  it('treats regex characters in a glob as themselves', () => {
    expect(globMatch('/a.b', 'https://shop.test/a.b')).toBe(true);
    expect(globMatch('/a.b', 'https://shop.test/axb')).toBe(false);
    expect(globMatch('/(x)+', 'https://shop.test/(x)+')).toBe(true);
  });
});

describe('conditions', () => {
  it('needs every condition: URL (any glob), time on page, visits, referrer', () => {
    const r = rule(1, 0, [
      { type: 'page_url', values: ['/cart', '/products/*'] },
      { type: 'time_on_page', seconds: 5 },
      { type: 'visits', op: 'at_least', count: 2 },
      { type: 'referrer', contains: 'Google' },
    ]);
    const ok = page({ seconds: 5, visits: 2, referrer: 'https://www.google.com/search' });
    expect(ruleMatches(r, ok)).toBe(true);
    expect(ruleMatches(r, { ...ok, seconds: 4.9 })).toBe(false);
    expect(ruleMatches(r, { ...ok, visits: 1 })).toBe(false);
    expect(ruleMatches(r, { ...ok, referrer: '' })).toBe(false);
    expect(ruleMatches(r, { ...ok, url: 'https://shop.test/about' })).toBe(false);
  });

  it('counts visits at most and exactly; leaves the server its conditions', () => {
    expect(ruleMatches(rule(1, 0, [{ type: 'visits', op: 'at_most', count: 1 }]), page({ visits: 1 }))).toBe(true);
    expect(ruleMatches(rule(1, 0, [{ type: 'visits', op: 'at_most', count: 1 }]), page({ visits: 2 }))).toBe(false);
    expect(ruleMatches(rule(1, 0, [{ type: 'visits', op: 'exactly', count: 3 }]), page({ visits: 3 }))).toBe(true);
    expect(ruleMatches(rule(1, 0, [{ type: 'country', values: ['DE'] }]), page())).toBe(true);
  });

  it('picks the highest priority among the rules that match now, skipping tried ones', () => {
    const rules = [rule(1, 1, []), rule(2, 5, [{ type: 'time_on_page', seconds: 10 }]), rule(3, 3, [])];
    expect(bestRule(rules, page(), new Set())?.id).toBe(3);
    expect(bestRule(rules, page({ seconds: 10 }), new Set())?.id).toBe(2);
    expect(bestRule(rules, page({ seconds: 10 }), new Set([2, 3]))?.id).toBe(1);
    expect(bestRule(rules, page(), new Set([1, 3]))).toBe(null);
  });

  it('says when to look again: the soonest time a rule can still match on this page', () => {
    const rules = [rule(1, 0, [{ type: 'time_on_page', seconds: 30 }]),
      rule(2, 0, [{ type: 'time_on_page', seconds: 8 }, { type: 'page_url', values: ['/elsewhere'] }]),
      rule(3, 0, [{ type: 'time_on_page', seconds: 12 }])];
    expect(nextCheck(rules, page({ seconds: 2 }), new Set())).toBe(12);
    expect(nextCheck(rules, page({ seconds: 2 }), new Set([3]))).toBe(30);
    expect(nextCheck(rules, page({ seconds: 31 }), new Set())).toBe(null);
  });
});

describe('countVisit', () => {
  it('starts a new visit after 30 minutes without a page view', () => {
    const t = 1_800_000_000_000;
    const first = countVisit(undefined, t);
    expect(first).toEqual({ n: 1, at: t });
    expect(countVisit(first, t + 60_000).n).toBe(1);
    expect(countVisit({ n: 1, at: t + 60_000 }, t + 60_000 + VISIT_GAP_MS).n).toBe(2);
    expect(countVisit({ n: 'x', at: 0 }, t).n).toBe(1);  // anything the page wrote there is checked
    expect(countVisit({ n: 4, at: t + 10 }, t).n).toBe(5);  // a clock that went back counts a new visit
  });
});

describe('ProactiveRunner', () => {
  it('asks for the best rule once its time on the page has passed, and again after an SPA navigation', async () => {
    vi.useFakeTimers();
    let now = 0;
    const asked: number[] = [];
    const outcomes: Record<number, ShowOutcome> = { 1: 'skip', 2: 'sent' };
    const runner = new ProactiveRunner([
      rule(1, 9, [{ type: 'time_on_page', seconds: 2 }, { type: 'page_url', values: ['/products/*'] }]),
      rule(2, 1, [{ type: 'time_on_page', seconds: 3 }]),
    ], 1, async (id) => { asked.push(id); return outcomes[id]; }, () => now);
    runner.setPage({ url: 'https://shop.test/products/tea' });
    const advance = async (ms: number) => { now += ms; await vi.advanceTimersByTimeAsync(ms); };
    await advance(1900);
    expect(asked).toEqual([]);
    await advance(200);
    expect(asked).toEqual([1]);   // refused (e.g. no agent online): the next rule may still come
    await advance(1000);
    expect(asked).toEqual([1, 2]);
    await advance(10_000);
    expect(asked).toEqual([1, 2]);
    // A new page: the refused rule may match there; the sent one never again.
    runner.setPage({ url: 'https://shop.test/products/coffee' });
    await advance(2100);
    expect(asked).toEqual([1, 2, 1]);
    runner.stop();
    vi.useRealTimers();
  });

  it('stops for good when the server says the visitor is capped', async () => {
    vi.useFakeTimers();
    const asked: number[] = [];
    const runner = new ProactiveRunner([rule(1, 2, []), rule(2, 1, [])], 1,
      async (id) => { asked.push(id); return 'stop'; });
    runner.setPage({ url: 'https://shop.test/' });
    await vi.advanceTimersByTimeAsync(100);
    runner.setPage({ url: 'https://shop.test/next' });
    await vi.advanceTimersByTimeAsync(100);
    expect(asked).toEqual([1]);
    vi.useRealTimers();
  });
});
