import { describe, expect, it } from 'vitest';
import type { Conversation, Message, NotificationPreferences } from '../../../shared/types';
import { channels, DEFAULT_PREFS, noticeFor } from './notifyRules';

const ME = 7;
const conv = (over: Partial<Conversation> = {}): Conversation => ({
  id: 1, contact_id: 2, status: 'open', priority: 'none', assignee_id: null, team_id: null, tags: [], last_seq: 3, created_at: 1,
  updated_at: 2, first_reply_at: null, resolved_at: null, waiting_since: null, snoozed_until: null, visitor_last_read_seq: 0,
  agent_last_read_seq: 0, last_message: { body: 'hi', sender_type: 'visitor', created_at: 1 }, csat_score: null, csat_comment: null,
  contact: { id: 2, name: 'Mara', email: null, country: null }, ...over,
});
const msg = (over: Partial<Message> = {}): Message => ({
  id: 9, conversation_id: 1, seq: 3, sender_type: 'visitor', sender_id: 2, sender: null, body: 'hello?', private: false,
  client_id: null, attachments: [], created_at: 5, ...over,
});
const nobody = () => false;

describe('notification rules', () => {
  it('tells about new conversations and messages that concern me', () => {
    expect(noticeFor({ type: 'conversation.created', conversation: conv() }, ME, nobody)?.kind).toBe('new_conversation');
    expect(noticeFor({ type: 'conversation.created', conversation: conv({ assignee_id: 99 }) }, ME, nobody)).toBeNull();
    expect(noticeFor({ type: 'message.created', message: msg(), conversation: conv({ assignee_id: ME }) }, ME, nobody)?.kind).toBe('new_message');
    expect(noticeFor({ type: 'message.created', message: msg(), conversation: conv({ assignee_id: ME }) }, ME, (id) => id === 1)).toBeNull();
    expect(noticeFor({ type: 'message.created', message: msg({ sender_type: 'agent' }), conversation: conv() }, ME, nobody)).toBeNull();
  });

  it('tells me when someone else assigns me a conversation', () => {
    const mine = conv({ assignee_id: ME });
    expect(noticeFor({ type: 'conversation.updated', conversation: mine }, ME, nobody, null)?.kind).toBe('assigned');
    expect(noticeFor({ type: 'conversation.updated', conversation: mine }, ME, nobody, 99)?.title).toBe('Assigned to you: Mara');
    expect(noticeFor({ type: 'conversation.updated', conversation: mine }, ME, nobody, ME)).toBeNull();
    expect(noticeFor({ type: 'conversation.updated', conversation: mine }, ME, nobody, undefined)).toBeNull();
  });

  it('reminds of a chat nobody answered (issue 13), under the new-conversation choice', () => {
    const f = { type: 'conversation.unattended' as const, conversation: conv(), waiting_ms: 185_000 };
    const n = noticeFor(f, ME, nobody);
    expect(n?.kind).toBe('unattended');
    expect(n?.title).toBe('Still waiting: Mara');
    expect(n?.body).toContain('No reply for 3 min');
    expect(noticeFor({ ...f, conversation: conv({ assignee_id: 99 }) }, ME, nobody)).toBeNull();
    expect(noticeFor(f, ME, (id) => id === 1)).toBeNull();
    expect(channels('unattended', { ...DEFAULT_PREFS, new_conversation: false }, 'granted')).toEqual({ sound: false, desktop: false });
    expect(channels('unattended', DEFAULT_PREFS, 'granted')).toEqual({ sound: true, desktop: true });
  });

  it('obeys the preferences: events off stay silent; sound and desktop are separate', () => {
    const off: NotificationPreferences = { ...DEFAULT_PREFS, new_message: false };
    expect(channels('new_message', off, 'granted')).toEqual({ sound: false, desktop: false });
    expect(channels('new_conversation', off, 'granted')).toEqual({ sound: true, desktop: true });
    expect(channels('assigned', { ...DEFAULT_PREFS, sound: false }, 'granted')).toEqual({ sound: false, desktop: true });
    expect(channels('assigned', DEFAULT_PREFS, 'denied')).toEqual({ sound: true, desktop: false });
    expect(channels('assigned', { ...DEFAULT_PREFS, desktop: false }, 'granted')).toEqual({ sound: true, desktop: false });
  });
});
