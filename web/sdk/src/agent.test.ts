// The package's agent client against a fake server: REST calls carry the token and the server's paths, the live
// stream resumes by offset after a reconnect and delivers a replayed frame once, a position kept by an earlier run
// resumes there, and `resume.reset` asks for a reload.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebSocket as FakeWS } from '../../shared/testing/fakeWebSocket';
import { createAgentClient } from './index';

const SERVER = 'http://parley.test:8080';
let calls: { url: string; method: string; auth: string; body: any }[];

beforeEach(() => {
  FakeWS.all = [];
  calls = [];
  vi.stubGlobal('fetch', vi.fn((url: string, init: any) => {
    calls.push({ url, method: init.method, auth: init.headers.authorization, body: init.body ? JSON.parse(init.body) : undefined });
    const body = init.method === 'POST' ? { message: { id: 9, seq: 2 } }
      : init.method === 'PATCH' ? { conversation: { id: 4, assignee_id: null } } : { conversations: [], messages: [] };
    return Promise.resolve(new Response(JSON.stringify(body), { status: init.method === 'POST' ? 201 : 200 }));
  }));
});
afterEach(() => vi.unstubAllGlobals());

const msg = (offset: number, id: number) => ({ type: 'message.created', offset,
  message: { id, conversation_id: 4, seq: id, sender_type: 'visitor', body: `m${id}` }, conversation: { id: 4, status: 'open' } });

function connect(resume?: { epoch: string; offset: number }) {
  const agent = createAgentClient({ server: SERVER, token: 'pa_t', WebSocket: FakeWS as any, resume });
  const seen: string[] = [];
  agent.on('message', (m) => seen.push(m.body));
  const reload = vi.fn();
  agent.on('reload', reload);
  agent.connect();
  const ws = FakeWS.last();
  expect(ws.url).toBe('ws://parley.test:8080/ws');
  ws.open();
  expect(ws.sent[0]).toEqual({ type: 'hello', token: 'pa_t' });
  return { agent, ws, seen, reload };
}

describe('createAgentClient', () => {
  it('calls the REST API with its token', async () => {
    const agent = createAgentClient({ server: SERVER, token: 'pa_t', WebSocket: FakeWS as any });
    await agent.conversations({ status: 'open', assignee: 'me' });
    await agent.messages(4);
    await agent.send(4, 'hello', { client_id: 'c1' });
    await agent.assign(4, null);
    expect(calls.map((c) => [c.method, c.url.slice(SERVER.length), c.auth])).toEqual([
      ['GET', '/api/v1/conversations?status=open&assignee=me', 'Bearer pa_t'],
      ['GET', '/api/v1/conversations/4/messages?after_seq=0&limit=500', 'Bearer pa_t'],
      ['POST', '/api/v1/conversations/4/messages', 'Bearer pa_t'],
      ['PATCH', '/api/v1/conversations/4', 'Bearer pa_t'],
    ]);
    expect(calls[2].body).toEqual({ client_id: 'c1', body: 'hello' });
    expect(calls[3].body).toEqual({ assignee_id: null });
  });

  it('resumes from the offset it applied everything up to, and delivers a replayed frame once', () => {
    const { agent, ws, seen, reload } = connect();
    ws.push({ type: 'welcome', role: 'agent', epoch: 'e1', offset: 10, workspace: { name: 'W' } });
    expect(ws.sent.slice(-1)[0]).toEqual({ type: 'resume', after_offset: 10 });
    expect(reload).toHaveBeenCalledTimes(1);      // first run: lists come over REST
    ws.push({ type: 'resume.done', offset: 10 });
    ws.push(msg(11, 1));
    ws.push(msg(13, 3));                          // 12 not here yet: the cursor stays at 11
    expect(agent.position()).toEqual({ epoch: 'e1', offset: 11 });

    ws.close();
    agent.sock.reconnectNow();
    const ws2 = FakeWS.last();
    ws2.open();
    ws2.push({ type: 'welcome', role: 'agent', epoch: 'e1', offset: 14, workspace: { name: 'W' } });
    expect(ws2.sent.slice(-1)[0]).toEqual({ type: 'resume', after_offset: 11 });
    ws2.push(msg(12, 2));
    ws2.push(msg(13, 3));                         // replayed: already delivered
    ws2.push(msg(14, 4));
    ws2.push({ type: 'resume.done', offset: 14 });
    expect(seen).toEqual(['m1', 'm3', 'm2', 'm4']);
    expect(agent.position()).toEqual({ epoch: 'e1', offset: 14 });
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('carries on from a position an earlier run kept; another epoch or resume.reset means reload', () => {
    const a = connect({ epoch: 'e1', offset: 40 });
    a.ws.push({ type: 'welcome', role: 'agent', epoch: 'e1', offset: 45, workspace: { name: 'W' } });
    expect(a.ws.sent.slice(-1)[0]).toEqual({ type: 'resume', after_offset: 40 });
    expect(a.reload).not.toHaveBeenCalled();
    a.ws.push({ type: 'resume.reset', reason: 'too_far' });
    expect(a.reload).toHaveBeenCalledTimes(1);
    expect(a.agent.position()).toEqual({ epoch: 'e1', offset: 45 });

    const b = connect({ epoch: 'old-db', offset: 40 });
    b.ws.push({ type: 'welcome', role: 'agent', epoch: 'e2', offset: 3, workspace: { name: 'W' } });
    expect(b.ws.sent.slice(-1)[0]).toEqual({ type: 'resume', after_offset: 3 });
    expect(b.reload).toHaveBeenCalledTimes(1);
  });
});
