// Sound and desktop notifications for the events the agent chose in their profile (preferences kept on
// the server per agent, GET/PATCH /api/v1/me/preferences), and the unread count in the tab title.
// Desktop permission is asked only from a button. The rules are lib/notifyRules.
import { api } from '../api';
import { titleUnread } from '../lib/listMerge';
import { channels, DEFAULT_PREFS, noticeFor, type DesktopPermission, type Notice } from '../lib/notifyRules';
import { createStore } from '../lib/store';
import type { NotificationPreferences, Preferences } from '../../../shared/types';
import { conversations, onAssigneeChange } from './conversations';
import { onFrame } from './realtime';
import { buildHash, route } from './router';
import { me } from './session';
import { toastError } from './toasts';

export type { DesktopPermission };

export interface NotifyState {
  prefs: NotificationPreferences;
  loaded: boolean;
  /** This browser's permission for desktop notifications. */
  permission: DesktopPermission;
}

function permission(): DesktopPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export const notifyPrefs = createStore<NotifyState>({ prefs: DEFAULT_PREFS, loaded: false, permission: permission() });

/** Every notification shown, newest last (the e2e tests and the curious read it). */
export const notified: { kind: string; title: string; body: string; at: number; sound: boolean; desktop: boolean }[] = [];
if (typeof window !== 'undefined') (window as unknown as { __parleyNotified: typeof notified }).__parleyNotified = notified;

export async function loadNotifyPrefs(): Promise<void> {
  try {
    const r = await api<{ preferences: Preferences }>('GET', '/api/v1/me/preferences');
    notifyPrefs.set((s) => ({ ...s, prefs: { ...DEFAULT_PREFS, ...r.preferences.notifications }, loaded: true }));
  } catch (err) {
    notifyPrefs.set((s) => ({ ...s, loaded: true }));
    toastError(err, 'Could not load your notification settings');
  }
}

/** Changes one setting at once (optimistic); back to the old value with the server's message on failure. */
export async function setNotifyPref(key: keyof NotificationPreferences, on: boolean): Promise<boolean> {
  const before = notifyPrefs.get().prefs;
  notifyPrefs.set((s) => ({ ...s, prefs: { ...s.prefs, [key]: on } }));
  if (key === 'sound' && on) chime();
  try {
    const r = await api<{ preferences: Preferences }>('PATCH', '/api/v1/me/preferences', { notifications: { [key]: on } });
    notifyPrefs.set((s) => ({ ...s, prefs: { ...DEFAULT_PREFS, ...r.preferences.notifications } }));
    return true;
  } catch (err) {
    notifyPrefs.set((s) => ({ ...s, prefs: before }));
    toastError(err, 'Not saved');
    return false;
  }
}

export async function askDesktopPermission(): Promise<void> {
  if (typeof Notification === 'undefined') return;
  const p = await Notification.requestPermission();
  notifyPrefs.set((x) => ({ ...x, permission: p }));
  if (p === 'granted' && !notifyPrefs.get().prefs.desktop) await setNotifyPref('desktop', true);
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

function watching(id: number): boolean {
  return typeof document !== 'undefined' && document.visibilityState === 'visible' && document.hasFocus() && openConversationId() === id;
}

function deliver(n: Notice): void {
  const s = notifyPrefs.get();
  const how = channels(n.kind, s.prefs, s.permission);
  if (!how.sound && !how.desktop) return; // that event is switched off (or every channel is)
  notified.push({ kind: n.kind, title: n.title, body: n.body, at: Date.now(), ...how });
  if (how.sound) chime();
  if (how.desktop) {
    const c = n.conversation;
    try {
      const d = new Notification(n.title, { body: n.body, tag: `parley-${c.id}` });
      d.onclick = () => {
        window.focus();
        location.hash = buildHash(['inbox'], { view: c.assignee_id == null ? 'unassigned' : 'mine', c: c.id });
        d.close();
      };
    } catch { /* some platforms only allow service-worker notifications */ }
  }
}

onFrame((f, { replay }) => {
  if (replay || f.type === 'conversation.updated') return; // assignments come through onAssigneeChange
  const id = me()?.id;
  if (!id) return;
  const n = noticeFor(f, id, watching);
  if (n) deliver(n);
});

onAssigneeChange((c, before, { replay }) => {
  const id = me()?.id;
  if (replay || !id) return;
  const n = noticeFor({ type: 'conversation.updated', conversation: c }, id, watching, before);
  if (n) deliver(n);
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
