// The widget on the demo shop against a real `parley serve`: launcher, chat both ways, typing, read receipts,
// history across reloads and navigation, page views, offline sending, unread badge and CSAT.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentSocket } from './harness';
import {
  conversationWith, frame, gotoShop, launcher, messagesOf, newPage, openWidget, sendAsVisitor, setupWithAgent, shot,
  teardown, uid, waitUntil, type Env,
} from './widget-kit';

let env: Env;
let agent: AgentSocket;

beforeAll(async () => { ({ env, agent } = await setupWithAgent()); });
afterAll(() => teardown(env, agent));

describe('widget chat', () => {
  it('draws an accessible launcher without blocking the page and opens the panel', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await gotoShop(page, env.server.url + '/');
    const b = page.locator('button[aria-label="Open chat"]');
    await expect(b.getAttribute('aria-expanded')).resolves.toBe('false');
    // 56-60 px round, 20 px from the bottom right corner, despite the shop's hostile button/svg CSS.
    const box = (await b.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(56);
    expect(box.width).toBeLessThanOrEqual(60);
    expect(Math.round(1200 - box.x - box.width)).toBe(20);
    expect(Math.round(800 - box.y - box.height)).toBe(20);
    // The frame gets the token by postMessage: it is never in the iframe URL.
    const src = await page.locator('iframe[title="Chat"]').getAttribute('src');
    expect(src).toMatch(/\/widget\/frame\.html\?ws=ws_\w+&origin=/);
    expect(src).not.toContain('pv_');
    const stored = await page.evaluate(() => Object.entries(localStorage).find(([k]) => k.startsWith('parley:'))?.[1]);
    expect(JSON.parse(stored!).token).toMatch(/^pv_/);
    await shot(page, 'launcher');

    // Keyboard: Tab reaches the launcher, Enter opens, Escape closes and gives focus back.
    await b.focus();
    await page.keyboard.press('Enter');
    await page.locator('button[aria-label="Close chat"][aria-expanded="true"]').waitFor();
    const dialog = frame(page).locator('[role="dialog"]');
    await expect(dialog.getAttribute('aria-label')).resolves.toBeTruthy();
    await frame(page).locator('.comp textarea').waitFor();
    await waitUntil(() => frame(page).locator('.comp textarea').evaluate((el) => el === document.activeElement), 5000, 'composer focus');
    await page.keyboard.press('Escape');
    await page.locator('button[aria-label="Open chat"][aria-expanded="false"]').waitFor();
    await waitUntil(() => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.tagName === 'BUTTON'), 5000, 'focus back on launcher');
    await shot(page, 'launcher-focus');
    await page.keyboard.press(' ');
    await page.locator('button[aria-label="Close chat"]').waitFor();
    // Panel size ~380x600 above the launcher.
    const panel = (await page.locator('iframe[title="Chat"]').boundingBox())!;
    expect(panel.width).toBe(380);
    expect(panel.height).toBeGreaterThan(500);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('sends a message, the agent replies over REST, typing and read receipts both ways', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await gotoShop(page, env.server.url + '/');
    await openWidget(page);
    const hello = `Hello from the shop ${uid()}`;
    await sendAsVisitor(page, hello);
    const f = frame(page);
    await f.locator('.bub.me', { hasText: hello }).waitFor();
    const conv = await conversationWith(env.api, hello);
    await waitUntil(() => f.locator('.meta', { hasText: 'sending' }).count().then((n) => n === 0), 5000, 'ack');

    // Visitor typing reaches the agent with the draft.
    await f.locator('.comp textarea').fill('Do you ship to');
    await f.locator('.comp textarea').press('s');
    const typing = await agent.waitFor((x) => x.type === 'typing' && x.conversation_id === conv.id && x.typing);
    expect(typing.draft).toContain('Do you ship to');

    // Agent typing shows dots in the widget.
    agent.send({ type: 'typing', conversation_id: conv.id, typing: true });
    await f.locator('.typing').waitFor();
    await shot(page, 'panel-typing');

    // The agent reads: the visitor sees "Seen".
    const r = await env.api.call('POST', `/api/v1/conversations/${conv.id}/read`, { seq: conv.last_seq });
    expect(r.status).toBe(204);
    await f.locator('.meta', { hasText: 'Seen' }).waitFor();

    // The agent replies over REST; the visitor sees it with the agent's name, the dots go away.
    const reply = `Yes, we ship everywhere ${uid()}`;
    const sent = await env.api.call('POST', `/api/v1/conversations/${conv.id}/messages`, { body: reply, client_id: 'agent-' + uid() });
    expect(sent.status).toBe(201);
    await f.locator('.bub', { hasText: reply }).waitFor();
    await f.locator('.who', { hasText: env.agent.name }).waitFor();
    await waitUntil(() => f.locator('.typing').count().then((n) => n === 0), 5000, 'typing cleared');

    // The visitor, panel open, marks the reply read: the agent gets a read frame.
    await agent.waitFor((x) => x.type === 'read' && x.conversation_id === conv.id && x.reader_type === 'visitor'
      && x.seq >= sent.body.message.seq);
    await f.locator('.comp textarea').fill('');
    await shot(page, 'panel-open');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps history across reloads and navigation and reports page views (also SPA navigations)', async () => {
    const { context, page } = await newPage(env.browser);
    await gotoShop(page, env.server.url + '/');
    await openWidget(page);
    const first = `Where is my order? ${uid()}`;
    await sendAsVisitor(page, first);
    const conv = await conversationWith(env.api, first);
    const reply = `Looking into it ${uid()}`;
    await env.api.call('POST', `/api/v1/conversations/${conv.id}/messages`, { body: reply, client_id: 'a-' + uid() });
    await frame(page).locator('.bub', { hasText: reply }).waitFor();

    await page.reload();
    await gotoShop(page, env.server.url + '/product.html');
    await page.getByRole('button', { name: 'Pine' }).click();          // pushState navigation
    await page.waitForURL(/scent=pine/);
    await gotoShop(page, env.server.url + '/cart.html');
    await openWidget(page);
    await frame(page).locator('.bub', { hasText: first }).waitFor();
    await frame(page).locator('.bub', { hasText: reply }).waitFor();

    const views = await waitUntil(async () => {
      const r = await env.api.call('GET', `/api/v1/contacts/${conv.contact_id}/pageviews?limit=50`);
      const urls: string[] = (r.body?.pageviews || []).map((p: any) => p.url);
      return urls.some((u) => u.endsWith('/cart.html')) && urls.some((u) => u.includes('scent=pine')) ? r.body.pageviews : null;
    }, 10_000, 'page views');
    const urls = views.map((p: any) => p.url);
    expect(urls.some((u: string) => u.endsWith('/product.html'))).toBe(true);
    const pine = views.find((p: any) => p.url.includes('scent=pine'));
    expect(pine.title).toContain('pine');
    expect(views[0].url).toMatch(/\/cart\.html$/);                     // newest first
    const contact = await env.api.call('GET', `/api/v1/contacts/${conv.contact_id}`);
    expect(contact.body.contact.timezone).toBeTruthy();
    expect(contact.body.contact.language).toBeTruthy();
    await context.close();
  });

  it('queues messages typed while offline and sends each once, in order, on reconnect', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await gotoShop(page, env.server.url + '/');
    await openWidget(page);
    const f = frame(page);
    const opening = `Before going offline ${uid()}`;
    await sendAsVisitor(page, opening);
    const conv = await conversationWith(env.api, opening);
    // The row is readable once committed; its ack comes after the fsync, a moment later.
    await waitUntil(() => f.locator('.meta', { hasText: 'sending' }).count().then((n) => n === 0), 10_000, 'opening acknowledged');

    await context.setOffline(true);
    await f.locator('.bar', { hasText: 'Reconnecting' }).waitFor();
    const a = `Offline one ${uid()}`;
    const b = `Offline two ${uid()}`;
    await sendAsVisitor(page, a);
    await sendAsVisitor(page, b);
    await expect(f.locator('.meta', { hasText: 'sending' }).count()).resolves.toBe(2);
    await shot(page, 'panel-offline-queue');
    await context.setOffline(false);

    await waitUntil(() => f.locator('.meta', { hasText: 'sending' }).count().then((n) => n === 0), 20_000, 'queued messages acknowledged');
    await waitUntil(() => f.locator('.bar').count().then((n) => n === 0), 10_000, 'reconnect bar gone');
    const msgs = await messagesOf(env.api, conv.id);
    const bodies = msgs.map((m) => m.body);
    expect(bodies.filter((x) => x === a)).toHaveLength(1);
    expect(bodies.filter((x) => x === b)).toHaveLength(1);
    expect(bodies.indexOf(a)).toBeLessThan(bodies.indexOf(b));
    expect(bodies.indexOf(opening)).toBeLessThan(bodies.indexOf(a));
    // The widget shows each once too.
    await expect(f.locator('.bub', { hasText: a }).count()).resolves.toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('counts unread agent messages on the launcher badge while closed, and asks for CSAT after resolve', async () => {
    const { context, page } = await newPage(env.browser);
    await gotoShop(page, env.server.url + '/product.html');
    await openWidget(page);
    const q = `Is the candle vegan? ${uid()}`;
    await sendAsVisitor(page, q);
    const conv = await conversationWith(env.api, q);
    await page.locator('button[aria-label="Close chat"]').click();
    await page.evaluate(() => { const w = window as any; w.__got = []; w.Parley('on', 'message', (m: any) => w.__got.push(m)); });
    await env.api.call('POST', `/api/v1/conversations/${conv.id}/messages`, { body: 'It is beeswax, so not vegan.', client_id: 'a-' + uid() });
    await env.api.call('POST', `/api/v1/conversations/${conv.id}/messages`, { body: 'We have soy candles too.', client_id: 'a-' + uid() });
    const got = await waitUntil(() => page.evaluate(() => (window as any).__got.length === 2 && (window as any).__got), 10_000, 'message events');
    expect(got.map((m: any) => m.body)).toEqual(['It is beeswax, so not vegan.', 'We have soy candles too.']);
    expect(got[0].sender).toBe(env.agent.name);
    const badge = launcher(page).locator('b');
    await waitUntil(() => badge.textContent().then((t) => t === '2'), 10_000, 'badge 2');
    await shot(page, 'launcher-unread');
    await openWidget(page);
    await waitUntil(() => badge.isHidden(), 5000, 'badge cleared');

    const r = await env.api.call('PATCH', `/api/v1/conversations/${conv.id}`, { status: 'resolved' });
    expect(r.status).toBe(200);
    const f = frame(page);
    await f.locator('[data-form="csat"]').waitFor();
    await f.getByRole('radio', { name: '4 of 5' }).click();
    await f.locator('#csat-c').fill('Quick and friendly');
    await shot(page, 'csat');
    await f.getByRole('button', { name: 'Send rating' }).click();
    await f.locator('[data-form="csat"]', { hasText: 'Thank you' }).waitFor();
    const after = await env.api.call('GET', `/api/v1/conversations/${conv.id}`);
    if ('csat_score' in after.body.conversation) expect(after.body.conversation.csat_score).toBe(4);
    await context.close();
  });
  it('sends an image and a file, shows images inline and files as downloads, both ways', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await gotoShop(page, env.server.url + '/');
    await openWidget(page);
    const f = frame(page);
    const opening = `Photo of the damage ${uid()}`;
    await sendAsVisitor(page, opening);
    const conv = await conversationWith(env.api, opening);
    // A 1x1 PNG and a text file through the paperclip's file input.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    await f.locator('input[type="file"]').setInputFiles([
      { name: 'damage.png', mimeType: 'image/png', buffer: png },
      { name: 'receipt notes.txt', mimeType: 'text/plain', buffer: Buffer.from('order FW-1001, paid') },
    ]);
    await f.locator('.row.me .img img[alt="damage.png"]').waitFor();
    await f.locator('.row.me .file', { hasText: 'receipt notes.txt' }).waitFor();
    const stored = await waitUntil(async () => {
      const ms = (await messagesOf(env.api, conv.id)).filter((m) => m.attachments?.length);
      return ms.length >= 2 ? ms : null;
    }, 10_000, 'attachments stored');
    const names = stored.flatMap((m: any) => m.attachments.map((a: any) => a.name)).sort();
    expect(names).toEqual(['damage.png', 'receipt notes.txt']);
    const img = await f.locator('.row.me .img img').evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth);
    expect(img).toBe(1);

    // An agent sends a file back (uploaded over the agents' endpoint): a download row in the widget.
    const up = await fetch(env.server.url + '/api/v1/uploads', {
      method: 'POST', body: Buffer.from('Return label'),
      headers: { authorization: `Bearer ${env.api.token}`, 'content-type': 'text/plain', 'x-filename': encodeURIComponent('return label.txt') },
    });
    expect(up.status).toBe(201);
    const att = await up.json();
    const sent = await env.api.call('POST', `/api/v1/conversations/${conv.id}/messages`,
      { body: 'Here is your return label', client_id: 'a-' + uid(), attachments: [att] });
    expect(sent.status).toBe(201);
    const row = f.locator('.row:not(.me) .file', { hasText: 'return label.txt' });
    await row.waitFor();
    await expect(row.getAttribute('rel')).resolves.toBe('noopener noreferrer');
    await shot(page, 'panel-attachments');
    expect(errors).toEqual([]);
    await context.close();
  });

  it("Parley('shutdown') forgets the visitor: a new anonymous session without the old history", async () => {
    const { context, page } = await newPage(env.browser);
    await gotoShop(page, env.server.url + '/');
    await openWidget(page);
    const secret = `My account number is 1234 ${uid()}`;
    await sendAsVisitor(page, secret);
    await conversationWith(env.api, secret);
    const tokenOf = () => page.evaluate(() => {
      const e = Object.entries(localStorage).find(([k]) => k.startsWith('parley:'));
      return e ? JSON.parse(e[1]).token : null;
    });
    const before = await tokenOf();
    await page.evaluate(() => (window as any).Parley('shutdown'));
    await page.locator('button[aria-label="Open chat"]').waitFor();
    await waitUntil(async () => { const t = await tokenOf(); return t && t !== before; }, 10_000, 'a new visitor token');
    await openWidget(page);
    await frame(page).locator('.comp textarea').waitFor();
    await expect(frame(page).locator('.bub', { hasText: secret }).count()).resolves.toBe(0);
    await context.close();
  });

  it('shows a rate limit in words and sends the refused messages by itself once the wait is over', async () => {
    const { context, page } = await newPage(env.browser);
    await gotoShop(page, env.server.url + '/');
    await openWidget(page);
    const f = frame(page);
    const tag = uid();
    // The server allows a burst of visitor messages, then about one a second.
    const sent: string[] = [];
    for (let i = 0; i < 30; i++) {
      sent.push(`burst ${tag} ${i}`);
      await sendAsVisitor(page, sent[i]);
      if (await f.locator('[role="alert"]').count()) break;
    }
    await f.locator('[role="alert"]', { hasText: 'too fast' }).waitFor();
    await shot(page, 'panel-rate-limited');
    // Held messages say "sending…" (no Retry button) and go out in order, each stored once.
    await expect(f.locator('.meta', { hasText: 'Not sent' }).count()).resolves.toBe(0);
    const conv = await conversationWith(env.api, `burst ${tag} 0`);
    const stored = await waitUntil(async () => {
      const bodies = (await messagesOf(env.api, conv.id)).map((m) => m.body).filter((b) => b.startsWith(`burst ${tag}`));
      return bodies.length >= sent.length ? bodies : null;
    }, 15_000, 'every held message stored');
    expect(stored).toEqual(sent);
    await f.locator('[role="alert"]').waitFor({ state: 'detached' });
    await context.close();
  });
});
