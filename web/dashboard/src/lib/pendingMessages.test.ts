import { describe, expect, it } from 'vitest';
import { mergeMessages } from '../../../shared/merge';
import { message as msg } from '../../../shared/testing/fixtures';
import { ackPending, addPending, failPending, type ListMessage } from './pendingMessages';

describe('pending messages in the list', () => {
  it('replaces a pending message by the stored one with the same client_id', () => {
    let l: ListMessage[] = mergeMessages([], [msg(1)]);
    l = addPending(l, { ...msg(0, { sender_type: 'agent', client_id: 'c1', body: 'hello' }) });
    expect(l.map((m) => [m.seq, m.out])).toEqual([[1, undefined], [0, 'sending']]);
    l = mergeMessages(l, [msg(2, { sender_type: 'visitor' }), msg(3, { sender_type: 'agent', client_id: 'c1', body: 'hello' })]);
    expect(l.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(l.filter((m) => m.client_id === 'c1')).toHaveLength(1);
  });

  it('an ack turns the pending message into a stored one; a later frame does not double it', () => {
    let l = addPending([], { ...msg(0, { client_id: 'c2', sender_type: 'agent' }) });
    l = ackPending(l, { client_id: 'c2', id: 77, seq: 4, created_at: 5 });
    expect(l).toHaveLength(1);
    expect(l[0]).toMatchObject({ id: 77, seq: 4 });
    expect(l[0].out).toBeUndefined();
    l = mergeMessages(l, [msg(4, { id: 77, client_id: 'c2' })]);
    expect(l).toHaveLength(1);
    // The frame came first and the ack second: still one.
    let k = addPending([], { ...msg(0, { client_id: 'c3' }) });
    k = mergeMessages(k, [msg(9, { client_id: 'c3' })]);
    k = ackPending(k, { client_id: 'c3', id: 1009, seq: 9, created_at: 1 });
    expect(k.map((m) => m.seq)).toEqual([9]);
  });

  it('keeps pending messages after stored ones and marks failures', () => {
    let l: ListMessage[] = mergeMessages([], [msg(5)]);
    l = addPending(l, { ...msg(0, { client_id: 'a' }) });
    expect(l.map((m) => m.seq)).toEqual([5, 0]);
    l = failPending(l, 'a', 'too fast');
    expect(l[1]).toMatchObject({ out: 'failed', error: 'too fast' });
    l = addPending(l, { ...l[1] });
    expect(l.filter((m) => m.client_id === 'a')).toHaveLength(1);
    expect(l[1].out).toBe('sending');
  });

  // Issue 10, item 11: a message that failed to send was listed below messages delivered after it.
  it('keeps a failed message in its place in time while later messages arrive', () => {
    let l: ListMessage[] = mergeMessages([], [msg(1), msg(2)]);
    l = addPending(l, { ...msg(0, { sender_type: 'agent', client_id: 'f', body: 'my answer' }) });
    l = failPending(l, 'f', 'Cannot reach the server');
    l = mergeMessages(l, [msg(3, { body: 'visitor: hello?' }), msg(4, { body: 'visitor: anyone?' })]);
    expect(l.map((m) => m.body)).toEqual(['m1', 'm2', 'my answer', 'visitor: hello?', 'visitor: anyone?']);
    expect(l[2].out).toBe('failed');
    // Two sends in a row stay in the order they were typed.
    l = addPending(l, { ...msg(0, { client_id: 'g', body: 'second', created_at: 2 }) });
    l = addPending(l, { ...msg(0, { client_id: 'h', body: 'third', created_at: 3 }) });
    expect(l.slice(-2).map((m) => m.body)).toEqual(['second', 'third']);
    // A retry is sent now: it moves down to where it will land.
    l = addPending(l, { ...l[2] });
    expect(l.map((m) => m.body).slice(2)).toEqual(['visitor: hello?', 'visitor: anyone?', 'second', 'third', 'my answer']);
    // Acked, it takes its stored place.
    l = ackPending(l, { client_id: 'f', id: 99, seq: 5, created_at: 9 });
    expect(l.find((m) => m.client_id === 'f')).toMatchObject({ seq: 5 });
    expect(l.find((m) => m.client_id === 'f')!.after_seq).toBeUndefined();
  });
});
