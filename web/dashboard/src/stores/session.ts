// The signed-in agent: token in localStorage so a reload keeps the session.
import { api, ApiError, onApiUnauthorized, setApiToken } from '../api';
import { createStore } from '../lib/store';
import type { Agent, Workspace } from '../types';

export const TOKEN_KEY = 'parley.token';

export type Session =
  | { phase: 'loading' }
  | { phase: 'anon'; notice?: string }
  | { phase: 'ready'; token: string; agent: Agent; workspace: Workspace };

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

onApiUnauthorized(() => expire('Your session has ended. Sign in again.'));

export function expire(notice?: string): void {
  writeToken(null);
  setApiToken('');
  session.set({ phase: 'anon', notice });
}

export async function restore(): Promise<void> {
  const token = readToken();
  if (!token) {
    session.set({ phase: 'anon' });
    return;
  }
  setApiToken(token);
  try {
    const me = await api<{ agent: Agent; workspace: Workspace }>('GET', '/api/v1/me');
    session.set({ phase: 'ready', token, agent: me.agent, workspace: me.workspace });
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) expire();
    else session.set({ phase: 'anon', notice: (err as Error).message });
  }
}

export async function login(email: string, password: string): Promise<void> {
  const r = await api<{ token: string; agent: Agent; workspace: Workspace }>('POST', '/api/v1/auth/login', { email, password });
  writeToken(r.token);
  setApiToken(r.token);
  session.set({ phase: 'ready', token: r.token, agent: r.agent, workspace: r.workspace });
}

export async function logout(): Promise<void> {
  try {
    await api('POST', '/api/v1/auth/logout');
  } catch { /* the token goes away locally anyway */ }
  expire();
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
