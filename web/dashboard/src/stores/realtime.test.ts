// The agent socket's resume against a fake WebSocket (protocol.md, "Resume"): after resume.needed (a node
// that may have missed frames of other nodes) it resumes on the open socket from the offset up to which it
// applied everything, and applies every event once however often the server sends it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connect, disconnect, onFrame } from './realtime';
import { FakeWebSocket as FakeWS } from '../../../shared/testing/fakeWebSocket';

const workspace = { id: 1, public_id: 'pub', name: 'Fernwood' };
const agent = { id: 1, email: 'sam@example.test', name: 'Sam', role: 'agent', capacity: 5, presence: 'online', avatar_url: '', active: true };
const event = (offset: number) => ({ type: 'conversation.updated', offset, conversation: { id: offset, status: 'open' } });

let applied: number[];
let stop: () => void;

beforeEach(() => {
  FakeWS.all = [];
  vi.stubGlobal('WebSocket', FakeWS);
  applied = [];
  stop = onFrame((f) => { if ('offset' in f && f.type === 'conversation.updated') applied.push(f.offset as number); });
});
afterEach(() => { stop(); disconnect(); vi.unstubAllGlobals(); });

describe('resume.needed', () => {
  it('resumes from the offset up to which everything was applied and applies each event once', () => {
    connect('pa_1');
    const ws = FakeWS.last();
    ws.open();
    ws.push({ type: 'welcome', role: 'agent', agent, workspace, epoch: 'e1', offset: 10, server_time: 0 });
    expect(ws.sent.slice(-1)[0]).toEqual({ type: 'resume', after_offset: 10 });
    ws.push({ type: 'resume.done', offset: 10 });
    // 11 came from another node through Redis and was lost; 12 came from this node.
    ws.push(event(12));
    ws.push({ type: 'resume.needed', reason: 'bus_gap' });
    expect(ws.sent.slice(-1)[0]).toEqual({ type: 'resume', after_offset: 10 });
    // A second notice while that replay runs asks nothing more.
    ws.push({ type: 'resume.needed', reason: 'bus_gap' });
    expect(ws.types().filter((t) => t === 'resume')).toHaveLength(2);
    ws.push(event(11));
    ws.push(event(12));                          // replayed again: applied once
    ws.push({ type: 'resume.done', offset: 12 });
    expect(applied).toEqual([12, 11]);
    ws.push({ type: 'resume.needed', reason: 'bus_gap' });
    expect(ws.sent.slice(-1)[0]).toEqual({ type: 'resume', after_offset: 12 });
  });
});
