// The session store and the realtime socket against a fake fetch and a fake WebSocket: device tokens per email,
// the 503 retry, and every way a session ends elsewhere leading back to the login form without a reconnect loop.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../api';
import { DEVICES_KEY, TOKEN_KEY, login, logout, session } from './session';
import { connect, disconnect } from './realtime';
import { FakeWebSocket as FakeWS } from '../../../shared/testing/fakeWebSocket';

const agent = { id: 1, email: 'sam@example.test', name: 'Sam', role: 'agent', capacity: 5, presence: 'online', avatar_url: '', active: true };
const workspace = { id: 1, public_id: 'pub', name: 'Fernwood' };

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
let replies: Reply[];
let requests: { url: string; body: any; auth?: string }[];

beforeEach(() => {
  localStorage.clear();
  replies = [];
  requests = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: any) => {
    requests.push({ url, body: init.body ? JSON.parse(init.body) : undefined, auth: init.headers?.authorization });
    const r = replies.shift() ?? { status: 204 };
    return new Response(r.body === undefined ? null : JSON.stringify(r.body), { status: r.status, headers: r.headers });
  }));
  session.set({ phase: 'anon' });
});
afterEach(() => { disconnect(); vi.useRealTimers(); vi.unstubAllGlobals(); });

const ok = (token: string, device: string): Reply => ({ status: 200, body: { token, device_token: device, agent, workspace } });

describe('login with device tokens', () => {
  it('keeps the device token per lower-cased email, sends it next time, and keeps it over logout', async () => {
    replies.push(ok('pa_1', 'dt_1'));
    await login('Sam@Example.test', 'pw');
    expect(requests[0].body).toEqual({ email: 'Sam@Example.test', password: 'pw' });
    expect(JSON.parse(localStorage.getItem(DEVICES_KEY)!)).toEqual({ 'sam@example.test': 'dt_1' });
    expect(localStorage.getItem(TOKEN_KEY)).toBe('pa_1');

    replies.push({ status: 204 });
    await logout();
    expect(localStorage.getItem(TOKEN_KEY)).toBeNull();
    expect(session.get()).toEqual({ phase: 'anon', notice: undefined });
    expect(JSON.parse(localStorage.getItem(DEVICES_KEY)!)).toEqual({ 'sam@example.test': 'dt_1' });

    replies.push(ok('pa_2', 'dt_2'));
    await login('sam@example.test', 'pw');
    expect(requests[2].body).toEqual({ email: 'sam@example.test', password: 'pw', device_token: 'dt_1' });
    expect(JSON.parse(localStorage.getItem(DEVICES_KEY)!)).toEqual({ 'sam@example.test': 'dt_2' });

    replies.push({ status: 401, body: { error: { code: 'invalid_credentials', message: 'wrong email or password' } } });
    await expect(login('other@example.test', 'x')).rejects.toMatchObject({ status: 401 });
    expect(requests[3].body.device_token).toBeUndefined();   // another account: no token of Sam's
  });

  it('hands a 429 to the form with its wait, and tries a 503 busy once more after Retry-After', async () => {
    replies.push({ status: 429, headers: { 'retry-after': '37' },
      body: { error: { code: 'rate_limited', message: 'too many failed logins, try again in 37 s' } } });
    await expect(login('sam@example.test', 'bad')).rejects.toMatchObject({ code: 'rate_limited', retryAfter: 37,
      message: 'too many failed logins, try again in 37 s' });

    const busy: Reply = { status: 503, headers: { 'retry-after': '1' },
      body: { error: { code: 'busy', message: 'the server is checking many logins, try again in a second' } } };
    const waits: number[] = [];
    const wait = async (ms: number) => { waits.push(ms); };
    replies.push(busy, ok('pa_3', 'dt_3'));
    await login('sam@example.test', 'pw', wait);
    expect(waits).toEqual([1000]);
    expect(session.get().phase).toBe('ready');

    replies.push(busy, busy);
    await expect(login('sam@example.test', 'pw', wait)).rejects.toMatchObject({ status: 503 });
    expect(requests.filter((r) => r.url === '/api/v1/auth/login')).toHaveLength(5);   // 1 + 2 + 2: no loop
  });
});

describe('a session that ends elsewhere', () => {
  beforeEach(async () => {
    FakeWS.all = [];
    vi.stubGlobal('WebSocket', FakeWS);
    replies.push(ok('pa_9', 'dt_9'));
    await login('sam@example.test', 'pw');
    vi.useFakeTimers();
    connect('pa_9');
    FakeWS.all[0].open();
    FakeWS.all[0].push({ type: 'welcome', role: 'agent', agent, workspace, epoch: 'e1', offset: 0, server_time: 0 });
  });

  it('close code 4001 alone leads to the login form with the reason, and no reconnect', async () => {
    FakeWS.all[0].close(4001, 'session ended: deactivated');
    expect(session.get()).toEqual({ phase: 'anon', notice: 'Your session has ended (deactivated). Sign in again.' });
    expect(localStorage.getItem(TOKEN_KEY)).toBeNull();
    expect(JSON.parse(localStorage.getItem(DEVICES_KEY)!)).toEqual({ 'sam@example.test': 'dt_9' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeWS.all).toHaveLength(1);
  });

  it('the error frame says why before the close', async () => {
    FakeWS.all[0].push({ type: 'error', code: 'unauthorized', field: 'token', message: 'your session has ended: role changed' });
    expect(session.get()).toEqual({ phase: 'anon', notice: 'Your session has ended (role changed). Sign in again.' });
    FakeWS.all[0].close(4001, 'session ended: role changed');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeWS.all).toHaveLength(1);
  });

  it('other close codes reconnect', async () => {
    FakeWS.all[0].close(1006, '');
    expect(session.get().phase).toBe('ready');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(FakeWS.all).toHaveLength(2);
  });

  it('a REST 401 leads to the login form too', async () => {
    replies.push({ status: 401, body: { error: { code: 'unauthorized', message: 'unknown or expired token' } } });
    await expect(api('GET', '/api/v1/conversations')).rejects.toMatchObject({ status: 401 });
    expect(session.get()).toEqual({ phase: 'anon', notice: 'Your session has ended. Sign in again.' });
    replies.push({ status: 401, body: { error: { code: 'unauthorized', message: 'unknown or expired token' } } });
    await expect(api('GET', '/api/v1/me')).rejects.toMatchObject({ status: 401 });
    expect(requests.slice(-1)[0].auth).toBeUndefined();     // the token is gone: no more signed-in calls
  });

  it('our own logout shows no "session ended" notice, even when the socket hears first', async () => {
    let answer!: () => void;
    (fetch as any).mockImplementationOnce(() => new Promise((ok) => { answer = () => ok(new Response(null, { status: 204 })); }));
    const out = logout();
    FakeWS.all[0].push({ type: 'error', code: 'unauthorized', field: 'token', message: 'your session has ended: signed out' });
    answer();
    await out;
    expect(session.get()).toEqual({ phase: 'anon', notice: undefined });
  });
});
