// Workspace reference data: agents (with live presence), teams, tags, canned replies.
import { api } from '../api';
import { createStore } from '../lib/store';
import type { Agent, CannedReply, TagCount, Team } from '../../../shared/types';
import { onFrame } from './realtime';
import { toastError } from './toasts';

export interface Directory {
  agents: Agent[];
  teams: Team[];
  tags: TagCount[];
  canned: CannedReply[];
  loaded: boolean;
}

export const directory = createStore<Directory>({ agents: [], teams: [], tags: [], canned: [], loaded: false });

export async function loadAgents(): Promise<void> {
  const r = await api<{ agents: Agent[] }>('GET', '/api/v1/agents');
  directory.set((d) => ({ ...d, agents: r.agents }));
}

export async function loadTeams(): Promise<void> {
  const r = await api<{ teams: Team[] }>('GET', '/api/v1/teams');
  directory.set((d) => ({ ...d, teams: r.teams }));
}

export async function loadTags(): Promise<void> {
  const r = await api<{ tags: TagCount[] }>('GET', '/api/v1/tags');
  directory.set((d) => ({ ...d, tags: r.tags }));
}

export async function loadCanned(): Promise<void> {
  const r = await api<{ canned_replies: CannedReply[] }>('GET', '/api/v1/canned_replies');
  directory.set((d) => ({ ...d, canned: r.canned_replies }));
}

export async function loadDirectory(): Promise<void> {
  const results = await Promise.allSettled([loadAgents(), loadTeams(), loadTags(), loadCanned()]);
  const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined;
  if (failed) toastError(failed.reason, 'Could not load workspace data');
  directory.set((d) => ({ ...d, loaded: true }));
}

/** A tag used on a conversation shows up in the sidebar without a reload. */
export function noteTags(tags: string[]): void {
  directory.set((d) => {
    const known = new Set(d.tags.map((t) => t.name));
    const add = tags.filter((t) => !known.has(t));
    return add.length ? { ...d, tags: [...d.tags, ...add.map((name) => ({ name, count: 1 }))] } : d;
  });
}

export function agentName(id: number | null | undefined): string {
  if (id == null) return 'Unassigned';
  return directory.get().agents.find((a) => a.id === id)?.name ?? `Agent #${id}`;
}

export function resetDirectory(): void {
  directory.set({ agents: [], teams: [], tags: [], canned: [], loaded: false });
}

onFrame((f) => {
  if (f.type === 'presence' && f.agent_id != null && f.status) {
    directory.set((d) => ({ ...d, agents: d.agents.map((a) => (a.id === f.agent_id ? { ...a, presence: f.status! } : a)) }));
  }
  if ((f.type === 'conversation.updated' || f.type === 'conversation.created') && f.conversation?.tags?.length) {
    noteTags(f.conversation.tags);
  }
});
