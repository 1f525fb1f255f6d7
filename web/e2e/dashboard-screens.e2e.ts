// Issue 10 in the dashboard, as a person sees it in Chromium against a real `parley serve`: the list under a
// resting mouse (item 3), ratings (4), the phone layout (7), small things (11) and axe-core on every screen
// (12). Visitors and their messages come through the real widget API and WebSocket (dashboard-kit.ts).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe';
import { DESKTOP, newContext, newVisitor, shot, signIn, startDashboard, stopDashboard, visitorWrites } from './dashboard-kit';
import { ADMIN, ApiClient, type RunningServer } from './harness';

const BOB = { email: 'bob@example.test', password: 'bob-password-1', name: 'Bob Agent' };

let server: RunningServer;
let browser: Browser;
let admin: ApiClient;
let ws: string;
let bobId = 0;
const contexts: BrowserContext[] = [];

async function page(who = ADMIN, hash = '', phone = false): Promise<Page> {
  const p = await (await newContext(browser, contexts, phone)).newPage();
  await signIn(p, server, who, hash);
  return p;
}

async function dismissToasts(p: Page): Promise<void> {
  for (const b of await p.locator('.toast button').all()) await b.click({ timeout: 500 }).catch(() => {});
}

/** A conversation from a fresh visitor, assigned as asked. */
async function conversation(text: string, name?: string, assignee?: number): Promise<{ id: number; contactId: number; token: string }> {
  const v = await newVisitor(server, ws, name);
  const id = await visitorWrites(server, v, text);
  if (assignee) await admin.call('PATCH', `/api/v1/conversations/${id}`, { assignee_id: assignee });
  return { id, contactId: v.contactId, token: v.token };
}

beforeAll(async () => {
  ({ server, browser, admin, ws } = await startDashboard());
  const r = await admin.call('POST', '/api/v1/agents', { ...BOB, role: 'agent', capacity: 50 });
  bobId = r.body.agent.id;
});
afterAll(() => stopDashboard({ server, browser }, contexts));

describe('dashboard screens (issue 10)', () => {
  it('item 3: Mine shows its chats when the mouse rests on the list while it loads', async () => {
    for (let i = 1; i <= 5; i++) await conversation(`Mine number ${i}`, `Mine ${i}`, bobId);
    const p = await (await newContext(browser, contexts)).newPage();
    // Hold the list's REST pages until the pointer is over the list (as after a reload with the mouse there).
    let release!: () => void;
    const gate = new Promise<void>((ok) => { release = ok; });
    await p.route(/\/api\/v1\/conversations\?/, async (route) => { await gate; await route.continue(); });
    await signIn(p, server, BOB, '#/inbox?view=mine');
    const list = p.locator('.list-scroll');
    await list.waitFor();
    const box = (await list.boundingBox())!;
    await p.mouse.move(box.x + box.width / 2, box.y + 120);
    await p.locator('.list-scroll[data-frozen]').waitFor();
    release();
    await expect.poll(() => p.locator('.conv-row').count()).toBe(5);
    expect(await p.getByText('No chats assigned to you').count()).toBe(0);
    expect(await p.locator('.list-pending').count()).toBe(0);
    expect(await p.locator('.list-scroll[data-frozen]').count()).toBe(1);
    await p.unroute(/\/api\/v1\/conversations\?/);

    // A chat that arrives under the resting mouse waits behind a pill of readable size (it was squashed to 0 px).
    await conversation('Arrived under the mouse', 'Late Comer', bobId);
    const pill = p.locator('.list-pending');
    await pill.waitFor();
    const pillBox = (await pill.boundingBox())!;
    expect(pillBox.height).toBeGreaterThanOrEqual(24);
    expect(await pill.innerText()).toMatch(/^1 update — show$/);
    await expectNoAxeViolations(p, 'inbox, Mine, with a waiting update');
    await pill.click();
    await expect.poll(() => p.locator('.conv-row').count()).toBe(6);

    // On a phone a tap "enters" the list and never leaves it: the list must never hold still there.
    const phone = await page(BOB, '#/inbox?view=mine', true);
    await expect.poll(() => phone.locator('.conv-row').count()).toBe(6);
    await phone.locator('.conv-row').first().locator('a').tap();
    await phone.getByRole('button', { name: 'Back to the list' }).tap();
    await conversation('Arrived after a tap', 'Tap Tester', bobId);
    await phone.locator('.conv-row', { hasText: 'Arrived after a tap' }).waitFor();
    expect(await phone.locator('.list-scroll[data-frozen]').count()).toBe(0);
  });

  it('item 4: a rating shows in the conversation, on the list row and in the contact history', async () => {
    const c = await conversation('Thanks for sorting out my order', 'Rita Rating');
    await admin.call('PATCH', `/api/v1/conversations/${c.id}`, { status: 'resolved' });
    const rate = (id: number, token: string, score: number, comment: string) => fetch(`${server.url}/api/v1/widget/conversations/${id}/csat`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ score, comment }),
    });
    expect((await rate(c.id, c.token, 4, 'Quick and friendly')).status).toBe(204);

    const p = await page(ADMIN, `#/inbox?view=all&status=resolved&c=${c.id}`);
    const row = p.locator(`.conv-row[data-conversation-id="${c.id}"]`);
    await expect.poll(() => row.getByTestId('csat-badge').innerText()).toContain('4');
    const card = p.getByTestId('csat-card');
    await card.getByText('Quick and friendly').waitFor();
    expect(await card.innerText()).toContain('Good');
    expect(await p.locator('.conv-header').getByTestId('csat-badge').count()).toBe(1);
    const panel = p.getByRole('complementary', { name: 'Visitor details' });
    if (!(await panel.count())) await p.getByRole('button', { name: 'Visitor details (i)' }).click();
    const past = panel.locator(`.past li[data-conversation-id="${c.id}"]`);
    await past.getByTestId('csat-badge').waitFor();
    await past.getByText('Quick and friendly').waitFor();

    // Rated while the agent watches: the card comes live (conversation.updated), no reload.
    const live = await conversation('Another question, rated live', 'Rita Rating');
    await admin.call('PATCH', `/api/v1/conversations/${live.id}`, { status: 'resolved' });
    await p.goto(`${server.url}/app/#/inbox?view=all&status=resolved&c=${live.id}`);
    await p.locator('.message-list').getByText('Another question, rated live').waitFor();
    expect(await p.getByTestId('csat-card').count()).toBe(0);
    expect((await rate(live.id, live.token, 2, 'Took too long')).status).toBe(204);
    await p.getByTestId('csat-card').getByText('Took too long').waitFor();
    await p.mouse.move(900, 500);
    await dismissToasts(p);
    await shot(p, 'csat');
    await expectNoAxeViolations(p, 'inbox with a rated conversation');

    await p.goto(`${server.url}/app/#/contacts/${c.contactId}`);
    await p.getByRole('heading', { level: 1, name: 'Rita Rating' }).waitFor();
    await p.locator(`.past li[data-conversation-id="${c.id}"]`).getByTestId('csat-badge').waitFor();
  });

  it('item 7: on a phone the inbox is stacked screens with back buttons, and the composer stays above the keyboard', async () => {
    const c = await conversation('Hello from my phone question', 'Pia Phone');
    const p = await page(ADMIN, '#/inbox?view=all', true);
    const visible = (sel: string) => p.locator(sel).first().isVisible();
    await p.locator('.conv-row', { hasText: 'Hello from my phone question' }).waitFor();
    expect(await visible('.list')).toBe(true);
    expect(await visible('.sidebar')).toBe(false);
    expect(await visible('.pane')).toBe(false);
    await expectNoAxeViolations(p, 'phone: list');
    await shot(p, 'phone-list');

    await p.getByRole('link', { name: 'All views' }).tap();
    await p.getByRole('navigation', { name: 'Views' }).getByText('Unassigned').waitFor();
    expect(await visible('.list')).toBe(false);
    await expectNoAxeViolations(p, 'phone: views');
    await shot(p, 'phone-views');
    await p.locator('[data-view="all"]').tap();
    await p.locator('.conv-row', { hasText: 'Hello from my phone question' }).locator('a').tap();
    await p.locator('.message-list').getByText('Hello from my phone question').waitFor();
    expect(await visible('.list')).toBe(false);
    await expectNoAxeViolations(p, 'phone: conversation');
    await shot(p, 'phone-conversation');

    // 44 px touch targets.
    for (const loc of [p.getByRole('button', { name: 'Back to the list' }), p.getByRole('button', { name: 'Visitor details (i)' }),
      p.getByRole('button', { name: 'Send' }), p.getByRole('link', { name: /^Inbox/ }), p.getByRole('button', { name: 'Insert emoji' })]) {
      const b = (await loc.boundingBox())!;
      expect(Math.min(b.width, b.height), await loc.evaluate((e) => e.outerHTML.slice(0, 80))).toBeGreaterThanOrEqual(44);
    }

    await p.getByRole('button', { name: 'Visitor details (i)' }).tap();
    const panel = p.getByRole('complementary', { name: 'Visitor details' });
    await panel.getByTestId('visitor-name').waitFor();
    expect(await visible('.conversation-main')).toBe(false);
    await expectNoAxeViolations(p, 'phone: visitor details');
    await shot(p, 'phone-details');
    await p.getByRole('button', { name: 'Back to the conversation' }).tap();
    await p.locator('#composer-input').waitFor();

    // The on-screen keyboard takes the lower part of the screen: the composer moves up with the visible area.
    const box = p.locator('#composer-input');
    await box.tap();
    await p.setViewportSize({ width: 390, height: 460 });
    await expect.poll(async () => { const b = (await p.locator('.composer').boundingBox())!; return b.y + b.height; }).toBeLessThanOrEqual(460);
    expect((await p.locator('.composer').boundingBox())!.y).toBeGreaterThan(100);
    expect(await box.evaluate((e) => e === document.activeElement)).toBe(true);
    await box.fill('Typed above the keyboard');
    await p.getByRole('button', { name: 'Send' }).tap();
    const sent = p.locator('.message-list li.msg', { hasText: 'Typed above the keyboard' });
    await sent.waitFor();
    // The newest message stays in view above the composer, and typing goes on (focus back in the box).
    await expect.poll(async () => { const b = (await sent.boundingBox())!; return b.y + b.height <= (await p.locator('.composer').boundingBox())!.y + 1; }).toBe(true);
    await box.focus();
    await shot(p, 'phone-keyboard');
    await p.setViewportSize({ width: 390, height: 844 });
    await p.getByRole('button', { name: 'Back to the list' }).tap();
    await p.locator('.conv-row', { hasText: 'Typed above the keyboard' }).waitFor();
    expect(c.id).toBeGreaterThan(0);
  });

  it('item 11: numbered visitors get their number as initials; UTC is in the time-zone list; a failed message keeps its place; favicons', async () => {
    const anon = await conversation('No name given here');
    const p = await page(ADMIN, `#/inbox?view=all&c=${anon.id}`);
    const row = p.locator(`.conv-row[data-conversation-id="${anon.id}"]`);
    await expect.poll(() => row.locator('.avatar-initials').getAttribute('data-initials')).toBe(`#${anon.contactId}`);

    // Offline: the reply fails; the visitor writes meanwhile; back online, the failed reply stays above it.
    await p.locator('.message-list').getByText('No name given here').waitFor();
    await p.context().setOffline(true);
    await p.evaluate(() => (window as unknown as { __parleyDropSocket(ms: number): void }).__parleyDropSocket(0));
    await p.locator('#composer-input').fill('My reply that fails');
    await p.locator('#composer-input').press('Enter');
    await p.locator('.msg-failed', { hasText: 'My reply that fails' }).waitFor();
    await visitorWrites(server, { token: anon.token, contactId: anon.contactId }, 'Hello? Anyone there?', anon.id);
    await p.context().setOffline(false);
    await p.locator('.message-list').getByText('Hello? Anyone there?').waitFor({ timeout: 30_000 });
    const bodies = await p.locator('.message-list li.msg .msg-body').allInnerTexts();
    expect(bodies.indexOf('My reply that fails')).toBeGreaterThan(-1);
    expect(bodies.indexOf('My reply that fails')).toBeLessThan(bodies.indexOf('Hello? Anyone there?'));
    await p.getByRole('button', { name: 'Retry' }).click();
    await p.locator('.message-list li.msg[data-seq]', { hasText: 'My reply that fails' }).waitFor();

    // Business hours in a browser whose zone is UTC: the select shows UTC (it was blank).
    const utc = await (await browser.newContext({ viewport: DESKTOP, timezoneId: 'UTC' })).newPage();
    contexts.push(utc.context());
    await signIn(utc, server, ADMIN, '#/settings/hours');
    const zone = utc.getByLabel('Time zone');
    await zone.waitFor();
    expect(await zone.inputValue()).toBe('UTC');
    expect(await zone.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe('UTC');

    // The demo shop and the dashboard load their icons: no 404 on a page load.
    const shop = await (await newContext(browser, contexts)).newPage();
    const missing: string[] = [];
    shop.on('response', (r) => { if (r.status() === 404) missing.push(r.url()); });
    await shop.goto(`${server.url}/`);
    await shop.waitForLoadState('networkidle');
    expect(missing).toEqual([]);
    for (const path of ['/favicon.svg', '/favicon.ico', '/app/favicon.svg']) expect((await fetch(server.url + path)).status, path).toBe(200);
    expect(await shop.locator('link[rel=icon]').getAttribute('href')).toBe('/favicon.svg');
  });

  it('item 12: axe finds no critical or serious violation on any dashboard screen', async () => {
    const fresh = await (await newContext(browser, contexts)).newPage();
    await fresh.goto(`${server.url}/app/`);
    await fresh.getByRole('heading', { name: 'Sign in to your inbox' }).waitFor();
    await expectNoAxeViolations(fresh, 'login');
    expect(await fresh.locator('main').count()).toBe(1);

    const c = await conversation('Is this jumper machine washable?', 'Wanda Wash');
    await visitorWrites(server, { token: c.token, contactId: c.contactId }, 'And in which colours?', c.id);
    const p = await page(ADMIN, `#/inbox?view=all&c=${c.id}`);
    await p.locator('.message-list').getByText('And in which colours?').waitFor();
    await p.locator('#priority-btn').click();
    await p.getByRole('menuitemradio', { name: 'High' }).click();
    await p.mouse.move(900, 500);
    await dismissToasts(p);
    expect(await p.getByRole('heading', { level: 1 }).count()).toBeGreaterThan(0);
    expect(await p.locator('[role=separator]').count()).toBe(0);
    await expectNoAxeViolations(p, 'inbox with a conversation');
    await p.getByRole('button', { name: /^Assignee: / }).click();
    await expectNoAxeViolations(p, 'inbox, assignee menu open');
    await p.keyboard.press('Escape');

    await p.goto(`${server.url}/app/#/inbox?view=unassigned&status=snoozed`);
    await p.getByText('No snoozed chats').waitFor();
    await expectNoAxeViolations(p, 'empty inbox');

    await p.goto(`${server.url}/app/#/search?q=jumper`);
    await p.getByTestId('search-hit').first().waitFor();
    await expectNoAxeViolations(p, 'search');
    await p.goto(`${server.url}/app/#/visitors`);
    await p.getByRole('heading', { name: 'Live visitors' }).waitFor();
    await expectNoAxeViolations(p, 'visitors');
    for (const section of ['widget', 'domains', 'agents', 'teams', 'canned', 'hours', 'prechat', 'identity']) {
      await p.goto(`${server.url}/app/#/settings/${section}`);
      await p.locator('.settings-body h2').first().waitFor();
      await expectNoAxeViolations(p, `settings: ${section}`);
    }
    await p.goto(`${server.url}/app/#/profile`);
    await p.getByRole('heading', { name: 'Your profile' }).waitFor();
    await p.getByRole('checkbox', { name: /New conversation/ }).waitFor();
    await expectNoAxeViolations(p, 'profile');
    await p.goto(`${server.url}/app/#/contacts`);
    await p.locator('.contacts-table').waitFor();
    await expectNoAxeViolations(p, 'contacts');
    await p.goto(`${server.url}/app/#/contacts/${c.contactId}`);
    await p.getByRole('heading', { level: 1, name: 'Wanda Wash' }).waitFor();
    await expectNoAxeViolations(p, 'contact page');

    const phone = await page(ADMIN, '#/contacts', true);
    await phone.locator('.contact-cards').waitFor();
    await expectNoAxeViolations(phone, 'phone: contacts');
    await phone.goto(`${server.url}/app/#/profile`);
    await phone.getByRole('heading', { name: 'Your profile' }).waitFor();
    await expectNoAxeViolations(phone, 'phone: profile');
    await phone.goto(`${server.url}/app/#/settings/agents`);
    await phone.locator('.settings-body h2').first().waitFor();
    await expectNoAxeViolations(phone, 'phone: settings');
  });
});
