// Shared helpers of the widget e2e files (widget*.e2e.ts): a real server, Chromium, the demo shop, an agent.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, FrameLocator } from 'playwright-core';
import { AgentSocket, ApiClient, launchBrowser, startServer, repoRoot, type RunningServer } from './harness';

export const screenshots = join(repoRoot, 'web/e2e/screenshots');
mkdirSync(screenshots, { recursive: true });

export interface Env {
  server: RunningServer;
  browser: Browser;
  api: ApiClient;
  agent: any;
  workspace: any;
  stop(): Promise<void>;
}

export async function setup(serverArgs: string[] = []): Promise<Env> {
  const server = await startServer(serverArgs);
  const browser = await launchBrowser();
  const { api, agent, workspace } = await ApiClient.login(server.url);
  return {
    server, browser, api, agent, workspace,
    async stop() { await browser.close().catch(() => {}); await server.stop(); },
  };
}

/** An agent socket that says presence online, so the widget's session answers online: true. */
export async function agentOnline(env: Env): Promise<AgentSocket> {
  const s = await AgentSocket.connect(env.server.url, env.api.token, 'online');
  await waitUntil(async () => (await env.api.call('GET', '/api/v1/agents')).body.agents
    .some((a: any) => a.id === env.agent.id && a.presence === 'online'), 5000, 'agent presence online');
  return s;
}

/** setup() and an agent online (the widget opens a live chat, not the offline form); teardown() ends both. */
export async function setupWithAgent(): Promise<{ env: Env; agent: AgentSocket }> {
  const env = await setup();
  return { env, agent: await agentOnline(env) };
}

export async function teardown(env?: Env, agent?: AgentSocket): Promise<void> {
  await agent?.close();
  await env?.stop();
}

/**
 * A visitor's browser. Reduced motion by default: the launcher's entrance and the panel's open/close
 * animations are off, so positions and sizes are final the moment the state changes (the animation tests
 * ask for `reducedMotion: 'no-preference'`).
 */
export async function newPage(browser: Browser, opts: Parameters<Browser['newContext']>[0] = {}):
  Promise<{ context: BrowserContext; page: Page; errors: string[]; dialogs: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, reducedMotion: 'reduce', ...opts });
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  return { context, page, errors, dialogs };
}

/** Goes to a demo shop page and waits until the widget's session is ready. */
export async function gotoShop(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.evaluate(() => new Promise<void>((ok) => (window as any).Parley('on', 'ready', ok)));
}

export const frame = (page: Page): FrameLocator => page.frameLocator('iframe[title="Chat"]');
export const launcher = (page: Page) => page.locator('button[aria-label="Open chat"], button[aria-label="Close chat"]');

export async function openWidget(page: Page): Promise<void> {
  const b = page.locator('button[aria-label="Open chat"]');
  await b.click();
  // attached, not visible: under 480 px the panel covers the screen and the launcher hides.
  await page.locator('button[aria-label="Close chat"][aria-expanded="true"]').waitFor({ state: 'attached' });
  await frame(page).locator('[role="dialog"]').waitFor();
}

export async function sendAsVisitor(page: Page, text: string): Promise<void> {
  const ta = frame(page).locator('.comp textarea');
  await ta.fill(text);
  await ta.press('Enter');
}

export async function waitUntil<T>(fn: () => Promise<T | false | undefined | null>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as T;
    } catch (e) { last = e; }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function conversations(api: ApiClient): Promise<any[]> {
  const r = await api.call('GET', '/api/v1/conversations?sort=newest&limit=100');
  if (r.status !== 200) throw new Error(`conversations: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.conversations;
}

export async function messagesOf(api: ApiClient, conversationId: number): Promise<any[]> {
  const r = await api.call('GET', `/api/v1/conversations/${conversationId}/messages?limit=500`);
  if (r.status !== 200) throw new Error(`messages: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.messages;
}

/** Waits for the (single) conversation whose messages include `body` and returns it. */
export async function conversationWith(api: ApiClient, body: string): Promise<any> {
  return waitUntil(async () => {
    for (const c of await conversations(api)) {
      if ((await messagesOf(api, c.id)).some((m) => m.body === body)) return c;
    }
    return null;
  }, 10_000, `a conversation with "${body}"`);
}

export async function patchSettings(api: ApiClient, patch: Record<string, unknown>): Promise<any> {
  const cur = await api.call('GET', '/api/v1/workspace');
  const settings = { ...(cur.body.workspace.settings || {}), ...patch };
  const r = await api.call('PATCH', '/api/v1/workspace', { settings });
  if (r.status !== 200) throw new Error(`PATCH workspace: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.workspace;
}

export const shot = (page: Page, name: string) => page.screenshot({ path: join(screenshots, `${name}.png`) });

/** The chat frame as a Playwright Frame (for axe and evaluate), once it exists. */
export async function chatFrame(page: Page) {
  const handle = await page.locator('iframe[title="Chat"]').elementHandle();
  const f = await handle!.contentFrame();
  if (!f) throw new Error('no chat frame');
  return f;
}
export const uid = () => Math.random().toString(36).slice(2, 8);
