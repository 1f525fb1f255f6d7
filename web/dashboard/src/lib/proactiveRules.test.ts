import { describe, expect, it } from 'vitest';
import { bodyOf, describeConditions, draftOf, newCondition, senderLabel, splitList, statsText } from './proactiveRules';

describe('proactive rules in the dashboard', () => {
  it('sends only the fields a condition type has, cleaned', () => {
    const d = draftOf(null);
    d.name = '  Product help ';
    d.body = ' Questions? ';
    d.conditions = [
      { type: 'page_url', values: [' /products/* ', ''] },
      { ...newCondition('attribute'), key: ' plan ', op: 'exists', value: 'left over' },
      { type: 'identified', value: false, seconds: 3 },
    ];
    expect(bodyOf(d)).toEqual({
      name: 'Product help', body: 'Questions?', enabled: true, priority: 0, sender_agent_id: null,
      conditions: [
        { type: 'page_url', values: ['/products/*'] },
        { type: 'attribute', key: 'plan', op: 'exists' },
        { type: 'identified', value: false },
      ],
    });
  });

  it('says a rule in words', () => {
    expect(describeConditions([])).toBe('every visitor, on every page');
    expect(describeConditions([{ type: 'page_url', values: ['/a*', '/b'] }, { type: 'time_on_page', seconds: 5 },
      { type: 'visits', op: 'at_most', count: 1 }, { type: 'agents_online', value: true }]))
      .toBe('page is /a*, /b and 5 s on the page and at most 1 visit and an agent is online');
    expect(senderLabel(null, [], 'Acme')).toBe('Acme (no agent)');
    expect(senderLabel(2, [{ id: 2, name: 'Sam' }], 'Acme')).toBe('Sam');
    expect(statsText({ shown: 8, opened: 4, replied: 1 })).toBe('8 shown · 4 opened (50%) · 1 replied (13%)');
    expect(statsText({ shown: 0, opened: 0, replied: 0 })).toBe('0 shown · 0 opened · 0 replied');
  });

  it('splits lists typed by lines or commas', () => {
    expect(splitList('de, fr-CA\n it ,,')).toEqual(['de', 'fr-CA', 'it']);
  });
});
