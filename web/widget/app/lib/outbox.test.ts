import { describe, it, expect } from 'vitest';
import { Outbox, mergeMessages, lastSeq, type Message } from './outbox';

const msg = (seq: number, extra: Partial<Message> = {}): Message =>
  ({ id: seq * 10, conversation_id: 1, seq, sender_type: 'agent', body: `m${seq}`, created_at: seq, ...extra });

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

describe('mergeMessages', () => {
  it('dedupes by seq and sorts', () => {
    let list: Message[] = [];
    list = mergeMessages(list, [msg(2), msg(1)]);
    list = mergeMessages(list, [msg(2), msg(3)]);   // a replayed frame arrives twice
    list = mergeMessages(list, [msg(3)]);
    expect(list.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(lastSeq(list, 1)).toBe(3);
  });

  it('returns the same list when nothing is new (cheap re-render check)', () => {
    const list = mergeMessages([], [msg(1)]);
    expect(mergeMessages(list, [msg(1)])).toBe(list);
  });

  it('keeps conversations apart and never shows private notes', () => {
    const list = mergeMessages([], [msg(1, { conversation_id: 2 }), msg(1), msg(2, { private: true })]);
    expect(list.map((m) => `${m.conversation_id}:${m.seq}`)).toEqual(['1:1', '2:1']);
    expect(lastSeq(list, 2)).toBe(1);
    expect(lastSeq(list, 9)).toBe(0);
  });
});
