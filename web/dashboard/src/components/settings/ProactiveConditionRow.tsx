// One condition of a proactive rule in the editor: its type and the fields that type has. Errors the server gave
// for it (conditions[i].values etc.) show next to the field.
import type { ProactiveCondition, ProactiveConditionType } from '../../../../shared/types';
import { CONDITION_LABELS, newCondition, splitList } from '../../lib/proactiveRules';

const TYPES = Object.keys(CONDITION_LABELS) as ProactiveConditionType[];

const FLAG_WORDS: Partial<Record<ProactiveConditionType, [string, string]>> = {
  identified: ['identified (your site told us who they are)', 'anonymous'],
  business_hours: ['inside business hours', 'outside business hours'],
  agents_online: ['at least one agent is online', 'no agent is online'],
};

export function ConditionRow({ c, i, id, errors, onChange, onRemove }: {
  c: ProactiveCondition; i: number; id: string; errors: Record<string, string>;
  onChange: (c: ProactiveCondition) => void; onRemove: () => void;
}) {
  const at = `conditions[${i}]`;
  const base = `${id}-c${i}`;
  const err = (f: string) => errors[`${at}.${f}`];
  const errorOf = (f: string) => err(f) && <span class="field-error" id={`${base}-${f}-err`} role="alert">{err(f)}</span>;
  const described = (f: string, hint?: string) => [hint, err(f) ? `${base}-${f}-err` : ''].filter(Boolean).join(' ') || undefined;
  const flag = FLAG_WORDS[c.type];

  let value;
  if (flag) {
    value = (
      <div class="field grow">
        <label for={`${base}-v`}>Only when</label>
        <select id={`${base}-v`} value={String(c.value !== false)} onChange={(e) => onChange({ ...c, value: e.currentTarget.value === 'true' })}>
          <option value="true">{flag[0]}</option>
          <option value="false">{flag[1]}</option>
        </select>
      </div>
    );
  } else if (c.type === 'page_url' || c.type === 'language' || c.type === 'country') {
    const hint = c.type === 'page_url' ? 'One per line. * matches anything: /products/* or */pricing. A path starts with /.'
      : c.type === 'language' ? 'Comma-separated: de matches de-AT too.' : 'Two-letter codes, comma-separated: DE, AT';
    const text = (c.values || []).join(c.type === 'page_url' ? '\n' : ', ');
    const set = (t: string) => onChange({ ...c, values: splitList(t) });
    value = (
      <div class="field grow">
        <label for={`${base}-v`}>{c.type === 'page_url' ? 'Matches any of' : 'Is one of'}</label>
        {c.type === 'page_url'
          ? <textarea id={`${base}-v`} rows={2} value={text} aria-invalid={!!err('values')} aria-describedby={described('values', `${base}-h`)}
              onChange={(e) => set(e.currentTarget.value)} />
          : <input id={`${base}-v`} value={text} aria-invalid={!!err('values')} aria-describedby={described('values', `${base}-h`)}
              onChange={(e) => set(e.currentTarget.value)} />}
        <span class="muted small" id={`${base}-h`}>{hint}</span>
        {errorOf('values')}
      </div>
    );
  } else if (c.type === 'time_on_page') {
    value = (
      <div class="field">
        <label for={`${base}-v`}>At least (seconds)</label>
        <input id={`${base}-v`} type="number" min={0} max={3600} value={c.seconds ?? 0} aria-invalid={!!err('seconds')}
          aria-describedby={described('seconds')} onInput={(e) => onChange({ ...c, seconds: Number(e.currentTarget.value) })} />
        {errorOf('seconds')}
      </div>
    );
  } else if (c.type === 'visits') {
    value = (
      <div class="field-row">
        <div class="field">
          <label for={`${base}-op`}>Visits</label>
          <select id={`${base}-op`} value={c.op} onChange={(e) => onChange({ ...c, op: e.currentTarget.value as ProactiveCondition['op'] })}>
            <option value="at_least">at least</option>
            <option value="at_most">at most</option>
            <option value="exactly">exactly</option>
          </select>
        </div>
        <div class="field">
          <label for={`${base}-v`}>Count</label>
          <input id={`${base}-v`} type="number" min={1} max={10000} value={c.count ?? 1} aria-invalid={!!err('count')}
            aria-describedby={described('count', `${base}-h`)} onInput={(e) => onChange({ ...c, count: Number(e.currentTarget.value) })} />
          <span class="muted small" id={`${base}-h`}>A visit ends after 30 minutes without a page view.</span>
          {errorOf('count')}
        </div>
      </div>
    );
  } else if (c.type === 'referrer') {
    value = (
      <div class="field grow">
        <label for={`${base}-v`}>Referrer contains</label>
        <input id={`${base}-v`} value={c.contains ?? ''} placeholder="google." aria-invalid={!!err('contains')}
          aria-describedby={described('contains')} onInput={(e) => onChange({ ...c, contains: e.currentTarget.value })} />
        {errorOf('contains')}
      </div>
    );
  } else {
    value = (
      <div class="field-row">
        <div class="field">
          <label for={`${base}-k`}>Attribute</label>
          <input id={`${base}-k`} value={c.key ?? ''} placeholder="plan" aria-invalid={!!err('key')} aria-describedby={described('key')}
            onInput={(e) => onChange({ ...c, key: e.currentTarget.value })} />
          {errorOf('key')}
        </div>
        <div class="field">
          <label for={`${base}-op`}>Test</label>
          <select id={`${base}-op`} value={c.op} onChange={(e) => onChange({ ...c, op: e.currentTarget.value as ProactiveCondition['op'] })}>
            <option value="equals">equals</option>
            <option value="contains">contains</option>
            <option value="exists">is set</option>
          </select>
        </div>
        {c.op !== 'exists' && (
          <div class="field">
            <label for={`${base}-v`}>Value</label>
            <input id={`${base}-v`} value={String(c.value ?? '')} placeholder="pro" aria-invalid={!!err('value')}
              aria-describedby={described('value')} onInput={(e) => onChange({ ...c, value: e.currentTarget.value })} />
            {errorOf('value')}
          </div>
        )}
      </div>
    );
  }

  return (
    <div class="pr-condition" role="group" aria-label={`Condition ${i + 1}`}>
      <div class="field">
        <label for={`${base}-t`}>Condition {i + 1}</label>
        <select id={`${base}-t`} value={c.type} aria-invalid={!!err('type')}
          onChange={(e) => onChange(newCondition(e.currentTarget.value as ProactiveConditionType))}>
          {TYPES.map((t) => <option key={t} value={t}>{CONDITION_LABELS[t]}</option>)}
        </select>
        {errorOf('type')}
      </div>
      {value}
      <button type="button" class="btn btn-sm pr-remove" aria-label={`Remove condition ${i + 1}`} onClick={onRemove}>Remove</button>
    </div>
  );
}
