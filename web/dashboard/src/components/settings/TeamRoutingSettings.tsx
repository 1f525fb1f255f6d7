// The teams' routing settings (part of Settings > Automation > Routing): per team, and for chats
// without a team, where a chat goes when nobody of the team is online, when a chat goes back to the
// queue, and when the team is reminded of a chat nobody answered. Saved per change.
import { useEffect, useId, useState } from 'preact/hooks';
import { api, errorMessage } from '../../api';
import { useStore } from '../../lib/store';
import { directory } from '../../stores/directory';
import { loadTeamRouting, teamRouting } from '../../stores/teamRouting';
import { toast } from '../../stores/toasts';
import type { TeamRouting, TeamRoutingPatch } from '../../../../shared/types';
import { Skeleton } from '../ui';

function TeamCard({ t, name }: { t: TeamRouting; name: string }) {
  const id = useId();
  const [minutes, setMinutes] = useState(String(t.reassign_after_minutes));
  const [seconds, setSeconds] = useState(String(t.remind_after_seconds));
  useEffect(() => { setMinutes(String(t.reassign_after_minutes)); setSeconds(String(t.remind_after_seconds)); }, [t]);

  const save = async (patch: Omit<TeamRoutingPatch, 'team_id'>) => {
    try {
      await api('PATCH', '/api/v1/team-routing', { team_id: t.team_id, ...patch });
      await loadTeamRouting();
      toast(`${name}: saved`, 'success', 2000);
    } catch (err) {
      toast(`Not saved: ${errorMessage(err)}`, 'error', 8000);
      await loadTeamRouting().catch(() => {});
    }
  };
  const saveNumber = (key: 'reassign_after_minutes' | 'remind_after_seconds', text: string, max: number) => {
    const n = Number(text || 0);
    if (!Number.isInteger(n) || n < 0 || n > max) {
      toast(`Enter a whole number from 0 to ${max}`, 'error', 5000);
      return;
    }
    if (n !== t[key]) void save({ [key]: n });
  };

  return (
    <fieldset class="team-card team-routing-card">
      <legend>{name}</legend>
      {t.team_id != null && (
        <div class="field">
          <label for={`${id}-fallback`}>Nobody of the team online</label>
          <select id={`${id}-fallback`} value={t.fallback} onChange={(e) => void save({ fallback: e.currentTarget.value as TeamRouting['fallback'] })}>
            <option value="workspace">Offer the chat to everyone</option>
            <option value="queue">Keep it in the team’s queue</option>
          </select>
        </div>
      )}
      <label class="check"><input type="checkbox" checked={t.reassign_offline} onChange={(e) => void save({ reassign_offline: e.currentTarget.checked })} />
        Reassign when the agent goes offline</label>
      <div class="field">
        <label for={`${id}-reassign`}>Reassign after no reply (minutes, 0 off)</label>
        <input id={`${id}-reassign`} type="number" inputMode="numeric" min={0} max={1440} value={minutes}
          onInput={(e) => setMinutes(e.currentTarget.value)} onBlur={() => saveNumber('reassign_after_minutes', minutes, 1440)}
          onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); saveNumber('reassign_after_minutes', minutes, 1440); } }} />
      </div>
      <div class="field">
        <label for={`${id}-remind`}>Remind after no first reply (seconds, 0 off)</label>
        <input id={`${id}-remind`} type="number" inputMode="numeric" min={0} max={86400} value={seconds}
          onInput={(e) => setSeconds(e.currentTarget.value)} onBlur={() => saveNumber('remind_after_seconds', seconds, 86400)}
          onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); saveNumber('remind_after_seconds', seconds, 86400); } }} />
      </div>
    </fieldset>
  );
}

export function TeamRoutingSettings() {
  const s = useStore(teamRouting);
  const teams = useStore(directory, (d) => d.teams);
  useEffect(() => { void loadTeamRouting().catch(() => {}); }, [teams.length]);
  const nameOf = (t: TeamRouting) => (t.team_id == null ? 'Chats without a team' : teams.find((x) => x.id === t.team_id)?.name ?? `Team ${t.team_id}`);

  return (
    <section aria-labelledby="team-routing-title">
      <h3 id="team-routing-title">Team settings</h3>
      <p class="muted small">Reassigning hands a chat back to the queue and on to the next online agent. Reminders ring again for a chat nobody has answered and mark it in the inbox.</p>
      {s.state === 'loading' && s.settings.length === 0 ? <div role="status" aria-label="Loading team settings"><Skeleton lines={3} /></div>
        : s.state === 'failed' ? (
          <p class="form-error" role="alert">Could not load the team settings. <button type="button" class="btn btn-sm" onClick={() => void loadTeamRouting().catch(() => {})}>Retry</button></p>
        ) : (
          <div class="team-cards">
            {s.settings.map((t) => <TeamCard key={t.team_id ?? 0} t={t} name={nameOf(t)} />)}
          </div>
        )}
    </section>
  );
}
