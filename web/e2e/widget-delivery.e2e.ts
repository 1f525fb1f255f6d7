// What the widget costs a customer's page view, measured in Chromium (DevTools protocol, bytes on the wire):
// the loader comes brotli-compressed with an ETag, a second page view revalidates it (304, no body), the frame's
// hashed assets come from the cache without asking, frame.html is revalidated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frame, gotoShop, newPage, openWidget, setup, waitUntil, type Env } from './widget-kit';

let env: Env;
beforeAll(async () => { env = await setup(); });
afterAll(async () => { await env?.stop(); });

interface Seen { url: string; status: number; encoding: string; bytes: number; fromCache: boolean }

describe('widget delivery', () => {
  it('compressed on the first view, revalidated with a 304 on the next, hashed assets straight from the cache', async () => {
    const { context, page } = await newPage(env.browser);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    // Per request: what went over the network (status and headers of the real response, bytes received), or
    // that it was served from the cache without a request. The DevTools protocol may send an *ExtraInfo event
    // before or after its request's main events: they are joined by requestId when read.
    interface Raw { url?: string; status?: number; encoding?: string; bytes?: number; fromCache?: boolean; round: number }
    const raw = new Map<string, Raw>();
    let round = 1;
    const at = (id: string) => { let r = raw.get(id); if (!r) raw.set(id, r = { round }); return r; };
    cdp.on('Network.requestWillBeSent', (e: any) => { const r = at(e.requestId); r.url = e.request.url; r.round = round; });
    cdp.on('Network.requestServedFromCache', (e: any) => { at(e.requestId).fromCache = true; });
    cdp.on('Network.responseReceivedExtraInfo', (e: any) => {
      const r = at(e.requestId);
      r.status = e.statusCode;
      r.encoding = String(Object.entries(e.headers).find(([k]) => k.toLowerCase() === 'content-encoding')?.[1] ?? '');
    });
    cdp.on('Network.loadingFinished', (e: any) => { at(e.requestId).bytes = e.encodedDataLength; });
    const seenIn = (n: number): Seen[] => [...raw.values()].filter((r) => r.round === n && r.url)
      .map((r) => ({ url: r.url!, status: r.status ?? 0, encoding: r.encoding ?? '', bytes: r.bytes ?? 0, fromCache: !!r.fromCache }));
    let seen: Seen[] = [];
    const find = (path: RegExp) => seen.find((s) => path.test(new URL(s.url).pathname));

    await gotoShop(page, env.server.url + '/');
    await openWidget(page);
    await frame(page).locator('.hd-greet').waitFor();
    seen = seenIn(1);
    const first = find(/^\/widget\.js$/)!;
    expect(first).toMatchObject({ status: 200, encoding: 'br' });
    const firstApp = find(/^\/widget\/assets\/frame-.*\.js$/)!;
    expect(firstApp).toMatchObject({ status: 200, encoding: 'br' });

    round = 2;
    await gotoShop(page, env.server.url + '/?again');
    await openWidget(page);
    await frame(page).locator('.hd-greet').waitFor();
    await waitUntil(async () => seenIn(2).some((s) => s.url.endsWith('/widget.js') && s.status), 5000, 'the loader\'s answer');
    seen = seenIn(2);
    const second = find(/^\/widget\.js$/)!;
    expect(second.status).toBe(304);                         // revalidated: headers only
    expect(second.bytes).toBeLessThan(400);
    const app = find(/^\/widget\/assets\/frame-.*\.js$/);
    expect(app === undefined || (app.fromCache && app.status === 0)).toBe(true);   // immutable: not even asked for
    const frameHtml = find(/^\/widget\/frame\.html$/)!;
    expect(frameHtml.status).toBe(304);
    console.log(`widget.js on the wire: first view ${first.bytes} B (${first.encoding}), next views ${second.bytes} B (304); ` +
      `app main chunk ${firstApp.bytes} B (${firstApp.encoding}) once, then from the cache`);
    await context.close();
  });
});
