import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { conversations, mergeConversation, resetConversations, showFilter } from '../../stores/conversations';
import { session } from '../../stores/session';
import type { Conversation } from '../../../../shared/types';
import { ConversationList } from './ConversationList';

function conv(id: number, updated: number, body: string, over: Partial<Conversation> = {}): Conversation {
  return {
    id, contact_id: id, status: 'open', priority: 'none', assignee_id: null, team_id: null, tags: [], last_seq: 1,
    created_at: updated, updated_at: updated, first_reply_at: null, resolved_at: null, waiting_since: null, snoozed_until: null,
    visitor_last_read_seq: 0, agent_last_read_seq: 0, last_message: { body, sender_type: 'visitor', created_at: updated },
    csat_score: null, csat_comment: null,
    contact: { id, name: `Visitor ${id}`, email: null, country: null }, ...over,
  };
}

const mouse = (type: 'pointerenter' | 'pointerleave', pointerType = 'mouse') => {
  const e = new Event(type) as Event & { pointerType: string };
  Object.defineProperty(e, 'pointerType', { value: pointerType });
  return e;
};

describe('ConversationList', () => {
  let root: HTMLElement;
  beforeEach(() => {
    // A desktop with a mouse: hover-capable, wider than a phone.
    vi.stubGlobal('matchMedia', (q: string) => ({ matches: q.includes('hover'), addEventListener() {}, removeEventListener() {} }));
    root = document.createElement('div');
    document.body.appendChild(root);
    session.set({ phase: 'ready', token: 't', agent: { id: 1, email: 'a@x', name: 'A', role: 'admin', capacity: 5, presence: 'online', avatar_url: '', active: true }, workspace: { id: 1, public_id: 'w', name: 'W' } });
    resetConversations();
    conversations.set((s) => ({ ...s, loadedKey: 'x' }));
  });
  afterEach(() => { render(null, root); root.remove(); vi.unstubAllGlobals(); });

  const rows = () => [...root.querySelectorAll('.conv-row')].map((r) => r.getAttribute('data-conversation-id'));

  it('keeps rows in place under the mouse and shows new ones after it leaves', async () => {
    mergeConversation(conv(1, 1000, 'first'));
    mergeConversation(conv(2, 2000, 'second'));
    await act(() => { render(<ConversationList filter={{ view: { kind: 'all' }, status: 'open', sort: 'newest' }} openId={null} />, root); });
    expect(rows()).toEqual(['2', '1']);
    const scroller = root.querySelector('.list-scroll')!;
    await act(() => { scroller.dispatchEvent(mouse('pointerenter')); });
    await act(() => { mergeConversation(conv(3, 3000, 'third')); });
    await act(() => { mergeConversation(conv(1, 4000, 'first again')); });
    expect(rows()).toEqual(['2', '1']);
    expect(root.querySelector('.list-pending')?.textContent).toMatch(/update/);
    expect(root.textContent).toContain('first again'); // content updates in place
    await act(() => { scroller.dispatchEvent(mouse('pointerleave')); });
    expect(rows()).toEqual(['1', '3', '2']);
    expect(root.querySelector('.conv-row.slide-in')?.getAttribute('data-conversation-id')).toBe('3');
  });

  // Issue 10, item 3: the pointer was over the list while the first page loaded: "No chats assigned to you"
  // and "5 updates — show" although Mine had 5.
  it('shows the first page when the mouse is over the list while it loads', async () => {
    const page = [5, 4, 3, 2, 1].map((id) => conv(id, 1000 * id, `message ${id}`, { assignee_id: 1 }));
    let answer!: (r: Response) => void;
    vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>((ok) => { answer = ok; })));
    resetConversations();
    const filter = { view: { kind: 'mine' as const }, status: 'open' as const, sort: 'newest' as const };
    const loading = showFilter(filter);
    await act(() => { render(<ConversationList filter={filter} openId={null} />, root); });
    expect(root.querySelector('[aria-busy=true]')).not.toBeNull();
    await act(() => { root.querySelector('.list-scroll')!.dispatchEvent(mouse('pointerenter')); });
    expect(root.querySelector('.list-scroll')!.getAttribute('data-frozen')).toBe('true');
    await act(async () => {
      answer(new Response(JSON.stringify({ conversations: page, next_cursor: null }), { status: 200 }));
      await loading;
    });
    expect(rows()).toEqual(['5', '4', '3', '2', '1']);
    expect(root.textContent).not.toContain('No chats assigned to you');
    expect(root.querySelector('.list-pending')).toBeNull();
  });

  it('never holds the list still for a finger (a tap enters the list and never leaves it)', async () => {
    mergeConversation(conv(1, 1000, 'first'));
    await act(() => { render(<ConversationList filter={{ view: { kind: 'all' }, status: 'open', sort: 'newest' }} openId={null} />, root); });
    await act(() => { root.querySelector('.list-scroll')!.dispatchEvent(mouse('pointerenter', 'touch')); });
    await act(() => { mergeConversation(conv(2, 2000, 'second')); });
    expect(rows()).toEqual(['2', '1']);
    expect(root.querySelector('.list-pending')).toBeNull();
  });
});
