// Proactive rules in the dashboard (Settings > Automation > Proactive messages): the condition types an admin can
// pick, each one's default and its words in the list, and the editor's draft to and from the API's shape.
import type { Agent, NewProactiveRule, ProactiveCondition, ProactiveConditionType, ProactiveRule } from '../../../shared/types';

/** The server's limits (domain/proactive_rule.h). */
export const MAX_RULES = 50;
export const MAX_CONDITIONS = 10;
export const MAX_BODY = 2000;

export const CONDITION_LABELS: Record<ProactiveConditionType, string> = {
  page_url: 'Page URL',
  time_on_page: 'Time on the page',
  visits: 'Number of visits',
  referrer: 'Came from (referrer)',
  language: 'Language',
  country: 'Country',
  identified: 'Identified or anonymous',
  attribute: 'Custom attribute',
  business_hours: 'Business hours',
  agents_online: 'Agents online',
};

/** A new condition of a type, with values an admin only has to adjust. */
export function newCondition(type: ProactiveConditionType): ProactiveCondition {
  switch (type) {
    case 'page_url': return { type, values: ['/*'] };
    case 'time_on_page': return { type, seconds: 10 };
    case 'visits': return { type, op: 'at_least', count: 2 };
    case 'referrer': return { type, contains: '' };
    case 'language': return { type, values: ['en'] };
    case 'country': return { type, values: ['US'] };
    case 'attribute': return { type, key: '', op: 'equals', value: '' };
    default: return { type, value: true };
  }
}

/** A list typed in one field: "de, fr-CA" or one glob per line. */
export function splitList(text: string): string[] {
  return text.split(/[\n,]+/).map((x) => x.trim()).filter(Boolean);
}

/** One condition in words, for the rules list. */
export function describeCondition(c: ProactiveCondition): string {
  const list = (c.values || []).join(', ');
  switch (c.type) {
    case 'page_url': return `page is ${list}`;
    case 'time_on_page': return `${c.seconds ?? 0} s on the page`;
    case 'visits': return `${c.op === 'at_most' ? 'at most' : c.op === 'exactly' ? 'exactly' : 'at least'} ${c.count} visit${c.count === 1 ? '' : 's'}`;
    case 'referrer': return `came from “${c.contains}”`;
    case 'language': return `language ${list}`;
    case 'country': return `country ${list}`;
    case 'identified': return c.value === false ? 'anonymous visitors' : 'identified visitors';
    case 'attribute': return c.op === 'exists' ? `has ${c.key}` : `${c.key} ${c.op === 'contains' ? 'contains' : 'is'} “${c.value}”`;
    case 'business_hours': return c.value === false ? 'outside business hours' : 'inside business hours';
    case 'agents_online': return c.value === false ? 'no agent online' : 'an agent is online';
  }
}

export function describeConditions(cs: ProactiveCondition[]): string {
  return cs.length ? cs.map(describeCondition).join(' and ') : 'every visitor, on every page';
}

/** Who a rule's message comes from, in words. */
export function senderLabel(id: number | null, agents: Pick<Agent, 'id' | 'name'>[], workspace: string): string {
  if (id === null) return `${workspace || 'The workspace'} (no agent)`;
  return agents.find((a) => a.id === id)?.name ?? `Agent #${id}`;
}

/** What the editor holds: the rule's fields as the API takes them. */
export type RuleDraft = Required<Pick<NewProactiveRule, 'name' | 'enabled' | 'priority' | 'body'>> & {
  conditions: ProactiveCondition[];
  sender_agent_id: number | null;
};

export function draftOf(r: ProactiveRule | null): RuleDraft {
  if (!r) {
    return { name: '', enabled: true, priority: 0, body: '', sender_agent_id: null,
      conditions: [{ type: 'page_url', values: ['/*'] }, { type: 'time_on_page', seconds: 10 }] };
  }
  return { name: r.name, enabled: r.enabled, priority: r.priority, body: r.body, sender_agent_id: r.sender_agent_id,
    conditions: r.conditions.map((c) => ({ ...c })) };
}

/** The request body: text trimmed, list values cleaned, fields a type does not use left out. */
export function bodyOf(d: RuleDraft): NewProactiveRule {
  const conditions = d.conditions.map((c): ProactiveCondition => {
    const base = newCondition(c.type);
    const out: ProactiveCondition = { type: c.type };
    for (const k of Object.keys(base) as (keyof ProactiveCondition)[]) if (k !== 'type') (out as any)[k] = c[k] ?? base[k];
    if (out.values) out.values = out.values.map((v) => v.trim()).filter(Boolean);
    if (typeof out.contains === 'string') out.contains = out.contains.trim();
    if (c.type === 'attribute') {
      out.key = (out.key || '').trim();
      if (out.op === 'exists') delete out.value; else out.value = String(out.value ?? '').trim();
    }
    return out;
  });
  return { name: d.name.trim(), enabled: d.enabled, priority: d.priority, body: d.body.trim(),
    sender_agent_id: d.sender_agent_id, conditions };
}

/** "12 shown · 5 opened (42%) · 2 replied (17%)" */
export function statsText(s: ProactiveRule['stats']): string {
  const pct = (n: number) => (s.shown ? ` (${Math.round((n / s.shown) * 100)}%)` : '');
  return `${s.shown} shown · ${s.opened} opened${pct(s.opened)} · ${s.replied} replied${pct(s.replied)}`;
}
