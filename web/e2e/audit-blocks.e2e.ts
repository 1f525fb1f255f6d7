// Issue 16 items 2 and 4 in Chromium against a real `parley serve`: Settings > Audit log lists sign-ins and
// changes (time in the workspace's zone, who, address, what, target), filters by action, loads more, and downloads
// the filtered CSV; an agent blocks a visitor from the conversation's menu, the visitor's messages are refused with
// the neutral words, Settings > Blocked lists the block and unblocking lets the visitor write again; phone width and
// axe on each screen. Screenshots: web/e2e/screenshots/audit-*.png, blocked-*.png.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { expectNoAxeViolations } from './axe';
import { newContext, newVisitor, shot, signIn, startDashboard, stopDashboard, visitorWrites, type DashboardEnv } from './dashboard-kit';
import { ADMIN, AgentSocket } from './harness';
import { chatFrame, conversationWith, frame, messagesOf } from './widget-kit';

let env: DashboardEnv;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  env = await startDashboard();
  // The workspace's zone decides the table's times and the date filters.
  await env.admin.call('PATCH', '/api/v1/workspace', { settings: { business_hours: { enabled: false, timezone: 'Asia/Tokyo', days: {} } } });
});
afterAll(async () => { await stopDashboard(env, contexts); });

describe('Settings > Audit log', () => {
  it('lists what happened, filters by action, loads more and downloads the CSV', async () => {
    const made = await env.admin.call('POST', '/api/v1/agents', { email: 'casey@example.test', name: '=Casey, "CSV"', password: 'casey-password' });
    expect([201, 409]).toContain(made.status);  // 409: a retry of this test
    for (let i = 0; i < 55; i++) await env.admin.call('PATCH', '/api/v1/workspace', { name: `Fernwood ${i}` });

    const p = await (await newContext(env.browser, contexts)).newPage();
    await signIn(p, env.server, ADMIN, '#/settings/audit-log');
    await p.getByRole('heading', { name: 'Audit log' }).waitFor();
    await p.getByText('Times are in Asia/Tokyo').waitFor();
    const rows = p.locator('.audit-table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(50);
    expect(await rows.first().innerText()).toContain('Signed in');
    expect(await rows.first().innerText()).toContain('127.0.0.1');
    await shot(p, 'audit-log');
    await expectNoAxeViolations(p, 'Settings > Audit log');

    await p.getByRole('button', { name: 'Load more' }).click();
    await p.waitForFunction(() => document.querySelectorAll('.audit-table tbody tr').length > 50);

    await p.locator('#audit-action').selectOption('agent.created');
    // Casey, and the admin the harness added with `parley agent add` (the command line, no address).
    await p.waitForFunction(() => document.querySelectorAll('.audit-table tbody tr').length === 2);
    const row = await rows.first().innerText();
    expect(await rows.nth(1).innerText()).toContain('command line');
    expect(row).toContain('Agent added');
    expect(row).toContain('casey@example.test');
    expect(await p.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    await shot(p, 'audit-log-filtered');

    const [download] = await Promise.all([p.waitForEvent('download'), p.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('audit-log.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('time_utc,actor_type,actor_id,actor,address,action,target_type,target_id,target,details');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(',agent.created,agent,');
    expect(lines[1]).toContain('casey@example.test');
    expect(lines[1]).toContain('"{""role"":""agent"",""name"":""=Casey, \\""CSV\\""""}"');

    // A date range with nothing in it: the empty state, and a backwards range is named.
    await p.locator('#audit-action').selectOption('');
    await p.locator('#audit-from').fill('2020-01-01');
    await p.locator('#audit-to').fill('2020-01-02');
    await p.getByText('Nothing matches these filters').waitFor();
    await p.locator('#audit-to').fill('2019-12-31');
    await p.getByText('The end date is before the start date.').waitFor();
    await shot(p, 'audit-log-empty');
    await p.getByRole('button', { name: 'Clear' }).click();
    await rows.first().waitFor();
  });

  it('fits a phone', async () => {
    const phone = await (await newContext(env.browser, contexts, true)).newPage();
    await signIn(phone, env.server, ADMIN, '#/settings/audit-log');
    await phone.locator('.audit-table tbody tr').first().waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await shot(phone, 'audit-log-phone');
  });
});

describe('Blocking', () => {
  it('blocks a visitor from the conversation, refuses their messages, and unblocks in Settings > Blocked', async () => {
    const v = await newVisitor(env.server, env.ws, 'Rex Rude');
    const conv = await visitorWrites(env.server, v, 'You are all useless');
    const p = await (await newContext(env.browser, contexts)).newPage();
    await signIn(p, env.server, ADMIN, `#/inbox?view=all&c=${conv}`);
    await p.getByRole('heading', { name: /Rex Rude/ }).waitFor();
    await p.getByRole('button', { name: 'More options' }).click();
    await p.getByRole('menuitem', { name: 'Block visitor…' }).click();
    const dialog = p.getByRole('dialog', { name: 'Block Rex Rude?' });
    await dialog.waitFor();
    await dialog.getByLabel(/Reason/).fill('Insults agents');
    await shot(p, 'blocked-dialog');
    await expectNoAxeViolations(p, 'Block dialog');
    await dialog.getByRole('button', { name: 'Block', exact: true }).click();
    await p.getByText('Rex Rude blocked: they can no longer send messages').waitFor();

    await expect(visitorWrites(env.server, v, 'let me in', conv)).rejects.toThrow("You can't send messages in this chat.");
    // The history stays for the agents.
    await p.getByText('You are all useless').first().waitFor();

    await p.goto(`${env.server.url}/app/#/settings/blocked`);
    const row = p.locator('.blocked-table tbody tr');
    await row.first().waitFor();
    expect(await row.first().innerText()).toContain('Rex Rude');
    expect(await row.first().innerText()).toContain('Insults agents');
    await shot(p, 'blocked-list');
    await expectNoAxeViolations(p, 'Settings > Blocked');

    // A range typed in, refused first when too wide.
    await p.getByLabel('IP address or range').fill('0.0.0.0/0');
    await p.getByRole('button', { name: 'Block address' }).click();
    await p.locator('#blocked-ip-error').waitFor();
    await p.getByLabel('IP address or range').fill('203.0.113.9/24');
    await p.getByRole('button', { name: 'Block address' }).click();
    await p.getByRole('rowheader', { name: /203\.0\.113\.0\/24/ }).waitFor();

    await p.getByRole('button', { name: 'Unblock Rex Rude' }).click();
    await p.getByRole('dialog', { name: 'Unblock Rex Rude?' }).getByRole('button', { name: 'Unblock' }).click();
    await p.getByText('Rex Rude unblocked').waitFor();
    expect(await p.getByRole('button', { name: 'Unblock Rex Rude' }).count()).toBe(0);
    expect(await visitorWrites(env.server, v, 'sorry', conv)).toBe(conv);

    const audit = (await env.admin.call('GET', '/api/v1/audit-log?action=block.removed')).body.entries;
    expect(audit[0].target.label).toBe('Rex Rude');
  });

  it('fits a phone', async () => {
    const phone = await (await newContext(env.browser, contexts, true)).newPage();
    await signIn(phone, env.server, ADMIN, '#/settings/blocked');
    await phone.getByRole('heading', { name: 'Blocked' }).waitFor();
    await phone.locator('.blocked-table tbody tr, .empty').first().waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await shot(phone, 'blocked-phone');
  });
});

describe('the widget of a blocked visitor', () => {
  it('shows the neutral notice instead of sending, and sends again once unblocked', async () => {
    // An agent online: the widget offers the composer, not the offline form.
    const agent = await AgentSocket.connect(env.server.url, env.admin.token, 'online');
    onTestFinished(() => agent.close());
    const page = await (await newContext(env.browser, contexts)).newPage();
    await page.goto(`${env.server.url}/chat/${env.ws}`);
    const f = frame(page);
    const composer = f.locator('.comp textarea');
    const write = async (text: string) => { await composer.fill(text); await composer.press('Enter'); };
    await write('Hello before the block');
    const conv = await conversationWith(env.admin, 'Hello before the block');

    const made = await env.admin.call('POST', '/api/v1/blocks', { contact_id: conv.contact_id, reason: 'Spam' });
    expect(made.status).toBe(201);
    await write('Let me write again');
    const notice = f.getByText("You can't send messages in this chat.");
    await notice.waitFor();
    await shot(page, 'blocked-widget');
    await expectNoAxeViolations(await chatFrame(page), 'the widget of a blocked visitor');
    expect((await messagesOf(env.admin, conv.id)).map((m) => m.body)).not.toContain('Let me write again');

    expect((await env.admin.call('DELETE', `/api/v1/blocks/${made.body.block.id}`)).status).toBe(204);
    await write('Unblocked now');
    await expect.poll(async () => (await messagesOf(env.admin, conv.id)).map((m) => m.body)).toContain('Unblocked now');
  });
});
