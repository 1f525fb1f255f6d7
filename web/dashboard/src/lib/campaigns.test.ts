import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../../shared/types';
import { changeField, describeCondition, isComplete, localDateTime, newCondition, ratio, whenText } from './campaigns';

const campaign = (over: Partial<Campaign>): Campaign => ({
  id: 1, name: 'Sale', segment_id: 1, sender_agent_id: 1, body: 'Hi', state: 'draft', scheduled_at: null,
  scheduled_local: null, started_at: null, finished_at: null, created_at: 1, updated_at: 1,
  stats: { targeted: 0, delivered: 0, seen: 0, replied: 0 }, ...over,
});

describe('segment conditions in the editor', () => {
  it('a new condition fits its field', () => {
    expect(newCondition('identified')).toEqual({ field: 'identified', op: 'is', value: '' });
    expect(newCondition('attribute')).toEqual({ field: 'attribute', op: 'equals', key: '', value: '' });
    expect(newCondition('last_seen')).toEqual({ field: 'last_seen', op: 'within_days', value: '30' });
    expect(newCondition('first_seen').value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('changing the field starts the operator and value again', () => {
    const c = { field: 'country' as const, op: 'is_not' as const, value: 'DE' };
    expect(changeField(c, 'country')).toBe(c);
    expect(changeField(c, 'visited_url')).toEqual({ field: 'visited_url', op: 'contains', value: '' });
  });

  it('only complete conditions are counted', () => {
    expect(isComplete({ field: 'identified', op: 'is', value: '' })).toBe(true);
    expect(isComplete({ field: 'country', op: 'is', value: 'Germany' })).toBe(false);
    expect(isComplete({ field: 'country', op: 'is', value: 'de' })).toBe(true);
    expect(isComplete({ field: 'last_seen', op: 'within_days', value: '0' })).toBe(false);
    expect(isComplete({ field: 'last_seen', op: 'within_days', value: '7' })).toBe(true);
    expect(isComplete({ field: 'attribute', op: 'equals', key: ' ', value: 'pro' })).toBe(false);
    expect(isComplete({ field: 'visited_url', op: 'glob', value: '' })).toBe(false);
  });

  it('reads as words', () => {
    expect(describeCondition({ field: 'identified', op: 'is_not', value: '' })).toBe('Not: identified (logged in on your site)');
    expect(describeCondition({ field: 'last_seen', op: 'within_days', value: '7' })).toBe('Last seen within the last 7 days');
    expect(describeCondition({ field: 'attribute', op: 'equals', key: 'plan', value: 'pro' })).toBe('plan equals pro');
    expect(describeCondition({ field: 'country', op: 'is', value: 'DE' })).toBe('Country is DE');
  });
});

describe('campaigns in the list', () => {
  it('statistics as shares of the targeted', () => {
    expect(ratio(3, 0)).toBe('3');
    expect(ratio(1, 3)).toBe('1 of 3 (33%)');
  });

  it('when, on the workspace clock', () => {
    expect(whenText(campaign({ state: 'scheduled', scheduled_local: '2026-12-24T09:00' }), 'Europe/Berlin'))
      .toBe('Goes out 2026-12-24 09:00 (Europe/Berlin)');
    expect(whenText(campaign({}), 'UTC')).toBe('Not scheduled');
  });

  it('the wall clock of a zone, across daylight saving time', () => {
    expect(localDateTime(Date.UTC(2026, 6, 1, 7, 0), 'Europe/Berlin')).toBe('2026-07-01T09:00');
    expect(localDateTime(Date.UTC(2026, 0, 15, 7, 0), 'Europe/Berlin')).toBe('2026-01-15T08:00');
    expect(localDateTime(Date.UTC(2026, 0, 15, 7, 5), 'UTC')).toBe('2026-01-15T07:05');
  });
});
