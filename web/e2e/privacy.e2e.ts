// Data protection (issue 16, item 3) in Chromium against a real `parley serve`: a contact's "Export data"
// downloads a ZIP; "Erase…" asks for the contact's name (or "erase") before the button works, then the
// contact is gone; Settings > Data & privacy saves the retention days, names a refused field, and keeps
// them after a reload; phone width and axe on each screen. Screenshots: /tmp/privacy-*.png.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { expectNoAxeViolations } from './axe';
import { newContext, newVisitor, signIn, startDashboard, stopDashboard, visitorWrites, type DashboardEnv } from './dashboard-kit';
import { ADMIN } from './harness';

let env: DashboardEnv;
const contexts: BrowserContext[] = [];

beforeAll(async () => { env = await startDashboard(); });
afterAll(async () => { await stopDashboard(env, contexts); });

async function privacyShot(p: Page, name: string): Promise<void> {
  await p.screenshot({ path: `/tmp/privacy-${name}.png` });
}

describe('A contact\'s data', () => {
  it('exports as a ZIP download and erases only after the typed confirmation', async () => {
    const v = await newVisitor(env.server, env.ws, 'Greta Lindqvist');
    await visitorWrites(env.server, v, 'Please delete everything about me');
    const p = await (await newContext(env.browser, contexts)).newPage();
    await signIn(p, env.server, ADMIN, `#/contacts/${v.contactId}`);
    await p.getByRole('heading', { name: 'Greta Lindqvist', level: 1 }).waitFor();
    await privacyShot(p, 'contact-page');
    await expectNoAxeViolations(p, 'contact page with the privacy actions');

    const [download] = await Promise.all([p.waitForEvent('download'), p.getByRole('button', { name: 'Export data' }).click()]);
    expect(download.suggestedFilename()).toBe(`contact-${v.contactId}-export.zip`);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    await p.getByText('Export downloaded').waitFor();

    await p.getByRole('button', { name: 'Erase…' }).click();
    const dialog = p.getByRole('dialog', { name: 'Erase Greta Lindqvist?' });
    await dialog.waitFor();
    const confirm = dialog.getByRole('button', { name: 'Erase for good' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel(/to confirm/).fill('Greta');
    expect(await confirm.isDisabled()).toBe(true);
    await privacyShot(p, 'erase-dialog');
    await expectNoAxeViolations(p, 'the erase dialog');
    await dialog.getByLabel(/to confirm/).fill('greta lindqvist');
    expect(await confirm.isDisabled()).toBe(false);
    await confirm.click();
    await p.getByText('Greta Lindqvist erased').waitFor();
    await p.waitForURL(/#\/contacts$/);
    expect((await env.admin.call('GET', `/api/v1/contacts/${v.contactId}`)).status).toBe(404);
    await privacyShot(p, 'after-erase');
  });

  it('shows no privacy actions at phone width overflowing the page', async () => {
    const v = await newVisitor(env.server, env.ws, 'Phone Person');
    const p = await (await newContext(env.browser, contexts, true)).newPage();
    await signIn(p, env.server, ADMIN, `#/contacts/${v.contactId}`);
    await p.getByRole('button', { name: 'Export data' }).waitFor();
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await privacyShot(p, 'contact-phone');
  });
});

describe('Settings > Data & privacy', () => {
  it('saves the retention days, names a refused field and keeps them after a reload', async () => {
    const p = await (await newContext(env.browser, contexts)).newPage();
    await signIn(p, env.server, ADMIN, '#/settings/privacy');
    await p.getByRole('heading', { name: 'Data & privacy' }).waitFor();
    await p.getByLabel('Delete conversations after').waitFor();
    await privacyShot(p, 'settings-empty');
    await expectNoAxeViolations(p, 'Settings > Data & privacy');

    await p.getByLabel('Delete conversations after').fill('99999');
    await p.getByRole('button', { name: 'Save' }).click();
    const error = p.locator('#retention-conversation_days-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('At most 3650 days');
    await privacyShot(p, 'settings-error');

    await p.getByLabel('Delete conversations after').fill('365');
    await p.getByLabel('Delete page views after').fill('30');
    await p.getByRole('button', { name: 'Save' }).click();
    await p.getByText('Retention saved').waitFor();
    const saved = (await env.admin.call('GET', '/api/v1/retention-settings')).body.retention;
    expect(saved).toMatchObject({ conversation_days: 365, page_view_days: 30, anonymous_contact_days: 0 });
    await p.reload();
    await p.getByLabel('Delete conversations after').waitFor();
    expect(await p.getByLabel('Delete conversations after').inputValue()).toBe('365');
    expect(await p.getByLabel('Delete anonymous contacts after').inputValue()).toBe('');
    await privacyShot(p, 'settings-saved');

    const phone = await (await newContext(env.browser, contexts, true)).newPage();
    await signIn(phone, env.server, ADMIN, '#/settings/privacy');
    await phone.getByLabel('Delete conversations after').waitFor();
    await privacyShot(phone, 'settings-phone');
    await expectNoAxeViolations(phone, 'Settings > Data & privacy, phone');
  });
});
