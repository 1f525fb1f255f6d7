// The teams' routing settings (GET /api/v1/team-routing): the settings page edits them and the inbox
// reads the reminder times to mark chats nobody has answered.
import { api } from '../api';
import { createStore } from '../lib/store';
import type { TeamRouting } from '../../../shared/types';

export interface TeamRoutingState {
  settings: TeamRouting[];
  state: 'loading' | 'ready' | 'failed';
}

export const teamRouting = createStore<TeamRoutingState>({ settings: [], state: 'loading' });

export async function loadTeamRouting(): Promise<void> {
  try {
    const r = await api<{ team_routing: TeamRouting[] }>('GET', '/api/v1/team-routing');
    teamRouting.set({ settings: Array.isArray(r?.team_routing) ? r.team_routing : [], state: 'ready' });
  } catch (err) {
    teamRouting.set((s) => ({ ...s, state: 'failed' }));
    throw err;
  }
}
