// Settings > Webhooks (issue 15, item 5) in Chromium against a real `parley serve --allow-private-webhooks` and a
// receiver this test runs on 127.0.0.1: the empty state; a URL the server refuses, named next to its field; a
// subscription added, its signing secret shown once; "Send test" reaches the receiver signed with that secret
// (checked here with node's crypto, as docs/webhooks.md tells a receiver to); a visitor's message arrives as
// message.created; the delivery log lists both and "Redeliver" sends one again with the same id; a receiver answering
// 500 makes the test fail visibly; turning it off and deleting it; phone width; axe on each state.
// Screenshots: web/e2e/screenshots/webhooks-*.png.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe';
import { newContext, newVisitor, shot, signIn, visitorWrites } from './dashboard-kit';
import { ADMIN, ApiClient, launchBrowser, startServer, type RunningServer } from './harness';

interface Received { headers: Record<string, string | string[] | undefined>; body: string }
let server: RunningServer;
let browser: import('playwright-core').Browser;
let admin: ApiClient;
let ws = '';
let receiver: Server;
let receiverUrl = '';
let answer = 200;
const received: Received[] = [];
const contexts: BrowserContext[] = [];

function startReceiver(): Promise<void> {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(answer, { 'content-type': 'text/plain' });
      res.end(answer === 200 ? 'thanks' : 'receiver is down');
    });
  });
  return new Promise((ok) => receiver.listen(0, '127.0.0.1', () => {
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/parley`;
    ok();
  }));
}

/** What a receiver does: t and v1 from Parley-Signature, HMAC-SHA256(secret, t + "." + body) in constant time. */
function signatureValid(r: Received, secret: string): boolean {
  const header = String(r.headers['parley-signature'] ?? '');
  const parts = Object.fromEntries(header.split(',').map((kv) => kv.split('=', 2)));
  if (!parts.t || !parts.v1) return false;
  const want = createHmac('sha256', secret).update(`${parts.t}.${r.body}`).digest('hex');
  return want.length === parts.v1.length && timingSafeEqual(Buffer.from(want), Buffer.from(parts.v1));
}

async function until<T>(f: () => T | undefined, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  await startReceiver();
  server = await startServer(['--allow-private-webhooks']);
  browser = await launchBrowser();
  ({ api: admin } = await ApiClient.login(server.url));
  ws = (await admin.call('GET', '/api/v1/workspace')).body.workspace.public_id;
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.stop();
  await new Promise((ok) => receiver?.close(ok));
});

describe('Settings > Webhooks', () => {
  it('an admin adds one, tests it, sees its deliveries, redelivers, turns it off and deletes it', async () => {
    const p = await (await newContext(browser, contexts)).newPage();
    await signIn(p, server, ADMIN, '#/settings/webhooks');
    await p.getByText('No webhooks yet').waitFor();
    await expectNoAxeViolations(p, 'Webhooks, empty');

    await p.getByLabel('Endpoint URL').fill('ftp://example.com/hook');
    await p.getByRole('button', { name: 'Add webhook' }).click();
    await p.locator('#webhook-url-error').waitFor();
    expect(await p.getByLabel('Endpoint URL').getAttribute('aria-invalid')).toBe('true');

    await p.getByLabel('Endpoint URL').fill(receiverUrl);
    expect(await p.getByRole('checkbox', { name: /message\.created/ }).isChecked()).toBe(true);
    await p.getByRole('checkbox', { name: /conversation\.resolved/ }).check();
    await p.getByRole('button', { name: 'Add webhook' }).click();
    const dialog = p.getByRole('dialog', { name: 'The webhook’s signing secret' });
    await dialog.waitFor();
    const secret = (await dialog.getByLabel('The signing secret').innerText()).trim();
    expect(secret.length).toBeGreaterThanOrEqual(16);
    await shot(p, 'webhooks-secret');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await p.getByText('Delivering').waitFor();
    expect(await p.content()).not.toContain(secret);

    await p.getByRole('button', { name: `Send test to ${receiverUrl}` }).click();
    await p.getByText(/Test delivered: 200/).waitFor();
    const ping = received.find((r) => JSON.parse(r.body).type === 'ping');
    expect(ping).toBeTruthy();
    expect(signatureValid(ping!, secret)).toBe(true);
    expect(signatureValid(ping!, secret + 'x')).toBe(false);

    const v = await newVisitor(server, ws, 'Hook Visitor');
    await visitorWrites(server, v, 'Where is my parcel?');
    const msg = await until(() => received.find((r) => {
      const b = JSON.parse(r.body);
      return b.type === 'message.created' && JSON.stringify(b.data).includes('Where is my parcel?');
    }));
    expect(signatureValid(msg, secret)).toBe(true);
    const msgId = JSON.parse(msg.body).id as string;
    await shot(p, 'webhooks-list');
    await expectNoAxeViolations(p, 'Webhooks, one subscription');

    await p.getByRole('button', { name: `Deliveries of ${receiverUrl}` }).click();
    const log = p.getByRole('dialog', { name: `Deliveries to ${receiverUrl}` });
    await log.getByText('message.created').first().waitFor();
    await log.getByText('ping').first().waitFor();
    const before = received.length;
    await log.getByRole('button', { name: `Redeliver message.created ${msgId}` }).click();
    await p.getByText(/Redelivered: 200/).waitFor();
    const again = received.slice(before).find((r) => JSON.parse(r.body).id === msgId);
    expect(again, 'the same id, so a receiver can drop it').toBeTruthy();
    await log.getByRole('button', { name: 'Details' }).first().click();
    await log.getByText('Payload').waitFor();
    await shot(p, 'webhooks-deliveries');
    await expectNoAxeViolations(p, 'Webhooks, the delivery log');
    await log.getByRole('button', { name: 'Close' }).click();

    answer = 500;
    await p.getByRole('button', { name: `Send test to ${receiverUrl}` }).click();
    await p.getByText(/Test failed/).waitFor();
    answer = 200;

    await p.getByRole('button', { name: `Turn off ${receiverUrl}` }).click();
    await p.getByText('Off', { exact: true }).waitFor();
    await p.getByRole('button', { name: `Resume ${receiverUrl}` }).waitFor();

    await p.getByRole('button', { name: `Delete ${receiverUrl}` }).click();
    const confirm = p.getByRole('dialog', { name: 'Delete this webhook?' });
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await p.getByText('No webhooks yet').waitFor();
    expect((await admin.call('GET', '/api/v1/webhooks')).body.webhooks).toHaveLength(0);
  });

  it('fits a phone', async () => {
    const made = await admin.call('POST', '/api/v1/webhooks', { url: receiverUrl, events: ['conversation.created', 'message.created', 'csat.submitted'] });
    expect(made.status).toBe(201);
    const phone = await (await newContext(browser, contexts, true)).newPage();
    await signIn(phone, server, ADMIN, '#/settings/webhooks');
    await phone.getByText('Delivering').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await shot(phone, 'webhooks-phone');
  });
});
