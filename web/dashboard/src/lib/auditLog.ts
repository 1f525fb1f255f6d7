// Settings > Audit log (issue 16, item 2): the words the page shows for each action, the query its
// filters make, and days in the workspace's time zone (a "from" date is that day's midnight there,
// not in the browser's zone). Pure, tested in auditLog.test.ts.
import type { AuditAction, AuditEntry, WidgetSettings } from '../../../shared/types';

export const AUDIT_ACTIONS: { value: AuditAction; label: string }[] = [
  { value: 'agent.login', label: 'Signed in' },
  { value: 'agent.login_failed', label: 'Failed sign-in' },
  { value: 'agent.created', label: 'Agent added' },
  { value: 'agent.updated', label: 'Agent changed' },
  { value: 'agent.deactivated', label: 'Agent deactivated' },
  { value: 'agent.role_changed', label: 'Role changed' },
  { value: 'agent.password_changed', label: 'Password changed' },
  { value: 'settings.updated', label: 'Settings changed' },
  { value: 'api_token.created', label: 'API token created' },
  { value: 'api_token.revoked', label: 'API token revoked' },
  { value: 'webhook.created', label: 'Webhook created' },
  { value: 'webhook.updated', label: 'Webhook changed' },
  { value: 'webhook.deleted', label: 'Webhook deleted' },
  { value: 'block.created', label: 'Blocked' },
  { value: 'block.removed', label: 'Unblocked' },
  { value: 'contact.exported', label: 'Contact exported' },
  { value: 'contact.erased', label: 'Contact erased' },
  { value: 'two_factor.enabled', label: 'Two-factor enabled' },
  { value: 'two_factor.disabled', label: 'Two-factor disabled' },
  { value: 'two_factor.recovery_code_used', label: 'Recovery code used' },
  { value: 'two_factor.recovery_codes_replaced', label: 'Recovery codes replaced' },
  { value: 'two_factor.required_changed', label: 'Two-factor requirement changed' },
];

export function actionLabel(action: string): string {
  return AUDIT_ACTIONS.find((a) => a.value === action)?.label ?? action;
}

/** What changed, in a few words: the details a person wants at a glance (keys, a role's move, a reason). */
export function detailText(e: Pick<AuditEntry, 'details'>): string {
  const d = e.details ?? {};
  const parts: string[] = [];
  if (Array.isArray(d.keys) && d.keys.length) parts.push(d.keys.join(', '));
  if (typeof d.from === 'string' && typeof d.to === 'string') parts.push(`${d.from} → ${d.to}`);
  if (typeof d.reason === 'string' && d.reason) parts.push(d.reason.replace(/_/g, ' '));
  if (typeof d.scope === 'string') parts.push(`scope ${d.scope}`);
  if (typeof d.by === 'string') parts.push(`by ${d.by}`);
  if (typeof d.via === 'string') parts.push(d.via);
  if (typeof d.with === 'string') parts.push(`with ${d.with}`);
  if (typeof d.required === 'boolean') parts.push(d.required ? 'now required' : 'no longer required');
  if (typeof d.codes_left === 'number') parts.push(`${count(d.codes_left, 'recovery code')} left`);
  if (typeof d.conversations === 'number' && typeof d.messages === 'number')
    parts.push(`${count(d.conversations, 'conversation')}, ${count(d.messages, 'message')}`);
  return parts.join(' · ');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The workspace's zone: its business hours' zone, else the browser's, else UTC. */
export function workspaceTimeZone(settings: Pick<WidgetSettings, 'business_hours'> | null | undefined): string {
  const tz = settings?.business_hours?.timezone;
  if (tz && validZone(tz)) return tz;
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

function validZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at an instant, in ms (Europe/Berlin in summer: +7,200,000). */
function offsetAt(ms: number, tz: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(ms));
  const n = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** Midnight starting `date` ("2026-03-29") in the zone, as epoch ms; null for a malformed date. */
export function zonedDayStart(date: string, tz: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const guess = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(guess)) return null;
  // Two passes: the offset at the first estimate can differ from the offset at midnight (a DST change).
  let t = guess - offsetAt(guess, tz);
  t = guess - offsetAt(t, tz);
  return t;
}

/** "2026-12-02 19:34" in the zone (the table's time column). */
export function timeInZone(ms: number, tz: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  }).formatToParts(new Date(ms));
  const v = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${v('year')}-${v('month')}-${v('day')} ${v('hour')}:${v('minute')}`;
}

export interface AuditFilters {
  action: string;  // '' any
  actor: string;   // '' any, 'agent:12', 'api_token:3', 'system'
  from: string;    // '' or YYYY-MM-DD, inclusive
  to: string;      // '' or YYYY-MM-DD, inclusive (the whole day)
}

export const NO_AUDIT_FILTERS: AuditFilters = { action: '', actor: '', from: '', to: '' };

/** The query string of the list and the CSV: the dates as the zone's midnights, `to` through its day's end. */
export function auditQuery(f: AuditFilters, tz: string, extra: Record<string, string | number> = {}): string {
  const q = new URLSearchParams();
  if (f.action) q.set('action', f.action);
  if (f.actor) q.set('actor', f.actor);
  const from = f.from ? zonedDayStart(f.from, tz) : null;
  if (from !== null) q.set('from', String(from));
  if (f.to) {
    const end = zonedDayStart(nextDay(f.to), tz);
    if (end !== null) q.set('to', String(end));
  }
  for (const [k, v] of Object.entries(extra)) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

function nextDay(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1));
  return d.toISOString().slice(0, 10);
}

/** A "to" before "from" is the one mistake the filters can make; the page says so instead of asking. */
export function rangeError(f: AuditFilters): string | null {
  return f.from && f.to && f.to < f.from ? 'The end date is before the start date.' : null;
}
