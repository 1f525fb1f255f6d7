// The widget under the server's limits, in Chromium against a real `parley serve`: a 429 on new chat sessions
// is explained (in words, with the wait) and waited out; refused uploads, too-fast messages, a 429 on the
// offline form and dropped page views are handled without "Could not reach the server"; a bad locale from the
// host page never bricks the widget. The server believes X-Forwarded-For from 127.0.0.1 here: each browser
// context gets its own client address, so the per-address session limit of one test never touches another.
import { Buffer } from 'node:buffer';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentSocket, ApiClient, PER_TEST_ADDRESSES, testAddress } from './harness';
import {
  agentOnline, conversationWith, frame, gotoShop, messagesOf, newPage, openWidget, sendAsVisitor, setup, uid, waitUntil,
  type Env,
} from './widget-kit';

let env: Env;
let publicId = '';

beforeAll(async () => {
  env = await setup(PER_TEST_ADDRESSES);
  publicId = env.workspace.public_id;
});
afterAll(async () => { await env?.stop(); });

/** A visitor page acting from its own address (or the one given). */
const visitor = (address = testAddress()) => newPage(env.browser, { extraHTTPHeaders: { 'x-forwarded-for': address } });

const stored = async (page: Page) => JSON.parse((await page.evaluate((k) => localStorage.getItem(k), `parley:${publicId}`)) || '{}');
/** The error banner's text (without its dismiss button). */
const banner = (page: Page) => frame(page).locator('.err[role="alert"] > span');
/** Resolves when the widget's session is ready (at once when it already is). */
const ready = (page: Page) => page.evaluate(() => new Promise<void>((ok) => (window as any).Parley('on', 'ready', ok)));

describe('widget under limits', () => {
  it('explains a 429 on new chat sessions and starts once the wait is over', async () => {
    const address = testAddress();
    const from = new ApiClient(env.server.url);
    from.headers = { 'x-forwarded-for': address };
    // Another 30-odd new visitors from the same network take the burst.
    let status = 0;
    let retryAfter: string | null = null;
    for (let i = 0; i < 40 && status !== 429; i++) {
      const r = await from.call('POST', '/api/v1/widget/sessions', { workspace_id: publicId, url: 'https://shop.test/' });
      status = r.status;
      retryAfter = r.headers.get('retry-after');
    }
    expect(status).toBe(429);

    const { context, page, errors } = await visitor(address);
    await page.goto(env.server.url + '/');
    await openWidget(page);
    await banner(page).filter({ hasText: /^Too many new chats from your network\. We will try again in \d+ (s|min)\.$/ }).waitFor();
    await expect(banner(page).textContent()).resolves.not.toContain('Could not reach');
    await page.screenshot({ path: '/tmp/parley-widget-sessions-429.png' });

    // One new session every 10 s: the widget's own retry gets in.
    await ready(page);
    await frame(page).locator('.comp textarea, [data-form="offline"]').first().waitFor();
    await expect(banner(page).count()).resolves.toBe(0);
    expect((await stored(page)).token).toMatch(/^pv_/);
    expect(errors).toEqual([]);
    console.log(`session 429 Retry-After from the server: ${retryAfter ?? '(none: the widget waited its own 10 s)'}`);
    await context.close();
  }, 60_000);

  it('sends the offline form with a client_id, waits out a 429 and sends the same client_id again', async () => {
    const { context, page, errors } = await visitor();
    const bodies: any[] = [];
    await context.route('**/api/v1/widget/offline', async (route) => {
      bodies.push(route.request().postDataJSON());
      if (bodies.length > 1) return route.continue();
      await route.fulfill({ status: 429, headers: { 'retry-after': '2', 'content-type': 'application/json' },
        body: JSON.stringify({ error: { code: 'rate_limited', message: 'You are sending messages too fast, try again in 2 s' } }) });
    });
    await gotoShop(page, env.server.url + '/');
    await openWidget(page);
    const f = frame(page);
    await f.locator('[data-form="offline"]').waitFor();
    const text = `Offline after a 429 ${uid()}`;
    await f.locator('#offline-email').fill('olive@example.test');
    await f.locator('#offline-message').fill(text);
    await f.getByRole('button', { name: 'Send message' }).click();
    await banner(page).filter({ hasText: 'You are sending messages too fast. We will try again in 2 s.' }).waitFor();
    await f.locator('[data-form="offline"]', { hasText: 'Thanks' }).waitFor({ timeout: 10_000 });
    expect(bodies).toHaveLength(2);
    expect(bodies[0].client_id).toMatch(/^.{1,64}$/);
    expect(bodies[1].client_id).toBe(bodies[0].client_id);
    const conv = await conversationWith(env.api, text);
    expect((await messagesOf(env.api, conv.id)).filter((m) => m.body === text)).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  describe('with an agent online', () => {
    let agent: AgentSocket;
    beforeAll(async () => { agent = await agentOnline(env); });
    afterAll(async () => { await agent?.close(); });

    it('says when uploads are over the visitor\'s limit', async () => {
      const { context, page, errors } = await visitor();
      await gotoShop(page, env.server.url + '/');
      await openWidget(page);
      const token = (await stored(page)).token;
      let status = 0;
      let retryAfter: string | null = null;
      for (let i = 0; i < 30 && status !== 429; i++) {
        const r = await fetch(env.server.url + '/api/v1/widget/uploads', {
          method: 'POST', body: `note ${i}\n`,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain', 'x-filename': `n${i}.txt` },
        });
        status = r.status;
        retryAfter = r.headers.get('retry-after');
      }
      expect(status).toBe(429);
      expect(Number(retryAfter)).toBeGreaterThan(0);

      await frame(page).locator('.comp input[type="file"]').setInputFiles({ name: 'one-more.txt', mimeType: 'text/plain', buffer: Buffer.from('hello\n') });
      await banner(page).filter({ hasText: /^You have sent too many files\. Try again in \d+ (s|min)\.$/ }).waitFor();
      await page.screenshot({ path: '/tmp/parley-widget-uploads-429.png' });
      expect(errors).toEqual([]);
      await context.close();
    });

    it('sends messages refused as too fast again, in order, each stored once', async () => {
      const { context, page, errors } = await visitor();
      let refused = 0;
      page.on('websocket', (ws) => ws.on('framereceived', (f) => { if (String(f.payload).includes('"rate_limited"')) refused++; }));
      await gotoShop(page, env.server.url + '/');
      await openWidget(page);
      const tag = uid();
      const bodies = Array.from({ length: 30 }, (_, i) => `burst ${tag} #${i + 1}`);
      for (const b of bodies) await sendAsVisitor(page, b);
      const conv = await conversationWith(env.api, bodies[0]);
      const stored = await waitUntil(async () => {
        const got = (await messagesOf(env.api, conv.id)).filter((m) => m.body.startsWith(`burst ${tag}`)).map((m) => m.body);
        return got.length >= bodies.length ? got : null;
      }, 30_000, 'every burst message stored');
      expect(stored).toEqual(bodies);
      expect(refused).toBeGreaterThan(0);                         // the limit was hit and waited out
      await frame(page).getByText('Not sent.').waitFor({ state: 'detached' });
      await expect(banner(page).count()).resolves.toBe(0);
      expect(errors).toEqual([]);
      await context.close();
    }, 60_000);

    it('keeps quiet when page views are dropped by their limit', async () => {
      const { context, page, errors } = await visitor();
      await gotoShop(page, env.server.url + '/');
      await openWidget(page);
      await frame(page).locator('.comp textarea').waitFor();
      for (let i = 0; i < 45; i++) {
        await page.evaluate((n) => history.pushState({}, '', `/?page=${n}`), i);
        await page.waitForTimeout(10);
      }
      await page.waitForTimeout(1000);
      await expect(banner(page).count()).resolves.toBe(0);
      expect(errors).toEqual([]);
      await context.close();
    });

    it('a bad locale from the host page is repaired or refused, never bricks the widget', async () => {
      const { context, page, errors } = await visitor();
      await gotoShop(page, env.server.url + '/');
      await openWidget(page);
      const text = `Before the locale ${uid()}`;
      await sendAsVisitor(page, text);
      await frame(page).locator('.bub', { hasText: text }).waitFor();

      await page.evaluate(() => (window as any).Parley('locale', 'de_DE'));
      await waitUntil(async () => (await stored(page)).locale === 'de-DE', 5000, 'locale saved as de-DE');
      await frame(page).locator('.comp textarea[placeholder="Nachricht schreiben…"]').waitFor();
      await page.evaluate(() => (window as any).Parley('locale', 'en_US!!'));
      await page.waitForTimeout(300);
      expect((await stored(page)).locale).toBe('de-DE');

      // What an older widget saved: a tag Intl throws on. The next load repairs it and shows the history.
      await page.evaluate((k) => localStorage.setItem(k, JSON.stringify({ ...JSON.parse(localStorage.getItem(k)!), locale: 'en_US' })), `parley:${publicId}`);
      await page.reload();
      await ready(page);
      await openWidget(page);
      await frame(page).locator('.bub', { hasText: text }).waitFor();
      await frame(page).locator('.day').first().waitFor();
      expect((await stored(page)).locale).toBe('en-US');

      // And a value that cannot be one is dropped.
      await page.evaluate((k) => localStorage.setItem(k, JSON.stringify({ ...JSON.parse(localStorage.getItem(k)!), locale: '<img src=x>' })), `parley:${publicId}`);
      await page.reload();
      await ready(page);
      await openWidget(page);
      await frame(page).locator('.bub', { hasText: text }).waitFor();
      expect((await stored(page)).locale).toBeUndefined();
      expect(errors).toEqual([]);
      await context.close();
    });
  });
});
