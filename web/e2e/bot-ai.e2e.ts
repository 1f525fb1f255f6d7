// AI answers and the bot's numbers (issue 14, items 6 and 7) in Chromium against a real `parley serve` and a small
// OpenAI-compatible chat-completions server this test starts on 127.0.0.1 (the real protocol: POST
// /v1/chat/completions, JSON; it answers from what the prompt carries). An admin sets AI answers up in Settings >
// Automation: AI answers (a bad URL is refused next to its field; the key is then only "set"); a visitor asks in the
// widget and gets the model's answer marked "AI" with the article's card; a question the articles do not hold gets
// "couldn't find" and shows in Settings > Automation: Bot numbers. Screenshots: web/e2e/screenshots/bot-ai-*.png.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe';
import { newContext, shot as dashShot, signIn } from './dashboard-kit';
import { ADMIN } from './harness';
import { frame, gotoShop, newPage, openWidget, sendAsVisitor, setup, shot, teardown, type Env } from './widget-kit';

let env: Env;
let model: Server;
let modelUrl = '';
const prompts: string[] = [];
const contexts: import('playwright-core').BrowserContext[] = [];

/** Answers from the prompt: the article's sentence when the question is about shipping, NO_ANSWER otherwise. */
function startModel(): Promise<void> {
  model = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      prompts.push(body);
      const messages = JSON.parse(body).messages as { role: string; content: string }[];
      const question = messages[messages.length - 1].content;
      const content = /ship/i.test(question) && messages[0].content.includes('two working days')
        ? 'We ship every order within two working days [1].' : 'NO_ANSWER';
      res.writeHead(req.url === '/v1/chat/completions' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] }));
    });
  });
  return new Promise((ok) => model.listen(0, '127.0.0.1', () => { modelUrl = `http://127.0.0.1:${(model.address() as AddressInfo).port}/v1`; ok(); }));
}

beforeAll(async () => {
  env = await setup();
  await startModel();
  const a = await env.api.call('POST', '/api/v1/articles', {
    title: 'Shipping times', body_markdown: 'We ship every order within **two working days** of payment.', status: 'published',
  });
  expect(a.status).toBe(201);
  const bot = await env.api.call('PUT', '/api/v1/bot', {
    enabled: true, when: 'always', greeting: 'Hi! Ask me anything.',
    options: [{ id: 'human', label: 'Talk to a human', action: 'human' }],
  });
  expect(bot.status).toBe(200);
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await teardown(env);
  await new Promise((ok) => model?.close(ok));
});

describe('AI answers', () => {
  it('an admin sets them up; a bad address is refused next to its field; the key is then only "set"', async () => {
    const p = await (await newContext(env.browser, contexts)).newPage();
    await signIn(p, env.server, ADMIN, '#/settings/bot-ai');
    const on = p.getByRole('checkbox', { name: 'The bot answers questions with AI' });
    await on.waitFor();
    expect(await on.isChecked()).toBe(false);
    await on.check();
    await p.getByLabel('Endpoint (base URL)').fill('ftp://models.example');
    await p.getByLabel('Model').fill('llama-3.1-8b-instruct');
    await p.getByLabel('API key').fill('sk-local-123');
    await p.getByRole('button', { name: 'Save' }).click();
    await p.locator('.field-error', { hasText: 'http' }).waitFor();
    await dashShot(p, 'bot-ai-error');
    await p.getByLabel('Endpoint (base URL)').fill(modelUrl);
    await p.getByRole('button', { name: 'Save' }).click();
    await p.getByText('Saved: AI answers are on').waitFor();
    await p.getByText('A key is set. It is never shown again.').waitFor();
    expect(await p.getByLabel('API key').inputValue()).toBe('');
    await dashShot(p, 'bot-ai-settings');
    await expectNoAxeViolations(p, 'Settings > AI answers');
    const settings = await env.api.call('GET', '/api/v1/bot');
    expect(JSON.stringify(settings.body)).not.toContain('sk-local-123');
    expect(settings.body.ai.api_key_set).toBe(true);

    const phone = await (await newContext(env.browser, contexts, true)).newPage();
    await signIn(phone, env.server, ADMIN, '#/settings/bot-ai');
    await phone.getByLabel('Model').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await dashShot(phone, 'bot-ai-settings-phone');
  });

  it('a visitor gets the model\'s answer marked AI with the article; an unknown question shows in the numbers', async () => {
    const v = await newPage(env.browser);
    contexts.push(v.context);
    await gotoShop(v.page, env.server.url + '/');
    await openWidget(v.page);
    const f = frame(v.page);
    await sendAsVisitor(v.page, 'Hello');
    await f.getByText('Hi! Ask me anything.').waitFor({ timeout: 10_000 });
    await sendAsVisitor(v.page, 'How fast do you ship?');
    await f.getByText('We ship every order within two working days.').waitFor({ timeout: 10_000 });
    await f.locator('.sc-ai', { hasText: 'AI' }).waitFor();
    await f.getByRole('link', { name: /Shipping times/ }).waitFor();
    expect(prompts.some((p) => p.includes('two working days') && p.includes('How fast do you ship?'))).toBe(true);
    await shot(v.page, 'bot-ai-widget');

    await sendAsVisitor(v.page, 'Do you deliver by drone?');
    await f.getByText(/couldn.t find an answer/).waitFor({ timeout: 10_000 });

    const p = await (await newContext(env.browser, contexts)).newPage();
    await signIn(p, env.server, ADMIN, '#/settings/bot-numbers');
    await p.getByRole('cell', { name: 'Do you deliver by drone?' }).waitFor();
    await p.getByText('Conversations the bot handled').waitFor();
    expect(await p.locator('.stat-tile dd').first().innerText()).toBe('1');
    await p.getByRole('link', { name: 'Shipping times' }).waitFor();
    await dashShot(p, 'bot-ai-numbers');
    await expectNoAxeViolations(p, 'Settings > Bot numbers');
    await p.getByLabel('Period').selectOption('7');
    await p.getByRole('cell', { name: 'Do you deliver by drone?' }).waitFor();
  });
});
