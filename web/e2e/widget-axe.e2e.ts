// Accessibility of every state of the widget (issue 10, item 12): axe-core 4 (e2e/axe.ts, WCAG 2.1 A/AA and best
// practices) finds no critical or serious violation in the launcher, the loading panel, the empty panel, a
// conversation with both sides, the pre-chat and offline forms, CSAT, an error banner, the open emoji picker,
// right to left and at phone width; and the panel opens and closes from the keyboard, focus going back where it was.
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentSocket } from './harness';
import { axeViolations, expectNoAxeViolations, formatViolations } from './axe';
import {
  agentOnline, chatFrame, conversationWith, frame, gotoShop, newPage, openWidget, patchSettings, sendAsVisitor, setup,
  shot, uid, waitUntil, type Env,
} from './widget-kit';

let env: Env;
let agent: AgentSocket | null = null;

beforeAll(async () => { env = await setup(); });
afterAll(async () => {
  await agent?.close();
  await env?.stop();
});

const online = async () => { agent = agent || await agentOnline(env); };
const offline = async () => {
  await agent?.close();
  agent = null;
  await waitUntil(async () => (await env.api.call('GET', '/api/v1/agents')).body.agents.every((a: any) => a.presence !== 'online'),
    5000, 'everyone offline');
};
/** axe on the chat frame. */
const checkFrame = async (page: Page, label: string) => expectNoAxeViolations(await chatFrame(page), label);

describe('widget accessibility (axe-core, 0 critical or serious)', () => {
  it('the closed launcher on the host page', async () => {
    await online();
    const { context, page } = await newPage(env.browser);
    await gotoShop(page, env.server.url + '/');
    // The shop is not ours: only what the loader adds (its shadow root) counts.
    const all = await axeViolations(page);
    const ours = all.map((v) => ({ ...v, nodes: v.nodes.filter((n) => n.target.length > 1 || /iframe|parley/i.test(n.html)) }))
      .filter((v) => v.nodes.length);
    expect(ours, formatViolations(ours)).toEqual([]);
    const b = page.locator('button[aria-label="Open chat"]');
    await expect(b.getAttribute('aria-expanded')).resolves.toBe('false');
    await context.close();
  });

  it('loading, empty home, a conversation with both sides, the emoji picker and an error banner', async () => {
    await online();
    const { context, page, errors } = await newPage(env.browser);
    // Hold the session answer: the panel in its loading state.
    let release: () => void = () => {};
    const held = new Promise<void>((ok) => { release = ok; });
    await context.route('**/api/v1/widget/sessions', async (route: Route) => { await held; await route.continue(); });
    await page.goto(env.server.url + '/');
    await page.locator('button[aria-label="Open chat"]').click();
    await frame(page).locator('.load[role="status"]').waitFor();
    await checkFrame(page, 'widget, loading');
    await shot(page, 'panel-loading');
    release();
    await frame(page).locator('.comp textarea').waitFor();
    await checkFrame(page, 'widget, open home');

    const text = `Do you gift-wrap? ${uid()}`;
    await sendAsVisitor(page, text);
    const conv = await conversationWith(env.api, text);
    await env.api.call('POST', `/api/v1/conversations/${conv.id}/messages`, { body: 'We do! Free for orders over €30.', client_id: uid() });
    await frame(page).locator('.bub', { hasText: 'Free for orders' }).waitFor();
    await checkFrame(page, 'widget, conversation');

    await frame(page).getByRole('button', { name: 'Insert emoji' }).click();
    await frame(page).locator('.eg button').first().waitFor();
    await checkFrame(page, 'widget, emoji picker open');
    await shot(page, 'emoji-picker');
    await frame(page).getByRole('searchbox', { name: 'Search emoji' }).fill('zzzzqqq');
    await frame(page).getByText('No emoji found').waitFor();
    await checkFrame(page, 'widget, emoji search without results');
    await page.keyboard.press('Escape');

    // An error banner: a refused upload.
    await context.route('**/api/v1/widget/uploads', (route: Route) => route.fulfill({ status: 413, contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'too_large', message: 'at most 10 MiB' } }) }));
    await frame(page).locator('.comp input[type="file"]').setInputFiles({ name: 'big.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
    await frame(page).locator('.err[role="alert"]').waitFor();
    await checkFrame(page, 'widget, error banner');
    await shot(page, 'panel-error');

    // CSAT after the agent resolves the conversation.
    await env.api.call('PATCH', `/api/v1/conversations/${conv.id}`, { status: 'resolved' });
    await frame(page).locator('[data-form="csat"]').waitFor();
    await checkFrame(page, 'widget, CSAT');
    await frame(page).getByRole('radio', { name: '4 of 5' }).click();
    await frame(page).getByLabel('Tell us more (optional)').waitFor();
    await checkFrame(page, 'widget, CSAT with comment');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the pre-chat form, with its errors', async () => {
    await online();
    await patchSettings(env.api, { prechat: { enabled: true, fields: [
      { name: 'name', label: 'Your name', type: 'text', required: false },
      { name: 'email', label: 'Email', type: 'email', required: true },
      { name: 'order', label: 'Order number', type: 'text', required: false }] } });
    try {
      const { context, page } = await newPage(env.browser);
      await gotoShop(page, env.server.url + '/');
      await openWidget(page);
      const f = frame(page);
      await f.locator('[data-form="prechat"]').waitFor();
      await checkFrame(page, 'widget, pre-chat form');
      await f.getByRole('button', { name: 'Start chat' }).click();
      await f.locator('.ferr').first().waitFor();
      await checkFrame(page, 'widget, pre-chat form with errors');
      await context.close();
    } finally {
      await patchSettings(env.api, { prechat: { enabled: false, fields: [] } });
    }
  });

  it('the offline form and its confirmation', async () => {
    await offline();
    const { context, page } = await newPage(env.browser);
    await gotoShop(page, env.server.url + '/');
    await openWidget(page);
    const f = frame(page);
    await f.locator('[data-form="offline"]').waitFor();
    await expect(f.locator('[data-form="offline"]').textContent()).resolves.toContain('Leave your email so we can reach you.');
    await expect(f.locator('.hd-intro').textContent()).resolves.not.toMatch(/email/i);
    await checkFrame(page, 'widget, offline form');
    await f.locator('#offline-email').fill('ines@example.test');
    await f.locator('#offline-message').fill(`Back tomorrow? ${uid()}`);
    await f.getByRole('button', { name: 'Send message' }).click();
    await f.locator('[data-form="offline"]', { hasText: 'get back to you here' }).waitFor();
    await checkFrame(page, 'widget, offline form sent');
    await shot(page, 'offline-sent');
    await context.close();
  });

  it('right to left and phone width, dark', async () => {
    await online();
    await patchSettings(env.api, { locale: 'he', dark_mode: true });
    try {
      const { context, page } = await newPage(env.browser, { viewport: { width: 390, height: 740 } });
      await gotoShop(page, env.server.url + '/');
      await page.locator('button[aria-expanded="false"]').click();
      const f = frame(page);
      await f.locator('.comp textarea').waitFor();
      await expect(f.locator('html').getAttribute('dir')).resolves.toBe('rtl');
      await sendAsVisitor(page, `שלום ${uid()}`);
      await checkFrame(page, 'widget, Hebrew, dark, phone');
      await shot(page, 'panel-he-dark-phone');
      await context.close();
    } finally {
      await patchSettings(env.api, { locale: 'auto', dark_mode: false });
    }
    const { context, page } = await newPage(env.browser, { viewport: { width: 390, height: 740 } });
    await gotoShop(page, env.server.url + '/');
    await openWidget(page);
    await frame(page).locator('.comp textarea').waitFor();
    await checkFrame(page, 'widget, phone');
    await context.close();
  });

  it('opens and closes from the keyboard; focus goes into the panel and back to the launcher', async () => {
    await online();
    const { context, page } = await newPage(env.browser);
    await gotoShop(page, env.server.url + '/');
    const b = page.locator('button[aria-label="Open chat"]');
    // Tab reaches the launcher (it is the last thing on the page).
    await page.locator('body').evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Shift+Tab');
    await waitUntil(() => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('aria-label') === 'Open chat'),
      5000, 'launcher focused by Shift+Tab');
    await page.keyboard.press('Enter');
    const f = frame(page);
    await waitUntil(() => f.locator('.comp textarea').evaluate((el) => el === document.activeElement), 5000, 'focus in the composer');
    // Escape inside the emoji picker closes only the picker.
    await f.getByRole('button', { name: 'Insert emoji' }).click();
    await f.getByRole('searchbox', { name: 'Search emoji' }).waitFor();
    await page.keyboard.press('Escape');
    await f.locator('.emoji').waitFor({ state: 'detached' });
    await expect(page.locator('button[aria-label="Close chat"]').getAttribute('aria-expanded')).resolves.toBe('true');
    // Escape again closes the panel and the launcher has focus back.
    await page.keyboard.press('Escape');
    await page.locator('button[aria-label="Open chat"][aria-expanded="false"]').waitFor();
    await waitUntil(() => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('aria-label') === 'Open chat'),
      5000, 'focus back on the launcher');
    // The header's close button does the same.
    await page.keyboard.press('Space');
    await f.locator('.comp textarea').waitFor();
    await f.getByRole('button', { name: 'Close chat' }).click();
    await b.waitFor();
    await waitUntil(() => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('aria-label') === 'Open chat'),
      5000, 'focus back after the header button');
    await context.close();
  });
});
