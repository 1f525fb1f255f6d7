// The teams' routing settings (GET /api/v1/team-routing): the settings page edits them and the inbox
// reads the reminder times to mark chats nobody has answered.
import { api } from '../api';
import { createStore } from '../lib/store';
import type { TeamRouting } from '../../../shared/types';
import { onFrame } from './realtime';

export interface TeamRoutingState {
  settings: TeamRouting[];
  state: 'loading' | 'ready' | 'failed';
  /** When the last conversation.unattended frame came: the inbox redraws its markers at once, not on its next tick. */
  lastReminder: number;
}

export const teamRouting = createStore<TeamRoutingState>({ settings: [], state: 'loading', lastReminder: 0 });

export async function loadTeamRouting(): Promise<void> {
  try {
    const r = await api<{ team_routing: TeamRouting[] }>('GET', '/api/v1/team-routing');
    teamRouting.set((s) => ({ ...s, settings: Array.isArray(r?.team_routing) ? r.team_routing : [], state: 'ready' }));
  } catch (err) {
    teamRouting.set((s) => ({ ...s, state: 'failed' }));
    throw err;
  }
}

onFrame((f, { replay }) => {
  if (!replay && f.type === 'conversation.unattended') teamRouting.set((s) => ({ ...s, lastReminder: Date.now() }));
});
