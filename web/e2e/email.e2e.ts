// Email (issue 15) in Chromium against a real `parley serve` without --smtp: Settings > Email says sending is off
// and shows the command that turns it on; the four settings save, and a value the server refuses is named next to
// its field; the empty outbox; "Send transcript" from a conversation's menu with the contact's email prefilled, and
// the server's 503 as a toast; in the widget, "Email me this conversation" (prefilled, a bad address refused,
// "not available here" while email is off); the /chat page an email links to (opened at full height, a bad link's
// polite notice, the token gone from the address bar); phone width and axe on each screen.
// Screenshots: web/e2e/screenshots/email-*.png.
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { expectNoAxeViolations } from './axe';
import { newContext, newVisitor, shot, signIn, startDashboard, stopDashboard, visitorWrites, type DashboardEnv } from './dashboard-kit';
import { ADMIN, AgentSocket } from './harness';
import { chatFrame, frame } from './widget-kit';

let env: DashboardEnv;
let agent: AgentSocket | undefined;
const contexts: BrowserContext[] = [];

beforeAll(async () => { env = await startDashboard(); });
afterAll(async () => { await agent?.close(); await stopDashboard(env, contexts); });

describe('Settings > Email', () => {
  it('says email is off with the command, saves the settings and shows the server\'s refusal next to the field', async () => {
    const p = await (await newContext(env.browser, contexts)).newPage();
    await signIn(p, env.server, ADMIN, '#/settings/email');
    const off = p.getByTestId('email-off');
    await off.waitFor();
    expect(await off.innerText()).toContain('started without --smtp');
    expect(await p.getByLabel('The command that turns email on').innerText())
      .toBe('parley serve --smtp smtp://USER:PASS@HOST:PORT --mail-from "Name <addr>"');
    await p.getByText('No emails yet').waitFor();
    await shot(p, 'email-settings-off');
    await expectNoAxeViolations(p, 'Settings > Email, off');

    // A value only the server can judge: its message goes next to the field, nothing is saved.
    await p.getByLabel('Reply-to domain').fill('Mail.Example.com');
    await p.getByRole('button', { name: 'Save' }).click();
    const domainError = p.locator('#email-email_reply_domain-error');
    await domainError.waitFor();
    expect(await domainError.innerText()).toBe('This must be empty or a lowercase host name such as mail.example.com');
    expect(await p.getByLabel('Reply-to domain').getAttribute('aria-invalid')).toBe('true');
    await shot(p, 'email-settings-error');
    await expectNoAxeViolations(p, 'Settings > Email, a refused field');

    await p.getByLabel('Reply-to domain').fill('mail.example.com');
    await p.getByLabel('Sender name').fill('Fernwood Support');
    await p.getByLabel('After how many minutes').fill('15');
    await p.getByRole('button', { name: 'Save' }).click();
    await p.getByText('Email settings saved').waitFor();
    expect(await domainError.count()).toBe(0);
    const settings = (await env.admin.call('GET', '/api/v1/workspace')).body.workspace.settings;
    expect(settings).toMatchObject({ email_sender_name: 'Fernwood Support', email_reply_domain: 'mail.example.com',
      email_continuity: true, email_continuity_minutes: 15 });

    // Turning continuity off disables its delay; the choice is kept after a reload.
    await p.getByLabel('Email visitors the replies they have not seen').uncheck();
    expect(await p.getByLabel('After how many minutes').isDisabled()).toBe(true);
    await p.getByRole('button', { name: 'Save' }).click();
    await p.getByText('Email settings saved').waitFor();
    await p.reload();
    await p.getByTestId('email-off').waitFor();
    expect(await p.getByLabel('Email visitors the replies they have not seen').isChecked()).toBe(false);
    expect(await p.getByLabel('Sender name').inputValue()).toBe('Fernwood Support');
  });

  it('fits a phone', async () => {
    const phone = await (await newContext(env.browser, contexts, true)).newPage();
    await signIn(phone, env.server, ADMIN, '#/settings/email');
    await phone.getByTestId('email-off').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await shot(phone, 'email-settings-phone');
  });
});

// The outbox is filled by the mail worker, which needs an SMTP server: here its rows are written into the database
// directly (the schema of store/sqlite/sqlite_mail_schema.h), to see the log say what happened to each email.
describe.skipIf(!existsSync('/usr/bin/sqlite3'))('the outbox log', () => {
  it('says queued, sent at, retrying and failed with the reason, on a desktop and a phone', async () => {
    const now = Date.now();
    const row = (kind: string, to: string, subject: string, state: string, attempt: number, error: string, sentAt: string, next: number) =>
      `INSERT INTO mail_outbox(workspace_id, kind, dedup_key, envelope_from, recipients, subject, mime, state, attempt, ` +
      `next_attempt_at, last_error, created_at, sent_at) VALUES (1, '${kind}', '${kind}:${to}:${state}', 'support@example.test', ` +
      `'${to}', '${subject}', 'x', '${state}', ${attempt}, ${next}, '${error}', ${now - 600_000}, ${sentAt});`;
    execFileSync('/usr/bin/sqlite3', [join(env.server.dataDir, 'parley.db'), [
      row('transcript', 'jo@example.test', 'Your conversation with Demo', 'sent', 0, '', String(now - 300_000), now),
      row('continuity', 'sam@example.test', 'New reply from Demo', 'queued', 2, '421 try later', 'NULL', now + 120_000),
      row('offline_form', 'kim@example.test', 'We got your message', 'failed', 8, '550 5.1.1 mailbox unavailable', 'NULL', now),
      row('transcript', 'lee@example.test', 'Your conversation with Demo', 'queued', 0, '', 'NULL', now),
    ].join('\n')]);
    const log = (await env.admin.call('GET', '/api/v1/email?limit=10')).body.outbox;
    expect(log.map((e: any) => e.to[0])).toEqual(['lee@example.test', 'kim@example.test', 'sam@example.test', 'jo@example.test']);

    const p = await (await newContext(env.browser, contexts)).newPage();
    await signIn(p, env.server, ADMIN, '#/settings/email');
    const table = p.getByRole('table', { name: 'The newest emails' });
    await table.waitFor();
    const text = await table.innerText();
    expect(text).toContain('Failed: 550 5.1.1 mailbox unavailable');
    expect(text).toMatch(/Retrying \(attempt 3\) at/);
    expect(text).toMatch(/Sent at/);
    expect(text).toContain('Queued');
    expect(text).toContain('Offline form confirmation');
    await p.getByRole('heading', { name: 'Sent and queued' }).scrollIntoViewIfNeeded();
    await shot(p, 'email-outbox-log');
    await expectNoAxeViolations(p, 'Settings > Email, the outbox log');

    const phone = await (await newContext(env.browser, contexts, true)).newPage();
    await signIn(phone, env.server, ADMIN, '#/settings/email');
    await phone.getByRole('table', { name: 'The newest emails' }).scrollIntoViewIfNeeded();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await shot(phone, 'email-outbox-log-phone');
  });
});

describe('Send transcript', () => {
  it('opens from the conversation\'s menu with the contact\'s email, and says why it was not sent', async () => {
    const v = await newVisitor(env.server, env.ws, 'Jo Transcript');
    await fetch(`${env.server.url}/api/v1/widget/visitor`, {
      method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${v.token}` },
      body: JSON.stringify({ email: 'jo@example.test' }),
    });
    const conv = await visitorWrites(env.server, v, 'Can I get this by email?');
    const p = await (await newContext(env.browser, contexts)).newPage();
    await signIn(p, env.server, ADMIN, `#/inbox?view=all&c=${conv}`);
    await p.getByRole('heading', { name: /Jo Transcript/ }).waitFor();
    await p.getByRole('button', { name: 'More options' }).click();
    await p.getByRole('menuitem', { name: 'Send transcript…' }).click();
    const dialog = p.getByRole('dialog', { name: 'Send transcript' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Send to').inputValue()).toBe('jo@example.test');
    await shot(p, 'email-transcript-dialog');
    await expectNoAxeViolations(p, 'Send transcript');

    await dialog.getByLabel('Send to').fill('jo at example');
    await dialog.getByRole('button', { name: 'Send transcript' }).click();
    await p.locator('#transcript-email-error').waitFor();
    await dialog.getByLabel('Send to').fill('jo@example.test');
    await dialog.getByRole('button', { name: 'Send transcript' }).click();
    await p.getByText(/Transcript not sent: .*--smtp/).waitFor();
    await dialog.waitFor({ state: 'detached' });

    const phone = await (await newContext(env.browser, contexts, true)).newPage();
    await signIn(phone, env.server, ADMIN, `#/inbox?view=all&c=${conv}`);
    await phone.getByRole('heading', { name: /Jo Transcript/ }).waitFor();
    await phone.getByRole('button', { name: 'More options' }).click();
    await phone.getByRole('menuitem', { name: 'Send transcript…' }).click();
    await phone.getByRole('dialog', { name: 'Send transcript' }).waitFor();
    await shot(phone, 'email-transcript-dialog-phone');
  });
});

describe('the widget and the /chat page', () => {
  it('"Email me this conversation" checks the address and says email is not available', async () => {
    agent = await AgentSocket.connect(env.server.url, env.admin.token, 'online');  // the composer, not the offline form
    const ctx = await env.browser.newContext({ viewport: { width: 1200, height: 800 }, reducedMotion: 'reduce' });
    contexts.push(ctx);
    const page = await ctx.newPage();
    await page.goto(`${env.server.url}/chat/${env.ws}`);
    const f = frame(page);
    await f.locator('[role="dialog"]').waitFor();
    // Opened at once, the page's full height, no launcher.
    const box = await page.locator('iframe[title="Chat"]').boundingBox();
    expect(box?.height).toBe(800);
    await f.locator('.comp textarea').fill('Hello from the chat page');
    await f.locator('.comp textarea').press('Enter');
    await f.getByRole('button', { name: 'Email me this conversation' }).click();
    const input = f.getByLabel('Your email');
    await input.waitFor();
    expect(await input.evaluate((el) => el === document.activeElement)).toBe(true);
    await input.fill('not an address');
    await input.press('Enter');
    await f.getByText('Please enter a valid email address.').waitFor();
    await input.fill('jo@example.test');
    await f.getByRole('button', { name: 'Send email' }).click();
    await f.getByText('Sending email is not available here.').waitFor();
    await shot(page, 'email-widget-form');
    await expectNoAxeViolations(await chatFrame(page), 'the widget\'s email form');
    await input.press('Escape');
    await f.getByLabel('Your email').waitFor({ state: 'detached' });
    expect(await f.getByRole('button', { name: 'Email me this conversation' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await shot(page, 'email-chat-page');

    const phone = await (await newContext(env.browser, contexts, true)).newPage();
    await phone.goto(`${env.server.url}/chat/${env.ws}`);
    const pf = frame(phone);
    await pf.locator('[role="dialog"]').waitFor();
    await shot(phone, 'email-chat-page-phone');
    await pf.locator('.comp textarea').fill('Hello from my phone');
    await pf.locator('.comp textarea').press('Enter');
    await pf.getByRole('button', { name: 'Email me this conversation' }).click();
    await pf.getByLabel('Your email').waitFor();
    const send = await pf.getByRole('button', { name: 'Send email' }).boundingBox();
    expect(send!.height).toBeGreaterThanOrEqual(44);
    await shot(phone, 'email-widget-form-phone');
  });

  it.skipIf(!existsSync('/usr/bin/sqlite3'))('an email\'s link opens that conversation on another device, and the token leaves the address bar', async () => {
    const v = await newVisitor(env.server, env.ws, 'Ria Resume');
    const conv = await visitorWrites(env.server, v, 'Where is my order 4711?');
    // The link as app/email_outbox signs it (security/email_tokens.h), with the installation's key.
    const key = execFileSync('/usr/bin/sqlite3', [join(env.server.dataDir, 'parley.db'),
      "SELECT value FROM meta WHERE key = 'secret:email'"]).toString().trim();
    expect(key.length).toBeGreaterThan(0);
    const body = `pe_${conv}.${v.contactId}.${Date.now() + 86_400_000}`;
    const token = `${body}.${createHmac('sha256', key).update(body).digest('hex')}`;

    const ctx = await env.browser.newContext({ viewport: { width: 1200, height: 800 }, reducedMotion: 'reduce' });
    contexts.push(ctx);
    const page = await ctx.newPage();
    await page.goto(`${env.server.url}/chat/${env.ws}?resume=${token}`);
    await frame(page).getByText('Where is my order 4711?').waitFor();
    expect(page.url()).not.toContain(token);
    // This browser is that contact now: its stored visitor token reads the conversation.
    const stored = await page.evaluate((ws) => JSON.parse(localStorage['parley:' + ws] || '{}').token, env.ws);
    expect(stored).toMatch(/^pv_/);
    expect(stored).not.toBe(v.token);
    const r = await fetch(`${env.server.url}/api/v1/widget/conversations/${conv}/messages`, { headers: { authorization: `Bearer ${stored}` } });
    expect(r.status).toBe(200);
    await shot(page, 'email-link-resumed');
  });

  it('a bad link says so politely, leaves the address bar and opens a normal chat', async () => {
    const ctx = await env.browser.newContext({ viewport: { width: 1200, height: 800 }, reducedMotion: 'reduce' });
    contexts.push(ctx);
    const page = await ctx.newPage();
    await page.goto(`${env.server.url}/chat/${env.ws}?resume=pe_1.2.99999999999999.0000`);
    const f = frame(page);
    await f.getByText('This link has expired. You can start a new conversation.').waitFor();
    expect(page.url()).not.toContain('parley_resume');
    expect(page.url()).not.toContain('pe_1');
    await shot(page, 'email-link-expired');
  });
});
