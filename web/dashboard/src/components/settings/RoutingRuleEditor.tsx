// The routing rule editor (a dialog): a name, the conditions (all must hold) and the actions (team,
// priority, tags). The server's refusal goes next to the field it names (conditions[2].value etc.).
import { useId, useState } from 'preact/hooks';
import { api } from '../../api';
import { fieldErrorsOf, type FieldErrors } from '../../lib/fieldErrors';
import { bodyOf, draftOf, FIELD_HINTS, FIELD_LABELS, MAX_CONDITIONS, newCondition, PRIORITY_LABELS, type RuleDraft } from '../../lib/routingRules';
import type { RoutingCondition, RoutingField, RoutingRule, Team } from '../../../../shared/types';
import { Dialog } from '../ui';

const FIELDS = Object.keys(FIELD_LABELS) as RoutingField[];

function fieldsOf(n: number): string[] {
  const out = ['name', 'conditions', 'team_id', 'priority', 'tags'];
  for (let i = 0; i < n; i++) out.push(`conditions[${i}]`, `conditions[${i}].field`, `conditions[${i}].key`, `conditions[${i}].value`);
  return out;
}

export function RuleEditor({ rule, teams, onClose, onSaved }: {
  rule: RoutingRule | null; teams: Team[]; onClose: () => void; onSaved: (r: RoutingRule, created: boolean) => void;
}) {
  const [d, setD] = useState<RuleDraft>(() => draftOf(rule));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const id = useId();

  const setCondition = (i: number, c: RoutingCondition) => setD({ ...d, conditions: d.conditions.map((x, j) => (j === i ? c : x)) });
  const err = (f: string) => errors[f];
  const described = (f: string) => (errors[f] ? `${id}-${f}-error` : undefined);
  const errorText = (f: string) => errors[f] && <span class="field-error" id={`${id}-${f}-error`} role="alert">{errors[f]}</span>;

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const body = bodyOf(d);
      const res = rule
        ? await api<{ rule: RoutingRule }>('PATCH', `/api/v1/routing-rules/${rule.id}`, body)
        : await api<{ rule: RoutingRule }>('POST', '/api/v1/routing-rules', body);
      onSaved(res.rule, !rule);
    } catch (ex) {
      setErrors(fieldErrorsOf(ex, fieldsOf(d.conditions.length)));
      setBusy(false);
    }
  };

  return (
    <Dialog title={rule ? `Edit rule ${rule.name}` : 'Add a routing rule'} onClose={onClose} wide>
      <form class="stack rule-editor" onSubmit={submit} noValidate>
        <div class="field">
          <label for={`${id}-name`}>Name</label>
          <input id={`${id}-name`} value={d.name} maxLength={100} placeholder="Billing questions" aria-invalid={!!err('name')}
            aria-describedby={described('name')} onInput={(e) => setD({ ...d, name: e.currentTarget.value })} />
          {errorText('name')}
        </div>
        <fieldset class="rule-conditions">
          <legend>When all of these are true</legend>
          {d.conditions.length === 0 && <p class="muted small">No conditions: the rule matches every new chat.</p>}
          {d.conditions.map((c, i) => {
            const at = `conditions[${i}]`;
            const fieldErr = err(`${at}.field`) ?? err(at);
            return (
              <div class="condition-row" key={i}>
                <div class="field">
                  <label for={`${id}-c${i}-field`}>Condition {i + 1}</label>
                  <select id={`${id}-c${i}-field`} value={c.field} aria-invalid={!!fieldErr}
                    onChange={(e) => setCondition(i, newCondition(e.currentTarget.value as RoutingField))}>
                    {FIELDS.map((f) => <option key={f} value={f}>{FIELD_LABELS[f]}</option>)}
                  </select>
                  {fieldErr && <span class="field-error" role="alert">{fieldErr}</span>}
                </div>
                {c.field === 'field' && (
                  <div class="field">
                    <label for={`${id}-c${i}-key`}>Field name</label>
                    <input id={`${id}-c${i}-key`} value={c.key ?? ''} placeholder="Topic" aria-invalid={!!err(`${at}.key`)}
                      aria-describedby={described(`${at}.key`)} onInput={(e) => setCondition(i, { ...c, key: e.currentTarget.value })} />
                    {errorText(`${at}.key`)}
                  </div>
                )}
                <div class="field grow">
                  {c.field === 'identified' ? (
                    <>
                      <label for={`${id}-c${i}-value`}>Is</label>
                      <select id={`${id}-c${i}-value`} value={c.value} onChange={(e) => setCondition(i, { ...c, value: e.currentTarget.value })}>
                        <option value="true">identified (the site told us who they are)</option>
                        <option value="false">anonymous</option>
                      </select>
                    </>
                  ) : (
                    <>
                      <label for={`${id}-c${i}-value`}>{c.field === 'page_url' ? 'Matches' : c.field === 'field' ? 'Equals' : 'Is one of'}</label>
                      {c.field === 'page_url'
                        ? <textarea id={`${id}-c${i}-value`} rows={2} value={c.value} placeholder="/pricing*" aria-invalid={!!err(`${at}.value`)}
                            aria-describedby={`${id}-c${i}-hint ${described(`${at}.value`) ?? ''}`} onInput={(e) => setCondition(i, { ...c, value: e.currentTarget.value })} />
                        : <input id={`${id}-c${i}-value`} value={c.value} placeholder={c.field === 'country' ? 'DE, AT' : c.field === 'language' ? 'de' : 'Billing'}
                            aria-invalid={!!err(`${at}.value`)} aria-describedby={`${id}-c${i}-hint ${described(`${at}.value`) ?? ''}`}
                            onInput={(e) => setCondition(i, { ...c, value: e.currentTarget.value })} />}
                      <span class="muted small" id={`${id}-c${i}-hint`}>{FIELD_HINTS[c.field]}</span>
                    </>
                  )}
                  {errorText(`${at}.value`)}
                </div>
                <button type="button" class="btn btn-sm condition-remove" aria-label={`Remove condition ${i + 1}`}
                  onClick={() => setD({ ...d, conditions: d.conditions.filter((_, j) => j !== i) })}>Remove</button>
              </div>
            );
          })}
          {errorText('conditions')}
          <button type="button" class="btn btn-sm" disabled={d.conditions.length >= MAX_CONDITIONS}
            onClick={() => setD({ ...d, conditions: [...d.conditions, newCondition('page_url')] })}>Add condition</button>
        </fieldset>
        <fieldset class="rule-actions">
          <legend>Then</legend>
          <div class="field-row">
            <div class="field">
              <label for={`${id}-team`}>Send to team</label>
              <select id={`${id}-team`} value={d.team_id} aria-invalid={!!err('team_id')} aria-describedby={described('team_id')}
                onChange={(e) => setD({ ...d, team_id: e.currentTarget.value })}>
                <option value="">No team</option>
                {teams.map((t) => <option key={t.id} value={String(t.id)}>{t.name}</option>)}
              </select>
              {errorText('team_id')}
            </div>
            <div class="field">
              <label for={`${id}-priority`}>Priority</label>
              <select id={`${id}-priority`} value={d.priority} aria-invalid={!!err('priority')} aria-describedby={described('priority')}
                onChange={(e) => setD({ ...d, priority: e.currentTarget.value as RuleDraft['priority'] })}>
                <option value="">Leave as is</option>
                {Object.entries(PRIORITY_LABELS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
              </select>
              {errorText('priority')}
            </div>
            <div class="field">
              <label for={`${id}-tags`}>Tags</label>
              <input id={`${id}-tags`} value={d.tags} placeholder="billing, vip" aria-invalid={!!err('tags')}
                aria-describedby={`${id}-tags-hint ${described('tags') ?? ''}`} onInput={(e) => setD({ ...d, tags: e.currentTarget.value })} />
              <span class="muted small" id={`${id}-tags-hint`}>Comma-separated</span>
              {errorText('tags')}
            </div>
          </div>
        </fieldset>
        <label class="check"><input type="checkbox" checked={d.enabled} onChange={(e) => setD({ ...d, enabled: e.currentTarget.checked })} />Rule is on</label>
        {errors.form && <p class="form-error" role="alert">{errors.form}</p>}
        <div class="row-actions">
          <button type="submit" class="btn btn-primary" disabled={busy}>{busy ? 'Saving…' : rule ? 'Save rule' : 'Add rule'}</button>
          <button type="button" class="btn" onClick={onClose}>Cancel</button>
        </div>
      </form>
    </Dialog>
  );
}
