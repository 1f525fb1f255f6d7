// Helpers for the dashboard's browser tests: agents signed in through the form, visitors and their
// conversations made through the real API and WebSocket (no mocks), screenshots.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import WebSocket from 'ws';
import { ApiClient, launchBrowser, repoRoot, startServer, type RunningServer } from './harness';

export const SHOTS = join(repoRoot, 'web/e2e/screenshots');
export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const file = join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** A test file's world: a server with auto-assignment off (assignments in these tests are made on purpose; round
 *  robin would hand chats to whoever is online), Chromium, the admin's API client and the workspace's public id. */
export interface DashboardEnv { server: RunningServer; browser: Browser; admin: ApiClient; ws: string }

export async function startDashboard(): Promise<DashboardEnv> {
  const server = await startServer();
  const browser = await launchBrowser();
  const { api: admin } = await ApiClient.login(server.url);
  await admin.call('PATCH', '/api/v1/workspace', { settings: { auto_assign: false } });
  const ws = (await admin.call('GET', '/api/v1/workspace')).body.workspace.public_id;
  return { server, browser, admin, ws };
}

/** Closes the test file's browser contexts, Chromium and the server. */
export async function stopDashboard(env: { server?: RunningServer; browser?: Browser }, contexts: BrowserContext[]): Promise<void> {
  for (const c of contexts) await c.close().catch(() => {});
  await env.browser?.close();
  await env.server?.stop();
}

export async function newContext(browser: Browser, contexts: BrowserContext[], phone = false): Promise<BrowserContext> {
  const ctx = await browser.newContext(phone
    ? { viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'en-US', timezoneId: 'Europe/Berlin' }
    : { viewport: DESKTOP, locale: 'en-US', timezoneId: 'Europe/Berlin' });
  contexts.push(ctx);
  return ctx;
}

/** Signs in on /app through the form and waits for the live connection. */
export async function signIn(page: Page, server: RunningServer, who: { email: string; password: string }, hash = ''): Promise<void> {
  page.on('pageerror', (e) => console.error('[dashboard pageerror]', e.message));
  await page.goto(`${server.url}/app/${hash}`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.topbar').waitFor();
  await page.locator('.conn-live').waitFor({ state: 'attached', timeout: 10_000 });
}

export interface TestVisitor { token: string; contactId: number }

/** A widget visitor (as the widget's session call makes one), optionally named. */
export async function newVisitor(server: RunningServer, ws: string, name?: string, url = '/'): Promise<TestVisitor> {
  const r = await fetch(`${server.url}/api/v1/widget/sessions`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ workspace_id: ws, url: server.url + url, title: 'Fernwood Goods', timezone: 'Europe/Berlin', language: 'de-DE' }),
  });
  const body = await r.json();
  const v = { token: body.visitor_token as string, contactId: body.visitor.id as number };
  if (name) {
    await fetch(`${server.url}/api/v1/widget/visitor`, {
      method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${v.token}` }, body: JSON.stringify({ name }),
    });
  }
  return v;
}

/** The visitor writes through its WebSocket, as the widget does; resolves with the conversation id. */
export async function visitorWrites(server: RunningServer, v: TestVisitor, body: string, conversationId?: number): Promise<number> {
  const sock = new WebSocket(server.url.replace(/^http/, 'ws') + '/ws', { headers: { origin: server.url } });
  await new Promise<void>((ok, fail) => { sock.once('open', () => ok()); sock.once('error', fail); });
  const ack = new Promise<number>((ok, fail) => {
    const t = setTimeout(() => fail(new Error('no ack')), 10_000);
    sock.on('message', (data) => {
      const f = JSON.parse(String(data));
      if (f.type === 'welcome') {
        sock.send(JSON.stringify({ type: 'message.send', client_id: `c${Date.now()}${Math.random()}`, body, ...(conversationId ? { conversation_id: conversationId } : {}) }));
      } else if (f.type === 'message.ack') { clearTimeout(t); ok(f.conversation_id); }
      else if (f.type === 'error') { clearTimeout(t); fail(new Error(f.message)); }
    });
  });
  sock.send(JSON.stringify({ type: 'hello', token: v.token }));
  const id = await ack;
  sock.close();
  return id;
}
