// The WordPress plugin (integrations/wordpress/parley-live-chat) on a real WordPress: Debian's package on MariaDB,
// served by PHP's built-in server, set up by start_test_wordpress (scripts/lib.sh) with the plugin unpacked from
// build/parley-live-chat.zip. In Chromium the WordPress admin activates the plugin and saves the settings, a visitor
// chats from the front page, a signed-in WordPress user reaches Parley's inbox as an identified contact, and deleting
// the plugin removes its settings (the zip then installs through Upload Plugin).
// Skipped only when no WordPress is given (PARLEY_TEST_WORDPRESS); scripts/test sets PARLEY_REQUIRE_WORDPRESS=1,
// which turns a missing WordPress into a failure.
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, repoRoot, type AgentSocket } from './harness';
import { signIn } from './dashboard-kit';
import { agentOnline, conversationWith, frame, newPage, openWidget, sendAsVisitor, setup, uid, waitUntil, type Env } from './widget-kit';

const wordpress = process.env.PARLEY_TEST_WORDPRESS ?? '';
const required = process.env.PARLEY_REQUIRE_WORDPRESS === '1';
interface WpUser { login: string; password: string; email: string; id: number; name?: string }
const users: { admin: WpUser; member: WpUser } | null =
  wordpress ? JSON.parse(process.env.PARLEY_TEST_WORDPRESS_USERS ?? 'null') : null;

let env: Env;
let agent: AgentSocket;
let secret = '';
let publicId = '';

/** Signs in through wp-login.php. */
async function wpSignIn(page: Page, who: WpUser): Promise<void> {
  await page.goto(`${wordpress}/wp-login.php`);
  await page.locator('#user_login').fill(who.login);
  await page.locator('#user_pass').fill(who.password);
  await Promise.all([page.waitForURL(/\/wp-admin\//), page.locator('#wp-submit').click()]);
}

/** The front page as the server sent it (the page source), and the widget ready on it. */
async function frontPage(page: Page): Promise<string> {
  const response = await page.goto(`${wordpress}/`);
  const source = await response!.text();
  await page.evaluate(() => new Promise<void>((ok) => (window as any).Parley('on', 'ready', ok)));
  return source;
}

async function contactOf(conversation: any): Promise<any> {
  return (await env.api.call('GET', `/api/v1/contacts/${conversation.contact_id}`)).body.contact;
}

describe.skipIf(!wordpress && !required)('the WordPress plugin on a real WordPress', () => {
  beforeAll(async () => {
    if (!wordpress || !users) {
      throw new Error('PARLEY_REQUIRE_WORDPRESS=1 but PARLEY_TEST_WORDPRESS(_USERS) is not set: start_test_wordpress in scripts/lib.sh sets them');
    }
    env = await setup();
    agent = await agentOnline(env);
    const ws = (await env.api.call('GET', '/api/v1/workspace')).body.workspace;
    secret = ws.hmac_secret;
    publicId = ws.public_id;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    // Allowed domains: the WordPress site only (another port of 127.0.0.1 is another origin).
    const r = await env.api.call('PATCH', '/api/v1/workspace', { allowed_origins: [wordpress] });
    expect(r.status).toBe(200);
  });
  afterAll(async () => {
    await agent?.close();
    await env?.stop();
  });
  afterAll(() => {
    // WP_DEBUG is on: no warning, notice or deprecation from the plugin's PHP on any page the tests opened.
    const log = process.env.PARLEY_TEST_WORDPRESS_LOG;
    const lines = log && existsSync(log) ? readFileSync(log, 'utf8').split('\n') : [];
    expect(lines.filter((l) => l.includes('parley-live-chat'))).toEqual([]);
  });

  it('the admin activates the plugin and saves the Parley URL, workspace id and secret', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await wpSignIn(page, users!.admin);
    await page.goto(`${wordpress}/wp-admin/plugins.php`);
    const row = page.locator('tr[data-slug="parley-live-chat"]');
    const activate = row.getByRole('link', { name: 'Activate Parley Live Chat' });
    // (Already active when vitest retries this test: the WordPress site lives as long as the run.)
    const fresh = (await activate.count()) > 0;
    if (fresh) {
      // No snippet before the plugin is set up.
      expect(await (await page.request.get(`${wordpress}/`)).text()).not.toContain('widget.js');
      await activate.click();
      await page.locator('#message', { hasText: 'Plugin activated.' }).waitFor();
    }
    await row.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Parley Live Chat' }).waitFor();
    if (fresh) await page.getByText('Not set.').waitFor();

    // A workspace id in another format is refused and says why; nothing is saved.
    await page.getByLabel('Workspace id').fill('my-workspace');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('The workspace id looks like ws_0123456789abcdef').waitFor();
    expect(await page.getByLabel('Workspace id').inputValue()).toBe('');

    await page.getByLabel('Parley URL').fill(env.server.url);
    await page.getByLabel('Workspace id').fill(publicId);
    await page.getByLabel('Identity verification secret').fill(secret);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    expect(await page.getByLabel('Parley URL').inputValue()).toBe(env.server.url);
    expect(await page.getByLabel('Workspace id').inputValue()).toBe(publicId);
    // The secret is saved but never sent back: an empty field and "Set.".
    await page.getByText('Set.', { exact: true }).waitFor();
    expect(await page.getByLabel('Identity verification secret').inputValue()).toBe('');
    expect(await page.content()).not.toContain(secret);
    await page.screenshot({ path: '/tmp/wp-settings.png', fullPage: true });

    // Saving again with the field empty keeps the secret (the member's test below needs it).
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    await page.getByText('Set.', { exact: true }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a visitor sees the launcher on the front page, and their message reaches Parley', async () => {
    const { context, page, errors } = await newPage(env.browser);
    const source = await frontPage(page);
    expect(source).toContain(`data-workspace="${publicId}"`);
    expect(source).not.toContain(secret);
    expect(source).not.toContain('user_hash');
    await page.locator('button[aria-label="Open chat"]').waitFor();
    await page.screenshot({ path: '/tmp/wp-front.png' });
    await openWidget(page);
    const text = `Hello from the WordPress front page ${uid()}`;
    await sendAsVisitor(page, text);
    const conversation = await conversationWith(env.api, text);
    const contact = await contactOf(conversation);
    expect(contact.external_id ?? null).toBeNull();
    await page.screenshot({ path: '/tmp/wp-front-chat.png' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a signed-in WordPress user reaches the inbox as an identified contact with their email', async () => {
    const member = users!.member;
    const { context, page, errors } = await newPage(env.browser);
    await wpSignIn(page, member);
    const source = await frontPage(page);
    // The page carries the user's id and its signature, never the secret.
    const userHash = createHmac('sha256', secret).update(String(member.id)).digest('hex');
    expect(source).toContain(userHash);
    expect(source).not.toContain(secret);
    await openWidget(page);
    const text = `Hello, I am signed in to WordPress ${uid()}`;
    await sendAsVisitor(page, text);
    const conversation = await conversationWith(env.api, text);
    const contact = await waitUntil(async () => {
      const c = await contactOf(conversation);
      return c.external_id === String(member.id) ? c : null;
    }, 10_000, 'the WordPress user identified');
    expect(contact.email).toBe(member.email);
    expect(contact.name).toBe(member.name);

    // Signed out, the same browser is a new anonymous visitor: Grace's conversation is not shown to whoever
    // uses it next, and what they write does not land in her conversation.
    await page.goto(`${wordpress}/wp-login.php?action=logout`);
    await Promise.all([page.waitForURL(/loggedout=true/), page.getByRole('link', { name: 'log out' }).click()]);
    await frontPage(page);
    await openWidget(page);
    await frame(page).locator('.comp textarea').waitFor();
    expect(await frame(page).locator('.bub', { hasText: text }).count()).toBe(0);
    const after = `Someone else on this computer ${uid()}`;
    await sendAsVisitor(page, after);
    const other = await conversationWith(env.api, after);
    expect(other.id).not.toBe(conversation.id);
    expect((await contactOf(other)).external_id ?? null).toBeNull();
    expect(errors).toEqual([]);
    await context.close();

    // In the dashboard: the conversation under Grace's name, her email in the contact panel.
    const dash = await env.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const p = await dash.newPage();
    await signIn(p, env.server, ADMIN, `#/inbox?view=all&c=${conversation.id}`);
    await p.getByRole('heading', { name: /Grace Hopper/ }).waitFor();
    await p.getByText(member.email).first().waitFor();
    await p.getByText(text).first().waitFor();
    await p.screenshot({ path: '/tmp/wp-inbox.png' });
    await dash.close();
  });

  it('deleting the plugin removes its settings, and the built zip installs through Upload Plugin', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1200, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('dialog', (d) => d.accept()); // "Are you sure you want to delete Parley Live Chat and its data?"
    await wpSignIn(page, users!.admin);
    await page.goto(`${wordpress}/wp-admin/plugins.php`);
    const row = page.locator('tr[data-slug="parley-live-chat"]');
    await row.getByRole('link', { name: 'Deactivate Parley Live Chat' }).click();
    await page.locator('#message', { hasText: 'Plugin deactivated.' }).waitFor();
    await row.getByRole('link', { name: 'Delete Parley Live Chat' }).click();
    await page.getByText('Parley Live Chat was successfully deleted.').waitFor();

    // The zip scripts/package-wordpress built, as a site owner installs it.
    await page.goto(`${wordpress}/wp-admin/plugin-install.php?tab=upload`);
    await page.locator('#pluginzip').setInputFiles(join(repoRoot, 'build/parley-live-chat.zip'));
    await page.getByRole('button', { name: 'Install Now' }).click();
    await page.getByText('Plugin installed successfully.').waitFor();
    await page.getByRole('link', { name: 'Activate Plugin' }).click();
    await page.locator('#message', { hasText: 'Plugin activated.' }).waitFor();

    // uninstall.php ran: nothing is left of the settings, and pages carry no snippet.
    await page.goto(`${wordpress}/wp-admin/options-general.php?page=parley-live-chat`);
    expect(await page.getByLabel('Parley URL').inputValue()).toBe('');
    expect(await page.getByLabel('Workspace id').inputValue()).toBe('');
    await page.getByText('Not set.').waitFor();
    expect(await (await page.request.get(`${wordpress}/`)).text()).not.toContain('widget.js');
    expect(errors).toEqual([]);
    await context.close();
  });
});
