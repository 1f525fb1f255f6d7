// The agent dashboard (/app) against a real `parley serve`, with a real visitor on the demo shop (/) using the
// real widget. Two or three browser contexts talk to each other through the server; nothing is mocked.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, ApiClient, launchBrowser, repoRoot, startServer, type RunningServer } from './harness';

const SHOTS = join(repoRoot, 'web/e2e/screenshots');
const AGENT = { email: 'bob@example.test', password: 'bob-password-1', name: 'Bob Agent' };

let server: RunningServer;
let browser: Browser;
let admin: ApiClient;
const contexts: BrowserContext[] = [];

async function newContext(): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US', timezoneId: 'Europe/Berlin' });
  contexts.push(ctx);
  return ctx;
}

async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const file = join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Signs in on /app through the login form. */
async function agentPage(who: { email: string; password: string } = ADMIN): Promise<Page> {
  const ctx = await newContext();
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('[dashboard pageerror]', e.message));
  await page.goto(`${server.url}/app/`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Views' }).waitFor();
  await waitLive(page);
  return page;
}

async function openId(page: Page): Promise<number> {
  return Number(await page.evaluate(() => new URLSearchParams(location.hash.split('?')[1]).get('c')));
}

async function dismissToasts(page: Page): Promise<void> {
  for (const b of await page.locator('.toast button').all()) await b.click({ timeout: 500 }).catch(() => {});
}

async function waitLive(page: Page): Promise<void> {
  await page.locator('.conn-live').waitFor({ timeout: 10_000 });
}

interface Visitor { page: Page; frame: FrameLocator }

/** A visitor on the demo shop with the chat widget open. */
async function visitorPage(path = '/'): Promise<Visitor> {
  const ctx = await newContext();
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('[visitor pageerror]', e.message));
  await page.goto(server.url + path);
  await page.getByRole('button', { name: 'Open chat' }).click();
  const frame = page.frameLocator('iframe[title="Chat"]');
  await frame.getByRole('textbox', { name: 'Write a message…' }).waitFor();
  return { page, frame };
}

async function visitorSays(v: Visitor, text: string): Promise<void> {
  const box = v.frame.getByRole('textbox', { name: 'Write a message…' });
  await box.fill(text);
  await box.press('Enter');
  await v.frame.getByText(text, { exact: true }).waitFor();
}

async function openConversationWith(page: Page, text: string): Promise<void> {
  const row = page.locator('.conv-row', { hasText: text });
  await row.first().waitFor({ timeout: 15_000 });
  await row.first().locator('a').click();
  await page.locator('.message-list').getByText(text, { exact: true }).waitFor();
  // Off the list: under the pointer the list holds still and new rows wait (tested on its own below).
  await page.mouse.move(900, 450);
}

async function composer(page: Page, mode: 'Reply' | 'Private note', text: string): Promise<void> {
  await page.getByRole('tab', { name: mode }).click();
  const box = page.locator('#composer-input');
  await box.fill(text);
  await box.press('Enter');
  await page.locator('.message-list li.msg', { hasText: text }).waitFor();
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  ({ api: admin } = await ApiClient.login(server.url));
  const r = await admin.call('POST', '/api/v1/agents', { ...AGENT, role: 'agent', capacity: 5 });
  if (r.status !== 201) throw new Error(`creating the agent: ${r.status} ${JSON.stringify(r.body)}`);
  await admin.call('POST', '/api/v1/teams', { name: 'Sales', member_ids: [] });
  await admin.call('POST', '/api/v1/canned_replies', { shortcut: 'shipping', body: 'We ship within 2 business days.' });
  await admin.call('POST', '/api/v1/canned_replies', { shortcut: 'hello', body: 'Hello! How can I help?' });
  await admin.call('POST', '/api/v1/canned_replies', { shortcut: 'greet', body: 'Hi {{contact.first_name | there}}, {{agent.first_name}} here.' });
  await admin.call('POST', '/api/v1/canned_replies', { shortcut: 'mailme', body: 'I will write to {{contact.email}}.' });
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

describe('dashboard', () => {
  it('signs in, keeps the session over a reload, and signs out', async () => {
    const ctx = await newContext();
    const page = await ctx.newPage();
    await page.goto(`${server.url}/app/`);
    await page.getByRole('heading', { name: 'Sign in to your inbox' }).waitFor();
    await shot(page, 'login');

    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBeTruthy();

    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Views' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('parley.token'))).toMatch(/^pa_/);

    await page.reload();
    await page.getByRole('navigation', { name: 'Views' }).waitFor();
    await waitLive(page);

    await page.getByRole('button', { name: 'Account' }).click();
    await page.getByRole('menuitem', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Sign in to your inbox' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('parley.token'))).toBeNull();
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in to your inbox' }).waitFor();
  });

  it('runs the whole loop both ways; a private note never reaches the visitor', async () => {
    const agent = await agentPage();
    await agent.goto(`${server.url}/app/#/inbox?view=all`);
    await waitLive(agent);
    const visitor = await visitorPage('/product.html?item=mug');

    // Visitor -> agent: the new chat appears live, with the visitor's live draft while they type.
    await visitorSays(visitor, 'Hi, is the stoneware mug dishwasher safe?');
    // A new unassigned chat: notified (sound/desktop) and counted in the tab title.
    await expect.poll(() => agent.evaluate(() => (window as unknown as { __parleyNotified: { title: string }[] }).__parleyNotified.map((n) => n.title).join('|')))
      .toContain('New conversation');
    await expect.poll(() => agent.title()).toBe('(1) Parley');
    await openConversationWith(agent, 'Hi, is the stoneware mug dishwasher safe?');
    await expect.poll(() => agent.title()).toBe('Parley');
    await visitor.frame.getByRole('textbox', { name: 'Write a message…' }).pressSequentially('And microwave', { delay: 30 });
    await agent.getByTestId('visitor-typing').getByText('And microwave').waitFor({ timeout: 10_000 });

    // Agent -> visitor.
    await composer(agent, 'Reply', 'Yes, dishwasher and microwave safe.');
    await visitor.frame.getByText('Yes, dishwasher and microwave safe.').waitFor();

    // Emoji and an attachment (POST /api/v1/uploads), seen by the visitor.
    await agent.getByRole('button', { name: 'Insert emoji' }).click();
    await agent.getByRole('menuitem', { name: 'Insert 👍' }).click();
    expect(await agent.locator('#composer-input').inputValue()).toContain('👍');
    await agent.locator('.composer input[type=file]').setInputFiles({ name: 'care-guide.txt', mimeType: 'text/plain', buffer: Buffer.from('Wash by hand.') });
    await agent.locator('.composer-files').getByText('care-guide.txt').waitFor();
    await composer(agent, 'Reply', 'Here is our care guide 👍');
    await agent.locator('.att-file', { hasText: 'care-guide.txt' }).waitFor();
    await visitor.frame.getByText('care-guide.txt').waitFor();

    // A private note: yellow on the agent's side, nowhere on the visitor's.
    await composer(agent, 'Private note', 'Customer may order 4 mugs; offer bundle.');
    const note = agent.locator('li.msg-note[data-seq]', { hasText: 'offer bundle' });
    await note.waitFor();
    const bg = await note.locator('.bubble').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).toBe('rgb(255, 248, 197)');

    // Visitor answers; the agent sees it, and the visitor's screen never shows the note.
    await visitor.frame.getByRole('textbox', { name: 'Write a message…' }).fill('');
    await visitorSays(visitor, 'Great, thanks!');
    await agent.locator('.message-list').getByText('Great, thanks!').waitFor();
    await composer(agent, 'Reply', 'You are welcome.');
    await visitor.frame.getByText('You are welcome.').waitFor();
    const visitorText = await visitor.frame.locator('body').innerText();
    expect(visitorText).not.toContain('offer bundle');
    expect(visitorText).not.toContain('4 mugs');

    // Visitor panel: current page, page trail; name and email are editable.
    const panel = agent.getByRole('complementary', { name: 'Visitor details' });
    await panel.getByTestId('current-page').waitFor();
    await panel.getByRole('button', { name: 'Edit name and email' }).click();
    await panel.getByLabel('Name').fill('Mara Lindqvist');
    await panel.getByLabel('Email').fill('mara@example.test');
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.getByTestId('visitor-name').getByText('Mara Lindqvist').waitFor();
    await agent.locator('.conv-row', { hasText: 'Mara Lindqvist' }).waitFor();
    await agent.locator('.conv-header h2', { hasText: 'Mara Lindqvist' }).waitFor();
    const contactId = Number(await agent.evaluate(() => new URLSearchParams(location.hash.split('?')[1]).get('c')));
    const conv = await admin.call('GET', `/api/v1/conversations/${contactId}`);
    const contact = await admin.call('GET', `/api/v1/contacts/${conv.body.conversation.contact_id}`);
    expect(contact.body.contact.email).toBe('mara@example.test');
    // The current page follows the visitor live.
    await visitor.page.goto(`${server.url}/cart.html`);
    await panel.getByTestId('current-page').getByText('Your cart').waitFor({ timeout: 15_000 });
    await panel.locator('.trail').getByText('Your cart').first().waitFor();
    await dismissToasts(agent);
    await shot(agent, 'conversation');
    await agent.locator('.message-list').click();
    await agent.keyboard.press('?');
    await agent.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await shot(agent, 'shortcuts');
    await agent.keyboard.press('Escape');
    await agent.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor({ state: 'detached' });
  });

  it('shows assign, tag, priority and resolve to a second agent live', async () => {
    // Agents first: with nobody online the widget offers the offline form instead of a chat.
    const ada = await agentPage();
    const bob = await agentPage(AGENT);
    const visitor = await visitorPage();
    await visitorSays(visitor, 'Question about an order for Sales');
    await ada.goto(`${server.url}/app/#/inbox?view=all`);
    await bob.goto(`${server.url}/app/#/inbox?view=all`);
    await openConversationWith(ada, 'Question about an order for Sales');
    await openConversationWith(bob, 'Question about an order for Sales');

    // Assign to Bob from Ada's screen.
    await ada.getByRole('button', { name: /^Assignee/ }).click();
    await ada.getByRole('menuitemradio', { name: /Bob Agent/ }).click();
    await expect.poll(() => bob.getByTestId('assignee').textContent()).toBe('You');

    // Tag and priority.
    await ada.locator('#tags-btn').click();
    await ada.locator('#tag-input').fill('billing');
    await ada.locator('#tag-input').press('Enter');
    await bob.getByTestId('tags').getByText('#billing').waitFor();
    await ada.keyboard.press('Escape');
    await ada.locator('#priority-btn').click();
    await ada.getByRole('menuitemradio', { name: 'Urgent' }).click();
    await expect.poll(() => bob.getByTestId('priority').textContent()).toBe('urgent');
    // The list row on Bob's side follows too, and the tag view exists in his sidebar.
    await bob.locator('.conv-row .chip.prio-urgent').first().waitFor();
    await bob.locator('[data-view="tag:billing"]').waitFor();

    // Transfer to a team: Bob's Sales view counts it.
    await ada.locator('#team-btn').click();
    await ada.getByRole('menuitemradio', { name: 'Transfer to Sales' }).click();
    await expect.poll(() => bob.locator('[data-view^="team:"] .count').textContent()).toBe('1');

    // Snooze for an hour; Bob sees it snoozed and reopens it; Ada sees that.
    await ada.locator('#snooze-btn').click();
    await ada.getByRole('menuitem', { name: 'For 1 hour' }).click();
    await expect.poll(() => bob.getByTestId('status').textContent()).toBe('snoozed');
    const until = (await admin.call('GET', `/api/v1/conversations/${await openId(ada)}`)).body.conversation.snoozed_until;
    expect(Math.abs(until - (Date.now() + 3600_000))).toBeLessThan(60_000);
    await bob.getByRole('button', { name: 'Reopen' }).first().click();
    await expect.poll(() => ada.getByTestId('status').textContent()).toBe('open');

    // Resolve with the keyboard shortcut on Ada's side.
    await ada.locator('.message-list').click();
    await ada.keyboard.press('e');
    await expect.poll(() => bob.getByTestId('status').textContent()).toBe('resolved');
    await expect.poll(() => ada.getByTestId('status').textContent()).toBe('resolved');
  });

  it('keeps the list still under the mouse; new chats slide in when it leaves', async () => {
    const agent = await agentPage();
    const first = await visitorPage();
    await visitorSays(first, 'Already in the list');
    await agent.goto(`${server.url}/app/#/inbox?view=all`);
    await agent.locator('.conv-row', { hasText: 'Already in the list' }).waitFor();
    const topBefore = await agent.locator('.conv-row').first().getAttribute('data-conversation-id');
    await agent.locator('.conv-row').first().hover();
    await agent.locator('.list-scroll[data-frozen]').waitFor();
    const v = await visitorPage();
    await agent.locator('.list-scroll[data-frozen]').waitFor({ timeout: 1000 });
    await visitorSays(v, 'Arrived while hovering');
    await agent.locator('.list-pending').waitFor();
    expect(await agent.locator('.conv-row').first().getAttribute('data-conversation-id')).toBe(topBefore);
    expect(await agent.locator('.conv-row', { hasText: 'Arrived while hovering' }).count()).toBe(0);
    await agent.mouse.move(900, 500);
    await agent.locator('.conv-row').first().getByText('Arrived while hovering').waitFor();
  });

  it('reconnects after a dropped socket and shows what was sent meanwhile', async () => {
    const agent = await agentPage();
    const visitor = await visitorPage();
    await visitorSays(visitor, 'Before the drop');
    await agent.goto(`${server.url}/app/#/inbox?view=all`);
    await openConversationWith(agent, 'Before the drop');

    // Held down for 10 s: long enough for the visitor steps below (about 5 s here) to happen during the outage.
    await agent.evaluate(() => (window as unknown as { __parleyDropSocket(ms: number): void }).__parleyDropSocket(10_000));
    await agent.getByTestId('connection').waitFor();
    await visitorSays(visitor, 'Sent while the agent was offline 1');
    await visitorSays(visitor, 'Sent while the agent was offline 2');
    // A second conversation started during the outage shows up in the list as well.
    const other = await visitorPage();
    await visitorSays(other, 'A brand new chat during the outage');
    expect(await agent.locator('.message-list').innerText()).not.toContain('offline 1');

    await waitLive(agent);
    await agent.locator('.message-list').getByText('Sent while the agent was offline 1').waitFor();
    await agent.locator('.message-list').getByText('Sent while the agent was offline 2').waitFor();
    await agent.locator('.conv-row', { hasText: 'A brand new chat during the outage' }).waitFor();
    // Each message once, in order.
    const texts = await agent.locator('.message-list li.msg .msg-body').allInnerTexts();
    expect(texts.filter((t) => t.includes('offline 1'))).toHaveLength(1);
    expect(texts.indexOf('Sent while the agent was offline 1')).toBeLessThan(texts.indexOf('Sent while the agent was offline 2'));

    // A network outage (offline) heals too.
    await agent.context().setOffline(true);
    await agent.evaluate(() => (window as unknown as { __parleyDropSocket(ms: number): void }).__parleyDropSocket(0));
    await visitorSays(visitor, 'Sent during the network outage');
    await agent.context().setOffline(false);
    await agent.locator('.message-list').getByText('Sent during the network outage').waitFor({ timeout: 30_000 });
  });

  it('finds a message with search and opens its conversation', async () => {
    const agent = await agentPage();
    const visitor = await visitorPage();
    await visitorSays(visitor, 'Do you have the aubergine colourway in stock?');
    // The bubble shows before the server has stored the message: search once it is committed.
    for (let i = 0; i < 100; i++) {
      const r = await admin.call('GET', '/api/v1/search?q=aubergine');
      if (r.body?.messages?.length) break;
      await new Promise((ok) => setTimeout(ok, 100));
    }
    await agent.locator('#global-search').fill('aubergine');
    await agent.locator('#global-search').press('Enter');
    const hit = agent.getByTestId('search-hit').first();
    await hit.waitFor();
    expect((await hit.innerText()).toLowerCase()).toContain('aubergine');
    await hit.click();
    await agent.locator('.message-list').getByText('Do you have the aubergine colourway in stock?').waitFor();
  });

  it('inserts a canned reply with / and sends it', async () => {
    const agent = await agentPage();
    const visitor = await visitorPage();
    await visitorSays(visitor, 'When will my parcel ship?');
    await agent.goto(`${server.url}/app/#/inbox?view=all`);
    await openConversationWith(agent, 'When will my parcel ship?');
    const box = agent.locator('#composer-input');
    await box.click();
    await box.pressSequentially('/ship');
    await agent.getByRole('option', { name: /shipping/ }).waitFor();
    await box.press('Enter');
    expect(await box.inputValue()).toBe('We ship within 2 business days.');
    await box.press('Enter');
    await visitor.frame.getByText('We ship within 2 business days.').waitFor();

    // Variables are filled from the conversation when a reply is picked, and previewed in the list.
    await box.pressSequentially('/greet');
    await agent.getByRole('option', { name: /Hi there, Ada here\./ }).waitFor();
    await box.press('Enter');
    expect(await box.inputValue()).toBe('Hi there, Ada here.');
    // A variable with no value and no fallback stays in the text, and the composer says so.
    await box.fill('');
    await box.pressSequentially('/mailme');
    await box.press('Enter');
    expect(await box.inputValue()).toBe('I will write to {{contact.email}}.');
    await agent.getByRole('status').filter({ hasText: 'No value for {{contact.email}}' }).waitFor();
    await box.fill('Hi there, Ada here.');
    await box.press('Enter');
    await visitor.frame.getByText('Hi there, Ada here.').waitFor();
  });

  it('lists live visitors and starts a chat that appears in their widget', async () => {
    const ctx = await newContext();
    const page = await ctx.newPage();
    await page.goto(`${server.url}/cart.html`);
    // The widget connects (and reports the page) without being opened.
    const agent = await agentPage();
    await agent.goto(`${server.url}/app/#/visitors`);
    const row = agent.locator('tr', { hasText: '/cart.html' }).first();
    await row.waitFor({ timeout: 15_000 });
    await dismissToasts(agent);
    await shot(agent, 'visitors');
    await row.getByRole('button', { name: 'Start chat' }).click();
    await agent.getByRole('dialog').getByLabel('Message').fill('Need a hand with your cart?');
    await agent.getByRole('button', { name: 'Send message' }).click();
    await agent.locator('.message-list').getByText('Need a hand with your cart?').waitFor();
    // It reaches the visitor's widget: a teaser above the closed launcher, which opens the chat at it.
    const frame = page.frameLocator('iframe[title="Chat"]');
    const bubble = frame.locator('.bub', { hasText: 'Need a hand with your cart?' });
    await bubble.waitFor({ state: 'attached', timeout: 15_000 });
    if (!(await bubble.isVisible())) await frame.getByRole('button', { name: /^Ada Admin Need a hand with your cart/ }).click();
    await bubble.waitFor();
  });

  it('hides Settings from agents; presence toggles online/away', async () => {
    const bob = await agentPage(AGENT);
    expect(await bob.getByRole('link', { name: 'Settings' }).count()).toBe(0);
    await bob.goto(`${server.url}/app/#/settings/agents`);
    await bob.getByRole('heading', { name: 'Settings are for admins' }).waitFor();
    const presence = async () => (await admin.call('GET', '/api/v1/agents')).body.agents.find((a: { email: string }) => a.email === AGENT.email)?.presence;
    await bob.getByRole('switch', { name: /Status: online/ }).click();
    await expect.poll(presence).toBe('away');
    await bob.getByRole('switch', { name: /Status: away/ }).click();
    await expect.poll(presence).toBe('online');
  });

  it('answers 403 to an agent calling admin APIs', async () => {
    const { api: bobApi } = await ApiClient.login(server.url, AGENT.email, AGENT.password);
    for (const [method, path, body] of [
      ['PATCH', '/api/v1/workspace', { name: 'Hijacked' }],
      ['POST', '/api/v1/agents', { email: 'x@example.test', name: 'X', password: 'password-123', role: 'admin', capacity: 1 }],
      ['POST', '/api/v1/teams', { name: 'Nope' }],
      ['POST', '/api/v1/canned_replies', { shortcut: 'x', body: 'y' }],
    ] as const) {
      const r = await bobApi.call(method, path, body);
      expect(r.status, `${method} ${path}`).toBe(403);
    }
    expect((await bobApi.call('GET', '/api/v1/workspace')).body.workspace.hmac_secret).toBeUndefined();
  });

  it('edits the widget with a live preview and copies the snippet', async () => {
    const ada = await agentPage();
    await ada.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await ada.getByRole('link', { name: 'Settings' }).click();
    await ada.getByRole('heading', { name: 'Widget', exact: true }).waitFor();
    await ada.getByLabel('Greeting').fill('Hello from Fernwood');
    await ada.locator('.wp-greeting', { hasText: 'Hello from Fernwood' }).waitFor();
    await ada.getByRole('button', { name: 'Copy' }).first().click();
    await ada.getByRole('button', { name: 'Copied' }).waitFor();
    const clip = await ada.evaluate(() => navigator.clipboard.readText());
    expect(clip).toContain('/widget.js');
    expect(clip).toContain('data-workspace="ws_');
    await dismissToasts(ada);
    await shot(ada, 'settings');
    await ada.getByRole('button', { name: 'Save widget' }).click();
    await ada.getByText('Widget saved').waitFor();
    const ws = await admin.call('GET', '/api/v1/workspace');
    expect(ws.body.workspace.settings.greeting).toBe('Hello from Fernwood');

    // Identity verification: the secret and code examples.
    await ada.getByRole('link', { name: 'Identity verification' }).click();
    await ada.getByRole('tab', { name: 'Python' }).click();
    await ada.getByText('hashlib.sha256').waitFor();
    await ada.getByRole('button', { name: 'Reveal' }).click();
    expect(await ada.getByLabel('Identity verification secret').inputValue()).toBe(ws.body.workspace.hmac_secret);
  });

  it('adds an agent, changes the role and deactivates', async () => {
    const ada = await agentPage();
    await ada.goto(`${server.url}/app/#/settings/agents`);
    await ada.getByLabel('Name', { exact: true }).fill('Cleo Support');
    await ada.getByLabel('Email', { exact: true }).fill('cleo@example.test');
    await ada.getByLabel('Initial password').fill('cleo-password-1');
    await ada.getByRole('button', { name: 'Add agent' }).click();
    const cleoRow = ada.locator('tr[data-agent-email="cleo@example.test"]');
    await cleoRow.waitFor();
    await cleoRow.getByLabel('Role of Cleo Support').selectOption('admin');
    await ada.getByText('Cleo Support is now admin').waitFor();
    await cleoRow.getByRole('button', { name: 'Deactivate' }).click();
    await cleoRow.getByRole('button', { name: 'Reactivate' }).waitFor();
    const cleo = (await admin.call('GET', '/api/v1/agents')).body.agents.find((a: { email: string }) => a.email === 'cleo@example.test');
    expect(cleo).toMatchObject({ role: 'admin', active: false });
  });

  it('creates a team and a canned reply from Settings', async () => {
    const ada = await agentPage();
    await ada.goto(`${server.url}/app/#/settings/teams`);
    await ada.getByLabel('New team').fill('Support');
    await ada.getByRole('button', { name: 'Create team' }).click();
    const card = ada.locator('fieldset.team-card', { hasText: 'Support' });
    await card.getByLabel('Bob Agent').check();
    await expect.poll(async () => (await admin.call('GET', '/api/v1/teams')).body.teams.find((t: { name: string }) => t.name === 'Support')?.member_ids?.length).toBe(1);

    await ada.getByRole('link', { name: 'Canned replies' }).click();
    await ada.getByLabel('Shortcut', { exact: true }).fill('returns');
    await ada.getByLabel('Text', { exact: true }).fill('Returns are free within 30 days.');
    await ada.getByRole('button', { name: 'Add', exact: true }).click();
    await ada.locator('.canned-list').getByText('/returns').waitFor();

    // The editor inserts a variable at the caret and previews the text with sample values.
    await ada.getByLabel('Shortcut', { exact: true }).fill('thanks');
    await ada.getByLabel('Text', { exact: true }).fill('Thanks ');
    await ada.getByRole('button', { name: '{{contact.first_name}}' }).click();
    await ada.getByLabel('Text', { exact: true }).press('End');
    await ada.getByLabel('Text', { exact: true }).pressSequentially('! {{contact.nmae}}');
    expect(await ada.getByLabel('Text', { exact: true }).inputValue()).toBe('Thanks {{contact.first_name}}! {{contact.nmae}}');
    await ada.locator('.canned-preview').getByText('Thanks Ada! {{contact.nmae}}').waitFor();
    await ada.locator('.canned-preview').getByText('Not a variable: {{contact.nmae}}').waitFor();
    await shot(ada, 'settings-canned-variables');
  });

  it('shows a busy inbox with the visitor panel (docs/inbox.png)', async () => {
    const agent = await agentPage();
    const lines = ['Can I change the delivery address?', 'Is the wool scarf itchy?', 'Do you do gift wrapping?'];
    for (const text of lines) {
      const v = await visitorPage(text.includes('scarf') ? '/product.html?item=scarf' : '/cart.html');
      await visitorSays(v, text);
    }
    const list = await admin.call('GET', '/api/v1/conversations?status=open&limit=100');
    const byText = (t: string) => list.body.conversations.find((c: { last_message?: { body: string } }) => c.last_message?.body === t);
    const scarf = byText('Is the wool scarf itchy?');
    const address = byText('Can I change the delivery address?');
    if (scarf) await admin.call('PATCH', `/api/v1/conversations/${scarf.id}`, { priority: 'high', tags: ['product'] });
    if (address) await admin.call('PATCH', `/api/v1/conversations/${address.id}`, { priority: 'urgent', tags: ['shipping'] });
    await agent.goto(`${server.url}/app/#/inbox?view=all`);
    await openConversationWith(agent, 'Is the wool scarf itchy?');
    await composer(agent, 'Reply', 'Not at all: it is merino, very soft.');
    await agent.getByRole('complementary', { name: 'Visitor details' }).getByTestId('current-page').waitFor();
    await agent.mouse.move(900, 600);
    await dismissToasts(agent);
    const file = await shot(agent, 'inbox');
    mkdirSync(join(repoRoot, 'docs'), { recursive: true });
    copyFileSync(file, join(repoRoot, 'docs/inbox.png'));
    // Narrower screens: the visitor panel floats over the conversation instead of taking a column.
    await agent.setViewportSize({ width: 1100, height: 760 });
    await shot(agent, 'inbox-narrow');
  });
});
