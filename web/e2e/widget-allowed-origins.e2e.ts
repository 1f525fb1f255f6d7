// Settings > Allowed domains, enforced where a host page cannot lie: the browser refuses to show the chat frame on
// a site outside the list (its CSP frame-ancestors comes from the workspace), and the server refuses the session
// and the socket of a page the frame reports as not allowed. Two host pages on two origins, one allowed.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AgentSocket } from './harness';
import { agentOnline, conversationWith, frame, newPage, openWidget, sendAsVisitor, setup, uid, waitUntil, type Env } from './widget-kit';

let env: Env;
let agent: AgentSocket;
let publicId = '';
const hosts: Server[] = [];

// A host page on its own port of localhost: another origin than the server's 127.0.0.1.
async function hostPage(title: string): Promise<string> {
  const s = createServer((req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><html lang="en"><head><title>${title}</title>
      <script>window.Parley = window.Parley || function () { (Parley.q = Parley.q || []).push(arguments); };</script>
      <script async src="${env.server.url}/widget.js" data-workspace="${publicId}"></script></head>
      <body><main><h1>${title}</h1></main></body></html>`);
  });
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  hosts.push(s);
  const addr = s.address();
  return `http://localhost:${typeof addr === 'object' && addr ? addr.port : 0}`;
}

let allowed = '';
let other = '';

beforeAll(async () => {
  env = await setup();
  agent = await agentOnline(env);
  publicId = (await env.api.call('GET', '/api/v1/workspace')).body.workspace.public_id;
  allowed = await hostPage('Allowed shop');
  other = await hostPage('Another site');
  const r = await env.api.call('PATCH', '/api/v1/workspace', { allowed_origins: [allowed] });
  expect(r.status).toBe(200);
});
afterAll(async () => {
  await agent?.close();
  for (const h of hosts) h.close();
  await env?.stop();
});

describe('allowed domains', () => {
  it('lets the allowed site chat', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await page.goto(allowed + '/');
    await page.evaluate(() => new Promise<void>((ok) => (window as any).Parley('on', 'ready', ok)));
    await openWidget(page);
    const text = `from the allowed shop ${uid()}`;
    await sendAsVisitor(page, text);
    await conversationWith(env.api, text);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('does not show the chat on another site', async () => {
    const { context, page } = await newPage(env.browser);
    const blocked: string[] = [];
    page.on('console', (m) => { if (/frame-ancestors|Refused to frame/i.test(m.text())) blocked.push(m.text()); });
    await page.goto(other + '/');
    await page.locator('button[aria-label="Open chat"]').click();
    // Chromium refuses the frame: its document never becomes the chat app.
    await waitUntil(async () => blocked.length > 0, 10_000, 'the browser refusing to frame the chat');
    const chat = frame(page).locator('[role="dialog"]');
    await page.waitForTimeout(1000);
    expect(await chat.count()).toBe(0);
    await context.close();
  });

  it('refuses the session and the socket of a page the frame reports as not allowed', async () => {
    // What the frame itself would send if a page outside the list got it loaded some other way.
    const session = await fetch(env.server.url + '/api/v1/widget/sessions', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workspace_id: publicId, embed_origin: other }),
    });
    expect(session.status).toBe(403);
    expect((await session.json()).error.field).toBe('embed_origin');
    const ok = await fetch(env.server.url + '/api/v1/widget/sessions', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workspace_id: publicId, embed_origin: allowed }),
    });
    expect(ok.status).toBe(201);
    const token = (await ok.json()).visitor_token;
    const answer = await new Promise<any>((resolve, reject) => {
      const ws = new WebSocket(env.server.url.replace('http', 'ws') + '/ws');
      ws.onopen = () => ws.send(JSON.stringify({ type: 'hello', token, embed_origin: other }));
      ws.onmessage = (e) => { resolve(JSON.parse(String(e.data))); ws.close(); };
      ws.onerror = () => reject(new Error('socket error'));
    });
    expect(answer.type).toBe('error');
    expect(answer.code).toBe('forbidden');
  });

  it('still serves the chat on the server\'s own pages (the demo shop)', async () => {
    const { context, page } = await newPage(env.browser);
    await page.goto(env.server.url + '/');
    await page.evaluate(() => new Promise<void>((ok) => (window as any).Parley('on', 'ready', ok)));
    await openWidget(page);
    await context.close();
  });
});
