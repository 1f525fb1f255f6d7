// Sound and desktop notifications for a new conversation and a new visitor message in Mine or
// Unassigned; the unread count in the tab title. Desktop permission is asked only from a button.
import { createStore } from '../lib/store';
import { contactName } from '../lib/format';
import { titleUnread } from '../lib/listMerge';
import type { Conversation } from '../types';
import { conversations } from './conversations';
import { onFrame } from './realtime';
import { buildHash, route } from './router';
import { me } from './session';

const SOUND_KEY = 'parley.sound';

export type DesktopPermission = 'default' | 'granted' | 'denied' | 'unsupported';

export interface NotifyPrefs {
  sound: boolean;
  desktop: DesktopPermission;
}

function permission(): DesktopPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

function readSound(): boolean {
  try { return localStorage.getItem(SOUND_KEY) !== 'off'; } catch { return true; }
}

export const notifyPrefs = createStore<NotifyPrefs>({ sound: readSound(), desktop: permission() });

/** Every notification shown, newest last (the e2e tests and the curious read it). */
export const notified: { title: string; body: string; at: number }[] = [];
if (typeof window !== 'undefined') (window as unknown as { __parleyNotified: typeof notified }).__parleyNotified = notified;

export function setSound(on: boolean): void {
  try { localStorage.setItem(SOUND_KEY, on ? 'on' : 'off'); } catch { /* ignore */ }
  notifyPrefs.set((p) => ({ ...p, sound: on }));
  if (on) chime();
}

export async function askDesktopPermission(): Promise<void> {
  if (typeof Notification === 'undefined') return;
  const p = await Notification.requestPermission();
  notifyPrefs.set((x) => ({ ...x, desktop: p }));
}

let audio: AudioContext | null = null;
export function chime(): void {
  try {
    audio ??= new AudioContext();
    const t = audio.currentTime;
    for (const [i, f] of [880, 1320].entries()) {
      const o = audio.createOscillator();
      const g = audio.createGain();
      o.type = 'sine';
      o.frequency.value = f;
      g.gain.setValueAtTime(0.0001, t + i * 0.12);
      g.gain.exponentialRampToValueAtTime(0.15, t + i * 0.12 + 0.02);
      g.gain.exponentialRampToValueAtTime(0.0001, t + i * 0.12 + 0.25);
      o.connect(g).connect(audio.destination);
      o.start(t + i * 0.12);
      o.stop(t + i * 0.12 + 0.3);
    }
  } catch { /* no audio: fine */ }
}

function openConversationId(): number {
  const r = route.get();
  return r.path[0] === 'inbox' ? Number(r.query.get('c') ?? 0) : 0;
}

function notify(title: string, body: string, c: Conversation): void {
  notified.push({ title, body, at: Date.now() });
  const prefs = notifyPrefs.get();
  if (prefs.sound) chime();
  if (prefs.desktop === 'granted' && typeof Notification !== 'undefined') {
    try {
      const n = new Notification(title, { body, tag: `parley-${c.id}` });
      n.onclick = () => {
        window.focus();
        location.hash = buildHash(['inbox'], { view: c.assignee_id == null ? 'unassigned' : 'mine', c: c.id });
        n.close();
      };
    } catch { /* some platforms only allow service-worker notifications */ }
  }
}

function concernsMe(c: Conversation): boolean {
  const id = me()?.id;
  return c.assignee_id == null || c.assignee_id === id;
}

function watching(id: number): boolean {
  return typeof document !== 'undefined' && document.visibilityState === 'visible' && document.hasFocus() && openConversationId() === id;
}

onFrame((f, { replay }) => {
  if (replay) return;
  if (f.type === 'conversation.created') {
    const c = f.conversation;
    if (!concernsMe(c)) return;
    notify(`New conversation from ${contactName(c.contact, c.contact_id)}`, c.last_message?.body ?? '', c);
  } else if (f.type === 'message.created') {
    const m = f.message;
    const c = f.conversation;
    if (m.sender_type !== 'visitor' || !c || !concernsMe(c) || watching(c.id)) return;
    if (c.last_seq <= 1 && m.seq <= 1) return; // the first message comes with conversation.created
    notify(contactName(c.contact, c.contact_id), m.body || 'Sent an attachment', c);
  }
});

/** Keeps "(3) Parley" in the tab title. */
export function startTitle(): () => void {
  const set = () => {
    const a = me();
    const n = a ? titleUnread(conversations.get().map, a.id) : 0;
    document.title = n > 0 ? `(${n}) Parley` : 'Parley';
  };
  set();
  return conversations.subscribe(set);
}
