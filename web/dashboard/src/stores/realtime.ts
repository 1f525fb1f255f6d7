// The agent's WebSocket: hello -> welcome -> resume, live frames after; ping every 25 s; reconnect with
// backoff; every logged frame passes the ResumeCursor so a replayed or doubled frame is applied once.
import { CLOSE_SESSION_ENDED } from '../../../shared/protocol';
import { ResumeCursor } from '../lib/resumeCursor';
import { createStore } from '../lib/store';
import type { Agent, ServerFrame, Workspace } from '../types';
import { endedNotice, expire } from './session';

export type ConnState = 'idle' | 'connecting' | 'replaying' | 'live' | 'reconnecting';

export interface Connection {
  state: ConnState;
  attempt: number;
  /** When the next attempt starts (ms), while reconnecting. */
  retryAt: number | null;
  lastError: string | null;
}

export const connection = createStore<Connection>({ state: 'idle', attempt: 0, retryAt: null, lastError: null });

type FrameHandler = (frame: ServerFrame, ctx: { replay: boolean }) => void;
const handlers = new Set<FrameHandler>();
const reloadHandlers = new Set<() => void>();
const welcomeHandlers = new Set<(w: { agent: Agent; workspace: Workspace }) => void>();

/** Every frame that is new (logged frames deduped by offset). */
export function onFrame(fn: FrameHandler): () => void {
  handlers.add(fn);
  return () => handlers.delete(fn);
}

/** Lists must be reloaded over REST: first connection, `resume.reset`, or another epoch. */
export function onReload(fn: () => void): () => void {
  reloadHandlers.add(fn);
  return () => reloadHandlers.delete(fn);
}

export function onWelcome(fn: (w: { agent: Agent; workspace: Workspace }) => void): () => void {
  welcomeHandlers.add(fn);
  return () => welcomeHandlers.delete(fn);
}

export const cursor = new ResumeCursor();
let hasState = false;

let ws: WebSocket | null = null;
let token = '';
let attempt = 0;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let pingTimer: ReturnType<typeof setInterval> | null = null;
let lastFrameAt = 0;
let holdUntil = 0;
let wanted = false;
let replaying = false;
let welcomeOffset = 0;
let epoch = '';
/** What to say right after resume.done (e.g. presence). */
let afterConnect: Array<() => void> = [];

export const PING_MS = 25_000;
const DEAD_MS = 70_000;

export function backoffDelay(n: number, rand = Math.random()): number {
  const base = Math.min(15_000, 500 * 2 ** Math.min(n, 10));
  return Math.round(base * (0.75 + rand * 0.5));
}

function wsUrl(): string {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${location.host}/ws`;
}

function setState(state: ConnState, extra: Partial<Connection> = {}): void {
  connection.set((c) => ({ ...c, state, attempt, ...extra }));
}

export function connect(t: string): void {
  token = t;
  wanted = true;
  open();
}

export function disconnect(): void {
  wanted = false;
  hasState = false;
  cursor.reset(null, 0);
  clearTimers();
  if (ws) {
    const s = ws;
    ws = null;
    s.onclose = null;
    s.close(1000, 'logout');
  }
  attempt = 0;
  setState('idle', { retryAt: null, lastError: null });
}

function clearTimers(): void {
  if (retryTimer) clearTimeout(retryTimer);
  if (pingTimer) clearInterval(pingTimer);
  retryTimer = null;
  pingTimer = null;
}

function open(): void {
  clearTimers();
  if (!wanted) return;
  const wait = holdUntil - Date.now();
  if (wait > 0) {
    retryTimer = setTimeout(open, wait);
    return;
  }
  setState(attempt === 0 && !hasState ? 'connecting' : 'reconnecting', { retryAt: null });
  let s: WebSocket;
  try {
    s = new WebSocket(wsUrl());
  } catch (err) {
    scheduleRetry(String(err));
    return;
  }
  ws = s;
  s.onopen = () => {
    lastFrameAt = Date.now();
    s.send(JSON.stringify({ type: 'hello', token }));
    pingTimer = setInterval(() => {
      if (ws !== s) return;
      if (Date.now() - lastFrameAt > DEAD_MS) {
        s.close(4000, 'no frames');
        return;
      }
      s.send(JSON.stringify({ type: 'ping', t: Date.now() }));
    }, PING_MS);
  };
  s.onmessage = (ev) => {
    if (ws !== s) return;
    lastFrameAt = Date.now();
    let frame: ServerFrame;
    try {
      frame = JSON.parse(String(ev.data));
    } catch {
      return;
    }
    handle(s, frame);
  };
  s.onclose = (ev) => {
    if (ws !== s) return;
    ws = null;
    replaying = false;
    // 4001: the session ended elsewhere (the error frame before it may be lost): no reconnect, sign in again.
    if (ev.code === CLOSE_SESSION_ENDED) return sessionEnded(ev.reason);
    scheduleRetry(ev.reason || `closed (${ev.code})`);
  };
  s.onerror = () => { /* onclose follows */ };
}

function sessionEnded(text?: string): void {
  wanted = false;
  clearTimers();
  expire(endedNotice(text));
}

function scheduleRetry(reason: string): void {
  clearTimers();
  if (!wanted) return;
  const delay = Math.max(backoffDelay(attempt), holdUntil - Date.now());
  attempt++;
  setState('reconnecting', { retryAt: Date.now() + delay, lastError: reason });
  retryTimer = setTimeout(open, delay);
}

function handle(s: WebSocket, frame: ServerFrame): void {
  switch (frame.type) {
    case 'welcome': {
      attempt = 0;
      welcomeOffset = frame.offset ?? 0;
      epoch = frame.epoch;
      const decision = cursor.onWelcome(frame.epoch, welcomeOffset, hasState);
      hasState = true;
      for (const fn of welcomeHandlers) fn({ agent: frame.agent, workspace: frame.workspace });
      replaying = true;
      setState('replaying', { lastError: null });
      s.send(JSON.stringify({ type: 'resume', after_offset: decision.after }));
      if (decision.action === 'reload') for (const fn of reloadHandlers) fn();
      return;
    }
    case 'resume.done':
      cursor.done(frame.offset ?? cursor.cursor);
      replaying = false;
      setState('live');
      for (const fn of afterConnect) fn();
      return;
    case 'resume.reset':
      cursor.reset(epoch, welcomeOffset);
      replaying = false;
      setState('live');
      for (const fn of reloadHandlers) fn();
      for (const fn of afterConnect) fn();
      return;
    case 'error':
      if (frame.code === 'unauthorized' && frame.field === 'token') {
        // The session was revoked (logout elsewhere, deactivated, role or password changed): back to the login form.
        return sessionEnded(frame.message);
      }
      break;
    case 'message.created':
    case 'conversation.created':
    case 'conversation.updated':
      if (!cursor.accept(frame.offset)) return;
      break;
  }
  for (const fn of handlers) fn(frame, { replay: replaying });
}

/** Sends a frame; false when the socket is not open (callers fall back to REST or wait). */
export function send(frame: Record<string, unknown>): boolean {
  if (!ws || ws.readyState !== WebSocket.OPEN) return false;
  ws.send(JSON.stringify(frame));
  return true;
}

export function isLive(): boolean {
  return !!ws && ws.readyState === WebSocket.OPEN;
}

/** Runs after every (re)connect once the replay is done. */
export function whenLive(fn: () => void): () => void {
  afterConnect.push(fn);
  return () => { afterConnect = afterConnect.filter((f) => f !== fn); };
}

/** Reconnect now (e.g. the browser came back online). */
export function reconnectNow(): void {
  if (!wanted || (ws && ws.readyState <= WebSocket.OPEN)) return;
  attempt = 0;
  open();
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', reconnectNow);
  // Test and debugging hook: drops the socket as a network failure would; `holdMs` keeps it down.
  (window as unknown as { __parleyDropSocket: (holdMs?: number) => void }).__parleyDropSocket = (holdMs = 0) => {
    holdUntil = Date.now() + holdMs;
    ws?.close(4000, 'dropped for a test'); // not 4001: that code means the session ended
  };
  (window as unknown as { __parleyCursor: () => number }).__parleyCursor = () => cursor.cursor;
}
