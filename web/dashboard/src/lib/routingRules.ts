// Routing rules in the dashboard (issue 13, item 4): how a rule reads in the list, the editor's
// draft and its conversion to the API's body, and moving a rule up or down. Pure: unit-tested.
import type { NewRoutingRule, RoutingCondition, RoutingField, RoutingRule, Team, TeamRouting } from '../../../shared/types';

export const MAX_RULES = 100;
export const MAX_CONDITIONS = 10;

export const FIELD_LABELS: Record<RoutingField, string> = {
  page_url: 'Page URL',
  field: 'Pre-chat field',
  language: 'Language',
  country: 'Country',
  identified: 'Visitor is identified',
};

/** What each field's value means, for the editor's hint under the input. */
export const FIELD_HINTS: Record<RoutingField, string> = {
  page_url: 'One pattern a line; * matches anything. /pricing* matches every pricing page.',
  field: 'The answer to match, e.g. Billing (case does not matter).',
  language: 'Language codes, comma-separated: de matches de-AT and de-CH.',
  country: 'Two-letter country codes, comma-separated, e.g. DE, AT, CH.',
  identified: '',
};

export const PRIORITY_LABELS = { low: 'Low', medium: 'Medium', high: 'High', urgent: 'Urgent' } as const;

/** One condition in words: "Topic is Billing", "page matches /pricing*". */
export function describeCondition(c: RoutingCondition): string {
  switch (c.field) {
    case 'page_url': return `page matches ${c.value.split('\n').map((s) => s.trim()).filter(Boolean).join(' or ')}`;
    case 'field': return `${c.key || 'field'} is ${c.value}`;
    case 'language': return `language is ${c.value}`;
    case 'country': return `country is ${c.value}`;
    case 'identified': return c.value === 'true' ? 'visitor is identified' : 'visitor is anonymous';
  }
}

/** The rule in one line: "If … and … → Team Billing · High · #billing". */
export function describeRule(r: RoutingRule, teams: Team[]): { when: string; then: string } {
  const when = r.conditions.length === 0 ? 'Every new chat' : `If ${r.conditions.map(describeCondition).join(' and ')}`;
  const then: string[] = [];
  if (r.team_id != null) then.push(`Team ${teams.find((t) => t.id === r.team_id)?.name ?? `#${r.team_id}`}`);
  if (r.priority) then.push(`${PRIORITY_LABELS[r.priority]} priority`);
  if (r.tags.length) then.push(r.tags.map((t) => `#${t}`).join(' '));
  return { when, then: then.join(' · ') };
}

/** The ids in their new order after moving `id` one place up (-1) or down (+1); null when it cannot move. */
export function moved(rules: Pick<RoutingRule, 'id'>[], id: number, by: -1 | 1): number[] | null {
  const ids = rules.map((r) => r.id);
  const at = ids.indexOf(id);
  const to = at + by;
  if (at < 0 || to < 0 || to >= ids.length) return null;
  [ids[at], ids[to]] = [ids[to], ids[at]];
  return ids;
}

export interface RuleDraft {
  name: string;
  enabled: boolean;
  conditions: RoutingCondition[];
  team_id: string; // '' none, else the id
  priority: '' | NonNullable<RoutingRule['priority']>;
  tags: string; // comma-separated
}

export function draftOf(r: RoutingRule | null): RuleDraft {
  if (!r) return { name: '', enabled: true, conditions: [{ field: 'field', key: 'Topic', value: '' }], team_id: '', priority: '', tags: '' };
  return {
    name: r.name, enabled: r.enabled, conditions: r.conditions.map((c) => ({ ...c })), team_id: r.team_id == null ? '' : String(r.team_id),
    priority: r.priority ?? '', tags: r.tags.join(', '),
  };
}

export function bodyOf(d: RuleDraft): NewRoutingRule {
  return {
    name: d.name.trim(),
    enabled: d.enabled,
    conditions: d.conditions.map((c) => (c.field === 'field' ? { field: c.field, key: (c.key ?? '').trim(), value: c.value } : { field: c.field, value: c.value })),
    team_id: d.team_id ? Number(d.team_id) : null,
    priority: d.priority || null,
    tags: d.tags.split(',').map((t) => t.trim()).filter(Boolean),
  };
}

/** A new condition of `field` with a sensible starting value. */
export function newCondition(field: RoutingField): RoutingCondition {
  if (field === 'field') return { field, key: 'Topic', value: '' };
  if (field === 'identified') return { field, value: 'true' };
  return { field, value: '' };
}

/** The reminder time that applies to a conversation of `teamId` (null: no team); 0 when off. */
export function reminderSeconds(settings: TeamRouting[], teamId: number | null): number {
  return settings.find((s) => s.team_id === teamId)?.remind_after_seconds ?? 0;
}

/** "waiting 3m" for a chat that has waited past its reminder time and has no reply; null otherwise. */
export function unattendedLabel(c: { status: string; first_reply_at: number | null; waiting_since: number | null; team_id: number | null },
  settings: TeamRouting[], now: number): string | null {
  const limit = reminderSeconds(settings, c.team_id);
  if (!limit || c.status !== 'open' || c.first_reply_at != null || c.waiting_since == null) return null;
  const waited = now - c.waiting_since;
  if (waited < limit * 1000) return null;
  const m = Math.floor(waited / 60_000);
  return m < 1 ? `waiting ${Math.max(1, Math.floor(waited / 1000))}s` : m < 60 ? `waiting ${m}m` : `waiting ${Math.floor(m / 60)}h ${m % 60}m`;
}
