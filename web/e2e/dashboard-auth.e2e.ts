// Signing in and sessions ending, in Chromium against a real `parley serve`: device tokens kept per email over
// logout, failed-login limits shown on the form (the owner's browser still gets in), and a session ended
// elsewhere (role change, deactivation, logout) bringing the login form back without a reconnect loop, even
// when the socket's error frame or close never arrive. The server believes X-Forwarded-For from 127.0.0.1
// here, so every browser context acts from its own address and one test's failed logins never lock another's.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, PER_TEST_ADDRESSES, launchBrowser, startServer, testAddress, type RunningServer } from './harness';

let server: RunningServer;
let browser: Browser;
let admin: ApiClient;
const contexts: BrowserContext[] = [];

const SCREENSHOT = '/tmp/parley-login-rate-limited.png';

beforeAll(async () => {
  server = await startServer(PER_TEST_ADDRESSES);
  browser = await launchBrowser();
  admin = (await ApiClient.login(server.url)).api;
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

let agents = 0;
/** A fresh agent account, so that per-account limits of one test never touch another. */
async function newAgent(): Promise<{ id: number; email: string; password: string }> {
  const n = ++agents;
  const who = { email: `agent${n}@example.test`, password: `agent-password-${n}`, name: `Agent ${n}` };
  const r = await admin.call('POST', '/api/v1/agents', { ...who, role: 'agent', capacity: 5 });
  if (r.status !== 201) throw new Error(`create agent: ${r.status} ${JSON.stringify(r.body)}`);
  return { id: r.body.agent.id, email: who.email, password: who.password };
}

/** A browser context acting from its own client address. */
async function newPage(address = testAddress()): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, extraHTTPHeaders: { 'x-forwarded-for': address } });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('[dashboard pageerror]', e.message));
  await page.goto(`${server.url}/app/`);
  await loginForm(page);
  return page;
}

const loginForm = (page: Page) => page.getByRole('heading', { name: 'Sign in to your inbox' }).waitFor();
const devices = (page: Page) => page.evaluate(() => JSON.parse(localStorage.getItem('parley.devices') || '{}'));

/** Fills and submits the form; resolves with the JSON body the browser sent and the answer's status. */
async function submit(page: Page, email: string, password: string): Promise<any> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const res = await answer;
  return { ...res.request().postDataJSON(), status: res.status() };
}

/**
 * Wrong passwords for `email` from fresh addresses until a failure (401) is followed by a 429: the account itself
 * is limited, and stays so for the next few seconds (the limiter gives one more try every 5 s).
 */
async function lockAccount(email: string): Promise<void> {
  let failed = false;
  for (let i = 0; i < 100; i++) {
    const guesser = new ApiClient(server.url);
    guesser.headers = { 'x-forwarded-for': testAddress() };
    const status = (await guesser.call('POST', '/api/v1/auth/login', { email, password: `guess-${i}` })).status;
    if (status === 401) failed = true;
    else if (status === 429 && failed) return;
    else await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${email} never got locked`);
}

async function signIn(page: Page, email: string, password: string): Promise<any> {
  const body = await submit(page, email, password);
  await page.getByRole('navigation', { name: 'Views' }).waitFor();
  await page.locator('.conn-live').waitFor({ timeout: 10_000 });
  return body;
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Account' }).click();
  await page.getByRole('menuitem', { name: 'Log out' }).click();
  await loginForm(page);
}

/** Counts the page's WebSocket openings from now on. */
function countSockets(page: Page): () => number {
  let n = 0;
  page.on('websocket', () => { n++; });
  return () => n;
}

describe('dashboard sign-in and sessions', () => {
  it('keeps the device token per lower-cased email over logout and sends it with the next login', async () => {
    const sam = await newAgent();
    const page = await newPage();
    const first = await signIn(page, sam.email.toUpperCase(), sam.password);
    expect(first.device_token).toBeUndefined();
    const kept = await devices(page);
    expect(Object.keys(kept)).toEqual([sam.email]);
    expect(typeof kept[sam.email]).toBe('string');

    await signOut(page);
    await expect(page.locator('.notice').count()).resolves.toBe(0);           // our own logout: no "session ended"
    expect(await page.evaluate(() => localStorage.getItem('parley.token'))).toBeNull();
    expect(await devices(page)).toEqual(kept);

    const second = await signIn(page, sam.email, sam.password);
    expect(second.device_token).toBe(kept[sam.email]);
  });

  it('shows the failed-login limit on the form, and the owner\'s browser still gets in', async () => {
    const dee = await newAgent();
    // Dee signed in on her own browser once: it holds a device token for her account.
    const owner = await newPage();
    await signIn(owner, dee.email, dee.password);
    await signOut(owner);

    // A guesser on another address fails until the server limits the address and the account.
    const guesser = await newPage();
    let status = 0;
    for (let i = 0; i < 15 && status !== 429; i++) {
      status = (await submit(guesser, dee.email, `wrong-${i}`)).status;
      if (status !== 429) expect(status).toBe(401);
    }
    expect(status).toBe(429);
    const alert = guesser.getByRole('alert');
    await alert.filter({ hasText: /^Too many failed logins, try again in \d+ s$/ }).waitFor();
    const button = guesser.locator('button[type="submit"]');
    await expect(button.isDisabled()).resolves.toBe(true);
    await expect(button.textContent()).resolves.toMatch(/^Try again in \d+ s$/);
    await guesser.screenshot({ path: SCREENSHOT });

    // Her account is locked for browsers without her device token, even with the right password...
    const stranger = await newPage();
    await lockAccount(dee.email);
    const sent = await submit(stranger, dee.email, dee.password);
    expect(sent.status).toBe(429);
    expect(sent.device_token).toBeUndefined();
    await stranger.getByRole('alert').filter({ hasText: 'Too many failed logins' }).waitFor();

    // ...but not for hers.
    await lockAccount(dee.email);
    const again = await signIn(owner, dee.email, dee.password);
    expect(typeof again.device_token).toBe('string');
  });

  it('a role change elsewhere ends the session: login form with the reason, no reconnects', async () => {
    const bob = await newAgent();
    const page = await newPage();
    await signIn(page, bob.email, bob.password);
    const sockets = countSockets(page);
    expect((await admin.call('PATCH', `/api/v1/agents/${bob.id}`, { role: 'admin' })).status).toBe(200);
    await page.locator('.notice', { hasText: /^Your session has ended \(.+\)\. Sign in again\.$/ }).waitFor({ timeout: 5000 });
    expect(await page.evaluate(() => localStorage.getItem('parley.token'))).toBeNull();
    await page.waitForTimeout(3000);
    expect(sockets()).toBe(0);
  });

  it('close code 4001 alone (the error frame lost) also ends the session', async () => {
    const cy = await newAgent();
    const page = await newPage();
    // Drop every error frame from the server; the close (code and reason) still reaches the page.
    let opened = 0;
    await page.routeWebSocket(/\/ws$/, (ws) => {
      opened++;
      const srv = ws.connectToServer();
      srv.onMessage((m) => { if (!String(m).includes('"type":"error"')) ws.send(m); });
    });
    await signIn(page, cy.email, cy.password);
    const before = opened;
    const sockets = () => opened - before;
    expect((await admin.call('PATCH', `/api/v1/agents/${cy.id}`, { active: false })).status).toBe(200);
    const notice = page.locator('.notice', { hasText: /^Your session has ended \(.+\)\. Sign in again\.$/ });
    await notice.waitFor({ timeout: 5000 });
    await page.waitForTimeout(3000);
    expect(sockets()).toBe(0);
  });

  it('a REST 401 (the socket says nothing) brings the login form back', async () => {
    const di = await newAgent();
    const page = await newPage();
    // The socket never tells: no error frame, no close from the server.
    await page.routeWebSocket(/\/ws$/, (ws) => {
      const srv = ws.connectToServer();
      srv.onMessage((m) => { if (!String(m).includes('"type":"error"')) ws.send(m); });
      srv.onClose(() => {});
    });
    await signIn(page, di.email, di.password);
    const token = await page.evaluate(() => localStorage.getItem('parley.token'));
    expect((await new ApiClient(server.url, token!).call('POST', '/api/v1/auth/logout')).status).toBe(204);
    await page.evaluate(() => { location.hash = '#/search?q=hello'; });
    await page.locator('.notice', { hasText: 'Your session has ended. Sign in again.' }).waitFor({ timeout: 5000 });
    expect(await page.evaluate(() => localStorage.getItem('parley.token'))).toBeNull();
  });
});
