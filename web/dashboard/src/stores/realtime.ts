// The agent's WebSocket on the shared client (web/shared/socket.ts: hello, liveness, backoff): welcome -> resume,
// live frames after; every logged frame passes the ResumeCursor so a replayed or doubled frame is applied once.
import { CLOSE_SESSION_ENDED } from '../../../shared/protocol';
import { LiveSocket, sameOriginWsUrl, type Down } from '../../../shared/socket';
import type { AgentFrame, AgentWelcomeFrame, ClientFrame, WelcomeWorkspace } from '../../../shared/frames';
import type { Agent } from '../../../shared/types';
import { ResumeCursor } from '../../../shared/resumeCursor';
import { createStore } from '../lib/store';
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

type FrameHandler = (frame: AgentFrame, ctx: { replay: boolean }) => void;
type WelcomeHandler = (w: { agent: Agent; workspace: WelcomeWorkspace }) => void;
const handlers = new Set<FrameHandler>();
const reloadHandlers = new Set<() => void>();
const welcomeHandlers = new Set<WelcomeHandler>();

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

export function onWelcome(fn: WelcomeHandler): () => void {
  welcomeHandlers.add(fn);
  return () => welcomeHandlers.delete(fn);
}

export const cursor = new ResumeCursor();
let hasState = false;

let token = '';
let wanted = false;
let replaying = false;
let welcomeOffset = 0;
let epoch = '';
/** What to say right after resume.done (e.g. presence). */
let afterConnect: Array<() => void> = [];

let socket: LiveSocket<AgentFrame> | null = null;
function sock(): LiveSocket<AgentFrame> {
  socket ??= new LiveSocket<AgentFrame>(sameOriginWsUrl(), {
    hello: () => (token ? { type: 'hello', token } : null),
    connecting: () => setState(socket!.attempt === 0 && !hasState ? 'connecting' : 'reconnecting', { retryAt: null }),
    up: welcome,
    frame: handle,
    down,
  });
  return socket;
}

function setState(state: ConnState, extra: Partial<Connection> = {}): void {
  connection.set((c) => ({ ...c, state, attempt: socket?.attempt ?? 0, ...extra }));
}

export function connect(t: string): void {
  token = t;
  wanted = true;
  sock().start();
}

export function disconnect(): void {
  wanted = false;
  hasState = false;
  cursor.reset(null, 0);
  socket?.stop();
  setState('idle', { retryAt: null, lastError: null });
}

function down({ code, reason, retryAt }: Down): void {
  replaying = false;
  if (!wanted) return;
  // 4001: the session ended elsewhere (the error frame before it may be lost): no reconnect, sign in again.
  if (code === CLOSE_SESSION_ENDED) return sessionEnded(reason);
  setState('reconnecting', { retryAt, lastError: reason || `closed (${code})` });
}

function sessionEnded(text?: string): void {
  wanted = false;
  socket?.stop();
  expire(endedNotice(text));
}

function welcome(frame: AgentWelcomeFrame): void {
  welcomeOffset = frame.offset ?? 0;
  epoch = frame.epoch;
  const decision = cursor.onWelcome(frame.epoch, welcomeOffset, hasState);
  hasState = true;
  for (const fn of welcomeHandlers) fn({ agent: frame.agent, workspace: frame.workspace });
  replaying = true;
  setState('replaying', { lastError: null });
  send({ type: 'resume', after_offset: decision.after });
  if (decision.action === 'reload') for (const fn of reloadHandlers) fn();
}

function handle(frame: AgentFrame): void {
  switch (frame.type) {
    case 'resume.done':
      cursor.done(frame.offset ?? cursor.cursor);
      replaying = false;
      setState('live');
      for (const fn of afterConnect) fn();
      return;
    case 'resume.needed':
      // This node may have missed frames of another (a Redis outage, protocol.md "Resume"): resume from
      // the cursor on this socket; `accept` drops what was already applied.
      if (!replaying) {
        replaying = true;
        send({ type: 'resume', after_offset: cursor.cursor });
      }
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

/** Sends a frame; false when the socket is not live (callers fall back to REST or wait). */
export function send(frame: ClientFrame): boolean {
  return !!socket?.send(frame);
}

export function isLive(): boolean {
  return !!socket?.connected;
}

/** Runs after every (re)connect once the replay is done. */
export function whenLive(fn: () => void): () => void {
  afterConnect.push(fn);
  return () => { afterConnect = afterConnect.filter((f) => f !== fn); };
}

if (typeof window !== 'undefined') {
  // Test and debugging hook: drops the socket as a network failure would; `holdMs` keeps it down that long.
  (window as unknown as { __parleyDropSocket: (holdMs?: number) => void }).__parleyDropSocket = (holdMs = 0) => {
    if (!socket || !wanted) return;
    if (!holdMs) return socket.drop(4000, 'dropped for a test');   // not 4001: that code means the session ended
    socket.stop();
    setState('reconnecting', { retryAt: Date.now() + holdMs, lastError: 'dropped for a test' });
    setTimeout(() => { if (wanted) socket!.start(); }, holdMs);
  };
  (window as unknown as { __parleyCursor: () => number }).__parleyCursor = () => cursor.cursor;
}
