// Issue 13, item 4 in the dashboard, in Chromium against a real `parley serve`: an admin creates a routing rule
// in Settings > Automation > Routing, a visitor whose pre-chat topic matches is routed to the team, rules move by
// keyboard, team settings save, and the inbox marks a chat nobody answered. Screenshots of each screen.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe';
import { newContext, newVisitor, shot, signIn, stopDashboard, visitorWrites } from './dashboard-kit';
import { ADMIN, ApiClient, launchBrowser, startServer, type RunningServer } from './harness';

let server: RunningServer;
let browser: Browser;
let admin: ApiClient;
let ws: string;
let teamId = 0;
const contexts: BrowserContext[] = [];

async function page(hash: string, phone = false): Promise<Page> {
  const p = await (await newContext(browser, contexts, phone)).newPage();
  await signIn(p, server, ADMIN, hash);
  return p;
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  // As startDashboard (auto-assignment off), with the routing timers looking every 200 ms, not every 5 s.
  server = await startServer(['--routing-tick-ms', '200']);
  browser = await launchBrowser();
  ({ api: admin } = await ApiClient.login(server.url));
  await admin.call('PATCH', '/api/v1/workspace', { settings: { auto_assign: false } });
  ws = (await admin.call('GET', '/api/v1/workspace')).body.workspace.public_id;
  const t = await admin.call('POST', '/api/v1/teams', { name: 'Billing', member_ids: [] });
  teamId = t.body.team.id;
});
afterAll(() => stopDashboard({ server, browser }, contexts));

describe('routing in the dashboard (issue 13, item 4)', () => {
  it('an admin creates a routing rule and a matching chat is routed to the team', async () => {
    const p = await page('#/settings/routing');
    await p.getByText('No routing rules yet.').waitFor();
    await shot(p, 'routing-empty');

    await p.getByRole('button', { name: 'Add rule' }).click();
    const dialog = p.getByRole('dialog', { name: 'Add a routing rule' });
    await dialog.getByLabel('Name', { exact: true }).fill('Billing questions');
    await dialog.getByLabel('Field name', { exact: true }).fill('Topic');
    await dialog.getByLabel('Equals', { exact: true }).fill('Billing');
    await dialog.getByLabel('Send to team', { exact: true }).selectOption({ label: 'Billing' });
    await dialog.getByLabel('Priority', { exact: true }).selectOption('high');
    await dialog.getByLabel('Tags', { exact: true }).fill('billing, vip');
    await shot(p, 'routing-rule-editor');
    await dialog.getByRole('button', { name: 'Add rule' }).click();
    await dialog.waitFor({ state: 'detached' });
    await p.locator('.routing-rules li', { hasText: 'Billing questions' }).waitFor();
    expect(await p.locator('.routing-rules li').first().innerText()).toContain('If Topic is Billing');

    const rules = (await admin.call('GET', '/api/v1/routing-rules')).body.rules;
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ name: 'Billing questions', team_id: teamId, priority: 'high', tags: ['billing', 'vip'] });

    // A visitor who answered "Billing" in the pre-chat form writes: the chat lands in the team with the rule's priority.
    const v = await newVisitor(server, ws, 'Mara');
    await fetch(`${server.url}/api/v1/widget/visitor`, {
      method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${v.token}` },
      body: JSON.stringify({ attributes: { Topic: 'Billing' } }),
    });
    const id = await visitorWrites(server, v, 'My invoice is wrong');
    const conv = await until(async () => (await admin.call('GET', `/api/v1/conversations/${id}`)).body.conversation,
      (c) => c.team_id === teamId);
    expect(conv).toMatchObject({ team_id: teamId, priority: 'high' });
    expect(conv.tags).toEqual(['billing', 'vip']);
  });

  it('the server names the field it refuses, next to that input', async () => {
    const p = await page('#/settings/routing');
    await p.getByRole('button', { name: 'Add rule' }).click();
    const dialog = p.getByRole('dialog', { name: 'Add a routing rule' });
    await dialog.getByLabel('Name', { exact: true }).fill('Countries');
    await dialog.getByLabel('Condition 1', { exact: true }).selectOption('country');
    await dialog.getByLabel('Is one of', { exact: true }).fill('Austria');
    await dialog.getByLabel('Priority', { exact: true }).selectOption('urgent');
    await dialog.getByRole('button', { name: 'Add rule' }).click();
    const error = dialog.locator('.field-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('two-letter');
    expect(await dialog.getByLabel('Is one of', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await dialog.getByLabel('Is one of', { exact: true }).fill('AT, CH');
    await dialog.getByRole('button', { name: 'Add rule' }).click();
    await dialog.waitFor({ state: 'detached' });
    await p.locator('.routing-rules li', { hasText: 'Countries' }).waitFor();
  });

  it('rules move up and down by keyboard, keeping the focus on the button', async () => {
    const p = await page('#/settings/routing');
    await p.locator('.routing-rules li', { hasText: 'Countries' }).waitFor();
    const up = p.getByRole('button', { name: 'Move Countries up' });
    await up.focus();
    await p.keyboard.press('Enter');
    await until(async () => (await admin.call('GET', '/api/v1/routing-rules')).body.rules[0].name, (n) => n === 'Countries');
    await p.locator('.routing-rules li').first().filter({ hasText: 'Countries' }).waitFor();
    // At the top "up" is disabled: the focus moves to the same rule's "down", not to the page.
    expect(await p.getByRole('button', { name: 'Move Countries up' }).isDisabled()).toBe(true);
    const focused = () => p.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);
    expect(await until(focused, (l) => l === 'Move Countries down')).toBe('Move Countries down');
    await p.keyboard.press('Enter');
    await until(async () => (await admin.call('GET', '/api/v1/routing-rules')).body.rules[1].name, (n) => n === 'Countries');
    await p.locator('.routing-rules li').nth(1).filter({ hasText: 'Countries' }).waitFor();
    expect(await until(focused, (l) => l === 'Move Countries up')).toBe('Move Countries up');
    await shot(p, 'routing-rules');
    await expectNoAxeViolations(p, 'settings: routing');
    await p.getByRole('button', { name: 'Edit Billing questions' }).click();
    await p.getByRole('dialog').waitFor();
    await expectNoAxeViolations(p, 'routing rule editor');
    await p.keyboard.press('Escape');
  });

  it('team settings save, and the inbox marks a chat waiting past its reminder time', async () => {
    const p = await page('#/settings/routing');
    const card = p.locator('.team-routing-card', { hasText: 'Chats without a team' });
    await card.waitFor();
    await card.getByLabel('Remind after no first reply (seconds, 0 off)').fill('1');
    await card.getByLabel('Remind after no first reply (seconds, 0 off)').press('Enter');
    const billing = p.locator('.team-routing-card', { hasText: 'Billing' });
    await billing.getByLabel('Nobody of the team online').selectOption('queue');
    const settings = await until(async () => (await admin.call('GET', '/api/v1/team-routing')).body.team_routing as any[],
      (s) => s[0].remind_after_seconds === 1 && s.some((t) => t.team_id === teamId && t.fallback === 'queue'));
    expect(settings[0].remind_after_seconds).toBe(1);
    expect(settings.find((t) => t.team_id === teamId).fallback).toBe('queue');
    await shot(p, 'routing-team-settings');

    const v = await newVisitor(server, ws, 'Nobody Answers');
    await visitorWrites(server, v, 'Hello? Anyone there?');
    await new Promise((r) => setTimeout(r, 1200));
    const inbox = await page('#/inbox?view=unassigned');
    const row = inbox.locator('.conv-row', { hasText: 'Nobody Answers' });
    await row.locator('.chip.unattended').waitFor();
    expect(await row.locator('.chip.unattended').innerText()).toMatch(/Unanswered, waiting \d+s/);
    await inbox.waitForTimeout(900); // the new rows' slide-in ends
    await shot(inbox, 'routing-inbox-unattended');

    // Live: a chat nobody answers while the inbox is open rings (the server's conversation.unattended, sent by its
    // routing timers within a tick) and gets its marker without waiting for the list's next minute.
    const late = await newVisitor(server, ws, 'Still Waiting');
    const lateId = await visitorWrites(server, late, 'Is anybody there?');
    const rang = await until(() => inbox.evaluate(() => ((window as any).__parleyNotified as { kind: string; title: string }[]).map((n) => `${n.kind}: ${n.title}`)),
      (list) => list.includes('unattended: Still waiting: Still Waiting'), 15_000);
    expect(rang).toContain('unattended: Still waiting: Still Waiting');
    await inbox.locator(`.conv-row[data-conversation-id="${lateId}"] .chip.unattended`).waitFor();
  });

  it('works at phone width', async () => {
    const p = await page('#/settings/routing', true);
    await p.locator('.routing-rules li').first().waitFor();
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(p, 'routing-phone');
    await p.getByRole('button', { name: 'Edit Countries' }).click();
    await p.getByRole('dialog').waitFor();
    await shot(p, 'routing-editor-phone');
  });
});
