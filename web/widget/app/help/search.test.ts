import { describe, expect, it } from 'vitest';
import type { WidgetArticleHit } from '../../../shared/types';
import { HelpSearch, normaliseQuery, searchPath, type SearchState } from './search';

const hit = (id: number, title = `Article ${id}`): WidgetArticleHit => ({ id, title, excerpt: '', url: `/help/w/articles/a${id}` });

/** Timers run by hand, and a server whose answers the test releases in any order. */
function harness() {
  const timers: { fn: () => void; ms: number; cleared: boolean }[] = [];
  const asked: { q: string; answer: (h: WidgetArticleHit[]) => void; fail: () => void }[] = [];
  const states: SearchState[] = [];
  const search = new HelpSearch(
    (q) => new Promise((answer, fail) => asked.push({ q, answer, fail: () => fail(new Error('down')) })),
    (s) => states.push(s),
    250,
    { set: (fn, ms) => { const t = { fn, ms, cleared: false }; timers.push(t); return t; }, clear: (t) => { (t as { cleared: boolean }).cleared = true; } },
  );
  const fire = () => { for (const t of timers.splice(0)) if (!t.cleared) t.fn(); };
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { search, timers, asked, states, fire, settle };
}

describe('the help search', () => {
  it('normalises the words it sends', () => {
    expect(normaliseQuery('  reset \n  password ')).toBe('reset password');
    expect(normaliseQuery('x'.repeat(300))).toHaveLength(200);
    expect(searchPath('a&b')).toBe('/api/v1/widget/articles?q=a%26b&limit=5');
    expect(searchPath('', 3)).toBe('/api/v1/widget/articles?q=&limit=3');
  });

  it('waits for a pause in typing and asks once', async () => {
    const h = harness();
    h.search.input('r');
    h.search.input('re');
    h.search.input('res');
    expect(h.timers.filter((t) => !t.cleared)).toHaveLength(1);
    expect(h.timers[0].ms).toBe(250);
    expect(h.search.state).toMatchObject({ q: 'res', phase: 'loading' });
    h.fire();
    expect(h.asked.map((a) => a.q)).toEqual(['res']);
    h.asked[0].answer([hit(1)]);
    await h.settle();
    expect(h.search.state).toEqual({ q: 'res', phase: 'ready', hits: [hit(1)] });
  });

  it('drops a late answer to older words', async () => {
    const h = harness();
    h.search.input('refund');
    h.fire();
    h.search.input('refund policy');
    h.fire();
    h.asked[1].answer([hit(2)]);
    await h.settle();
    h.asked[0].answer([hit(1)]);
    await h.settle();
    expect(h.search.state).toEqual({ q: 'refund policy', phase: 'ready', hits: [hit(2)] });
  });

  it('shows earlier results at once when the words come back', async () => {
    const h = harness();
    h.search.input('ship');
    h.fire();
    h.asked[0].answer([hit(3)]);
    await h.settle();
    h.search.input('shipp');
    h.search.input('ship ');
    expect(h.search.state).toEqual({ q: 'ship', phase: 'ready', hits: [hit(3)] });
    expect(h.timers.filter((t) => !t.cleared)).toHaveLength(0);
  });

  it('empty words clear the results without asking', () => {
    const h = harness();
    h.search.input('abc');
    h.search.input('   ');
    expect(h.search.state).toEqual({ q: '', phase: 'idle', hits: [] });
    h.fire();
    expect(h.asked).toHaveLength(0);
  });

  it('a failure says so and can be retried', async () => {
    const h = harness();
    h.search.input('login');
    h.fire();
    h.asked[0].fail();
    await h.settle();
    expect(h.search.state).toEqual({ q: 'login', phase: 'failed', hits: [] });
    h.search.retry();
    expect(h.search.state.phase).toBe('loading');
    h.fire();
    h.asked[1].answer([hit(4)]);
    await h.settle();
    expect(h.search.state).toEqual({ q: 'login', phase: 'ready', hits: [hit(4)] });
  });
});
