// Settings > Campaigns: the conditions of a segment, with a live count of the contacts they match while
// an admin edits them (POST /api/v1/segments/count, debounced; a newer edit aborts the older count).
import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../../api';
import {
  changeField, COUNT_DEBOUNCE_MS, FIELD_ORDER, isComplete, MAX_CONDITIONS, newCondition, SEGMENT_FIELDS,
} from '../../lib/campaigns';
import type { SegmentCondition, SegmentField } from '../../../../shared/types';

export interface SegmentDraft {
  match: 'all' | 'any';
  conditions: SegmentCondition[];
}

type Count = { kind: 'idle' } | { kind: 'counting' } | { kind: 'incomplete' } | { kind: 'done'; n: number } | { kind: 'failed'; message: string };

/** The live count of `draft`'s contacts: after a pause in typing, only once every condition is complete. */
function useLiveCount(draft: SegmentDraft): Count {
  const [count, setCount] = useState<Count>({ kind: 'idle' });
  const key = JSON.stringify(draft);
  useEffect(() => {
    if (!draft.conditions.every(isComplete)) {
      setCount({ kind: 'incomplete' });
      return;
    }
    const abort = new AbortController();
    setCount((c) => (c.kind === 'done' ? c : { kind: 'counting' }));
    const timer = setTimeout(() => {
      api<{ count: number }>('POST', '/api/v1/segments/count', draft, abort.signal)
        .then((r) => setCount({ kind: 'done', n: r.count }))
        .catch((err) => { if (!abort.signal.aborted) setCount({ kind: 'failed', message: errorMessage(err) }); });
    }, COUNT_DEBOUNCE_MS);
    return () => { clearTimeout(timer); abort.abort(); };
  }, [key]);
  return count;
}

export function SegmentEditor({ draft, onChange, errors, idPrefix }: {
  draft: SegmentDraft;
  onChange: (d: SegmentDraft) => void;
  /** The server's refusals by field ("conditions[1].value"). */
  errors: Record<string, string>;
  idPrefix: string;
}) {
  const count = useLiveCount(draft);
  const set = (i: number, c: SegmentCondition) => onChange({ ...draft, conditions: draft.conditions.map((x, j) => (j === i ? c : x)) });
  const remove = (i: number) => onChange({ ...draft, conditions: draft.conditions.filter((_, j) => j !== i) });
  const add = () => onChange({ ...draft, conditions: [...draft.conditions, newCondition('country')] });

  return (
    <div class="segment-editor">
      <div class="field">
        <span id={`${idPrefix}-match-label`}>Contacts who match</span>
        <div class="segmented-buttons" role="radiogroup" aria-labelledby={`${idPrefix}-match-label`}>
          {(['all', 'any'] as const).map((m) => (
            <label key={m} class={draft.match === m ? 'active' : ''}>
              <input type="radio" name={`${idPrefix}-match`} value={m} checked={draft.match === m}
                onChange={() => onChange({ ...draft, match: m })} />
              {m === 'all' ? 'all conditions' : 'any condition'}
            </label>
          ))}
        </div>
      </div>
      {draft.conditions.length === 0 && <p class="muted small">No conditions: every contact of the workspace.</p>}
      <ol class="segment-conditions">
        {draft.conditions.map((c, i) => (
          <ConditionRow key={i} index={i} c={c} idPrefix={idPrefix} errors={errors}
            onChange={(x) => set(i, x)} onRemove={() => remove(i)} />
        ))}
      </ol>
      {errors.conditions && <p class="form-error" role="alert">{errors.conditions}</p>}
      <div class="row-actions">
        <button type="button" class="btn btn-sm" onClick={add} disabled={draft.conditions.length >= MAX_CONDITIONS}>Add a condition</button>
        <p class="segment-count" aria-live="polite" data-testid="segment-count">
          {count.kind === 'done' ? <><strong>{count.n.toLocaleString()}</strong> {count.n === 1 ? 'contact matches' : 'contacts match'} now</>
            : count.kind === 'counting' || count.kind === 'idle' ? <span class="muted">Counting…</span>
            : count.kind === 'incomplete' ? <span class="muted">Complete the conditions to see how many contacts match</span>
            : <span class="form-error">Could not count: {count.message}</span>}
        </p>
      </div>
    </div>
  );
}

function ConditionRow({ index, c, idPrefix, errors, onChange, onRemove }: {
  index: number;
  c: SegmentCondition;
  idPrefix: string;
  errors: Record<string, string>;
  onChange: (c: SegmentCondition) => void;
  onRemove: () => void;
}) {
  const meta = SEGMENT_FIELDS[c.field];
  const id = `${idPrefix}-c${index}`;
  const err = (part: string) => errors[`conditions[${index}].${part}`];
  const valueError = err('value') ?? err('field') ?? err('op');
  const common = {
    value: c.value, placeholder: meta.placeholder,
    'aria-invalid': valueError ? true : undefined, 'aria-describedby': valueError ? `${id}-err` : undefined,
    onInput: (e: Event) => onChange({ ...c, value: (e.currentTarget as HTMLInputElement).value }),
  };
  return (
    <li class="condition-row" aria-label={`Condition ${index + 1}`}>
      <label class="field"><span>Field</span>
        <select id={`${id}-field`} value={c.field} onChange={(e) => onChange(changeField(c, e.currentTarget.value as SegmentField))}>
          {FIELD_ORDER.map((f) => <option key={f} value={f}>{SEGMENT_FIELDS[f].label}</option>)}
        </select>
      </label>
      {meta.kind === 'attribute' && (
        <label class="field"><span>Attribute name</span>
          <input value={c.key ?? ''} placeholder="plan" maxLength={64} aria-invalid={err('key') ? true : undefined}
            onInput={(e) => onChange({ ...c, key: e.currentTarget.value })} />
          {err('key') && <span class="field-error">{err('key')}</span>}
        </label>
      )}
      <label class="field"><span>{meta.kind === 'none' ? 'Is it so?' : 'Condition'}</span>
        <select value={c.op} onChange={(e) => onChange({ ...c, op: e.currentTarget.value as SegmentCondition['op'] })}>
          {meta.ops.map((o) => <option key={o.op} value={o.op}>{o.label}</option>)}
        </select>
      </label>
      {meta.kind !== 'none' && (
        <label class="field grow"><span>{valueLabel(meta.kind)}</span>
          {meta.kind === 'date' ? <input type="date" {...common} />
            : meta.kind === 'days' ? <input type="number" min={1} max={3650} {...common} />
            : <input type="text" maxLength={meta.kind === 'country' ? 2 : 500} {...common} />}
          {valueError && <span class="field-error" id={`${id}-err`}>{valueError}</span>}
        </label>
      )}
      <button type="button" class="btn btn-sm condition-remove" aria-label={`Remove condition ${index + 1}`} onClick={onRemove}>Remove</button>
    </li>
  );
}

function valueLabel(kind: string): string {
  switch (kind) {
    case 'country': return 'Country code';
    case 'language': return 'Language code';
    case 'days': return 'Days';
    case 'date': return 'Date (workspace time zone)';
    case 'url': return 'URL or part of it (* matches anything)';
    default: return 'Value';
  }
}
