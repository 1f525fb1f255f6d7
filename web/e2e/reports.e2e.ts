// Reports (issue 16, item 1) in Chromium against a real `parley serve`: two conversations of today (one answered,
// resolved and rated with a comment that looks like a spreadsheet formula, one not answered); the page shows the
// numbers and the live panel, draws the by-day chart on a canvas (pixels checked) with uPlot loaded only on this
// page, the heatmap, the tables; the table toggle; the presets by keyboard; CSV downloads with the right rows
// (the formula defused); phone width; axe. Screenshots: /tmp/reports-*.png.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { expectNoAxeViolations } from './axe';
import { newContext, newVisitor, signIn, startDashboard, stopDashboard, visitorWrites, type DashboardEnv } from './dashboard-kit';
import { ADMIN } from './harness';

let env: DashboardEnv;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  env = await startDashboard();
  const answered = await newVisitor(env.server, env.ws, 'Rita Rated');
  const id = await visitorWrites(env.server, answered, 'Where is my parcel?');
  expect((await env.admin.call('POST', `/api/v1/conversations/${id}/messages`, { body: 'It ships today.' })).status).toBe(201);
  expect((await env.admin.call('PATCH', `/api/v1/conversations/${id}`, { status: 'resolved' })).status).toBe(200);
  const rated = await fetch(`${env.server.url}/api/v1/widget/conversations/${id}/csat`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${answered.token}` },
    body: JSON.stringify({ score: 4, comment: '=1+2, "fast"' }),
  });
  expect(rated.status).toBe(204);
  await visitorWrites(env.server, await newVisitor(env.server, env.ws, 'Walt Waiting'), 'Anyone there?');
});
afterAll(async () => { await stopDashboard(env, contexts); });

async function download(p: Page, section: string): Promise<string[]> {
  const [file] = await Promise.all([
    p.waitForEvent('download'),
    p.locator('.reports-section', { has: p.getByRole('heading', { name: section, exact: true }) }).getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  return readFileSync(await file.path(), 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
}

describe('Reports', () => {
  it('shows the numbers, draws the charts, downloads every table as CSV', async () => {
    const ctx = await newContext(env.browser, contexts);
    const p = await ctx.newPage();
    const scripts: string[] = [];
    p.on('request', (r) => { if (r.resourceType() === 'script') scripts.push(r.url()); });
    await signIn(p, env.server, ADMIN, '#/inbox');
    expect(scripts.some((u) => /uPlot/i.test(u))).toBe(false);

    await p.getByRole('link', { name: 'Reports' }).click();
    const tile = p.locator('.stat-tile', { hasText: 'New conversations' });
    await tile.waitFor();
    expect(await tile.locator('.tile-value').innerText()).toBe('2');
    expect(await p.locator('.stat-tile', { hasText: 'Missed' }).locator('.tile-value').innerText()).toBe('1');
    expect(await p.locator('.stat-tile', { hasText: 'CSAT average' }).locator('.tile-value').innerText()).toBe('4.0');
    expect(await tile.locator('.delta .sr-only').textContent()).toBe('up from 0 in the previous period');
    expect(await p.getByTestId('live-open').innerText()).toBe('1');
    expect(scripts.some((u) => /uPlot/i.test(u))).toBe(true);

    // The chart is drawn: uPlot's canvas has coloured pixels.
    const canvas = p.getByTestId('by-day-chart').locator('canvas');
    await canvas.waitFor();
    const painted = await canvas.evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
      return n;
    });
    expect(painted).toBeGreaterThan(100);
    expect(await p.getByTestId('heatmap').locator('td.heat-4').count()).toBe(1);
    await p.getByTestId('agent-table').waitFor();
    await p.getByText('=1+2, "fast"').waitFor();
    await p.screenshot({ path: '/tmp/reports-desktop.png' });
    await p.getByTestId('heatmap').scrollIntoViewIfNeeded();
    await p.screenshot({ path: '/tmp/reports-desktop-heatmap.png' });
    await p.getByTestId('team-table').scrollIntoViewIfNeeded();
    await p.screenshot({ path: '/tmp/reports-desktop-tables.png' });
    await expectNoAxeViolations(p, 'Reports');

    // The chart's text alternative.
    await p.getByRole('button', { name: 'Show as table' }).click();
    expect(await p.locator('table', { has: p.locator('caption', { hasText: /^New conversations by day$/ }) }).locator('tbody tr').count()).toBe(7);
    await p.getByRole('button', { name: 'Show chart' }).click();
    await canvas.waitFor();

    // CSV: the rows of each table, quoted and with the formula defused.
    const summary = await download(p, 'Conversations by day');
    expect(summary[0]).toBe('Date,New conversations');
    expect(summary.length).toBe(8);
    expect(summary.slice(1).reduce((n, l) => n + Number(l.split(',')[1]), 0)).toBe(2);
    const agents = await download(p, 'Agents');
    expect(agents[0]).toBe('Agent,Conversations,Replies,First response median (min),Resolution median (min),CSAT average,CSAT ratings');
    const column = (i: number) => agents.slice(1).reduce((n, l) => n + Number(l.split(',')[i]), 0);
    expect(column(1)).toBe(2);
    expect(column(2)).toBe(1);
    const comments = await download(p, 'Customer satisfaction');
    expect(comments.length).toBe(2);
    expect(comments[1]).toContain(`"'=1+2, ""fast"""`);
    expect(comments[1]).toContain(',4,');
    const heat = await download(p, 'By hour of the week');
    expect(heat.length).toBe(8);
    expect(heat[1].split(',').length).toBe(25);

    // The presets by keyboard: Today.
    await p.getByRole('radio', { name: 'Today' }).focus();
    await p.keyboard.press('Enter');
    await p.waitForFunction(() => document.querySelector('.reports-section h2')?.textContent?.includes('(') &&
      !document.querySelector('.reports-section h2')?.textContent?.includes('–'));
    expect(await p.locator('.stat-tile', { hasText: 'New conversations' }).locator('.tile-value').innerText()).toBe('2');
  });

  it('fits a phone', async () => {
    const phone = await (await newContext(env.browser, contexts, true)).newPage();
    await signIn(phone, env.server, ADMIN, '#/reports');
    await phone.locator('.stat-tile').first().waitFor();
    await phone.getByTestId('by-day-chart').locator('canvas').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await phone.screenshot({ path: '/tmp/reports-phone.png' });
    await phone.getByTestId('heatmap').scrollIntoViewIfNeeded();
    await phone.screenshot({ path: '/tmp/reports-phone-heatmap.png' });
    await phone.getByTestId('agent-table').scrollIntoViewIfNeeded();
    await phone.screenshot({ path: '/tmp/reports-phone-tables.png' });
  });

  it('is not offered to agents who are not admins', async () => {
    const made = await env.admin.call('POST', '/api/v1/agents', { email: 'sam@example.test', name: 'Sam', password: 'sam-password-1', role: 'agent' });
    expect(made.status).toBe(201);
    const p = await (await newContext(env.browser, contexts)).newPage();
    await signIn(p, env.server, { email: 'sam@example.test', password: 'sam-password-1' });
    expect(await p.getByRole('link', { name: 'Reports' }).count()).toBe(0);
  });
});
