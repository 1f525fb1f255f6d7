// Forms in the widget against a real server: pre-chat (settings.prechat), offline (no agent online), and the
// customisation from workspace settings (colour, position, locale, dark mode).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentSocket } from './harness';
import {
  agentOnline, conversations, frame, gotoShop, messagesOf, newPage, openWidget, patchSettings, sendAsVisitor, setup,
  shot, uid, waitUntil, type Env,
} from './widget-kit';

let env: Env;

beforeAll(async () => { env = await setup(); });
afterAll(async () => { await env?.stop(); });

describe('widget forms', () => {
  it('shows the offline form when no agent is online and turns it into a conversation', async () => {
    await patchSettings(env.api, { away_message: 'We are out for lunch. Leave a message!' });
    const { context, page, errors } = await newPage(env.browser);
    await gotoShop(page, env.server.url + '/');
    await openWidget(page);
    const f = frame(page);
    const form = f.locator('[data-form="offline"]');
    await form.waitFor();
    await expect(f.locator('.comp').count()).resolves.toBe(0);
    await expect(f.locator('.hd-intro').textContent()).resolves.toContain('out for lunch');
    await f.getByRole('button', { name: 'Send message' }).click();
    await f.locator('.ferr').first().waitFor();                                   // required email and message
    await f.locator('#offline-name').fill('Olive Offline');
    await f.locator('#offline-email').fill('olive@example.test');
    const text = `Please call me back ${uid()}`;
    await f.locator('#offline-message').fill(text);
    await shot(page, 'offline-form');
    await f.getByRole('button', { name: 'Send message' }).click();
    await f.locator('[data-form="offline"]', { hasText: 'Thanks' }).waitFor();
    const conv = await waitUntil(async () => {
      for (const c of await conversations(env.api)) if ((await messagesOf(env.api, c.id)).some((m) => m.body === text)) return c;
      return null;
    }, 10_000, 'offline conversation');
    const contact = (await env.api.call('GET', `/api/v1/contacts/${conv.contact_id}`)).body.contact;
    expect(contact.email).toBe('olive@example.test');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('asks for the pre-chat form before the first message', async () => {
    const agent: AgentSocket = await agentOnline(env);
    await patchSettings(env.api, {
      prechat: {
        enabled: true,
        fields: [
          { name: 'name', label: 'Your name', type: 'text', required: true },
          { name: 'email', label: 'Email', type: 'email', required: true },
          { name: 'order', label: 'Order number', type: 'text', required: false },
        ],
      },
    });
    const { context, page, errors } = await newPage(env.browser);
    await gotoShop(page, env.server.url + '/');
    await openWidget(page);
    const f = frame(page);
    await f.locator('[data-form="prechat"]').waitFor();
    await expect(f.locator('.comp').count()).resolves.toBe(0);
    await f.getByRole('button', { name: 'Start chat' }).click();
    await expect(f.locator('.ferr').count()).resolves.toBe(2);
    await f.getByLabel('Your name').fill('Pat Prechat');
    await f.getByLabel('Email', { exact: true }).fill('not-an-email');
    await f.getByLabel('Order number').fill('FW-1001');
    await f.getByRole('button', { name: 'Start chat' }).click();
    await f.locator('.ferr', { hasText: 'valid email' }).waitFor();
    await f.getByLabel('Email', { exact: true }).fill('pat@example.test');
    await shot(page, 'prechat-form');
    await f.getByRole('button', { name: 'Start chat' }).click();
    await f.locator('.comp textarea').waitFor();
    const body = `After the form ${uid()}`;
    await sendAsVisitor(page, body);
    const conv = await waitUntil(async () => {
      for (const c of await conversations(env.api)) if ((await messagesOf(env.api, c.id)).some((m) => m.body === body)) return c;
      return null;
    }, 10_000, 'conversation');
    const contact = (await env.api.call('GET', `/api/v1/contacts/${conv.contact_id}`)).body.contact;
    expect(contact.name).toBe('Pat Prechat');
    expect(contact.email).toBe('pat@example.test');
    expect(contact.attributes.order).toBe('FW-1001');
    // After a reload the form is not asked again: the conversation is there.
    await page.reload();
    await gotoShop(page, env.server.url + '/');
    await openWidget(page);
    await f.locator('.bub', { hasText: body }).waitFor();
    await expect(f.locator('[data-form="prechat"]').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await patchSettings(env.api, { prechat: { enabled: false, fields: [] } });
    await agent.close();
    await context.close();
  });

  it('applies colour, position, locale and dark mode from the workspace settings', async () => {
    const agent: AgentSocket = await agentOnline(env);
    await patchSettings(env.api, {
      color: '#fde047', position: 'left', offset_x: 32, offset_y: 24, locale: 'de', dark_mode: true,
      greeting: 'Hallo!', team_intro: 'Wir antworten meist in wenigen Minuten', launcher_icon: 'help',
    });
    const { context, page } = await newPage(env.browser);
    await gotoShop(page, env.server.url + '/');
    const b = page.locator('button[aria-label="Chat öffnen"]');
    await b.waitFor();
    const box = (await b.boundingBox())!;
    expect(Math.round(box.x)).toBe(32);
    expect(Math.round(800 - box.y - box.height)).toBe(24);
    // A pale yellow keeps its colour with dark text (WCAG AA), instead of white on yellow.
    const colours = await b.evaluate((el) => { const s = getComputedStyle(el); return [s.backgroundColor, s.color]; });
    expect(colours).toEqual(['rgb(253, 224, 71)', 'rgb(17, 24, 39)']);
    await b.click();
    const f = frame(page);
    await f.locator('.pw.dark').waitFor();
    await expect(f.locator('.comp textarea').getAttribute('placeholder')).resolves.toBe('Nachricht schreiben…');
    await expect(f.locator('.hd-greet').textContent()).resolves.toBe('Hallo!');
    await shot(page, 'panel-de-dark');
    // The host page can switch the language.
    await page.evaluate(() => (window as any).Parley('locale', 'es'));
    await waitUntil(() => f.locator('.comp textarea').getAttribute('placeholder').then((p) => p === 'Escribe un mensaje…'), 5000, 'es');
    await context.close();

    // Under 480 px the panel is full screen.
    const mobile = await newPage(env.browser, { viewport: { width: 390, height: 740 } });
    await gotoShop(mobile.page, env.server.url + '/');
    await mobile.page.locator('button[aria-label="Chat öffnen"]').click();
    const panel = (await mobile.page.locator('iframe[title="Chat"]').boundingBox())!;
    expect(panel).toMatchObject({ x: 0, y: 0, width: 390, height: 740 });
    await frame(mobile.page).locator('.comp textarea').waitFor();
    await shot(mobile.page, 'panel-mobile');
    await frame(mobile.page).locator('.hd-x').click();                      // the close button in the header
    await mobile.page.locator('button[aria-label="Chat öffnen"][aria-expanded="false"]').waitFor();
    await mobile.context.close();
    await patchSettings(env.api, { color: '#4f46e5', position: 'right', offset_x: 20, offset_y: 20, locale: 'en',
      dark_mode: false, greeting: 'Hi there', team_intro: 'We typically reply in a few minutes', launcher_icon: 'chat' });
    await agent.close();
  });
});
