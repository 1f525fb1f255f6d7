// Issue 10 in the widget, in Chromium against a real `parley serve`: Settings > Widget (language, launcher label and
// image, background, animations) reaching the site; the browser's language; right to left; the animations and
// prefers-reduced-motion; the lazy emoji picker with search and keyboard; GIFs that animate (and stand still under
// reduced motion); the "wait" banner leaving when the wait is over; a failed message keeping its place in time.
import { Buffer } from 'node:buffer';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, type AgentSocket } from './harness';
import { signIn } from './dashboard-kit';
import { expectNoAxeViolations } from './axe';
import {
  chatFrame, conversationWith, frame, gotoShop, newPage, openWidget, patchSettings, sendAsVisitor, setupWithAgent, shot,
  teardown, uid, waitUntil, type Env,
} from './widget-kit';

// A 32x32 white ring (PNG, transparent) and a 16x16 GIF that loops red, blue, red... every 150 ms.
const LOGO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAb0lEQVR42u1XQQ4AIAjy/5+2J1RCQU3ODZlDpYjGa8gJZIWPCUkQ0uKQiAohTQRKAotgtLHMwTRSiYs9Tlt8iOEoXUDdDndh5WFl5lvAXwKumvD6GMoXkcUqlh8ji3MsDyQWkcwilFrEcpuPSeMUBjS0Owya76jKAAAAAElFTkSuQmCC', 'base64');
const GIF = Buffer.from('R0lGODlhEAAQAIAAANwmJiVj6yH/C05FVFNDQVBFMi4wAwEAAAAh+QQADwAAACwAAAAAEAAQAAACkQQIECBAgAABAgQIECBAgAABAgQIECBAgAABAgQIECBAgAABAgQIECBAgAABAgQIECBAgAABAgQIECBAgAABAgQIECBAgAABAgQIECBAgAABAgQIECBAgAABAgQIECBAgAABAgQIECBAgAABAgQIECBAgAABAgQIECBAgAABAgQIECBAgAABAgQIECBAgAABAgUAIfkEAA8AAAAsAAAAABAAEAAAApFMmDBhwoQJEyZMmDBhwoQJEyZMmDBhwoQJEyZMmDBhwoQJEyZMmDBhwoQJEyZMmDBhwoQJEyZMmDBhwoQJEyZMmDBhwoQJEyZMmDBhwoQJEyZMmDBhwoQJEyZMmDBhwoQJEyZMmDBhwoQJEyZMmDBhwoQJEyZMmDBhwoQJEyZMmDBhwoQJEyZMmDBhwoQJEyYFADs=', 'base64');

let env: Env;
let agent: AgentSocket;
const DEFAULT_LOOK = {
  locale: 'auto', launcher_label: '', launcher_image: '', launcher_animation: 'pop', panel_animation: 'slide',
  background: 'none', background_image: '', position: 'right', greeting: 'Hi there',
};

beforeAll(async () => { ({ env, agent } = await setupWithAgent()); });
afterAll(() => teardown(env, agent));
// Every test starts from the default look, whatever the one before left.
beforeEach(async () => { await patchSettings(env.api, DEFAULT_LOOK); });

/** The launcher button inside the loader's shadow root (Playwright pierces it). */
const launcherButton = (page: Page) => page.locator('button[aria-expanded]');
/** Waits until the loader painted the workspace's look sent by the frame. */
const lookPainted = (page: Page, text: string) => waitUntil(() => page.evaluate((t) =>
  [...document.body.children].some((el) => el.shadowRoot?.querySelectorAll('style')[1]?.textContent?.includes(t)), text), 10_000, `launcher css with ${text}`);

describe('widget customisation', () => {
  it('Settings > Widget: language, launcher label and image, background and animations reach the site', async () => {
    const admin = await newPage(env.browser, { viewport: { width: 1440, height: 1000 } });
    await signIn(admin.page, env.server, ADMIN, '#/settings/widget');
    const p = admin.page;
    await p.getByRole('heading', { name: 'Widget', exact: true }).waitFor();
    await p.getByLabel('Language').selectOption('es');
    await p.getByLabel('Label beside the icon').fill('Chat with us');
    await p.locator('.wp-launcher', { hasText: 'Chat with us' }).waitFor();          // the live preview
    await p.locator('input[type="file"]').first().setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: LOGO });
    await waitUntil(() => p.getByLabel('Custom icon image').inputValue().then((v) => /^\/uploads\/[0-9a-f]{32}\.png$/.test(v)), 10_000, 'uploaded image');
    await p.getByLabel('Entrance animation').selectOption('bounce');
    await p.getByLabel('Open and close animation').selectOption('zoom');
    await p.getByRole('radio', { name: 'Dots' }).check();
    // A hostile address is refused before it is saved.
    await p.getByRole('radio', { name: 'Image' }).check();
    await p.getByLabel('Background image').fill('javascript:alert(1)');
    await p.getByText('Use an https:// address or upload an image.').waitFor();
    await expect(p.getByRole('button', { name: 'Save widget' }).isDisabled()).resolves.toBe(true);
    await p.getByRole('radio', { name: 'Dots' }).check();
    await expectNoAxeViolations(p, 'settings: widget, customised');
    await shot(p, 'settings-widget');
    await p.getByRole('button', { name: 'Save widget' }).click();
    await p.getByText('Widget saved').waitFor();
    const saved = (await env.api.call('GET', '/api/v1/workspace')).body.workspace.settings;
    expect(saved).toMatchObject({ locale: 'es', launcher_label: 'Chat with us', background: 'dots', launcher_animation: 'bounce',
      panel_animation: 'zoom' });
    expect(saved.launcher_image).toMatch(/^\/uploads\/[0-9a-f]{32}\.png$/);
    // The server refuses what the form would not send.
    const bad = await env.api.call('PATCH', '/api/v1/workspace', { settings: { background_image: 'http://x.example/a.png' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('settings.background_image');
    await admin.context.close();

    // The site: a Spanish pill with the uploaded image, a dotted chat.
    const { context, page, errors } = await newPage(env.browser);
    await gotoShop(page, env.server.url + '/');
    await lookPainted(page, 'content:');
    const b = launcherButton(page);
    await expect(b.getAttribute('aria-label')).resolves.toBe('Escríbenos');       // the default label, in Spanish
    const box = (await b.boundingBox())!;
    expect(box.width).toBeGreaterThan(120);
    expect(Math.round(1200 - box.x - box.width)).toBe(20);
    const pseudo = await b.evaluate((el) => [getComputedStyle(el, '::after').content, getComputedStyle(el, '::before').backgroundImage]);
    expect(pseudo[0]).toBe('"Escríbenos"');
    expect(pseudo[1]).toMatch(new RegExp(`^url\\("${env.server.url}/uploads/[0-9a-f]{32}\\.png"\\)$`));
    await shot(page, 'launcher-label');
    await b.click();
    const f = frame(page);
    await f.locator('.pw.bg-dots').waitFor();
    await expect(f.locator('.hd-greet').textContent()).resolves.toBe('¡Hola!');
    await expect(f.locator('.comp textarea').getAttribute('placeholder')).resolves.toBe('Escribe un mensaje…');
    await expect(b.getAttribute('aria-label')).resolves.toBe('Cerrar chat');
    await sendAsVisitor(page, `Hola ${uid()}`);
    await shot(page, 'panel-custom');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('speaks the browser\'s language when the workspace says automatic; the host page still wins', async () => {
    await patchSettings(env.api, { locale: 'auto' });
    const es = await newPage(env.browser, { locale: 'es-ES' });
    await gotoShop(es.page, env.server.url + '/');
    await lookPainted(es.page, '--bg');
    await expect(launcherButton(es.page).getAttribute('aria-label')).resolves.toBe('Abrir chat');
    await launcherButton(es.page).click();
    await frame(es.page).locator('.comp textarea[placeholder="Escribe un mensaje…"]').waitFor();
    await expect(frame(es.page).locator('html').getAttribute('lang')).resolves.toBe('es-ES');
    await es.context.close();

    const de = await newPage(env.browser, { locale: 'de-DE' });
    await de.page.goto(env.server.url + '/');
    await de.page.evaluate(() => (window as any).Parley('locale', 'fr'));
    await de.page.evaluate(() => new Promise<void>((ok) => (window as any).Parley('on', 'ready', ok)));
    await de.page.locator('button[aria-label="Ouvrir le chat"]').click();
    await frame(de.page).locator('.comp textarea[placeholder="Écrivez un message…"]').waitFor();
    await de.context.close();
  });

  it('right to left: Arabic mirrors the panel, the launcher stays where the site put it', async () => {
    await patchSettings(env.api, { locale: 'ar', launcher_label: 'Chat with us' });
    for (const [name, viewport] of [['desktop', { width: 1200, height: 800 }], ['phone', { width: 390, height: 740 }]] as const) {
      const { context, page, errors } = await newPage(env.browser, { viewport });
      await gotoShop(page, env.server.url + '/');
      await lookPainted(page, 'direction:rtl');
      const b = launcherButton(page);
      await expect(b.getAttribute('aria-label')).resolves.toBe('تحدث معنا');
      const box = (await b.boundingBox())!;
      expect(Math.round(viewport.width - box.x - box.width)).toBe(20);          // still bottom right
      await shot(page, `launcher-rtl-${name}`);
      await b.click();
      const f = frame(page);
      await f.locator('.comp textarea').waitFor();
      await expect(f.locator('html').getAttribute('dir')).resolves.toBe('rtl');
      const text = `مرحبا ${uid()}`;
      await sendAsVisitor(page, text);
      // A box is null while its element is being redrawn (the pending bubble becomes the stored one, the
      // header draws): wait for each to be on screen rather than read it once.
      const bubble = await waitUntil(() => f.locator('.bub.me', { hasText: text }).boundingBox(), 10_000, 'the bubble');
      const panel = await waitUntil(() => page.locator('iframe[title="Chat"]').boundingBox(), 10_000, 'the panel');
      expect(bubble.x - panel.x).toBeLessThan(panel.width / 2);                  // the visitor's side is now the left
      const close = await waitUntil(() => f.locator('.hd-x').boundingBox(), 10_000, 'the close button');
      expect(close.x - panel.x).toBeLessThan(panel.width / 2);
      await shot(page, `panel-rtl-${name}`);
      await expectNoAxeViolations(await chatFrame(page), `widget, RTL, ${name}`);
      expect(errors).toEqual([]);
      await context.close();
    }
    await patchSettings(env.api, DEFAULT_LOOK);
  });

  it('animates the launcher\'s entrance and the panel only when the visitor has not asked for reduced motion', async () => {
    await patchSettings(env.api, { panel_animation: 'slide', launcher_animation: 'pop' });
    const motion = await newPage(env.browser, { reducedMotion: 'no-preference' });
    await gotoShop(motion.page, env.server.url + '/');
    await lookPainted(motion.page, 'animation:p');
    const b = launcherButton(motion.page);
    await expect(b.evaluate((el) => getComputedStyle(el).animationName)).resolves.toBe('p');
    // Opening starts a transition of the panel at once (checked in the same task as the click).
    const running = await b.evaluate((el) => {
      (el as HTMLButtonElement).click();
      const panel = el.getRootNode() instanceof ShadowRoot ? (el.getRootNode() as ShadowRoot).querySelector('iframe')! : null;
      return panel ? panel.getAnimations().map((a) => (a as any).transitionProperty).filter(Boolean) : [];
    });
    expect(running).toEqual(expect.arrayContaining(['opacity', 'translate']));
    await motion.context.close();

    const still = await newPage(env.browser, { reducedMotion: 'reduce' });
    await gotoShop(still.page, env.server.url + '/');
    await lookPainted(still.page, 'animation:p');
    const sb = launcherButton(still.page);
    await expect(sb.evaluate((el) => getComputedStyle(el).animationName)).resolves.toBe('none');
    const none = await sb.evaluate((el) => {
      (el as HTMLButtonElement).click();
      return (el.getRootNode() as ShadowRoot).querySelector('iframe')!.getAnimations().length;
    });
    expect(none).toBe(0);
    await still.context.close();
  });
});

describe('the README picture', () => {
  it('a conversation on the dotted background (docs/widget.png is copied from e2e/screenshots/readme-widget.png)', async () => {
    await patchSettings(env.api, { background: 'dots' });
    const { context, page, errors } = await newPage(env.browser);
    await gotoShop(page, env.server.url + '/');
    await openWidget(page);
    const f = frame(page);
    const ask = 'Hi! Does the wool scarf come in green?';
    await sendAsVisitor(page, ask);
    const conv = await conversationWith(env.api, ask);
    await env.api.call('POST', `/api/v1/conversations/${conv.id}/messages`,
      { body: 'It does: moss and forest green, both in stock. Want me to put one aside?', client_id: uid() });
    await f.locator('.bub', { hasText: 'moss and forest' }).waitFor();
    await sendAsVisitor(page, 'Forest green, please!');
    await f.locator('.bub', { hasText: 'Forest green, please' }).waitFor();
    await waitUntil(() => f.locator('.meta', { hasText: 'sending' }).count().then((n) => n === 0), 5000, 'acks');
    await f.locator('.comp textarea').fill('Thank you');
    await shot(page, 'readme-widget');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('emoji, GIFs, banners and order', () => {
  it('loads the full emoji set only when the picker opens; search, keyboard and recently used', async () => {
    const { context, page, errors } = await newPage(env.browser);
    const lazy: string[] = [];
    page.on('request', (r) => { if (/EmojiPicker-|_parley-emoji-/.test(r.url())) lazy.push(r.url()); });
    await gotoShop(page, env.server.url + '/');
    await openWidget(page);
    const f = frame(page);
    await f.locator('.comp textarea').waitFor();
    expect(lazy).toEqual([]);                                   // nothing of the picker on a page view
    await f.getByRole('button', { name: 'Insert emoji' }).click();
    const search = f.getByRole('searchbox', { name: 'Search emoji' });
    await search.waitFor();
    await waitUntil(async () => (await f.locator('.eg button').count()) > 1800, 10_000, 'the full set');
    expect(lazy.some((u) => u.includes('_parley-emoji-en'))).toBe(true);
    await expect(search.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await search.fill('thumbs up');
    await f.locator('.eg button[aria-label="thumbs up"]').waitFor();
    await shot(page, 'emoji-search');
    await search.press('Enter');                                // the first result
    await waitUntil(() => f.locator('.comp textarea').inputValue().then((v) => v.includes('👍')), 5000, 'emoji inserted');
    await f.locator('.emoji').waitFor({ state: 'detached' });

    // Keyboard: into the grid, along it, pick; Escape closes and gives focus back to the button.
    await f.getByRole('button', { name: 'Insert emoji' }).click();
    await f.getByRole('heading', { name: 'Recently used' }).waitFor();
    const focused = () => f.locator(':focus').getAttribute('aria-label').catch(() => null);
    await search.press('ArrowDown');
    await waitUntil(async () => (await focused()) === 'thumbs up', 5000, 'focus on the recently used 👍');
    await page.keyboard.press('ArrowRight');
    await waitUntil(async () => { const l = await focused(); return l && l !== 'thumbs up'; }, 5000, 'focus on the next emoji');
    await page.keyboard.press('Escape');
    await f.locator('.emoji').waitFor({ state: 'detached' });
    await waitUntil(async () => (await focused()) === 'Insert emoji', 5000, 'focus back on the emoji button');
    await expect(launcherButton(page).getAttribute('aria-expanded')).resolves.toBe('true');   // the panel stays open
    expect(errors).toEqual([]);
    await context.close();
  });

  it('GIFs animate; under reduced motion they show their first frame with a play button', async () => {
    const upload = async (page: Page) => {
      await frame(page).locator('.comp input[type="file"]').setInputFiles({ name: 'loop.gif', mimeType: 'image/gif', buffer: GIF });
    };
    // A canvas's pixel (the still frame is drawn on one).
    const colourOf = (page: Page, sel: string) => frame(page).locator(sel).evaluate((el) => {
      const c = el as HTMLCanvasElement;
      return Array.from(c.getContext('2d')!.getImageData(1, 1, 1, 1).data.slice(0, 3)).join(',');
    });
    // What is on screen (drawImage of an <img> gives a GIF's first frame, whatever is shown).
    const pixels = (page: Page, sel: string) => frame(page).locator(sel).screenshot().then((b) => b.toString('base64'));

    const moving = await newPage(env.browser, { reducedMotion: 'no-preference' });
    await gotoShop(moving.page, env.server.url + '/');
    await openWidget(moving.page);
    await upload(moving.page);
    const img = 'img[alt="loop.gif"]';
    await frame(moving.page).locator(img).waitFor();
    await waitUntil(() => frame(moving.page).locator(img).evaluate((el) => (el as HTMLImageElement).complete), 5000, 'decoded');
    const first = await pixels(moving.page, img);
    // What is on screen changes on its own: the GIF plays.
    await waitUntil(async () => (await pixels(moving.page, img)) !== first, 5000, 'a second frame on screen');
    await moving.context.close();

    const still = await newPage(env.browser, { reducedMotion: 'reduce' });
    await gotoShop(still.page, env.server.url + '/');
    await openWidget(still.page);
    await upload(still.page);
    const f = frame(still.page);
    const canvas = f.locator('canvas[role="img"][aria-label="loop.gif"]');
    await canvas.waitFor();
    await waitUntil(async () => (await colourOf(still.page, 'canvas[role="img"]')) === '220,38,38', 5000, 'the first frame (red)');
    await expect(f.locator(img).count()).resolves.toBe(0);
    await shot(still.page, 'gif-still');
    await f.getByRole('button', { name: 'Play animation: loop.gif' }).click();
    await f.locator(img).waitFor();
    await f.getByRole('button', { name: 'Pause animation: loop.gif' }).waitFor();
    await still.context.close();
  });

  it('a "try again in N s" banner goes away when the wait is over', async () => {
    const { context, page, errors } = await newPage(env.browser);
    let refused = 0;
    await context.route('**/api/v1/widget/uploads', async (route) => {
      if (refused++) return route.continue();
      await route.fulfill({ status: 429, headers: { 'retry-after': '2', 'content-type': 'application/json' },
        body: JSON.stringify({ error: { code: 'rate_limited', message: 'too many files, try again in 2 s' } }) });
    });
    await gotoShop(page, env.server.url + '/');
    await openWidget(page);
    await frame(page).locator('.comp input[type="file"]').setInputFiles({ name: 'a.txt', mimeType: 'text/plain', buffer: Buffer.from('hi\n') });
    const banner = frame(page).locator('.err[role="alert"]', { hasText: 'You have sent too many files. Try again in 2 s.' });
    await banner.waitFor();
    await shot(page, 'panel-upload-429');
    await banner.waitFor({ state: 'detached', timeout: 10_000 });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a message that failed stays where it was written, above the messages delivered after it', async () => {
    const { context, page, errors } = await newPage(env.browser);
    const tag = uid();
    // The server refuses one message (as it would one over a limit it will not lift): answered by the route.
    await page.routeWebSocket(/\/ws$/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((m) => {
        const f = JSON.parse(String(m));
        if (f.type === 'message.send' && String(f.body).startsWith('refused')) {
          ws.send(JSON.stringify({ type: 'error', code: 'invalid', message: 'refused for this test', client_id: f.client_id }));
        } else server.send(m);
      });
    });
    await gotoShop(page, env.server.url + '/');
    await openWidget(page);
    const f = frame(page);
    await sendAsVisitor(page, `first ${tag}`);
    await f.locator('.bub', { hasText: `first ${tag}` }).waitFor();
    const conv = await conversationWith(env.api, `first ${tag}`);
    await sendAsVisitor(page, `refused ${tag}`);
    await f.getByText('Not sent.').waitFor();
    for (const m of [`second ${tag}`, `third ${tag}`]) await sendAsVisitor(page, m);
    // The agent answers once both are stored: answered earlier, the answer would rightly sit above them.
    // (A message still sending is drawn faded.)
    for (const m of [`second ${tag}`, `third ${tag}`]) await f.locator('.bub.me:not(.faded)', { hasText: m }).waitFor();
    await env.api.call('POST', `/api/v1/conversations/${conv.id}/messages`, { body: `answer ${tag}`, client_id: `a-${tag}` });
    await f.locator('.bub', { hasText: `answer ${tag}` }).waitFor();
    await waitUntil(() => f.locator('.meta', { hasText: 'sending' }).count().then((n) => n === 0), 5000, 'acks');
    const order = (await f.locator('.bub').allTextContents()).filter((t) => t.endsWith(tag));
    expect(order).toEqual([`first ${tag}`, `refused ${tag}`, `second ${tag}`, `third ${tag}`, `answer ${tag}`]);
    await shot(page, 'panel-failed-in-place');
    expect(errors).toEqual([]);
    await context.close();
  });
});
