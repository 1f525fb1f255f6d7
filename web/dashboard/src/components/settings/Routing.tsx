// Settings > Automation > Routing: the routing rules in the order they are tried (the first that
// matches a new chat gives it a team, a priority and tags), moved by buttons (keyboard friendly),
// edited in a dialog. The teams' routing settings follow (TeamRoutingSettings).
import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../../api';
import { describeRule, MAX_RULES, moved } from '../../lib/routingRules';
import { useStore } from '../../lib/store';
import { directory, loadTeams } from '../../stores/directory';
import { toast } from '../../stores/toasts';
import type { RoutingRule } from '../../../../shared/types';
import { Skeleton } from '../ui';
import { RuleEditor } from './RoutingRuleEditor';
import { TeamRoutingSettings } from './TeamRoutingSettings';

export function RoutingSettings() {
  const teams = useStore(directory, (d) => d.teams);
  const [rules, setRules] = useState<RoutingRule[]>([]);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [editing, setEditing] = useState<RoutingRule | 'new' | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);

  const load = () => {
    setState('loading');
    api<{ rules: RoutingRule[] }>('GET', '/api/v1/routing-rules')
      .then((r) => { setRules(r.rules); setState('ready'); })
      .catch(() => setState('failed'));
  };
  useEffect(() => { load(); void loadTeams().catch(() => {}); }, []);
  // After a move the button pressed keeps the focus, on the rule's new row; at the top (or bottom)
  // it is disabled, so the focus goes to the rule's other move button instead of the page.
  useEffect(() => {
    if (!focusId) return;
    const pressed = document.getElementById(focusId) as HTMLButtonElement | null;
    const other = document.getElementById(focusId.endsWith('-up') ? focusId.replace(/-up$/, '-down') : focusId.replace(/-down$/, '-up'));
    (pressed && !pressed.disabled ? pressed : other)?.focus();
    setFocusId(null);
  }, [rules]);

  const move = async (r: RoutingRule, by: -1 | 1) => {
    const ids = moved(rules, r.id, by);
    if (!ids) return;
    try {
      const res = await api<{ rules: RoutingRule[] }>('PUT', '/api/v1/routing-rules/order', { ids });
      setFocusId(`rule-${r.id}-${by < 0 ? 'up' : 'down'}`);
      setRules(res.rules);
      toast(`${r.name} moved to position ${res.rules.findIndex((x) => x.id === r.id) + 1}`, 'success', 2000);
    } catch (err) {
      toast(`Not moved: ${errorMessage(err)}`, 'error', 8000);
    }
  };
  const toggle = async (r: RoutingRule, enabled: boolean) => {
    try {
      const res = await api<{ rule: RoutingRule }>('PATCH', `/api/v1/routing-rules/${r.id}`, { enabled });
      setRules((list) => list.map((x) => (x.id === r.id ? res.rule : x)));
    } catch (err) {
      toast(`Not saved: ${errorMessage(err)}`, 'error', 8000);
    }
  };
  const remove = async (r: RoutingRule) => {
    if (!confirm(`Delete the rule “${r.name}”?`)) return;
    try {
      await api('DELETE', `/api/v1/routing-rules/${r.id}`);
      setRules((list) => list.filter((x) => x.id !== r.id));
      toast(`Rule ${r.name} deleted`, 'success', 2500);
    } catch (err) {
      toast(`Not deleted: ${errorMessage(err)}`, 'error', 8000);
    }
  };
  const saved = (r: RoutingRule, created: boolean) => {
    setRules((list) => (created ? [...list, r] : list.map((x) => (x.id === r.id ? r : x))));
    setEditing(null);
    toast(created ? `Rule ${r.name} added` : 'Rule saved', 'success', 2500);
  };

  return (
    <div class="routing-settings">
      <h2>Routing</h2>
      <p class="muted">
        When a visitor starts a chat, these rules are tried from the top. The first one that matches gives the chat a team,
        a priority and tags; the chat then goes to an online agent of that team.
      </p>
      {state === 'loading' ? <div role="status" aria-label="Loading routing rules"><Skeleton lines={3} /></div>
        : state === 'failed' ? (
          <p class="form-error" role="alert">Could not load the routing rules. <button type="button" class="btn btn-sm" onClick={load}>Retry</button></p>
        ) : rules.length === 0 ? (
          <div class="routing-empty">
            <p><strong>No routing rules yet.</strong> Every new chat goes to the next online agent of the workspace.</p>
            <p class="muted small">Example: send chats whose pre-chat “Topic” is Billing to the Billing team, with high priority.</p>
          </div>
        ) : (
          <ol class="routing-rules" aria-label="Routing rules, tried from the top">
            {rules.map((r, i) => {
              const d = describeRule(r, teams);
              return (
                <li key={r.id} class={r.enabled ? '' : 'disabled'}>
                  <span class="rule-pos" aria-hidden="true">{i + 1}</span>
                  <div class="rule-text">
                    <strong>{r.name}</strong>{!r.enabled && <span class="chip">Off</span>}
                    <span class="muted small">{d.when}</span>
                    <span class="small">→ {d.then}</span>
                  </div>
                  <div class="row-actions">
                    <label class="check small"><input type="checkbox" checked={r.enabled} onChange={(e) => void toggle(r, e.currentTarget.checked)} />On</label>
                    <button type="button" id={`rule-${r.id}-up`} class="btn btn-sm" aria-label={`Move ${r.name} up`} disabled={i === 0} onClick={() => void move(r, -1)}>↑</button>
                    <button type="button" id={`rule-${r.id}-down`} class="btn btn-sm" aria-label={`Move ${r.name} down`} disabled={i === rules.length - 1} onClick={() => void move(r, 1)}>↓</button>
                    <button type="button" class="btn btn-sm" aria-label={`Edit ${r.name}`} onClick={() => setEditing(r)}>Edit</button>
                    <button type="button" class="btn btn-sm danger" aria-label={`Delete ${r.name}`} onClick={() => void remove(r)}>Delete</button>
                  </div>
                </li>
              );
            })}
          </ol>
        )}
      {state === 'ready' && (
        <div class="row-actions routing-add">
          <button type="button" class="btn btn-primary" disabled={rules.length >= MAX_RULES} onClick={() => setEditing('new')}>Add rule</button>
          {rules.length >= MAX_RULES && <span class="muted small">A workspace has at most {MAX_RULES} rules.</span>}
        </div>
      )}
      {editing && <RuleEditor rule={editing === 'new' ? null : editing} teams={teams} onClose={() => setEditing(null)} onSaved={saved} />}
      <TeamRoutingSettings />
    </div>
  );
}
