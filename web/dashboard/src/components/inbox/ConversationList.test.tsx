import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conversations, mergeConversation, resetConversations } from '../../stores/conversations';
import { session } from '../../stores/session';
import type { Conversation } from '../../types';
import { ConversationList } from './ConversationList';

function conv(id: number, updated: number, body: string): Conversation {
  return {
    id, contact_id: id, status: 'open', priority: 'none', assignee_id: null, team_id: null, tags: [], last_seq: 1,
    created_at: updated, updated_at: updated, first_reply_at: null, resolved_at: null, waiting_since: null, snoozed_until: null,
    visitor_last_read_seq: 0, agent_last_read_seq: 0, last_message: { body, sender_type: 'visitor', created_at: updated },
    contact: { id, name: `Visitor ${id}`, email: null, country: null },
  };
}

describe('ConversationList', () => {
  let root: HTMLElement;
  beforeEach(() => {
    root = document.createElement('div');
    document.body.appendChild(root);
    session.set({ phase: 'ready', token: 't', agent: { id: 1, email: 'a@x', name: 'A', role: 'admin', capacity: 5, presence: 'online', avatar_url: '', active: true }, workspace: { id: 1, public_id: 'w', name: 'W' } });
    resetConversations();
    conversations.set((s) => ({ ...s, loadedKey: 'x' }));
  });
  afterEach(() => { render(null, root); root.remove(); });

  const rows = () => [...root.querySelectorAll('.conv-row')].map((r) => r.getAttribute('data-conversation-id'));

  it('keeps rows in place under the mouse and shows new ones after it leaves', async () => {
    mergeConversation(conv(1, 1000, 'first'));
    mergeConversation(conv(2, 2000, 'second'));
    await act(() => { render(<ConversationList filter={{ view: { kind: 'all' }, status: 'open', sort: 'newest' }} openId={null} />, root); });
    expect(rows()).toEqual(['2', '1']);
    const scroller = root.querySelector('.list-scroll')!;
    await act(() => { scroller.dispatchEvent(new MouseEvent('mouseenter')); });
    await act(() => { mergeConversation(conv(3, 3000, 'third')); });
    await act(() => { mergeConversation(conv(1, 4000, 'first again')); });
    expect(rows()).toEqual(['2', '1']);
    expect(root.querySelector('.list-pending')?.textContent).toMatch(/update/);
    expect(root.textContent).toContain('first again'); // content updates in place
    await act(() => { scroller.dispatchEvent(new MouseEvent('mouseleave')); });
    expect(rows()).toEqual(['1', '3', '2']);
    expect(root.querySelector('.conv-row.slide-in')?.getAttribute('data-conversation-id')).toBe('3');
  });
});
