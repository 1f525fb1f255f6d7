import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../../api';
import { useStore } from '../../lib/store';
import { directory, loadAgents, loadTeams } from '../../stores/directory';
import { me } from '../../stores/session';
import { toast } from '../../stores/toasts';
import type { Agent, Role, Team } from '../../../../shared/types';
import { Avatar, Dialog } from '../ui';

export function AgentsSettings() {
  const agents = useStore(directory, (d) => d.agents);
  const [form, setForm] = useState({ name: '', email: '', password: '', role: 'agent' as Role, capacity: 5 });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => { void loadAgents().catch(() => {}); }, []);

  const patch = async (a: Agent, body: Partial<Agent>, ok: string) => {
    try {
      await api('PATCH', `/api/v1/agents/${a.id}`, body);
      await loadAgents();
      toast(ok, 'success', 2500);
    } catch (err) {
      toast(`Not saved: ${errorMessage(err)}`, 'error', 8000);
    }
  };

  const add = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('POST', '/api/v1/agents', { ...form, capacity: Number(form.capacity) });
      await loadAgents();
      toast(`${form.name} can sign in now`, 'success');
      setForm({ name: '', email: '', password: '', role: 'agent', capacity: 5 });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const self = me()?.id;
  const [resetting, setResetting] = useState<Agent | null>(null);
  return (
    <div>
      {resetting && <ResetPassword agent={resetting} onClose={() => setResetting(null)} />}
      <h2>Agents</h2>
      <p class="muted">Who answers chats. Capacity is how many open chats automatic assignment gives someone at once.</p>
      <table class="table">
        <thead><tr><th scope="col">Agent</th><th scope="col">Role</th><th scope="col">Capacity</th><th scope="col">Status</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
        <tbody>
          {agents.map((a) => (
            <tr key={a.id} class={a.active ? '' : 'inactive'} data-agent-email={a.email}>
              <td><div class="cell-visitor"><Avatar name={a.name} url={a.avatar_url} size={28} /><div><strong>{a.name}</strong><div class="muted small">{a.email}</div></div></div></td>
              <td>
                <select aria-label={`Role of ${a.name}`} value={a.role} disabled={a.id === self} onChange={(e) => void patch(a, { role: e.currentTarget.value as Role }, `${a.name} is now ${e.currentTarget.value}`)}>
                  <option value="agent">Agent</option><option value="admin">Admin</option>
                </select>
              </td>
              <td>
                <input type="number" class="narrow" min={0} max={100} aria-label={`Capacity of ${a.name}`} value={a.capacity}
                  onChange={(e) => void patch(a, { capacity: Number(e.currentTarget.value) }, `Capacity of ${a.name} saved`)} />
              </td>
              <td>{a.active ? <span class={`presence-label ${a.presence}`}><span class={`presence-dot small ${a.presence}`} /> {a.presence}</span> : <span class="muted">Deactivated</span>}</td>
              <td class="row-actions">
                {a.id !== self && <button type="button" class="btn btn-sm" onClick={() => setResetting(a)}>Reset password</button>}
                {a.id !== self && (a.active
                  ? <button type="button" class="btn btn-sm danger" onClick={() => void patch(a, { active: false }, `${a.name} deactivated`)}>Deactivate</button>
                  : <button type="button" class="btn btn-sm" onClick={() => void patch(a, { active: true }, `${a.name} reactivated`)}>Reactivate</button>)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Add an agent</h3>
      <form class="grid-form" onSubmit={add}>
        <label class="field"><span>Name</span><input required value={form.name} onInput={(e) => setForm({ ...form, name: e.currentTarget.value })} /></label>
        <label class="field"><span>Email</span><input type="email" required value={form.email} onInput={(e) => setForm({ ...form, email: e.currentTarget.value })} /></label>
        <label class="field"><span>Initial password</span><input type="password" required minLength={8} autoComplete="new-password" value={form.password} onInput={(e) => setForm({ ...form, password: e.currentTarget.value })} /></label>
        <label class="field"><span>Role</span>
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.currentTarget.value as Role })}><option value="agent">Agent</option><option value="admin">Admin</option></select>
        </label>
        <label class="field"><span>Capacity</span><input type="number" min={0} max={100} value={form.capacity} onInput={(e) => setForm({ ...form, capacity: Number(e.currentTarget.value) })} /></label>
        <div class="field field-submit"><button class="btn btn-primary" type="submit" disabled={busy}>Add agent</button></div>
      </form>
      {error && <p class="form-error" role="alert">{error}</p>}
    </div>
  );
}

/** An admin sets a new password for another agent; every session of theirs ends (POST /api/v1/agents/{id}/password). */
function ResetPassword({ agent, onClose }: { agent: Agent; onClose: () => void }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (password.length < 8) { setError('Use at least 8 characters.'); return; }
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/api/v1/agents/${agent.id}/password`, { password });
      toast(`${agent.name}’s password was reset; they were signed out everywhere`, 'success');
      onClose();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  return (
    <Dialog title={`Reset ${agent.name}’s password`} onClose={onClose}>
      <form class="stack" onSubmit={submit} noValidate>
        <p class="muted small">{agent.name} is signed out on every device and signs in again with the new password. Tell them the password in person or over a channel you trust.</p>
        <div class="field">
          <label for="reset-password">New password</label>
          <input id="reset-password" type="text" autoComplete="new-password" value={password} aria-invalid={!!error}
            aria-describedby={error ? 'reset-password-error' : undefined} onInput={(e) => setPassword(e.currentTarget.value)} />
          {error && <span class="field-error" id="reset-password-error" role="alert">{error}</span>}
        </div>
        <div class="row-actions">
          <button type="submit" class="btn btn-primary" disabled={busy}>{busy ? 'Resetting…' : 'Reset password'}</button>
          <button type="button" class="btn" onClick={onClose}>Cancel</button>
        </div>
      </form>
    </Dialog>
  );
}

export function TeamsSettings() {
  const { teams, agents } = useStore(directory);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { void loadTeams().catch(() => {}); void loadAgents().catch(() => {}); }, []);

  const create = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      await api('POST', '/api/v1/teams', { name: name.trim(), member_ids: [] });
      await loadTeams();
      toast(`Team ${name.trim()} created`, 'success');
      setName('');
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const update = async (t: Team, body: Partial<Team>) => {
    try {
      await api('PATCH', `/api/v1/teams/${t.id}`, body);
      await loadTeams();
    } catch (err) {
      toast(`Not saved: ${errorMessage(err)}`, 'error', 8000);
    }
  };

  return (
    <div>
      <h2>Teams</h2>
      <p class="muted">Group agents (Sales, Support…) so chats can be transferred to a team and each team gets its own inbox view.</p>
      {teams.length === 0 && <p class="muted">No teams yet.</p>}
      <div class="team-cards">
        {teams.map((t) => (
          <fieldset key={t.id} class="team-card">
            <legend>{t.name}</legend>
            <div class="member-list">
              {agents.filter((a) => a.active).map((a) => (
                <label key={a.id} class="check">
                  <input type="checkbox" checked={t.member_ids.includes(a.id)}
                    onChange={(e) => void update(t, { member_ids: e.currentTarget.checked ? [...t.member_ids, a.id] : t.member_ids.filter((x) => x !== a.id) })} />
                  {a.name}
                </label>
              ))}
            </div>
          </fieldset>
        ))}
      </div>
      <form class="inline-form" onSubmit={create}>
        <label class="field"><span>New team</span><input required value={name} placeholder="Sales" onInput={(e) => setName(e.currentTarget.value)} /></label>
        <button class="btn btn-primary" type="submit">Create team</button>
      </form>
      {error && <p class="form-error" role="alert">{error}</p>}
    </div>
  );
}
