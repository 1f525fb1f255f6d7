// The signed-in agent: token in localStorage so a reload keeps the session; device tokens (per email) too,
// and those survive logout (lib/deviceTokens.ts).
import { api, ApiError, onApiTwoFactorSetupRequired, onApiUnauthorized, setApiToken } from '../api';
import { deviceFor, parseDevices, rememberDevice } from '../lib/deviceTokens';
import { readRemembered, REMEMBERED_KEY, withRemembered } from '../lib/twoFactor';
import { createStore } from '../lib/store';
import type { Agent, Workspace } from '../../../shared/types';
import { sessionEndReason } from '../../../shared/protocol';

export const TOKEN_KEY = 'parley.token';
export const DEVICES_KEY = 'parley.devices';

export type Session =
  | { phase: 'loading' }
  | { phase: 'anon'; notice?: string }
  | { phase: 'ready'; token: string; agent: Agent; workspace: Workspace;
      /** The workspace requires two-factor authentication and this agent has not set it up: the session reaches only
       *  the set-up (and sign out) until they do. */
      twoFactorSetup?: boolean };

export const session = createStore<Session>({ phase: 'loading' });

function readToken(): string {
  try {
    return localStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

function writeToken(t: string | null): void {
  try {
    if (t) localStorage.setItem(TOKEN_KEY, t);
    else localStorage.removeItem(TOKEN_KEY);
  } catch { /* private mode: the session lasts this tab */ }
}

function readDevices() {
  try {
    return parseDevices(localStorage.getItem(DEVICES_KEY));
  } catch {
    return {};
  }
}

function saveDevice(email: string, device: unknown): void {
  if (typeof device !== 'string' || !device) return;
  try {
    localStorage.setItem(DEVICES_KEY, JSON.stringify(rememberDevice(readDevices(), email, device)));
  } catch { /* private mode: the server limits this browser like any other */ }
}

/** The login form's notice after a session ended elsewhere, with the server's reason when it gave one. */
export function endedNotice(text?: string | null): string {
  const reason = sessionEndReason(text);
  return reason ? `Your session has ended (${reason}). Sign in again.` : 'Your session has ended. Sign in again.';
}

let signingOut = false;

onApiUnauthorized((err) => expire(endedNotice(err.message)));
// The admin turned on "Require two-factor authentication" while this agent was signed in: the set-up page.
onApiTwoFactorSetupRequired(() => session.set((s) => (s.phase === 'ready' ? { ...s, twoFactorSetup: true } : s)));

/** Back to the login form (token dropped, device token kept); idempotent. */
export function expire(notice?: string): void {
  writeToken(null);
  setApiToken('');
  // Our own logout also ends the session on the server, which may tell the socket before the POST returns.
  session.set({ phase: 'anon', notice: signingOut ? undefined : notice });
}

export async function restore(): Promise<void> {
  const token = readToken();
  if (!token) {
    session.set({ phase: 'anon' });
    return;
  }
  setApiToken(token);
  try {
    const me = await api<{ agent: Agent; workspace: Workspace; two_factor?: { setup_required?: boolean } }>('GET', '/api/v1/me');
    session.set({ phase: 'ready', token, agent: me.agent, workspace: me.workspace, twoFactorSetup: !!me.two_factor?.setup_required });
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) expire();
    else session.set({ phase: 'anon', notice: (err as Error).message });
  }
}

interface LoginAnswer {
  token: string; device_token?: string; agent: Agent; workspace: Workspace;
  two_factor_setup_required?: boolean; two_factor_device?: string;
  /** The password was right and the agent has two-factor authentication: no session yet, a code is asked. */
  two_factor_required?: boolean; challenge?: string;
}

function readRememberedRaw(): string | null {
  try {
    return localStorage.getItem(REMEMBERED_KEY);
  } catch {
    return null;
  }
}

function signedIn(email: string, r: LoginAnswer): void {
  saveDevice(email, r.device_token);
  if (r.two_factor_device) {
    try {
      localStorage.setItem(REMEMBERED_KEY, JSON.stringify(withRemembered(readRememberedRaw(), email, r.two_factor_device)));
    } catch { /* private mode: the code is asked next time */ }
  }
  writeToken(r.token);
  setApiToken(r.token);
  session.set({ phase: 'ready', token: r.token, agent: r.agent, workspace: r.workspace, twoFactorSetup: !!r.two_factor_setup_required });
}

/**
 * Signs in with this browser's device token for the email, if any. A 503 `busy` (the server is checking many
 * logins) is tried once more after its Retry-After; other errors (401, 429 with `retryAfter`) go to the form.
 */
export async function login(email: string, password: string,
  wait = (ms: number) => new Promise((r) => setTimeout(r, ms))): Promise<{ challenge: string } | void> {
  const device = deviceFor(readDevices(), email);
  const remembered = readRemembered(readRememberedRaw(), email);
  const body = { email, password, ...(device ? { device_token: device } : {}), ...(remembered ? { two_factor_device: remembered } : {}) };
  let r: LoginAnswer;
  try {
    r = await api<LoginAnswer>('POST', '/api/v1/auth/login', body);
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 503) throw err;
    await wait(Math.min(5, err.retryAfter ?? 1) * 1000);
    r = await api<LoginAnswer>('POST', '/api/v1/auth/login', body);
  }
  if (r.two_factor_required && r.challenge) return { challenge: r.challenge };
  signedIn(email, r);
}

/** The login's second step: the challenge from the password step and a code from the app or a recovery code. */
export async function loginWithCode(email: string, challenge: string, code: string, remember: boolean): Promise<void> {
  const r = await api<LoginAnswer>('POST', '/api/v1/auth/login/two-factor', { challenge, code, remember_device: remember });
  signedIn(email, r);
}

/** Two-factor authentication is now set up: the session reaches everything. */
export function twoFactorSetUp(): void {
  session.set((s) => (s.phase === 'ready' ? { ...s, twoFactorSetup: false } : s));
}

export async function logout(): Promise<void> {
  signingOut = true;
  try {
    await api('POST', '/api/v1/auth/logout');
  } catch { /* the token goes away locally anyway */ }
  expire();
  signingOut = false;
}

export function me(): Agent | null {
  const s = session.get();
  return s.phase === 'ready' ? s.agent : null;
}

export function isAdmin(): boolean {
  return me()?.role === 'admin';
}

/** Updates the signed-in agent (e.g. after a PATCH of self or a presence change). */
export function updateMe(a: Partial<Agent>): void {
  session.set((s) => (s.phase === 'ready' ? { ...s, agent: { ...s.agent, ...a } } : s));
}

export function updateWorkspace(w: Workspace): void {
  session.set((s) => (s.phase === 'ready' ? { ...s, workspace: { ...s.workspace, ...w } } : s));
}
