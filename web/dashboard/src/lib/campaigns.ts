// Campaigns and segments in the dashboard (issue 13, item 3): what each condition field offers in the
// editor, a condition in words, a campaign's state and statistics as people read them, and times on the
// workspace's wall clock. Pure: unit-tested.
import type { Campaign, CampaignState, SegmentCondition, SegmentField, SegmentOp } from '../../../shared/types';

export const MAX_CONDITIONS = 20;
export const COUNT_DEBOUNCE_MS = 400;

/** What the value input of a field is. */
export type ValueKind = 'none' | 'country' | 'language' | 'days' | 'date' | 'url' | 'attribute';

export interface FieldMeta {
  label: string;
  ops: { op: SegmentOp; label: string }[];
  kind: ValueKind;
  placeholder?: string;
}

const YES_NO: FieldMeta['ops'] = [{ op: 'is', label: 'yes' }, { op: 'is_not', label: 'no' }];

export const SEGMENT_FIELDS: Record<SegmentField, FieldMeta> = {
  identified: { label: 'Identified (logged in on your site)', ops: YES_NO, kind: 'none' },
  email_known: { label: 'Email known', ops: YES_NO, kind: 'none' },
  open_conversation: { label: 'Has an open conversation', ops: YES_NO, kind: 'none' },
  country: { label: 'Country', ops: [{ op: 'is', label: 'is' }, { op: 'is_not', label: 'is not' }], kind: 'country', placeholder: 'DE' },
  language: { label: 'Language', ops: [{ op: 'is', label: 'is' }, { op: 'is_not', label: 'is not' }], kind: 'language', placeholder: 'de' },
  last_seen: {
    label: 'Last seen', ops: [{ op: 'within_days', label: 'within the last (days)' }, { op: 'more_than_days', label: 'more than (days) ago' }],
    kind: 'days', placeholder: '7',
  },
  first_seen: { label: 'First seen', ops: [{ op: 'before', label: 'before' }, { op: 'since', label: 'on or after' }], kind: 'date' },
  visited_url: {
    label: 'Visited a page', ops: [{ op: 'contains', label: 'whose URL contains' }, { op: 'glob', label: 'whose URL matches' }],
    kind: 'url', placeholder: '/pricing',
  },
  attribute: { label: 'Attribute', ops: [{ op: 'equals', label: 'equals' }, { op: 'contains', label: 'contains' }], kind: 'attribute', placeholder: 'pro' },
};

export const FIELD_ORDER = Object.keys(SEGMENT_FIELDS) as SegmentField[];

/** A new condition of `field` with its first operator and a sensible value. */
export function newCondition(field: SegmentField): SegmentCondition {
  const meta = SEGMENT_FIELDS[field];
  const value = meta.kind === 'days' ? '30' : meta.kind === 'date' ? todayIso() : '';
  return field === 'attribute' ? { field, op: meta.ops[0].op, key: '', value } : { field, op: meta.ops[0].op, value };
}

/** The condition with another field: the operator and value start again when they no longer fit. */
export function changeField(c: SegmentCondition, field: SegmentField): SegmentCondition {
  return c.field === field ? c : newCondition(field);
}

/** A condition is complete when the server can read it (the draft's live count waits for that). */
export function isComplete(c: SegmentCondition): boolean {
  const kind = SEGMENT_FIELDS[c.field].kind;
  if (kind === 'none') return true;
  if (kind === 'attribute' && !(c.key ?? '').trim()) return false;
  if (kind === 'days') return /^\d+$/.test(c.value.trim()) && Number(c.value) >= 1 && Number(c.value) <= 3650;
  if (kind === 'date') return /^\d{4}-\d{2}-\d{2}$/.test(c.value);
  if (kind === 'country') return /^[A-Za-z]{2}$/.test(c.value.trim());
  return c.value.trim() !== '';
}

/** One condition in words: "Country is DE", "Visited a page whose URL contains /pricing". */
export function describeCondition(c: SegmentCondition): string {
  const meta = SEGMENT_FIELDS[c.field];
  const op = meta.ops.find((o) => o.op === c.op)?.label ?? c.op;
  if (meta.kind === 'none') return c.op === 'is' ? meta.label : `Not: ${meta.label.toLowerCase()}`;
  if (meta.kind === 'days') return `${meta.label} ${op.replace('(days)', `${c.value} days`)}`;
  if (meta.kind === 'attribute') return `${c.key || 'attribute'} ${op} ${c.value}`;
  return `${meta.label} ${op} ${c.value}`;
}

export const STATE_LABELS: Record<CampaignState, string> = {
  draft: 'Draft', scheduled: 'Scheduled', sending: 'Sending', sent: 'Sent', cancelled: 'Cancelled',
};

/** "12 of 40 (30%)"; "0" when nothing was targeted. */
export function ratio(n: number, of: number): string {
  if (of <= 0) return String(n);
  return `${n} of ${of} (${Math.round((n * 100) / of)}%)`;
}

/** When a campaign goes or went out, in words, on the workspace's wall clock. */
export function whenText(c: Campaign, zone: string): string {
  const local = c.scheduled_local?.replace('T', ' ');
  switch (c.state) {
    case 'draft': return 'Not scheduled';
    case 'scheduled': return local ? `Goes out ${local} (${zone})` : 'Scheduled';
    case 'sending': return 'Delivering: each recipient gets it on their next visit';
    case 'sent': return local ? `Sent, started ${local} (${zone})` : 'Sent';
    case 'cancelled': return 'Cancelled';
  }
}

export const canEdit = (s: CampaignState): boolean => s === 'draft' || s === 'scheduled';
export const canCancel = (s: CampaignState): boolean => s === 'draft' || s === 'scheduled' || s === 'sending';

/** "YYYY-MM-DDTHH:MM" of `at` on the wall clock of `zone` (the value of a datetime-local input). */
export function localDateTime(at: number, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(at));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}
