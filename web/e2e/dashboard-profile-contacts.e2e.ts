// Issue 10 in the dashboard, items 5 and 8, in Chromium against a real `parley serve`: an agent's profile
// (photo, name, email, password, notification preferences) and an admin's password reset; the contacts page,
// a contact page with its attributes, and merging a duplicate.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe';
import { newContext, newVisitor, shot, signIn, startDashboard, stopDashboard, visitorWrites } from './dashboard-kit';
import { ADMIN, ApiClient, type RunningServer } from './harness';

let server: RunningServer;
let browser: Browser;
let admin: ApiClient;
let ws: string;
const contexts: BrowserContext[] = [];

// A 2x2 PNG (the server types uploads by their magic bytes).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFklEQVR4nGNkYPj/n4GBgYGJAQoAAHgwAgKe2lsSAAAAAElFTkSuQmCC', 'base64');

async function page(who: { email: string; password: string }, hash = '', phone = false): Promise<Page> {
  const p = await (await newContext(browser, contexts, phone)).newPage();
  await signIn(p, server, who, hash);
  return p;
}

async function dismissToasts(p: Page): Promise<void> {
  for (const b of await p.locator('.toast button').all()) await b.click({ timeout: 500 }).catch(() => {});
}

const notified = (p: Page) => p.evaluate(() => (window as unknown as { __parleyNotified: { kind: string; title: string }[] }).__parleyNotified.map((n) => `${n.kind}:${n.title}`));

beforeAll(async () => { ({ server, browser, admin, ws } = await startDashboard()); });
afterAll(() => stopDashboard({ server, browser }, contexts));

describe('profile (issue 10, item 5)', () => {
  it('sets a photo, name and email, changes the password and chooses notifications; an admin resets it', async () => {
    const cleo = { email: 'cleo@example.test', password: 'cleo-password-1', name: 'Cleo' };
    const made = await admin.call('POST', '/api/v1/agents', { ...cleo, role: 'agent', capacity: 10 });
    const cleoId = made.body.agent.id;
    const p = await page(cleo, '#/profile');
    await p.getByRole('heading', { name: 'Your profile' }).waitFor();
    await p.getByRole('checkbox', { name: /New conversation/ }).waitFor();

    // Photo: uploaded, then set as avatar_url; the widget's agent list shows it.
    await p.getByLabel('Photo file').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: PNG });
    await p.locator('.avatar-edit img').waitFor();
    const agents = async () => (await admin.call('GET', '/api/v1/agents')).body.agents.find((a: { id: number }) => a.id === cleoId);
    expect((await agents()).avatar_url).toMatch(/^\/uploads\/[0-9a-f]{32}\.png$/);

    // Name, and email with the current password (asked for only when the email changes).
    await p.getByLabel('Name', { exact: true }).fill('Cleo Support');
    expect(await p.locator('#profile-email-password').count()).toBe(0);
    await p.getByLabel('Email', { exact: true }).fill('cleo.support@example.test');
    await p.locator('#profile-email-password').fill('not-my-password');
    await p.getByRole('button', { name: 'Save profile' }).click();
    await p.locator('#profile-email-password-error', { hasText: 'Current_password is not your current password' }).waitFor();
    expect((await agents()).email).toBe('cleo@example.test');
    await p.locator('#profile-email-password').fill(cleo.password);
    await p.getByRole('button', { name: 'Save profile' }).click();
    await p.getByText('Sign in with your new email from now on').waitFor();
    expect(await agents()).toMatchObject({ name: 'Cleo Support', email: 'cleo.support@example.test' });

    // Password: wrong current one shown at its field; then changed, another session of Cleo's ends, this one stays.
    const other = await ApiClient.login(server.url, 'cleo.support@example.test', cleo.password);
    await p.locator('#pw-current').fill('wrong-one');
    await p.getByLabel('New password', { exact: true }).fill('cleo-password-2');
    await p.getByLabel('New password again').fill('cleo-password-2');
    await p.getByRole('button', { name: 'Change password' }).click();
    await p.locator('#pw-current-error').waitFor();
    await p.locator('#pw-current').fill(cleo.password);
    await p.getByLabel('New password again').fill('cleo-password-3');
    await p.getByRole('button', { name: 'Change password' }).click();
    await p.locator('#pw-confirm-error', { hasText: 'The two new passwords differ.' }).waitFor();
    await p.getByLabel('New password again').fill('cleo-password-2');
    await p.getByRole('button', { name: 'Change password' }).click();
    await p.getByText('1 other session was signed out; this one stays.').waitFor();
    expect((await other.api.call('GET', '/api/v1/me')).status).toBe(401);
    await p.reload();
    await p.getByRole('heading', { name: 'Your profile' }).waitFor();

    // Notifications: "new message in my conversations" off; assignments still ring.
    await p.getByRole('checkbox', { name: /New message in my conversations/ }).uncheck();
    await expect.poll(async () => (await ApiClient.login(server.url, 'cleo.support@example.test', 'cleo-password-2')).api
      .call('GET', '/api/v1/me/preferences').then((r) => r.body.preferences.notifications.new_message)).toBe(false);

    // By email (issue 15, item 4): off until the agent turns it on; saved on the server, kept after a reload.
    const cleoApi = (await ApiClient.login(server.url, 'cleo.support@example.test', 'cleo-password-2')).api;
    const emailPref = async () => (await cleoApi.call('GET', '/api/v1/me/preferences')).body.preferences.notifications.email;
    const byEmail = p.getByRole('checkbox', { name: /Email me about new conversations and replies/ });
    expect(await byEmail.isChecked()).toBe(false);
    expect(await emailPref()).not.toBe(true);
    expect(await p.getByRole('group', { name: 'By email' }).getByText('to your login address').count()).toBe(1);
    await byEmail.check();
    await expect.poll(emailPref).toBe(true);
    await p.reload();
    await p.getByRole('heading', { name: 'Your profile' }).waitFor();
    await p.getByRole('checkbox', { name: /New conversation/ }).waitFor();
    expect(await byEmail.isChecked()).toBe(true);
    await dismissToasts(p);
    await p.getByRole('group', { name: 'By email' }).scrollIntoViewIfNeeded();
    await shot(p, 'profile-email-notifications');
    await byEmail.uncheck();
    await expect.poll(emailPref).toBe(false);
    await byEmail.check();
    await expect.poll(emailPref).toBe(true);
    await dismissToasts(p);
    await p.mouse.move(10, 10);
    await p.locator('.page').evaluate((e) => e.scrollTo(0, 0));
    await shot(p, 'profile');
    await expectNoAxeViolations(p, 'profile (filled in)');

    await p.goto(`${server.url}/app/#/inbox?view=all`);
    const v = await newVisitor(server, ws, 'Nico Notify');
    const conv = await visitorWrites(server, v, 'First question');
    await p.locator('.conv-row', { hasText: 'First question' }).waitFor();
    await admin.call('PATCH', `/api/v1/conversations/${conv}`, { assignee_id: cleoId });
    await expect.poll(() => notified(p)).toContain('assigned:Assigned to you: Nico Notify');
    await visitorWrites(server, v, 'A follow-up question', conv);
    await p.locator('.conv-row', { hasText: 'A follow-up question' }).waitFor();
    expect((await notified(p)).filter((n) => n.startsWith('new_message:'))).toEqual([]);

    // Settings > Agents: the admin resets Cleo's password; Cleo's browser is signed out at once.
    const adminPage = await page(ADMIN, '#/settings/agents');
    const row = adminPage.locator('tr[data-agent-email="cleo.support@example.test"]');
    await row.getByRole('button', { name: 'Reset password' }).click();
    const dialog = adminPage.getByRole('dialog', { name: 'Reset Cleo Support’s password' });
    await dialog.getByLabel('New password').fill('short');
    await dialog.getByRole('button', { name: 'Reset password' }).click();
    await dialog.getByText('Use at least 8 characters.').waitFor();
    await expectNoAxeViolations(adminPage, 'settings: agents, reset password dialog');
    await dialog.getByLabel('New password').fill('cleo-password-9');
    await dialog.getByRole('button', { name: 'Reset password' }).click();
    await adminPage.getByText('Cleo Support’s password was reset').waitFor();
    await p.locator('.notice', { hasText: /session has ended/ }).waitFor({ timeout: 10_000 });
    await ApiClient.login(server.url, 'cleo.support@example.test', 'cleo-password-9');

    const phone = await page({ email: 'cleo.support@example.test', password: 'cleo-password-9' }, '#/profile', true);
    await phone.getByRole('checkbox', { name: /Assigned to me/ }).waitFor();
    await shot(phone, 'profile-phone');
  });
});

describe('contacts (issue 10, item 8)', () => {
  it('lists, searches, opens a contact, edits its attributes and merges a duplicate', async () => {
    const nora = await newVisitor(server, ws, 'Nora North');
    const noraConv = await visitorWrites(server, nora, 'Where is my parcel?');
    await admin.call('PATCH', `/api/v1/contacts/${nora.contactId}`, { email: 'nora@example.test', attributes: { plan: 'pro' } });
    const olaf = await newVisitor(server, ws, 'Olaf Ost');
    await visitorWrites(server, olaf, 'Do you ship to Norway?');
    const dup = await newVisitor(server, ws, 'Nora on her phone');
    const dupConv = await visitorWrites(server, dup, 'Me again, from my phone');

    const p = await page(ADMIN, '#/contacts');
    const table = p.locator('.contacts-table');
    await table.locator('tr', { hasText: 'Olaf Ost' }).waitFor();
    expect(await table.locator('tr', { hasText: 'Nora North' }).locator('td.num').innerText()).toBe('1');
    await p.mouse.move(10, 10);
    await shot(p, 'contacts');

    await p.getByLabel('Search contacts by name, email or user id').fill('nora');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    expect(await p.evaluate(() => location.hash)).toContain('q=nora');
    await p.getByLabel('Search contacts by name, email or user id').fill('zzz-nobody');
    await p.getByText('No contact matches').waitFor();
    await expectNoAxeViolations(p, 'contacts, nothing found');
    await p.getByLabel('Search contacts by name, email or user id').fill('nora@');
    await table.locator('tr', { hasText: 'Nora North' }).getByRole('link').click();

    await p.getByRole('heading', { level: 1, name: 'Nora North' }).waitFor();
    await p.locator(`.past li[data-conversation-id="${noraConv}"]`).waitFor();

    // Attributes: mistakes at their field, then add, edit and remove.
    await p.locator('[data-attr="plan"]').waitFor();
    await p.getByRole('button', { name: 'Add attribute' }).click();
    const form = p.locator('.attr-form');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('Give the attribute a name.').waitFor();
    await form.getByLabel('Name').fill('plan');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('“plan” exists already: edit that one.').waitFor();
    await form.getByLabel('Name').fill('seats');
    await form.getByLabel('Type').selectOption('number');
    await form.getByLabel('Value').fill('ten');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('Enter a number, like 42 or 9.5.').waitFor();
    await expectNoAxeViolations(p, 'contact page, attribute errors');
    await form.getByLabel('Value').fill('12');
    await form.getByRole('button', { name: 'Save' }).click();
    await p.locator('[data-attr="seats"]', { hasText: '12' }).waitFor();
    await p.getByRole('button', { name: 'Edit plan' }).click();
    await p.locator('.attr-form').getByLabel('Value').fill('enterprise');
    await p.locator('.attr-form').getByRole('button', { name: 'Save' }).click();
    await p.locator('[data-attr="plan"]', { hasText: 'enterprise' }).waitFor();
    await p.getByRole('button', { name: 'Remove seats' }).click();
    await expect.poll(() => p.locator('[data-attr="seats"]').count()).toBe(0);
    const stored = (await admin.call('GET', `/api/v1/contacts/${nora.contactId}`)).body.contact.attributes;
    expect(stored).toEqual({ plan: 'enterprise' });
    await dismissToasts(p);
    await p.mouse.move(10, 10);
    await shot(p, 'contact');

    // Merge: pick the duplicate, confirm; Nora keeps both conversations; the duplicate is gone.
    await p.getByRole('button', { name: 'Merge a duplicate…' }).click();
    const dialog = p.getByRole('dialog');
    await dialog.getByLabel('Find the duplicate').fill('phone');
    await dialog.getByRole('button', { name: /Nora on her phone/ }).click();
    await dialog.getByText('will be merged into').waitFor();
    await expectNoAxeViolations(p, 'contact page, merge confirmation');
    await dialog.getByRole('button', { name: 'Merge into Nora North' }).click();
    await p.getByText('Merged: 1 conversation moved to Nora North').waitFor();
    await p.locator(`.past li[data-conversation-id="${dupConv}"]`).waitFor();
    expect((await admin.call('GET', `/api/v1/contacts/${dup.contactId}`)).status).toBe(404);
    expect((await admin.call('GET', `/api/v1/conversations/${dupConv}`)).body.conversation.contact_id).toBe(nora.contactId);

    // A phone: the list is a list, and the contact page reads top to bottom.
    const phone = await page(ADMIN, '#/contacts', true);
    await phone.locator('.contact-cards li', { hasText: 'Nora North' }).waitFor();
    await shot(phone, 'contacts-phone');
    await phone.locator('.contact-cards li', { hasText: 'Nora North' }).locator('a').tap();
    await phone.getByRole('heading', { level: 1, name: 'Nora North' }).waitFor();
    await expectNoAxeViolations(phone, 'phone: contact page');
    await shot(phone, 'contact-phone');

    // Another workspace's contact id is simply not found.
    await p.goto(`${server.url}/app/#/contacts/999999`);
    await p.getByRole('heading', { name: 'No such contact' }).waitFor();
  });
});
