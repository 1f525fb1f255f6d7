// The knowledge base (issue 14, items 1 and 3) in Chromium against a real `parley serve`: with nothing published the
// widget shows no help search; an admin makes categories and writes an article in the dashboard's Help center (the
// server's preview, an image through the uploads API) and publishes it; an agent reads it without edit controls; a
// visitor finds it in the widget as they type, opens it inside the panel, votes, goes back and on to the chat.
// axe-core on every new screen; screenshots at desktop and phone width.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe';
import { newContext, shot as dashShot, signIn } from './dashboard-kit';
import { ADMIN } from './harness';
import { chatFrame, frame, gotoShop, newPage, openWidget, setupWithAgent, shot, teardown, waitUntil, type Env } from './widget-kit';
import type { AgentSocket } from './harness';

let env: Env;
let billingId = 0;
let agent: AgentSocket;
const contexts: BrowserContext[] = [];
const TITLE = 'How do I reset my password?';

beforeAll(async () => { ({ env, agent } = await setupWithAgent()); });
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await teardown(env, agent);
});

async function dashboard(hash: string, phone = false, who = ADMIN): Promise<Page> {
  const p = await (await newContext(env.browser, contexts, phone)).newPage();
  await signIn(p, env.server, who, hash);
  return p;
}

/** A screenshot-like PNG drawn by Chromium, to upload as the article's image. */
async function drawnPng(p: Page): Promise<Buffer> {
  const url = await p.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 480; c.height = 120;
    const g = c.getContext('2d')!;
    g.fillStyle = '#eef0ff'; g.fillRect(0, 0, 480, 120);
    g.fillStyle = '#4f46e5'; g.fillRect(24, 40, 180, 40);
    g.fillStyle = '#fff'; g.font = '16px sans-serif'; g.fillText('Reset password', 48, 66);
    return c.toDataURL('image/png');
  });
  return Buffer.from(url.split(',')[1], 'base64');
}

describe('help center', () => {
  it('the widget shows no help search while nothing is published', async () => {
    const { context, page, errors } = await newPage(env.browser);
    contexts.push(context);
    await gotoShop(page, env.server.url + '/');
    await openWidget(page);
    await frame(page).locator('.comp textarea').waitFor();
    // The help chunk asked for the most viewed articles and got none: no box.
    await page.waitForTimeout(800);
    expect(await frame(page).locator('.hp').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('an admin makes categories, writes an article with an image and publishes it', async () => {
    const p = await dashboard('#/help');
    await p.getByRole('heading', { name: 'No articles yet' }).waitFor();
    await expectNoAxeViolations(p, 'help center, empty');

    // Categories: add two, put the second first, rename one.
    await p.getByRole('button', { name: 'Categories' }).click();
    const dialog = p.getByRole('dialog', { name: 'Categories' });
    for (const name of ['Billing', 'Your account']) {
      await dialog.getByLabel('New category').fill(name);
      await dialog.getByRole('button', { name: 'Add' }).click();
      await dialog.getByLabel(`Name of ${name}`).waitFor();
    }
    await dialog.getByRole('button', { name: 'Move Your account up' }).click();
    await waitUntil(async () => (await dialog.locator('.category-row input').first().inputValue()) === 'Your account', 5000, 'the move');
    // The pressed button was disabled at the top: the focus went to the row's other move button.
    expect(await p.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move Your account down');
    await dialog.getByLabel('Name of Billing').fill('Billing and invoices');
    await dialog.getByRole('button', { name: 'Rename' }).click();
    await dialog.getByLabel('Name of Billing and invoices').waitFor();
    billingId = (await env.api.call('GET', '/api/v1/article-categories')).body.items.find((c: any) => c.name === 'Billing and invoices').id;
    await expectNoAxeViolations(p, 'help center, categories dialog');
    // Adding leaves the focus in the field for the next one; deleting moves it to the neighbour's name.
    await dialog.getByLabel('New category').fill('Old stuff');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.getByLabel('Name of Old stuff').waitFor();
    expect(await p.evaluate(() => document.activeElement?.getAttribute('placeholder'))).toBe('Billing');
    p.once('dialog', (d) => { expect(d.message()).toContain('Old stuff'); void d.accept(); });
    await dialog.getByRole('button', { name: 'Delete Old stuff' }).click();
    await dialog.getByLabel('Name of Old stuff').waitFor({ state: 'detached' });
    await waitUntil(async () => (await p.evaluate(() => document.activeElement?.id)) === `category-${billingId}-name`, 3000, 'the focus on the neighbour');
    const cats = (await env.api.call('GET', '/api/v1/article-categories')).body.items;
    expect(cats.map((c: any) => c.name)).toEqual(['Your account', 'Billing and invoices']);
    await p.keyboard.press('Escape');

    // The editor: title, category, Markdown with the server's preview, an image, published.
    await p.getByRole('link', { name: 'New article' }).click();
    await p.getByLabel('Title', { exact: true }).fill(TITLE);
    expect(await p.getByLabel('Slug (in the address)').getAttribute('placeholder')).toBe('how-do-i-reset-my-password');
    await p.getByLabel('Category').selectOption({ label: 'Your account' });
    await p.getByLabel('Article text (Markdown)').fill('Forgot it? You can set a new password in a minute.\n\n## Steps\n\n1. Open **Settings**\n2. Choose *Password*\n3. Follow [the link](https://example.com/reset) in the email\n\n<script>alert(1)</script>\n');
    await p.locator('.md-preview-pane h2', { hasText: 'Steps' }).waitFor();
    expect(await p.locator('.md-preview-pane strong').innerText()).toBe('Settings');
    expect(await p.locator('.md-preview-pane script').count()).toBe(0);
    await p.locator('.md-toolbar input[type=file]').setInputFiles({ name: 'reset-screen.png', mimeType: 'image/png', buffer: await drawnPng(p) });
    await waitUntil(async () => /!\[reset screen\]\(\/uploads\/[^)]+\)/.test(await p.getByLabel('Article text (Markdown)').inputValue()), 8000, 'the image in the text');
    await p.locator('.md-preview-pane img[alt="reset screen"]').waitFor();
    await p.getByText('Published', { exact: true }).click();
    await dashShot(p, 'help-center-editor');
    await expectNoAxeViolations(p, 'help center, article editor');
    await p.getByRole('button', { name: 'Publish' }).click();
    await p.getByText(`“${TITLE}” is published`).waitFor();
    await waitUntil(async () => /#\/help\/articles\/\d+$/.test(p.url()), 5000, 'the saved article in the address');
    // The editor stays (no reload): the keyboard focus is still on its button, which now says Save.
    expect(await p.evaluate(() => document.activeElement?.textContent)).toBe('Save');

    const items = (await env.api.call('GET', '/api/v1/articles')).body.items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ title: TITLE, slug: 'how-do-i-reset-my-password', status: 'published', category_id: cats[0].id });
    expect(items[0].body_markdown).toMatch(/!\[reset screen\]\(\/uploads\//);

    // The list: the article with its status and category; searching finds it, a filter that excludes it says so.
    await p.getByRole('link', { name: 'Articles' }).click();
    const row = p.locator('.article-row', { hasText: TITLE });
    await row.waitFor();
    expect(await row.innerText()).toContain('Your account');
    await p.getByLabel('Search articles').fill('password');
    await waitUntil(async () => p.url().includes('q=password'), 5000, 'the search in the address');
    await row.waitFor();
    await p.getByRole('link', { name: 'Drafts' }).click();
    await p.getByRole('heading', { name: 'No article matches' }).waitFor();
    await p.getByRole('link', { name: 'Show all articles' }).click();
    await row.waitFor();
    await dashShot(p, 'help-center-list');
    await expectNoAxeViolations(p, 'help center, article list');
  });

  it('an admin sets a custom domain for the help center', async () => {
    const p = await dashboard('#/help');
    await p.getByRole('button', { name: 'Address' }).click();
    const dialog = p.getByRole('dialog', { name: 'Help center address' });
    expect(await dialog.getByLabel('Help center address').innerText()).toBe(`${env.server.url}/help/${env.workspace.public_id}`);
    await dialog.getByLabel('Custom domain (optional)').fill('help.example:8080');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('Enter a host name such as help.example.com').waitFor();
    await dialog.getByLabel('Custom domain (optional)').fill('https://Help.Fernwood.Test/');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await p.getByText('The help center answers at help.fernwood.test once its DNS points here').waitFor();
    const ws = (await env.api.call('GET', '/api/v1/workspace')).body.workspace;
    expect(ws.settings.help_center_domain).toBe('help.fernwood.test');
    expect(ws.settings.color).toBeTruthy(); // the other settings went back as they were
    await expectNoAxeViolations(p, 'help center address dialog');
    await dialog.getByLabel('Custom domain (optional)').fill('');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await p.getByText('Custom domain removed').waitFor();
  });

  it('the list and the editor at phone width', async () => {
    const p = await dashboard('#/help', true);
    await p.locator('.article-row', { hasText: TITLE }).waitFor();
    await dashShot(p, 'help-center-list-phone');
    await expectNoAxeViolations(p, 'help center list, phone');
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await p.getByRole('link', { name: TITLE }).click();
    await p.getByLabel('Title', { exact: true }).waitFor();
    await p.getByRole('tab', { name: 'Preview' }).click();
    await p.locator('.md-preview-pane h2', { hasText: 'Steps' }).waitFor();
    await p.getByRole('tab', { name: 'Write' }).click();
    await dashShot(p, 'help-center-editor-phone');
    await expectNoAxeViolations(p, 'help center editor, phone');
  });

  it('an agent who is not an admin reads articles without edit controls', async () => {
    const who = { email: 'reader@example.test', password: 'reader-password-1', name: 'Rita Reader' };
    expect((await env.api.call('POST', '/api/v1/agents', { ...who, role: 'agent', capacity: 5 })).status).toBe(201);
    const p = await dashboard('#/help', false, who);
    await p.locator('.article-row', { hasText: TITLE }).waitFor();
    expect(await p.getByRole('link', { name: 'New article' }).count()).toBe(0);
    expect(await p.getByRole('button', { name: 'Categories' }).count()).toBe(0);
    await p.getByRole('link', { name: TITLE }).click();
    await p.locator('.article-read h2', { hasText: 'Steps' }).waitFor();
    expect(await p.getByLabel('Title', { exact: true }).count()).toBe(0);
    await expectNoAxeViolations(p, 'help center, article read by an agent');
  });

  for (const phone of [false, true]) {
    it(`a visitor searches the help in the widget and opens the article${phone ? ' (375 px)' : ''}`, async () => {
      const { context, page, errors } = await newPage(env.browser, phone
        ? { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {});
      contexts.push(context);
      await gotoShop(page, env.server.url + '/');
      await openWidget(page);
      const f = frame(page);
      // The home: the search box and the most viewed articles on an empty chat.
      await f.locator('.hp .hp-list', { hasText: TITLE }).waitFor();
      const box = f.getByRole('searchbox', { name: 'Search for help' });
      await box.fill('reset passw');
      const hit = f.locator('.hp-res a', { hasText: TITLE });
      await hit.waitFor();
      await f.locator('#hp-status', { hasText: 'Articles found: 1' }).waitFor();
      await shot(page, `widget-help-search${phone ? '-phone' : ''}`);
      await expectNoAxeViolations(await chatFrame(page), `widget help search${phone ? ', phone' : ''}`);

      await hit.click();
      const art = f.getByRole('region', { name: TITLE });
      await art.locator('.hp-body h2', { hasText: 'Steps' }).waitFor();
      expect(await art.locator('.hp-body a').getAttribute('target')).toBe('_blank');
      expect(await art.locator('.hp-body a').getAttribute('rel')).toBe('noopener noreferrer');
      await art.locator('.hp-body img').evaluate((img: HTMLImageElement) => img.complete || new Promise((ok) => { img.onload = ok; }));
      // What is under the article left the tab order: the composer is hidden.
      expect(await f.locator('.comp textarea').isVisible()).toBe(false);
      await shot(page, `widget-help-article${phone ? '-phone' : ''}`);
      await expectNoAxeViolations(await chatFrame(page), `widget help article${phone ? ', phone' : ''}`);

      await art.getByRole('button', { name: 'Yes' }).click();
      await art.getByText('Thanks for your feedback!').waitFor();
      // Escape goes back to the results (not closing the chat), the focus on the result that opened it.
      await page.keyboard.press('Escape');
      await art.waitFor({ state: 'detached' });
      expect(await f.locator(':focus').textContent()).toContain(TITLE);
      await f.getByRole('button', { name: 'Chat with us' }).click();
      await waitUntil(async () => (await f.locator(':focus').getAttribute('placeholder')) === 'Write a message…', 3000, 'the composer focused');
      expect(await box.inputValue()).toBe('');
      expect(errors).toEqual([]);
    });
  }

  it('counted the views and the votes', async () => {
    const a = (await env.api.call('GET', '/api/v1/articles')).body.items[0];
    expect(a.views).toBeGreaterThanOrEqual(2);
    // One vote per visitor per article: two visitors said yes.
    expect(a).toMatchObject({ helpful_yes: 2, helpful_no: 0 });
  });
});
