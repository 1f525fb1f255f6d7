// Settings > API tokens (issue 15, item 6) in Chromium against a real `parley serve`: the empty state; a blank
// name refused next to its field; a read token made, shown once with Copy, then listed with its hint only; the
// token works for GET and is refused a write; revoking asks first and the token gets 401 at once; the screen at
// phone width without sideways scrolling; axe on each state. Screenshots: web/e2e/screenshots/api-tokens-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { expectNoAxeViolations } from './axe';
import { newContext, shot, signIn, startDashboard, stopDashboard, type DashboardEnv } from './dashboard-kit';
import { ADMIN, ApiClient } from './harness';

let env: DashboardEnv;
const contexts: BrowserContext[] = [];

beforeAll(async () => { env = await startDashboard(); });
afterAll(async () => { await stopDashboard(env, contexts); });

describe('Settings > API tokens', () => {
  it('an admin makes a read token, sees it once, uses it, and revokes it', async () => {
    const p = await (await newContext(env.browser, contexts)).newPage();
    await signIn(p, env.server, ADMIN, '#/settings/api-tokens');
    await p.getByText('No API tokens yet').waitFor();
    await expectNoAxeViolations(p, 'API tokens, empty');

    await p.getByRole('button', { name: 'Create token' }).click();
    await p.locator('#api-token-name-error').waitFor();
    expect(await p.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');

    await p.getByLabel('Name').fill('Nightly report');
    await p.getByRole('radio', { name: /Read/ }).check();
    await p.getByRole('button', { name: 'Create token' }).click();
    const dialog = p.getByRole('dialog', { name: /Nightly report: your new token/ });
    await dialog.waitFor();
    const token = (await dialog.getByLabel('The new API token').innerText()).trim();
    expect(token).toMatch(/^pk_[A-Za-z0-9_-]{43}$/);
    await shot(p, 'api-tokens-made');
    await expectNoAxeViolations(p, 'API tokens, the new token');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });

    const row = p.getByRole('row', { name: /Nightly report/ });
    await row.waitFor();
    expect(await row.innerText()).toContain(token.slice(-4));
    expect(await p.content()).not.toContain(token);
    expect(await row.innerText()).toContain('Never');

    const integration = new ApiClient(env.server.url, token);
    expect((await integration.call('GET', '/api/v1/conversations')).status).toBe(200);
    const write = await integration.call('PATCH', '/api/v1/me/preferences', { notifications: { sound: false } });
    expect(write.status).toBe(403);
    await p.reload();
    await p.getByRole('row', { name: /Nightly report/ }).waitFor();
    expect(await p.getByRole('row', { name: /Nightly report/ }).innerText()).not.toContain('Never');
    await shot(p, 'api-tokens-list');
    await expectNoAxeViolations(p, 'API tokens, a token listed');

    await p.getByRole('button', { name: 'Revoke Nightly report' }).click();
    const confirm = p.getByRole('dialog', { name: 'Revoke Nightly report?' });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Revoke' }).click();
    await p.getByText('No API tokens yet').waitFor();
    expect((await integration.call('GET', '/api/v1/conversations')).status).toBe(401);
  });

  it('fits a phone', async () => {
    await env.admin.call('POST', '/api/v1/api-tokens', { name: 'Zapier (orders to tickets)', scope: 'admin' });
    const phone = await (await newContext(env.browser, contexts, true)).newPage();
    await signIn(phone, env.server, ADMIN, '#/settings/api-tokens');
    await phone.getByRole('row', { name: /Zapier/ }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await shot(phone, 'api-tokens-phone');
  });
});
