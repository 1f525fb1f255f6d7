// Settings > Automation > Proactive messages: the rules (highest priority first) with their on/off switch and
// shown/opened/replied counts, the editor (a dialog), and the workspace-wide cap. The widget evaluates the rules on
// the visitor's page; the server sends the message (docs/architecture.md, "Proactive messages").
import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../../api';
import { describeConditions, MAX_RULES, senderLabel, statsText } from '../../lib/proactiveRules';
import { useStore } from '../../lib/store';
import { directory, loadAgents } from '../../stores/directory';
import { session } from '../../stores/session';
import { toast } from '../../stores/toasts';
import type { ProactiveRule, ProactiveSettings } from '../../../../shared/types';
import { Skeleton } from '../ui';
import { ProactiveRuleEditor } from './ProactiveRuleEditor';
import './proactive.css';

export function ProactiveMessagesSettings() {
  const agents = useStore(directory, (d) => d.agents);
  const workspaceName = useStore(session, (s) => (s.phase === 'ready' ? s.workspace.name : ''));
  const [rules, setRules] = useState<ProactiveRule[]>([]);
  const [cap, setCap] = useState<number | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [editing, setEditing] = useState<ProactiveRule | 'new' | null>(null);

  const load = () => {
    setState('loading');
    Promise.all([
      api<{ rules: ProactiveRule[] }>('GET', '/api/v1/proactive-rules'),
      api<ProactiveSettings>('GET', '/api/v1/proactive-settings'),
    ]).then(([r, s]) => { setRules(r.rules); setCap(s.cap_hours); setState('ready'); }, () => setState('failed'));
  };
  useEffect(() => { load(); void loadAgents().catch(() => {}); }, []);

  const sorted = (list: ProactiveRule[]) => [...list].sort((a, b) => b.priority - a.priority || a.id - b.id);
  const toggle = async (r: ProactiveRule, enabled: boolean) => {
    try {
      const res = await api<{ rule: ProactiveRule }>('PATCH', `/api/v1/proactive-rules/${r.id}`, { enabled });
      setRules((list) => list.map((x) => (x.id === r.id ? res.rule : x)));
      toast(`${r.name} ${enabled ? 'on' : 'off'}`, 'success', 2000);
    } catch (err) {
      toast(`Not saved: ${errorMessage(err)}`, 'error', 8000);
    }
  };
  const remove = async (r: ProactiveRule) => {
    if (!confirm(`Delete “${r.name}”? Messages it sent stay in their conversations.`)) return;
    try {
      await api('DELETE', `/api/v1/proactive-rules/${r.id}`);
      setRules((list) => list.filter((x) => x.id !== r.id));
      toast(`${r.name} deleted`, 'success', 2500);
    } catch (err) {
      toast(`Not deleted: ${errorMessage(err)}`, 'error', 8000);
    }
  };
  const saved = (r: ProactiveRule, created: boolean) => {
    setRules((list) => sorted(created ? [...list, r] : list.map((x) => (x.id === r.id ? r : x))));
    setEditing(null);
    toast(created ? `${r.name} added` : `${r.name} saved`, 'success', 2500);
  };
  const saveCap = async (e: Event) => {
    e.preventDefault();
    try {
      const res = await api<ProactiveSettings>('PATCH', '/api/v1/proactive-settings', { cap_hours: cap });
      setCap(res.cap_hours);
      toast('Saved', 'success', 2000);
    } catch (err) {
      toast(`Not saved: ${errorMessage(err)}`, 'error', 8000);
    }
  };

  return (
    <div class="pr-settings">
      <h2>Proactive messages</h2>
      <p class="muted">
        Start the conversation: when a visitor matches a rule (say, 30 seconds on a product page), the widget shows its
        message as if an agent had written it. Each visitor gets a rule’s message once.
      </p>
      {state === 'loading' ? <div role="status" aria-label="Loading proactive messages"><Skeleton lines={3} /></div>
        : state === 'failed' ? (
          <p class="form-error" role="alert">Could not load the proactive messages. <button type="button" class="btn btn-sm" onClick={load}>Retry</button></p>
        ) : rules.length === 0 ? (
          <div class="pr-empty">
            <p><strong>No proactive messages yet.</strong> Visitors see the chat only when they open it themselves.</p>
            <p class="muted small">Example: on pages under /products/, after 20 seconds, from your sales agent: “Questions about this product?”</p>
          </div>
        ) : (
          <ul class="pr-rules" aria-label="Proactive messages, highest priority first">
            {rules.map((r) => (
              <li key={r.id} class={r.enabled ? '' : 'disabled'}>
                <div class="pr-text">
                  <strong>{r.name}</strong>
                  <span class="small">“{r.body}”</span>
                  <span class="muted small">When {describeConditions(r.conditions)} · from {senderLabel(r.sender_agent_id, agents, workspaceName)} · priority {r.priority}</span>
                  <span class="small pr-stats">{statsText(r.stats)}</span>
                </div>
                <div class="row-actions">
                  <label class="check small"><input type="checkbox" checked={r.enabled} aria-label={`${r.name} on`}
                    onChange={(e) => void toggle(r, e.currentTarget.checked)} />On</label>
                  <button type="button" class="btn btn-sm" aria-label={`Edit ${r.name}`} onClick={() => setEditing(r)}>Edit</button>
                  <button type="button" class="btn btn-sm danger" aria-label={`Delete ${r.name}`} onClick={() => void remove(r)}>Delete</button>
                </div>
              </li>
            ))}
          </ul>
        )}
      {state === 'ready' && (
        <>
          <div class="row-actions pr-add-rule">
            <button type="button" class="btn btn-primary" disabled={rules.length >= MAX_RULES} onClick={() => setEditing('new')}>New proactive message</button>
            {rules.length >= MAX_RULES && <span class="muted small">A workspace has at most {MAX_RULES}.</span>}
          </div>
          <form class="stack settings-form pr-cap" onSubmit={saveCap}>
            <h3>Don’t overdo it</h3>
            <div class="field">
              <label for="pr-cap">At most one proactive message per visitor every (hours)</label>
              <input id="pr-cap" type="number" min={0} max={720} value={cap ?? 24} aria-describedby="pr-cap-h"
                onInput={(e) => setCap(Number(e.currentTarget.value))} />
              <span class="muted small" id="pr-cap-h">0 lets every rule through (still once each).</span>
            </div>
            <div class="row-actions"><button class="btn" type="submit">Save</button></div>
          </form>
        </>
      )}
      {editing && <ProactiveRuleEditor rule={editing === 'new' ? null : editing} agents={agents} workspaceName={workspaceName}
        onClose={() => setEditing(null)} onSaved={saved} />}
    </div>
  );
}
