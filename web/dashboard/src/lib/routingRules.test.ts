import { describe, expect, it } from 'vitest';
import type { RoutingRule, TeamRouting } from '../../../shared/types';
import { bodyOf, describeRule, draftOf, moved, unattendedLabel } from './routingRules';

const rule = (over: Partial<RoutingRule> = {}): RoutingRule => ({
  id: 1, position: 0, name: 'Billing', enabled: true, team_id: 7, priority: 'high', tags: ['billing'], created_at: 0,
  conditions: [{ field: 'field', key: 'Topic', value: 'Billing' }, { field: 'page_url', value: '/pricing*\n/plans*' }], ...over,
});

describe('routing rules in the dashboard', () => {
  it('reads a rule as a sentence', () => {
    const d = describeRule(rule(), [{ id: 7, name: 'Support', member_ids: [] }]);
    expect(d.when).toBe('If Topic is Billing and page matches /pricing* or /plans*');
    expect(d.then).toBe('Team Support · High priority · #billing');
    expect(describeRule(rule({ conditions: [], team_id: null, priority: null }), []).when).toBe('Every new chat');
  });

  it('moves a rule one place and refuses to move past the ends', () => {
    const rules = [{ id: 1 }, { id: 2 }, { id: 3 }];
    expect(moved(rules, 2, -1)).toEqual([2, 1, 3]);
    expect(moved(rules, 2, 1)).toEqual([1, 3, 2]);
    expect(moved(rules, 1, -1)).toBeNull();
    expect(moved(rules, 3, 1)).toBeNull();
    expect(moved(rules, 9, 1)).toBeNull();
  });

  it('turns the editor draft into the API body and back', () => {
    const body = bodyOf({ ...draftOf(rule()), tags: ' billing, vip ,', name: ' Billing ' });
    expect(body).toEqual({
      name: 'Billing', enabled: true, team_id: 7, priority: 'high', tags: ['billing', 'vip'],
      conditions: [{ field: 'field', key: 'Topic', value: 'Billing' }, { field: 'page_url', value: '/pricing*\n/plans*' }],
    });
    expect(bodyOf({ ...draftOf(null), name: 'x' })).toMatchObject({ team_id: null, priority: null, tags: [] });
  });

  it('marks a chat waiting past its team reminder time, and only then', () => {
    const settings: TeamRouting[] = [
      { team_id: null, fallback: 'workspace', reassign_offline: false, reassign_after_minutes: 0, remind_after_seconds: 60 },
      { team_id: 7, fallback: 'queue', reassign_offline: false, reassign_after_minutes: 0, remind_after_seconds: 0 },
    ];
    const c = { status: 'open', first_reply_at: null, waiting_since: 0, team_id: null };
    expect(unattendedLabel(c, settings, 59_000)).toBeNull();
    expect(unattendedLabel(c, settings, 60_000)).toBe('waiting 1m');
    expect(unattendedLabel(c, settings, 185_000)).toBe('waiting 3m');
    expect(unattendedLabel({ ...c, first_reply_at: 5 }, settings, 185_000)).toBeNull();
    expect(unattendedLabel({ ...c, team_id: 7 }, settings, 185_000)).toBeNull();   // reminders off for that team
    expect(unattendedLabel({ ...c, status: 'resolved' }, settings, 185_000)).toBeNull();
  });
});
