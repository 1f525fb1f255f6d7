// The rule-based bot (issue 14, items 4 and 5) in Chromium against a real `parley serve`: an admin turns the bot on
// (Settings > Automation: Bot, through the API here; the screen is shot and checked with axe), a visitor of the demo
// shop writes, gets the greeting with quick-reply buttons, presses them with the keyboard and the mouse (an answer,
// then "Talk to a human"), the greeting's buttons are disabled once answered, and the chat is handed to the online
// agent, who sees the bot's summary as a private note in the dashboard and the chat in the Bot view.
// Screenshots: web/e2e/screenshots/bot-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe';
import { newContext, shot as dashShot, signIn } from './dashboard-kit';
import { ADMIN, type AgentSocket } from './harness';
import {
  agentOnline, conversations, frame, gotoShop, messagesOf, newPage, openWidget, sendAsVisitor, setup, shot, teardown,
  waitUntil, type Env,
} from './widget-kit';

let env: Env;
let agent: AgentSocket;
const contexts: import('playwright-core').BrowserContext[] = [];

const SETTINGS = {
  enabled: true,
  when: 'always',
  greeting: 'Hi! I’m the shop’s assistant. What can I help you with?',
  options: [
    { id: 'hours', label: 'Opening hours', action: 'answer', text: 'We’re open Monday to Friday, 9:00 to 17:00.' },
    { id: 'order', label: 'Where is my order?', action: 'ask', field: 'order_number', question: 'What’s your order number?' },
    { id: 'human', label: 'Talk to a human', action: 'human' },
  ],
  handoff_text: 'Thanks! Someone from the team will take it from here.',
  offline_text: 'We’re away, back {back}. Leave your email and we’ll reply.',
};

beforeAll(async () => {
  env = await setup();
  agent = await agentOnline(env);
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await teardown(env, agent);
});

describe('the bot', () => {
  it('Settings > Automation: Bot shows the form, off by default, and saves', async () => {
    const p = await (await newContext(env.browser, contexts)).newPage();
    await signIn(p, env.server, ADMIN, '#/settings/bot');
    await p.getByRole('checkbox', { name: 'The bot answers new chats' }).waitFor();
    expect(await p.getByRole('checkbox', { name: 'The bot answers new chats' }).isChecked()).toBe(false);
    // A label left empty: the server's refusal is shown next to that field.
    await p.getByRole('button', { name: 'Add a quick reply' }).click();
    await p.getByRole('textbox', { name: 'Button 2' }).fill('');
    await p.getByRole('button', { name: 'Save' }).click();
    await p.locator('.field-error', { hasText: 'label' }).waitFor();
    await dashShot(p, 'bot-settings-error');
    await p.getByRole('button', { name: 'Remove button 2' }).click();
    await p.getByRole('checkbox', { name: 'The bot answers new chats' }).check();
    await p.getByRole('button', { name: 'Save' }).click();
    await p.getByText('Saved: the bot is on').waitFor();
    await dashShot(p, 'bot-settings');
    await expectNoAxeViolations(p, 'Settings > Bot');
    // Phone width: the form in one column, nothing wider than the screen.
    const phone = await (await newContext(env.browser, contexts, true)).newPage();
    await signIn(phone, env.server, ADMIN, '#/settings/bot');
    await phone.getByRole('checkbox', { name: 'The bot answers new chats' }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await dashShot(phone, 'bot-settings-phone');
    await expectNoAxeViolations(phone, 'Settings > Bot at phone width');
  });

  it('a visitor presses quick replies and is handed to the agent, who sees the summary', async () => {
    const put = await env.api.call('PUT', '/api/v1/bot', SETTINGS);
    expect(put.status).toBe(200);
    const v = await newPage(env.browser);
    contexts.push(v.context);
    await gotoShop(v.page, env.server.url + '/');
    await openWidget(v.page);
    await sendAsVisitor(v.page, 'Hello, my parcel has not arrived');
    const f = frame(v.page);
    const hours = f.getByRole('button', { name: 'Opening hours' });
    await hours.waitFor({ timeout: 10_000 });
    await f.getByRole('group', { name: SETTINGS.greeting }).waitFor();
    await shot(v.page, 'bot-widget-greeting');

    // Keyboard: focus the button and press Enter.
    await hours.focus();
    await v.page.keyboard.press('Enter');
    await f.locator('.bub', { hasText: 'Monday to Friday' }).waitFor({ timeout: 10_000 });
    // The greeting's buttons are answered: disabled. The answer offers them again.
    await waitUntil(async () => (await f.getByRole('group', { name: SETTINGS.greeting }).getByRole('button', { name: 'Opening hours' }).isDisabled()),
      5000, 'the greeting’s buttons disabled');
    const human = f.getByRole('group', { name: SETTINGS.options[0].text }).getByRole('button', { name: 'Talk to a human' });
    await human.click();
    await f.locator('.bub', { hasText: 'Someone from the team' }).waitFor({ timeout: 10_000 });
    await shot(v.page, 'bot-widget-handoff');
    expect(v.errors).toEqual([]);

    // Handed over like a new chat: the online agent has it, with the bot's summary as a private note.
    const conv = await waitUntil(async () => (await conversations(env.api)).find((c: any) => c.assignee_id === env.agent.id),
      10_000, 'assigned to the online agent');
    const msgs = await messagesOf(env.api, conv.id);
    const note = msgs.find((m: any) => m.private && m.sender_type === 'bot');
    expect(note?.body).toContain('the visitor asked for a human');
    expect(note?.body).toContain('"Hello, my parcel has not arrived"');
    expect(note?.body).toContain('Visitor chose: Opening hours, Talk to a human');
    expect(msgs.find((m: any) => m.reply_to_option?.option_id === 'human')?.body).toBe('Talk to a human');

    const p = await (await newContext(env.browser, contexts)).newPage();
    await signIn(p, env.server, ADMIN, `#/inbox?view=bot&c=${conv.id}`);
    await p.locator('.msg-note', { hasText: 'Bot handoff' }).waitFor({ timeout: 10_000 });
    await p.locator('.msg-quick').first().waitFor();
    await p.locator('.sidebar [data-view="bot"][aria-current="page"]').waitFor();
    await dashShot(p, 'bot-dashboard-handoff');
    await expectNoAxeViolations(p, 'a chat the bot handed over');
  });

  it('answers a question with an article card that links to the help center', async () => {
    const made = await env.api.call('POST', '/api/v1/articles', {
      title: 'Shipping times', body_markdown: 'Parcels leave our workshop within two days; shipping takes 3 to 5 days.', status: 'published',
    });
    // The knowledge base's REST comes with its own commit; without it there is no article to show.
    if (made.status === 404) return;
    expect(made.status).toBe(201);
    expect((await env.api.call('PUT', '/api/v1/bot', SETTINGS)).status).toBe(200);
    const v = await newPage(env.browser);
    contexts.push(v.context);
    await gotoShop(v.page, env.server.url + '/');
    await openWidget(v.page);
    await sendAsVisitor(v.page, 'Hi');
    const f = frame(v.page);
    await f.getByRole('button', { name: 'Opening hours' }).waitFor({ timeout: 10_000 });
    await sendAsVisitor(v.page, 'How long does shipping take?');
    const card = f.getByRole('link', { name: /Shipping times/ });
    await card.waitFor({ timeout: 10_000 });
    expect(await card.getAttribute('href')).toBe(made.body.url);
    expect(await card.getAttribute('target')).toBe('_blank');
    await shot(v.page, 'bot-widget-article');
    expect(v.errors).toEqual([]);
    await expectNoAxeViolations(v.page.frames().find((x) => x.url().includes('/widget/frame.html'))!, 'the widget with an article card');
  });
});
