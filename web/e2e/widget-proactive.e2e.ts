// Proactive messages (issue 13) in Chromium against a real `parley serve`: a rule fires on the demo shop's product
// page after a second, the teaser shows above the launcher (desktop) or beside it (375 px) without covering the
// page, clicking it opens the chat at the message, and the visitor's reply reaches the agent; the counts follow.
// Also the dashboard's Settings > Automation > Proactive messages screen (desktop and phone), with axe-core.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe';
import { join } from 'node:path';
import { newContext, SHOTS, signIn } from './dashboard-kit';
import { ADMIN, type AgentSocket } from './harness';
import {
  conversationWith, frame, gotoShop, newPage, sendAsVisitor, setupWithAgent, shot, teardown, waitUntil, type Env,
} from './widget-kit';

let env: Env;
let agent: AgentSocket;
let ruleId = 0;

const teaserFrame = (page: import('playwright-core').Page) => page.locator('iframe[title="Chat"]');

beforeAll(async () => { ({ env, agent } = await setupWithAgent()); });

/** The rules the tests use: made after the empty screen was seen. */
async function makeRules(): Promise<void> {
  await env.api.call('PATCH', '/api/v1/proactive-settings', { cap_hours: 0 });
  const r = await env.api.call('POST', '/api/v1/proactive-rules', {
    name: 'Product help', body: 'Questions about this product? I can help you pick the right size.',
    sender_agent_id: env.agent.id, priority: 5,
    conditions: [{ type: 'page_url', values: ['/product.html*'] }, { type: 'time_on_page', seconds: 1 }],
  });
  expect(r.status).toBe(201);
  ruleId = r.body.rule.id;
  // A rule for the cart page only: it must not fire on the product page (the first test's teaser is the product one).
  await env.api.call('POST', '/api/v1/proactive-rules', {
    name: 'Cart', body: 'Need help checking out?', conditions: [{ type: 'page_url', values: ['/cart.html'] }],
  });
}

afterAll(() => teardown(env, agent));

describe('proactive messages', () => {
  it('shows an empty settings screen that says what a rule does', async () => {
    const contexts: import('playwright-core').BrowserContext[] = [];
    const p = await (await newContext(env.browser, contexts)).newPage();
    await signIn(p, env.server, ADMIN, '#/settings/proactive');
    await p.locator('.pr-empty').waitFor();
    await p.screenshot({ path: join(SHOTS, 'proactive-settings-empty.png') });
    await expectNoAxeViolations(p, 'proactive settings, empty');
    for (const c of contexts) await c.close();
    await makeRules();
  });

  it('fires on the product page, shows the teaser, opens the chat at it, and a reply reaches the agent', async () => {
    const { context, page, errors } = await newPage(env.browser);
    const started = Date.now();
    await gotoShop(page, env.server.url + '/product.html?item=mug');
    const card = frame(page).locator('.pt-card');
    await card.waitFor({ timeout: 8000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    await expect(card.textContent()).resolves.toContain('Questions about this product?');
    await expect(card.textContent()).resolves.toContain(env.agent.name);
    // Announced: a live region with the sender and the text.
    await waitUntil(async () => (await frame(page).locator('.pt [aria-live="polite"]').textContent())?.includes('New message from'),
      3000, 'the live region');
    // A small card above the launcher, not the panel: the page around it stays usable.
    const box = (await teaserFrame(page).boundingBox())!;
    expect(box.width).toBe(320);
    expect(box.height).toBeLessThan(160);
    expect(box.height).toBeGreaterThan(50);
    await expect(page.locator('button[aria-label="Open chat"]').getAttribute('aria-expanded')).resolves.toBe('false');
    await shot(page, 'proactive-teaser');

    // Keyboard: Tab from the page reaches the card inside the frame.
    await card.focus();
    await shot(page, 'proactive-teaser-focus');
    await card.click();
    await page.locator('button[aria-label="Close chat"][aria-expanded="true"]').waitFor();
    await frame(page).locator('.bub', { hasText: 'Questions about this product?' }).waitFor();
    await waitUntil(async () => (await teaserFrame(page).boundingBox())!.height > 400, 5000, 'the panel at full size');
    expect(await frame(page).locator('.pt-card').count()).toBe(0);
    await shot(page, 'proactive-opened');

    await sendAsVisitor(page, 'Yes, which size fits a 12 oz?');
    await conversationWith(env.api, 'Yes, which size fits a 12 oz?');
    const stats = await waitUntil(async () => {
      const s = (await env.api.call('GET', `/api/v1/proactive-rules/${ruleId}`)).body.rule.stats;
      return s.replied === 1 && s;
    }, 5000, 'the reply counted');
    expect(stats).toEqual({ shown: 1, opened: 1, replied: 1 });

    // Once per visitor: a reload of the product page brings no second message.
    await gotoShop(page, env.server.url + '/product.html?item=mug');
    await new Promise((r) => setTimeout(r, 1600));
    expect((await env.api.call('GET', `/api/v1/proactive-rules/${ruleId}`)).body.rule.stats.shown).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a compact teaser beside the launcher on a phone, and dismissing it keeps it away', async () => {
    const { context, page, errors } = await newPage(env.browser, { viewport: { width: 375, height: 740 } });
    await gotoShop(page, env.server.url + '/product.html?item=scarf');
    const card = frame(page).locator('.pt-card');
    await card.waitFor({ timeout: 8000 });
    await waitUntil(async () => (await teaserFrame(page).boundingBox())!.height < 120, 3000, 'the compact size');
    const box = (await teaserFrame(page).boundingBox())!;
    const button = (await page.locator('button[aria-label="Open chat"]').boundingBox())!;
    // Beside the launcher, on its row: nothing above it is covered.
    expect(box.x + box.width).toBeLessThanOrEqual(button.x);
    expect(box.y).toBeGreaterThan(740 - 140);
    await shot(page, 'proactive-teaser-phone');
    await expectNoAxeViolations(page.frames().find((f) => f.url().includes('/widget/frame.html'))!, 'teaser');

    await frame(page).locator('.pt-x').click();
    await waitUntil(async () => !(await teaserFrame(page).isVisible()), 3000, 'the teaser gone');
    await gotoShop(page, env.server.url + '/product.html?item=scarf');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await frame(page).locator('.pt-card').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the teaser for an agent’s “Start chat” too', async () => {
    const { context, page } = await newPage(env.browser);
    await gotoShop(page, env.server.url + '/');  // no rule matches the home page
    const contactId = await page.evaluate(async () => {
      const stored = JSON.parse(Object.entries(localStorage).find(([k]) => k.startsWith('parley:'))![1]);
      const r = await fetch('/api/v1/widget/sessions', { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ workspace_id: document.querySelector<HTMLScriptElement>('script[data-workspace]')!.dataset.workspace, visitor_token: stored.token }) });
      return (await r.json()).visitor.id as number;
    });
    const sent = await env.api.call('POST', `/api/v1/contacts/${contactId}/messages`, { body: 'Hi! Anything I can help with?' });
    expect(sent.status).toBe(201);
    await frame(page).locator('.pt-card', { hasText: 'Anything I can help with?' }).waitFor({ timeout: 5000 });
    await context.close();
  });

  it('has a settings screen: list with counts, editor, phone width', async () => {
    const contexts: import('playwright-core').BrowserContext[] = [];
    for (const phone of [false, true]) {
      const p = await (await newContext(env.browser, contexts, phone)).newPage();
      await signIn(p, env.server, ADMIN, '#/settings/proactive');
      await p.locator('.pr-rules li', { hasText: 'Product help' }).waitFor();
      // The first test's visitor opened and replied; the phone's only saw it.
      await expect(p.locator('.pr-rules li', { hasText: 'Product help' }).textContent()).resolves
        .toMatch(/[1-9]\d* shown · [1-9]\d* opened \(\d+%\) · [1-9]\d* replied/);
      await p.screenshot({ path: join(SHOTS, `proactive-settings${phone ? '-phone' : ''}.png`), fullPage: true });
      await expectNoAxeViolations(p, 'proactive settings');
      if (!phone) {
        await p.getByRole('button', { name: 'Edit Product help' }).click();
        const dialog = p.locator('[role="dialog"]');
        await dialog.waitFor();
        await dialog.getByRole('combobox', { name: 'Condition 2', exact: true }).selectOption('visits');
        await dialog.getByLabel('Count').fill('3');
        await p.screenshot({ path: join(SHOTS, 'proactive-editor.png') });
        await expectNoAxeViolations(p, 'proactive editor');
        await dialog.getByLabel('Name').fill('');
        await dialog.getByRole('button', { name: 'Save' }).click();
        await dialog.locator('.field-error', { hasText: 'name' }).waitFor();
        await p.keyboard.press('Escape');
      }
    }
    for (const c of contexts) await c.close();
  });
});
