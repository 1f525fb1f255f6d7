// The agent's own presence: chosen online/away, and automatic away after idling in every dashboard
// tab (tabs tell each other about activity over a BroadcastChannel). When the last tab closes, its
// socket closes and the server marks the agent away/offline.
import { api } from '../api';
import { createStore } from '../lib/store';
import type { Presence } from '../../../shared/types';
import { send, whenLive } from './realtime';
import { me, updateMe } from './session';

export const IDLE_MS = 5 * 60_000;
const CHOICE_KEY = 'parley.presence';

export interface MyPresence {
  chosen: 'online' | 'away';
  /** Away because no dashboard tab saw activity for IDLE_MS. */
  idle: boolean;
}

function readChoice(): 'online' | 'away' {
  try {
    return localStorage.getItem(CHOICE_KEY) === 'away' ? 'away' : 'online';
  } catch {
    return 'online';
  }
}

export const myPresence = createStore<MyPresence>({ chosen: readChoice(), idle: false });

export function effective(p: MyPresence = myPresence.get()): Exclude<Presence, 'offline'> {
  return p.chosen === 'away' || p.idle ? 'away' : 'online';
}

function announce(): void {
  const status = effective();
  updateMe({ presence: status });
  if (!send({ type: 'presence.set', status })) {
    const id = me()?.id;
    if (id) void api('PATCH', `/api/v1/agents/${id}`, { presence: status }).catch(() => {});
  }
}

export function choosePresence(status: 'online' | 'away'): void {
  try { localStorage.setItem(CHOICE_KEY, status); } catch { /* ignore */ }
  myPresence.set((p) => ({ ...p, chosen: status, idle: false }));
  lastActivity = Date.now();
  announce();
}

let lastActivity = Date.now();
let channel: BroadcastChannel | null = null;
let started = false;
let idleTimer: ReturnType<typeof setInterval> | null = null;
let lastBroadcast = 0;

function activity(fromOtherTab = false): void {
  lastActivity = Date.now();
  if (!fromOtherTab && channel && lastActivity - lastBroadcast > 10_000) {
    lastBroadcast = lastActivity;
    channel.postMessage({ type: 'activity', at: lastActivity });
  }
  if (myPresence.get().idle) {
    myPresence.set((p) => ({ ...p, idle: false }));
    announce();
  }
}

const onActivity = () => activity();

export function startPresence(): void {
  if (started) return;
  started = true;
  try {
    channel = new BroadcastChannel('parley-dashboard');
    channel.onmessage = (e) => { if (e.data?.type === 'activity') activity(true); };
  } catch { channel = null; }
  for (const ev of ['pointerdown', 'keydown', 'mousemove', 'wheel', 'focus']) window.addEventListener(ev, onActivity, { passive: true });
  idleTimer = setInterval(() => {
    const p = myPresence.get();
    if (!p.idle && p.chosen === 'online' && Date.now() - lastActivity > IDLE_MS) {
      myPresence.set({ ...p, idle: true });
      announce();
    }
  }, 15_000);
  stopLive = whenLive(announce);
}

let stopLive: (() => void) | null = null;

export function stopPresence(): void {
  if (!started) return;
  started = false;
  for (const ev of ['pointerdown', 'keydown', 'mousemove', 'wheel', 'focus']) window.removeEventListener(ev, onActivity);
  if (idleTimer) clearInterval(idleTimer);
  channel?.close();
  channel = null;
  stopLive?.();
}
