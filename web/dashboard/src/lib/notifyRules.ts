// Which live events an agent hears about, and how: pure rules, so they are unit-tested. The agent's
// preferences (server-side, per agent) choose the events (new conversation, new message in my
// conversations, assigned to me) and the channels (sound, desktop); the browser's permission gates desktop.
import { contactName } from './format';
import type { Conversation, NotificationPreferences } from '../../../shared/types';
import type { AgentFrame } from '../../../shared/frames';

export type NotifyKind = 'new_conversation' | 'new_message' | 'assigned' | 'unattended';
export type DesktopPermission = 'default' | 'granted' | 'denied' | 'unsupported';

export interface Notice {
  kind: NotifyKind;
  title: string;
  body: string;
  conversation: Conversation;
}

export const DEFAULT_PREFS: NotificationPreferences = { sound: true, desktop: true, new_conversation: true, new_message: true, assigned: true, email: false };

/** Unassigned, or assigned to me: what an agent's notifications are about. */
export function concerns(c: Conversation, meId: number): boolean {
  return c.assignee_id == null || c.assignee_id === meId;
}

/**
 * What a live frame should tell this agent, before preferences. `watching(id)`: the agent is looking at
 * that conversation right now (no need to ping). An assignment is told when someone else gives me a
 * conversation I knew as someone else's or nobody's (`before`: its assignee before this frame; undefined
 * when the conversation was not known, e.g. a snoozed one waking up).
 */
export function noticeFor(f: AgentFrame, meId: number, watching: (id: number) => boolean, before?: number | null): Notice | null {
  if (f.type === 'conversation.created') {
    const c = f.conversation;
    if (!concerns(c, meId)) return null;
    return { kind: 'new_conversation', title: `New conversation from ${contactName(c.contact, c.contact_id)}`, body: c.last_message?.body ?? '', conversation: c };
  }
  if (f.type === 'message.created') {
    const m = f.message, c = f.conversation;
    if (m.sender_type !== 'visitor' || !c || !concerns(c, meId) || watching(c.id)) return null;
    if (c.last_seq <= 1 && m.seq <= 1) return null; // the first message comes with conversation.created
    return { kind: 'new_message', title: contactName(c.contact, c.contact_id), body: m.body || 'Sent an attachment', conversation: c };
  }
  if (f.type === 'conversation.unattended') {
    // A reminder (issue 13): nobody answered within the team's time. For whoever could take it.
    const c = f.conversation;
    if (!concerns(c, meId) || watching(c.id)) return null;
    const minutes = Math.max(1, Math.round(f.waiting_ms / 60_000));
    return { kind: 'unattended', title: `Still waiting: ${contactName(c.contact, c.contact_id)}`, body: `No reply for ${minutes} min. ${c.last_message?.body ?? ''}`.trim(), conversation: c };
  }
  if (f.type === 'conversation.updated') {
    const c = f.conversation;
    if (c.assignee_id !== meId || before === undefined || before === meId || c.status === 'resolved') return null;
    return { kind: 'assigned', title: `Assigned to you: ${contactName(c.contact, c.contact_id)}`, body: c.last_message?.body ?? '', conversation: c };
  }
  return null;
}

/** How a notice is delivered under the agent's preferences; nothing when its event is switched off. */
export function channels(kind: NotifyKind, prefs: NotificationPreferences, permission: DesktopPermission): { sound: boolean; desktop: boolean } {
  // Reminders follow the "new conversation" choice: they are about chats nobody has taken yet.
  if (!prefs[kind === 'unattended' ? 'new_conversation' : kind]) return { sound: false, desktop: false };
  return { sound: !!prefs.sound, desktop: !!prefs.desktop && permission === 'granted' };
}
