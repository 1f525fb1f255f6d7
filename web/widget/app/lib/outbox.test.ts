import { describe, it, expect } from 'vitest';
import type { Message } from '../../../shared/types';
import { Outbox, timeline } from './outbox';

const msg = (seq: number, extra: Partial<Message> = {}): Message => ({ id: seq * 10, conversation_id: 1, seq,
  sender_type: 'agent', sender_id: null, sender: null, body: `m${seq}`, private: false, client_id: null, attachments: [],
  created_at: seq, ...extra });

describe('Outbox', () => {
  it('sends in writing order and resends with the same client_id after a drop', () => {
    const o = new Outbox();
    const a = o.add('a'); const b = o.add('b');
    expect(a.client_id).not.toBe(b.client_id);
    expect(o.takeDue().map((p) => p.body)).toEqual(['a', 'b']);
    expect(o.takeDue()).toEqual([]);            // nothing twice while in flight
    o.requeue();                               // the socket dropped before the acks
    const again = o.takeDue();
    expect(again.map((p) => p.client_id)).toEqual([a.client_id, b.client_id]);
    expect(o.ack(a.client_id)).toBe(true);
    expect(o.ack(a.client_id)).toBe(false);     // a duplicate ack changes nothing
    expect(o.items.map((p) => p.body)).toEqual(['b']);
  });

  it('keeps order when new messages are written while others are in flight', () => {
    const o = new Outbox();
    o.add('1'); o.takeDue();
    o.add('2');
    o.requeue();
    expect(o.takeDue().map((p) => p.body)).toEqual(['1', '2']);
  });

  it('failed messages wait for an explicit retry', () => {
    const o = new Outbox();
    const a = o.add('a'); o.add('b');
    o.takeDue();
    o.fail(a.client_id, 'rate_limited');
    o.requeue();
    expect(o.takeDue().map((p) => p.body)).toEqual(['b']);
    o.retry(a.client_id);
    expect(o.takeDue().map((p) => p.client_id)).toEqual([a.client_id]);
  });

  it('survives a reload: saved in-flight messages are queued again', () => {
    const o = new Outbox();
    o.add('a'); o.add('b'); o.takeDue();
    const restored = new Outbox(JSON.parse(JSON.stringify(o.toJSON())));
    expect(restored.takeDue().map((p) => p.body)).toEqual(['a', 'b']);
  });

  it('queues a message refused for now (rate limited) again in its place, same client_id', () => {
    const o = new Outbox();
    const a = o.add('a'); const b = o.add('b');
    o.takeDue();
    o.again(a.client_id);
    o.add('c');
    expect(o.takeDue().map((p) => [p.body, p.client_id])).toEqual([['a', a.client_id], ['c', o.items[2].client_id]]);
    o.again(b.client_id);
    o.again('unknown');
    expect(o.items.map((p) => p.state)).toEqual(['inflight', 'queued', 'inflight']);
  });

  it('drops pending messages the server already has', () => {
    const o = new Outbox();
    const a = o.add('a'); o.add('b');
    o.dropKnown([msg(3, { client_id: a.client_id, sender_type: 'visitor' })]);
    expect(o.items.map((p) => p.body)).toEqual(['b']);
  });
});

describe('timeline', () => {
  const v = (seq: number, body: string): Message => msg(seq, { sender_type: 'visitor', body });
  it('keeps a failed message in its place in time, above messages delivered after it', () => {
    const o = new Outbox();
    const shown = [msg(1), v(2, 'hello')];
    const a = o.add('failed one', [], 10, [1, 2]);
    o.takeDue();
    o.fail(a.client_id, 'invalid');
    // Written after it, delivered: the server gives them seq 3 and 4; the agent answers with 5.
    const list = [...shown, v(3, 'second'), v(4, 'third'), msg(5)];
    const order = timeline(list, o.items).map((x) => (x.m ? x.m.body : `pending:${x.p!.body}`));
    expect(order).toEqual(['m1', 'hello', 'pending:failed one', 'second', 'third', 'm5']);
  });

  it('keeps a message written while the one before it was still on the way after that one once it is stored', () => {
    const o = new Outbox();
    const first = o.add('first', [], 10, [0, 0]);  // the very first message: nothing shown yet
    o.takeDue();
    const refused = o.add('refused', [], 11, [0, 0]);  // written before the first one's ack
    o.takeDue();
    o.fail(refused.client_id, 'invalid');
    expect(o.ack(first.client_id, [7, 1])).toBe(true);  // stored in the new conversation 7 as seq 1
    const order = timeline([msg(1, { conversation_id: 7, sender_type: 'visitor', body: 'first' }),
      msg(2, { conversation_id: 7, body: 'answer' })], o.items).map((x) => (x.m ? x.m.body : `pending:${x.p!.body}`));
    expect(order).toEqual(['first', 'pending:refused', 'answer']);
  });

  it('moves a retried message to the end, where the server will put it', () => {
    const o = new Outbox();
    const a = o.add('x', [], 1, [1, 1]);
    o.takeDue();
    o.fail(a.client_id, 'invalid');
    o.retry(a.client_id, [1, 3]);
    expect(timeline([msg(1), msg(2), msg(3)], o.items).map((x) => x.m?.seq ?? 'p')).toEqual([1, 2, 3, 'p']);
  });

  it('puts pending messages without a place (older widgets) and before any message where they belong', () => {
    const old = new Outbox([{ client_id: 'c', body: 'saved', attachments: [], created_at: 1, state: 'queued' }]);
    expect(timeline([msg(1)], old.items).map((x) => x.m?.seq ?? 'p')).toEqual([1, 'p']);
    const first = new Outbox();
    first.add('first ever', [], 1, [0, 0]);
    expect(timeline([msg(1)], first.items).map((x) => x.m?.seq ?? 'p')).toEqual(['p', 1]);
    expect(timeline([], first.items)).toHaveLength(1);
  });

  it('orders across conversations', () => {
    const o = new Outbox();
    o.add('in the old one', [], 1, [1, 2]);
    const list = [msg(1), msg(2), msg(3), { ...msg(1), conversation_id: 2 }];
    expect(timeline(list, o.items).map((x) => (x.m ? `${x.m.conversation_id}:${x.m.seq}` : 'p'))).toEqual(['1:1', '1:2', 'p', '1:3', '2:1']);
  });
});
