// Issue 16, item 5 in Chromium against a real `parley serve`: an agent sets up two-factor authentication in the
// profile (QR code, manual key, a code computed here with node:crypto, recovery codes), then signs in with a code
// and "remember this device"; an admin requires it for the workspace and an agent without it gets the set-up page.
import { createHmac } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe';
import { newContext, signIn, startDashboard, stopDashboard } from './dashboard-kit';
import { ADMIN, ApiClient, type RunningServer } from './harness';

let server: RunningServer;
let browser: Browser;
let admin: ApiClient;
const contexts: BrowserContext[] = [];

function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const c of text.replace(/[\s=-]/g, '').toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) { out.push((value >>> (bits - 8)) & 0xff); bits -= 8; }
  }
  return Buffer.from(out);
}

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s) of the step `offset` away from now. */
function totp(secret: string, offset = 0): string {
  const step = Math.floor(Date.now() / 30_000) + offset;
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const h = createHmac('sha1', base32Decode(secret)).update(msg).digest();
  const o = h[19] & 15;
  const bin = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(bin % 1_000_000).padStart(6, '0');
}

async function fresh(phone = false): Promise<Page> {
  const p = await (await newContext(browser, contexts, phone)).newPage();
  p.on('pageerror', (e) => console.error('[dashboard pageerror]', e.message));
  return p;
}

async function passwordStep(p: Page, who: { email: string; password: string }): Promise<void> {
  await p.goto(`${server.url}/app/`);
  await p.getByLabel('Email').fill(who.email);
  await p.getByLabel('Password').fill(who.password);
  await p.getByRole('button', { name: 'Sign in' }).click();
}

beforeAll(async () => { ({ server, browser, admin } = await startDashboard()); });
afterAll(() => stopDashboard({ server, browser }, contexts));

describe('two-factor authentication (issue 16, item 5)', () => {
  const dana = { email: 'dana@example.test', password: 'dana-password-1', name: 'Dana' };
  let secret = '';

  it('is set up in the profile with the QR code, the manual key and a code; recovery codes are shown once', async () => {
    expect((await admin.call('POST', '/api/v1/agents', { ...dana, role: 'agent' })).status).toBe(201);
    const p = await fresh();
    await signIn(p, server, dana, '#/profile');
    const section = p.locator('section.two-factor');
    await section.getByRole('button', { name: 'Set up two-factor authentication' }).click();
    await section.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    secret = (await section.getByLabel('Manual key').innerText()).replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await section.scrollIntoViewIfNeeded();
    await p.screenshot({ path: '/tmp/2fa-profile-setup.png' });

    await section.getByLabel(/Enter the 6-digit code/).fill('000000' === totp(secret, -1) ? '111111' : '000000');
    await section.getByRole('button', { name: 'Turn on' }).click();
    await section.locator('#tf-confirm-code-error').waitFor();
    await section.getByLabel(/Enter the 6-digit code/).fill(totp(secret, -1));
    await section.getByRole('button', { name: 'Turn on' }).click();
    const codes = section.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    await expect.poll(() => codes.count()).toBe(10);
    expect(await codes.first().innerText()).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    await section.getByRole('button', { name: 'Download' }).waitFor();
    await p.screenshot({ path: '/tmp/2fa-profile-codes.png' });
    await expectNoAxeViolations(p, 'profile: two-factor recovery codes');
    await section.getByRole('button', { name: 'I have saved them' }).click();
    await section.getByText('10 recovery codes left').waitFor();
    await p.screenshot({ path: '/tmp/2fa-profile-on.png' });
  });

  it('signs in with a code from the app and remembers the device when asked', async () => {
    const p = await fresh();
    await passwordStep(p, dana);
    await p.getByRole('heading', { name: 'Two-factor authentication' }).waitFor();
    await p.getByLabel('Code').fill('12345');
    expect(await p.getByRole('button', { name: 'Verify' }).isDisabled()).toBe(true);
    await p.getByLabel('Code').fill(totp(secret, 0) === '000000' ? '111111' : '000000');
    await p.getByRole('button', { name: 'Verify' }).click();
    await p.getByRole('alert').filter({ hasText: 'Wrong or already used code' }).waitFor();
    await p.screenshot({ path: '/tmp/2fa-login-code-error.png' });
    await p.getByLabel('Code').fill(totp(secret, 0));
    await p.getByLabel('Remember this device for 30 days').check();
    await p.getByRole('button', { name: 'Verify' }).click();
    await p.locator('.topbar').waitFor();
    await p.locator('.conn-live').waitFor({ state: 'attached', timeout: 10_000 });

    // Signed out, the same browser skips the code; the password is still asked.
    await p.evaluate(() => localStorage.removeItem('parley.token'));
    await passwordStep(p, dana);
    await p.locator('.topbar').waitFor();

    const phone = await fresh(true);
    await passwordStep(phone, dana);
    await phone.getByLabel('Code').waitFor();
    await expectNoAxeViolations(phone, 'login: two-factor code step (phone)');
    await phone.screenshot({ path: '/tmp/2fa-login-code-phone.png' });
  });

  it('an admin requires it: the admin first, then an agent without it gets only the set-up', async () => {
    const p = await fresh();
    await signIn(p, server, ADMIN, '#/settings/security');
    const sw = p.getByRole('switch', { name: 'Require two-factor authentication' });
    await sw.click();
    await p.getByText(/Not saved: turn on two-factor authentication for yourself first/).waitFor();
    expect(await sw.getAttribute('aria-checked')).toBe('false');

    const setup = await admin.call('POST', '/api/v1/me/two-factor/setup');
    expect((await admin.call('POST', '/api/v1/me/two-factor/confirm', { code: totp(setup.body.secret, -1) })).status).toBe(200);
    await sw.click();
    await expect.poll(() => sw.getAttribute('aria-checked')).toBe('true');
    await p.screenshot({ path: '/tmp/2fa-settings-security.png' });

    const eli = { email: 'eli@example.test', password: 'eli-password-1', name: 'Eli' };
    expect((await admin.call('POST', '/api/v1/agents', { ...eli, role: 'agent' })).status).toBe(201);
    const e = await fresh(true);
    await passwordStep(e, eli);
    await e.getByRole('heading', { name: 'Set up two-factor authentication' }).waitFor();
    expect(await e.locator('.topbar').count()).toBe(0);
    await e.getByRole('button', { name: 'Set up two-factor authentication' }).click();
    await e.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    await e.screenshot({ path: '/tmp/2fa-required-setup-phone.png', fullPage: true });
    const eliSecret = (await e.getByLabel('Manual key').innerText()).replace(/\s+/g, '');
    await e.getByLabel(/Enter the 6-digit code/).fill(totp(eliSecret, -1));
    await e.getByRole('button', { name: 'Turn on' }).click();
    await e.getByRole('button', { name: 'I have saved them' }).waitFor();
    await e.getByRole('button', { name: 'Continue to Parley' }).click();
    await e.locator('.topbar').waitFor();

    // The audit log names each of these steps in words: the requirement, and both agents turning it on.
    await p.goto(`${server.url}/app#/settings/audit-log`);
    await p.getByRole('heading', { name: 'Audit log' }).waitFor();
    const rows = p.locator('.audit-table tbody tr');
    await p.locator('#audit-action').selectOption('two_factor.required_changed');
    await expect.poll(async () => (await rows.allInnerTexts()).join('\n')).toContain('now required');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('Two-factor requirement changed');
    await p.locator('#audit-action').selectOption('two_factor.enabled');
    // Newest first: Eli, then the admin (and whoever the first test enrolled).
    await expect.poll(async () => (await rows.allInnerTexts()).join('\n')).toContain(ADMIN.email);
    expect(await rows.first().innerText()).toContain('eli@example.test');
    expect(await rows.nth(1).innerText()).toContain(ADMIN.email);
    await p.screenshot({ path: '/tmp/2fa-audit-log.png' });
  });
});
