// Security of the widget against a real server: an XSS corpus both ways renders as inert text, the widget
// works on a host page of another origin (postMessage with named and checked origins), identify with a valid
// and a forged user_hash.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentSocket } from './harness';
import {
  agentOnline, conversationWith, frame, gotoShop, messagesOf, newPage, openWidget, sendAsVisitor, setup, uid,
  waitUntil, type Env,
} from './widget-kit';

let env: Env;
let agent: AgentSocket;
let host: Server;
let hostUrl = '';
let publicId = '';

const CORPUS = [
  '<img src=x onerror="window.__xss=1;alert(1)">',
  '<script>window.__xss=1;alert(2)</script>',
  '<svg onload="window.__xss=1;alert(3)"></svg>',
  '[click me](javascript:window.__xss=1;alert(4))',
  'javascript:window.__xss=1;alert(5)',
  '<a href="javascript:window.__xss=1;alert(6)">link</a>',
  '"><iframe src="javascript:window.__xss=1;alert(7)"></iframe>',
  '![img](x" onerror="window.__xss=1;alert(8))',
  '<a href="data:text/html,<script>alert(9)</script>">data</a>',
  '{{constructor.constructor("window.__xss=1;alert(10)")()}}',
  'safe link https://example.com/ok and mail ada@example.com',
];

beforeAll(async () => {
  env = await setup();
  agent = await agentOnline(env);
  const ws = await env.api.call('GET', '/api/v1/workspace');
  publicId = ws.body.workspace.public_id;
  // A host page on another origin (localhost vs 127.0.0.1, another port) that embeds the snippet.
  host = createServer((req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><html><head><title>Other site</title>
      <script>window.Parley = window.Parley || function () { (Parley.q = Parley.q || []).push(arguments); };</script>
      <script async src="${env.server.url}/widget.js" data-workspace="${publicId}"></script></head>
      <body><h1>Another site</h1></body></html>`);
  });
  await new Promise<void>((ok) => host.listen(0, '127.0.0.1', ok));
  const addr = host.address();
  hostUrl = `http://localhost:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
afterAll(async () => {
  await agent?.close();
  host?.close();
  await env?.stop();
});

describe('widget security', () => {
  it('renders an XSS corpus sent both ways as inert text', async () => {
    const { context, page, errors, dialogs } = await newPage(env.browser);
    await gotoShop(page, env.server.url + '/');
    await openWidget(page);
    const f = frame(page);
    const tag = uid();
    await sendAsVisitor(page, `xss start ${tag}`);
    const conv = await conversationWith(env.api, `xss start ${tag}`);
    for (const p of CORPUS) {
      await sendAsVisitor(page, p);
      await env.api.call('POST', `/api/v1/conversations/${conv.id}/messages`, { body: p, client_id: 'x-' + uid() });
    }
    await waitUntil(async () => (await messagesOf(env.api, conv.id)).length >= 1 + CORPUS.length * 2, 15_000, 'all stored');
    await waitUntil(() => f.locator('.bub').count().then((n) => n >= 1 + CORPUS.length * 2), 15_000, 'all rendered');
    await waitUntil(() => f.locator('.meta', { hasText: 'sending' }).count().then((n) => n === 0), 10_000, 'acks');
    await new Promise((r) => setTimeout(r, 500)); // give any injected handler time to run

    // Stored as typed, shown as typed (text, not markup).
    const stored = (await messagesOf(env.api, conv.id)).map((m) => m.body);
    for (const p of CORPUS) expect(stored.filter((b) => b === p)).toHaveLength(2);
    const texts = await f.locator('.bub').allTextContents();
    for (const p of CORPUS) expect(texts.filter((x) => x === p).length, p).toBe(2);

    // Nothing ran, nothing was injected.
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
    expect(await f.locator('body').evaluate(() => (window as any).__xss)).toBeUndefined();
    await expect(f.locator('.bub img, .bub script, .bub svg, .bub iframe').count()).resolves.toBe(0);
    // Only http(s)/mailto are links, each opening a new tab without opener or referrer.
    const links = await f.locator('.bub a').evaluateAll((as) => as.map((a) => ({
      href: a.getAttribute('href'), target: a.getAttribute('target'), rel: a.getAttribute('rel') })));
    expect(links.length).toBe(4); // the safe line twice: one https and one mailto each
    for (const l of links) {
      expect(l.href).toMatch(/^(https:\/\/example\.com\/ok|mailto:ada@example\.com)$/);
      expect(l.target).toBe('_blank');
      expect(l.rel).toBe('noopener noreferrer');
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works on a host page of another origin and keeps the token in that page\'s storage', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await gotoShop(page, hostUrl + '/');
    const src = await page.locator('iframe[title="Chat"]').getAttribute('src');
    expect(src).toBe(`${env.server.url}/widget/frame.html?ws=${env.workspace.public_id}&origin=${encodeURIComponent(hostUrl)}`);
    await openWidget(page);
    const body = `From another site ${uid()}`;
    await sendAsVisitor(page, body);
    await conversationWith(env.api, body);
    const stored = await page.evaluate((k) => localStorage.getItem(k), `parley:${publicId}`);
    expect(JSON.parse(stored!).token).toMatch(/^pv_/);

    // A message from a foreign origin (a third-party iframe on the host page) is ignored by the frame.
    await page.evaluate(() => {
      const evil = document.createElement('iframe');
      evil.sandbox = 'allow-scripts'; // an opaque origin
      evil.srcdoc = `<script>for (let i = 0; i < parent.frames.length; i++) {
        parent.frames[i].postMessage({t:'cmd',c:'locale',a:'de'},'*');
        parent.frames[i].postMessage({t:'init',ws:'x',store:{token:'pv_forged'}},'*'); }</script>`;
      document.body.append(evil);
    });
    await new Promise((r) => setTimeout(r, 500));
    await expect(frame(page).locator('.comp textarea').getAttribute('placeholder')).resolves.toBe('Write a message…');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('identify with a valid user_hash merges the visitor into the known contact across devices', async () => {
    const ws = await env.api.call('GET', '/api/v1/workspace');
    const secret: string = ws.body.workspace.hmac_secret;
    expect(secret).toBeTruthy();
    const userId = 'user-' + uid();
    const userHash = createHmac('sha256', secret).update(userId).digest('hex');
    const identify = { user_id: userId, user_hash: userHash, name: 'Grace Hopper', email: `${userId}@example.test`,
      attributes: { plan: 'pro' } };

    const one = await newPage(env.browser);
    await one.page.addInitScript((id) => { (window as any).__identify = id; }, identify);
    await gotoShop(one.page, env.server.url + '/');
    await one.page.evaluate(() => (window as any).Parley('identify', (window as any).__identify));
    await openWidget(one.page);
    const body = `Identified hello ${uid()}`;
    await sendAsVisitor(one.page, body);
    const conv = await conversationWith(env.api, body);
    const contact = await waitUntil(async () => {
      const c = (await env.api.call('GET', `/api/v1/contacts/${conv.contact_id}`)).body.contact;
      return c.external_id === userId ? c : null;
    }, 10_000, 'contact identified');
    expect(contact.name).toBe('Grace Hopper');
    expect(contact.email).toBe(identify.email);
    await one.context.close();

    // Another device: a fresh browser context identifies as the same user and sees the history.
    const two = await newPage(env.browser);
    await gotoShop(two.page, env.server.url + '/cart.html');
    await two.page.evaluate((id) => (window as any).Parley('identify', id), identify);
    await openWidget(two.page);
    await frame(two.page).locator('.bub', { hasText: body }).waitFor({ timeout: 10_000 });
    await two.context.close();
  });

  it('identify with a forged user_hash is rejected and shown, the visitor stays anonymous', async () => {
    const { context, page } = await newPage(env.browser);
    await gotoShop(page, env.server.url + '/');
    await openWidget(page);
    const before = (await env.api.call('GET', '/api/v1/workspace')).status;
    expect(before).toBe(200);
    await page.evaluate(() => (window as any).Parley('identify', { user_id: 'victim-1', user_hash: 'ab'.repeat(32), name: 'Mallory' }));
    const f = frame(page);
    await f.locator('[role="alert"]', { hasText: 'could not verify' }).waitFor();
    const body = `Anonymous after forgery ${uid()}`;
    await sendAsVisitor(page, body);
    const conv = await conversationWith(env.api, body);
    const c = (await env.api.call('GET', `/api/v1/contacts/${conv.contact_id}`)).body.contact;
    expect(c.external_id ?? null).toBeNull();
    expect(c.name).not.toBe('Mallory');
    await context.close();
  });
});
