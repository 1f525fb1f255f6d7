// The proactive rule editor (a dialog): name, the conditions (all must hold), who the message comes from, the
// message, priority, on/off. The server's refusal goes next to the field it names (conditions[2].seconds etc.).
import { useId, useState } from 'preact/hooks';
import { api, ApiError, errorMessage } from '../../api';
import { bodyOf, draftOf, MAX_BODY, MAX_CONDITIONS, newCondition, type RuleDraft } from '../../lib/proactiveRules';
import type { Agent, ProactiveRule } from '../../../../shared/types';
import { Dialog } from '../ui';
import { ConditionRow } from './ProactiveConditionRow';

export function ProactiveRuleEditor({ rule, agents, workspaceName, onClose, onSaved }: {
  rule: ProactiveRule | null; agents: Agent[]; workspaceName: string;
  onClose: () => void; onSaved: (r: ProactiveRule, created: boolean) => void;
}) {
  const [d, setD] = useState<RuleDraft>(() => draftOf(rule));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const id = useId();
  const err = (f: string) => errors[f];
  const described = (f: string, hint?: string) => [hint, err(f) ? `${id}-${f}-err` : ''].filter(Boolean).join(' ') || undefined;
  const errorOf = (f: string) => err(f) && <span class="field-error" id={`${id}-${f}-err`} role="alert">{err(f)}</span>;

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const body = bodyOf(d);
      const res = rule
        ? await api<{ rule: ProactiveRule }>('PATCH', `/api/v1/proactive-rules/${rule.id}`, body)
        : await api<{ rule: ProactiveRule }>('POST', '/api/v1/proactive-rules', body);
      onSaved(res.rule, !rule);
    } catch (ex) {
      // A field the form shows gets the message beside it; anything else above the buttons.
      const field = ex instanceof ApiError && ex.field ? ex.field : 'form';
      setErrors({ [field]: errorMessage(ex) });
      setBusy(false);
    }
  };
  const active = agents.filter((a) => a.active);
  const conditionError = Object.keys(errors).some((k) => k.startsWith('conditions[')) || err('conditions');

  return (
    <Dialog title={rule ? `Edit ${rule.name}` : 'New proactive message'} onClose={onClose} wide>
      <form class="stack pr-editor" onSubmit={submit} noValidate>
        <div class="field">
          <label for={`${id}-name`}>Name</label>
          <input id={`${id}-name`} value={d.name} maxLength={100} placeholder="Help on product pages" aria-invalid={!!err('name')}
            aria-describedby={described('name')} onInput={(e) => setD({ ...d, name: e.currentTarget.value })} />
          {errorOf('name')}
        </div>
        <fieldset>
          <legend>Show it when all of these are true</legend>
          {d.conditions.length === 0 && <p class="muted small">No conditions: every visitor gets it on their first page.</p>}
          {d.conditions.map((c, i) => (
            <ConditionRow key={i} c={c} i={i} id={id} errors={errors}
              onChange={(x) => setD({ ...d, conditions: d.conditions.map((y, j) => (j === i ? x : y)) })}
              onRemove={() => setD({ ...d, conditions: d.conditions.filter((_, j) => j !== i) })} />
          ))}
          {errorOf('conditions')}
          {conditionError && !err('conditions') && Object.keys(errors).filter((k) => /^conditions\[\d+\]$/.test(k)).map((k) => (
            <span key={k} class="field-error" role="alert">{errors[k]}</span>
          ))}
          <button type="button" class="btn btn-sm pr-add" disabled={d.conditions.length >= MAX_CONDITIONS}
            onClick={() => setD({ ...d, conditions: [...d.conditions, newCondition('page_url')] })}>Add condition</button>
        </fieldset>
        <fieldset>
          <legend>Message</legend>
          <div class="field">
            <label for={`${id}-sender`}>From</label>
            <select id={`${id}-sender`} value={d.sender_agent_id === null ? '' : String(d.sender_agent_id)} aria-invalid={!!err('sender_agent_id')}
              aria-describedby={described('sender_agent_id', `${id}-sender-h`)}
              onChange={(e) => setD({ ...d, sender_agent_id: e.currentTarget.value ? Number(e.currentTarget.value) : null })}>
              <option value="">{workspaceName || 'The workspace'} (no agent)</option>
              {active.map((a) => <option key={a.id} value={String(a.id)}>{a.name}</option>)}
            </select>
            <span class="muted small" id={`${id}-sender-h`}>An agent’s name and photo make it personal; a reply goes to the inbox either way.</span>
            {errorOf('sender_agent_id')}
          </div>
          <div class="field">
            <label for={`${id}-body`}>Text</label>
            <textarea id={`${id}-body`} rows={3} maxLength={MAX_BODY} value={d.body} placeholder="Hi! Questions about this product? We’re here."
              aria-invalid={!!err('body')} aria-describedby={described('body')} onInput={(e) => setD({ ...d, body: e.currentTarget.value })} />
            {errorOf('body')}
          </div>
        </fieldset>
        <div class="field-row">
          <div class="field">
            <label for={`${id}-priority`}>Priority</label>
            <input id={`${id}-priority`} type="number" min={0} max={1000} value={d.priority} aria-invalid={!!err('priority')}
              aria-describedby={described('priority', `${id}-priority-h`)} onInput={(e) => setD({ ...d, priority: Number(e.currentTarget.value) })} />
            <span class="muted small" id={`${id}-priority-h`}>When several rules match, the highest wins.</span>
            {errorOf('priority')}
          </div>
          <label class="check"><input type="checkbox" checked={d.enabled} onChange={(e) => setD({ ...d, enabled: e.currentTarget.checked })} />On</label>
        </div>
        {Object.entries(errors).filter(([k]) => !k.startsWith('conditions') && !['name', 'body', 'priority', 'sender_agent_id'].includes(k))
          .map(([k, v]) => <p key={k} class="form-error" role="alert">{v}</p>)}
        <div class="row-actions">
          <button class="btn btn-primary" type="submit" disabled={busy}>{rule ? 'Save' : 'Add'}</button>
          <button class="btn" type="button" onClick={onClose}>Cancel</button>
        </div>
      </form>
    </Dialog>
  );
}
