import { describe, expect, it } from 'vitest';
import { lastSeq, mergeMessages } from './merge';
import type { Message } from './types';
import { message as msg } from './testing/fixtures';

describe('mergeMessages', () => {
  it('orders by seq and drops messages already there (a replayed frame arrives twice)', () => {
    let l: Message[] = [];
    l = mergeMessages(l, [msg(2), msg(1)]);
    l = mergeMessages(l, [msg(3), msg(2), msg(1)]);
    l = mergeMessages(l, [msg(3)]);
    expect(l.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(lastSeq(l)).toBe(3);
  });

  it('returns the same list when nothing is new (cheap re-render check)', () => {
    const l = mergeMessages([], [msg(1)]);
    expect(mergeMessages(l, [msg(1)])).toBe(l);
    expect(mergeMessages(l, [])).toBe(l);
    expect(mergeMessages(l, [msg(7, { id: 1001 })])).toBe(l);     // the same id under another seq: not twice
  });

  it('keeps conversations apart, in conversation order', () => {
    const l = mergeMessages([], [msg(1, { conversation_id: 2, id: 21 }), msg(1), msg(2)]);
    expect(l.map((m) => `${m.conversation_id}:${m.seq}`)).toEqual(['1:1', '1:2', '2:1']);
    expect(lastSeq(l, 2)).toBe(1);
    expect(lastSeq(l, 1)).toBe(2);
    expect(lastSeq(l, 9)).toBe(0);
  });

  it('replaces a message of ours on the way by the stored one with the same client_id', () => {
    const pending = { ...msg(0, { client_id: 'c1', body: 'hello', id: 0 }), after_seq: 1 };
    let l = mergeMessages([msg(1)], [pending]);
    expect(l.map((m) => m.seq)).toEqual([1, 0]);
    l = mergeMessages(l, [msg(2), msg(3, { client_id: 'c1', body: 'hello' })]);
    expect(l.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(l.filter((m) => m.client_id === 'c1')).toHaveLength(1);
  });
});
