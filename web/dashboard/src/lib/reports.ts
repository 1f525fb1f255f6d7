// The reports page's pure helpers (issue 16): the periods (presets and custom dates, in the workspace's time
// zone), the change against the previous period, durations and the heatmap's shades, and the CSV of each table.
import { duration } from './format';
import { toCsv } from './csv';
import type { ReportOverview, ReportTableRow, ReportCsatComment } from '../../../shared/types';

export type Preset = 'today' | '7d' | '30d' | 'custom';
export const PRESETS: { id: Preset; label: string }[] = [
  { id: 'today', label: 'Today' },
  { id: '7d', label: '7 days' },
  { id: '30d', label: '30 days' },
  { id: 'custom', label: 'Custom' },
];
export const MAX_DAYS = 366;
const DAY = 86_400_000;

/** "YYYY-MM-DD" of the instant `ms` on the wall clock of the IANA zone `tz` (UTC when unknown). */
export function dateInZone(ms: number, tz: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
  } catch {
    return new Date(ms).toISOString().slice(0, 10);
  }
}

function parseDate(d: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return null;
  const ms = Date.parse(d + 'T00:00:00Z');
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== d ? null : ms;
}

export function addDays(d: string, n: number): string {
  const ms = parseDate(d);
  return ms === null ? d : new Date(ms + n * DAY).toISOString().slice(0, 10);
}

/** Days from `from` to `to` (exclusive), or null when either is not a date. */
export function daysBetween(from: string, to: string): number | null {
  const a = parseDate(from), b = parseDate(to);
  return a === null || b === null ? null : Math.round((b - a) / DAY);
}

/** The period of a preset ending today (inclusive): `to` is the day after. */
export function presetPeriod(preset: Exclude<Preset, 'custom'>, today: string): { from: string; to: string } {
  const to = addDays(today, 1);
  const days = preset === 'today' ? 1 : preset === '7d' ? 7 : 30;
  return { from: addDays(to, -days), to };
}

/** What is wrong with a custom period given as first and last day (both inclusive), or ''. */
export function customPeriodError(first: string, last: string): string {
  const n = daysBetween(first, last);
  if (parseDate(first) === null) return 'Enter the first day.';
  if (n === null) return 'Enter the last day.';
  if (n < 0) return 'The last day comes before the first.';
  if (n + 1 > MAX_DAYS) return `A period is at most ${MAX_DAYS} days.`;
  return '';
}

export interface Change {
  text: string; // "+25 %", "−10 %", "no change", "new"
  direction: 'up' | 'down' | 'same';
  label: string; // for screen readers: "up 25 % from 4"
}

/** The change of `current` against `previous`; null when neither has a value. */
export function change(current: number | null, previous: number | null): Change | null {
  if (current === null || previous === null) return null;
  if (current === previous) return { text: 'no change', direction: 'same', label: 'no change from the previous period' };
  if (previous === 0) return { text: 'new', direction: 'up', label: 'up from 0 in the previous period' };
  const pct = Math.round(((current - previous) / Math.abs(previous)) * 100);
  const direction = current > previous ? 'up' : 'down';
  const text = pct === 0 ? (direction === 'up' ? '+<1 %' : '−<1 %') : `${pct > 0 ? '+' : '−'}${Math.abs(pct)} %`;
  return { text, direction, label: `${direction} ${Math.abs(pct)} % from ${previous} in the previous period` };
}

export function durationText(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '—' : duration(ms);
}

export function csatText(avg: number | null | undefined): string {
  return avg === null || avg === undefined ? '—' : avg.toFixed(1);
}

/** 0 (none) .. 4 (the busiest hour) for the heatmap's cells. */
export function heatLevel(n: number, max: number): number {
  if (n <= 0 || max <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((n / max) * 4)));
}

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 600) / 100);

export function tableCsv(rows: ReportTableRow[], kind: 'agent' | 'team'): string {
  return toCsv(
    [kind === 'agent' ? 'Agent' : 'Team', 'Conversations', 'Replies', 'First response median (min)', 'Resolution median (min)', 'CSAT average', 'CSAT ratings'],
    rows.map((r) => [r.name ?? (kind === 'agent' ? 'Unassigned' : 'No team'), r.conversations, r.replies,
      minutes(r.first_response_median_ms), minutes(r.resolution_median_ms), r.csat_average === null ? null : Number(r.csat_average.toFixed(2)), r.csat_count]),
  );
}

export function byDayCsv(o: ReportOverview): string {
  return toCsv(['Date', 'New conversations'], o.by_day.map((d) => [d.date, d.count]));
}

export function heatmapCsv(o: ReportOverview): string {
  return toCsv(['Day', ...Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}:00`)],
    o.heatmap.map((row, i) => [WEEKDAYS[i], ...row]));
}

export function summaryCsv(o: ReportOverview): string {
  const c = o.current, p = o.previous;
  const line = (name: string, a: number | null, b: number | null): (string | number | null)[] => [name, a, b];
  return toCsv(['Measure', `${o.period.from} to ${addDays(o.period.to, -1)}`, 'Previous period'], [
    line('New conversations', c.conversations.new, p.conversations.new),
    line('Resolved conversations', c.conversations.resolved, p.conversations.resolved),
    line('Missed conversations', c.conversations.missed, p.conversations.missed),
    line('First response median (min)', minutes(c.first_response.median_ms), minutes(p.first_response.median_ms)),
    line('First response p90 (min)', minutes(c.first_response.p90_ms), minutes(p.first_response.p90_ms)),
    line('Resolution median (min)', minutes(c.resolution.median_ms), minutes(p.resolution.median_ms)),
    line('Resolution p90 (min)', minutes(c.resolution.p90_ms), minutes(p.resolution.p90_ms)),
    line('Messages from visitors', c.messages.visitor, p.messages.visitor),
    line('Messages from agents', c.messages.agent, p.messages.agent),
    line('Messages from the bot', c.messages.bot, p.messages.bot),
    line('CSAT average', c.csat.average, p.csat.average),
    line('CSAT ratings', c.csat.count, p.csat.count),
    ...[1, 2, 3, 4, 5].map((s) => line(`CSAT rated ${s}`, c.csat.distribution[s - 1], p.csat.distribution[s - 1])),
    line('Bot conversations', c.bot.handled, p.bot.handled),
    line('Resolved by the bot alone', c.bot.resolved_alone, p.bot.resolved_alone),
    line('Handed off by the bot', c.bot.handed_off, p.bot.handed_off),
  ]);
}

export function commentsCsv(comments: ReportCsatComment[]): string {
  return toCsv(['Conversation', 'Date', 'Rating', 'Agent', 'Comment'],
    comments.map((c) => [c.conversation_id, new Date(c.created_at).toISOString(), c.score, c.agent_name ?? '', c.comment]));
}
