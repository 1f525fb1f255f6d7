// The inbox's Bot view (issue 14): its key, its query and which rows it shows.
import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../../shared/types';
import { botHandled, filterQuery, matchesView, parseViewKey, viewKey } from './listMerge';

const conv = (id: number) => ({ id, assignee_id: null, team_id: null, tags: [] }) as unknown as Conversation;

describe('the Bot view', () => {
  it('round-trips its key and asks the server for ?view=bot', () => {
    expect(parseViewKey('bot')).toEqual({ kind: 'bot' });
    expect(viewKey({ kind: 'bot' })).toBe('bot');
    const q = new URLSearchParams(filterQuery({ view: { kind: 'bot' }, status: 'open', sort: 'newest' }));
    expect(q.get('view')).toBe('bot');
    expect(q.get('assignee')).toBeNull();
  });

  it('shows the chats the server listed for it, and no other', () => {
    botHandled.add(41);
    expect(matchesView(conv(41), { kind: 'bot' }, 1)).toBe(true);
    expect(matchesView(conv(42), { kind: 'bot' }, 1)).toBe(false);
  });
});
