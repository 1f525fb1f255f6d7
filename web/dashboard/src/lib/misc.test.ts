import { describe, expect, it } from 'vitest';
import { applyCanned, cannedQuery, searchCanned } from './canned';
import { countryName, flagEmoji } from './flag';
import { shortAgo, duration, contactName, initials } from './format';
import { timeZoneOptions } from './timeZones';
import { describeSnooze, snoozeUntil } from './snooze';

describe('canned replies', () => {
  const list = [
    { id: 1, shortcut: 'hello', body: 'Hello! How can I help?' },
    { id: 2, shortcut: 'refund', body: 'Refunds take 5 business days.' },
    { id: 3, shortcut: 'shipping', body: 'We ship worldwide; refund on damage.' },
    { id: 4, shortcut: 'thanks', body: 'Thanks for waiting.' },
  ];
  it('opens on a slash at the start or after a space, at the caret', () => {
    expect(cannedQuery('/ref', 4)).toEqual({ query: 'ref', start: 0 });
    expect(cannedQuery('ok /sh', 6)).toEqual({ query: 'sh', start: 3 });
    expect(cannedQuery('http://x', 8)).toBeNull();
    expect(cannedQuery('/ref more', 9)).toBeNull();
    expect(cannedQuery('/', 1)).toEqual({ query: '', start: 0 });
  });
  it('ranks shortcut matches above body matches', () => {
    expect(searchCanned(list, 'refund').map((r) => r.id)).toEqual([2, 3]);
    expect(searchCanned(list, 'th').map((r) => r.id)).toEqual([4]);
    expect(searchCanned(list, 'WAIT').map((r) => r.id)).toEqual([4]);
    expect(searchCanned(list, '').map((r) => r.shortcut)).toEqual(['hello', 'refund', 'shipping', 'thanks']);
    expect(searchCanned(list, 'ship damage').map((r) => r.id)).toEqual([3]);
    expect(searchCanned(list, 'zzz')).toEqual([]);
  });
  it('replaces the /query with the body', () => {
    expect(applyCanned('Hi /ref', 3, 7, 'Refunds.')).toEqual({ text: 'Hi Refunds.', caret: 11 });
  });
});

describe('snooze', () => {
  const now = new Date(2026, 2, 10, 15, 30); // Tue 10 March 2026 15:30 local
  it('1 hour', () => expect(snoozeUntil({ kind: '1h' }, now)).toBe(now.getTime() + 3600_000));
  it('tomorrow at 09:00 local', () => expect(snoozeUntil({ kind: 'tomorrow' }, now)).toBe(new Date(2026, 2, 11, 9, 0).getTime()));
  it('tomorrow across a month end', () => expect(snoozeUntil({ kind: 'tomorrow' }, new Date(2026, 0, 31, 23, 0))).toBe(new Date(2026, 1, 1, 9).getTime()));
  it('next Monday', () => {
    expect(snoozeUntil({ kind: 'nextweek' }, now)).toBe(new Date(2026, 2, 16, 9).getTime());
    expect(snoozeUntil({ kind: 'nextweek' }, new Date(2026, 2, 16, 8))).toBe(new Date(2026, 2, 23, 9).getTime());
  });
  it('a date (09:00 by default, or the given time)', () => {
    expect(snoozeUntil({ kind: 'date', date: '2026-03-20' }, now)).toBe(new Date(2026, 2, 20, 9).getTime());
    expect(snoozeUntil({ kind: 'date', date: '2026-03-20', time: '14:15' }, now)).toBe(new Date(2026, 2, 20, 14, 15).getTime());
    expect(() => snoozeUntil({ kind: 'date', date: '2026-03-01' }, now)).toThrow(/future/);
    expect(() => snoozeUntil({ kind: 'date', date: 'soon' }, now)).toThrow();
  });
  it('describes the wake-up time', () => {
    expect(describeSnooze(new Date(2026, 2, 11, 9).getTime(), now)).toMatch(/^tomorrow /);
    expect(describeSnooze(new Date(2026, 2, 10, 18).getTime(), now)).toMatch(/^today /);
  });
});

describe('flags and names', () => {
  it('builds flag emoji from ISO codes', () => {
    expect(flagEmoji('DE')).toBe('🇩🇪');
    expect(flagEmoji('us')).toBe('🇺🇸');
    expect(flagEmoji('gb')).toBe('🇬🇧');
    expect(flagEmoji('')).toBe('');
    expect(flagEmoji(null)).toBe('');
    expect(flagEmoji('DEU')).toBe('');
    expect(flagEmoji('1A')).toBe('');
  });
  it('names countries and visitors', () => {
    expect(countryName('DE', 'en')).toBe('Germany');
    expect(contactName({ name: null, email: null, country: 'FR' })).toBe('Visitor from France');
    expect(contactName({ name: 'Ann', email: 'a@x.io', country: 'FR' })).toBe('Ann');
    expect(contactName(null, 9)).toBe('Visitor #9');
  });
});

describe('format', () => {
  it('formats durations', () => {
    expect(shortAgo(0, 30_000)).toBe('now');
    expect(shortAgo(0, 5 * 60_000)).toBe('5m');
    expect(shortAgo(0, 3 * 3600_000)).toBe('3h');
    expect(duration(125_000)).toBe('2 min');
    expect(duration(3900_000)).toBe('1 h 5 min');
  });
});

// Issue 10, item 11.
describe('avatar initials', () => {
  it('tells numbered visitors apart by their number', () => {
    expect(initials('Visitor #17')).toBe('#17');
    expect(initials('Visitor #18')).toBe('#18');
    expect(initials('Visitor #1234')).toBe('#1234');
    expect(initials('Mara Lindqvist')).toBe('ML');
    expect(initials('Visitor from Germany')).toBe('VG');
    expect(initials('ada@example.com')).toBe('AC');
    expect(initials('Élodie')).toBe('É');
    expect(initials('')).toBe('?');
  });
});

describe('business-hours time zones', () => {
  it('always offers UTC (Chromium leaves it out) and the saved zone', () => {
    const chromium = () => ['Africa/Abidjan', 'Europe/Berlin'];
    expect(timeZoneOptions('UTC', chromium)).toEqual(['UTC', 'Africa/Abidjan', 'Europe/Berlin']);
    expect(timeZoneOptions('Europe/Berlin', chromium)).toEqual(['UTC', 'Africa/Abidjan', 'Europe/Berlin']);
    expect(timeZoneOptions('Asia/Calcutta', chromium)).toEqual(['UTC', 'Asia/Calcutta', 'Africa/Abidjan', 'Europe/Berlin']);
    expect(timeZoneOptions(null, () => { throw new Error('old browser'); })).toEqual(['UTC']);
  });
});
