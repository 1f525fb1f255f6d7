import { afterEach, describe, expect, it, vi } from 'vitest';
import { messagesAfter, request, upload } from './http';
import { ApiError } from './protocol';
import { message } from './testing/fixtures';

type Call = [string, RequestInit & { headers: Record<string, string> }];
function answer(...replies: Response[]) {
  const f = vi.fn(async () => replies.shift()!);
  vi.stubGlobal('fetch', f);
  return f.mock.calls as unknown as Call[];
}
const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
afterEach(() => vi.unstubAllGlobals());

describe('request', () => {
  it('sends JSON with the token and reads JSON', async () => {
    const calls = answer(json({ ok: 1 }));
    await expect(request('POST', '/api/v1/x', { a: 1 }, { token: 'pa_1' })).resolves.toEqual({ ok: 1 });
    const [path, init] = calls[0];
    expect([path, init.method, init.body]).toEqual(['/api/v1/x', 'POST', '{"a":1}']);
    expect(init.headers).toEqual({ 'content-type': 'application/json', authorization: 'Bearer pa_1' });
  });

  it('sends no body and no token when there is none; an empty answer is undefined', async () => {
    const calls = answer(new Response(null, { status: 204 }));
    await expect(request('GET', '/api/v1/y')).resolves.toBeUndefined();
    expect(calls[0][1].headers).toEqual({});
    expect(calls[0][1].body).toBeUndefined();
  });

  it('fails with the server\'s error and the wait of a 429', async () => {
    answer(json({ error: { code: 'rate_limited', message: 'too fast, try again in 9 s' } }, 429, { 'retry-after': '9' }));
    const e = await request('POST', '/api/v1/z', {}).catch((x) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 429, code: 'rate_limited', retryAfter: 9 });
  });

  it('names an unreachable server, and passes an abort on', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    await expect(request('GET', '/a')).rejects.toMatchObject({ status: 0, code: 'network' });
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    vi.stubGlobal('fetch', vi.fn(async () => { throw abort; }));
    await expect(request('GET', '/a')).rejects.toBe(abort);
  });

  it('uploads raw bytes with their type and the URL-encoded name', async () => {
    const calls = answer(json({ url: '/uploads/a.txt', name: 'ä b.txt', size: 2, content_type: 'text/plain' }, 201));
    const file = new File(['hi'], 'ä b.txt', { type: 'text/plain' });
    await expect(upload('/api/v1/uploads', file, { token: 'pv_1' })).resolves.toMatchObject({ url: '/uploads/a.txt' });
    expect(calls[0][1].body).toBe(file);
    expect(calls[0][1].headers).toEqual({ authorization: 'Bearer pv_1', 'content-type': 'text/plain', 'x-filename': '%C3%A4%20b.txt' });
  });
});

describe('messagesAfter', () => {
  it('follows pages of 500 from the last seq', async () => {
    const pages = [Array.from({ length: 500 }, (_, i) => message(i + 1)), [message(501)]];
    const paths: string[] = [];
    const all = await messagesAfter('/api/v1/conversations/1/messages', 0, async (p) => {
      paths.push(p);
      return { messages: pages.shift() };
    });
    expect(all).toHaveLength(501);
    expect(paths).toEqual(['/api/v1/conversations/1/messages?after_seq=0&limit=500',
      '/api/v1/conversations/1/messages?after_seq=500&limit=500']);
  });
});
