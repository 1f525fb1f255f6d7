import { describe, expect, it } from 'vitest';
import { actionLabel, auditQuery, detailText, NO_AUDIT_FILTERS, rangeError, timeInZone, workspaceTimeZone, zonedDayStart } from './auditLog';

describe('zonedDayStart', () => {
  it('is midnight in the zone, across the DST changes', () => {
    expect(zonedDayStart('2026-01-15', 'UTC')).toBe(Date.UTC(2026, 0, 15));
    expect(zonedDayStart('2026-01-15', 'Europe/Berlin')).toBe(Date.UTC(2026, 0, 14, 23));
    expect(zonedDayStart('2026-07-15', 'Europe/Berlin')).toBe(Date.UTC(2026, 6, 14, 22));
    // The spring-forward day starts at +01:00, the next at +02:00.
    expect(zonedDayStart('2026-03-29', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 28, 23));
    expect(zonedDayStart('2026-03-30', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 29, 22));
    expect(zonedDayStart('2026-11-01', 'America/New_York')).toBe(Date.UTC(2026, 10, 1, 4));
    expect(zonedDayStart('2026-11-02', 'America/New_York')).toBe(Date.UTC(2026, 10, 2, 5));
    expect(zonedDayStart('2026-06-01', 'Asia/Kolkata')).toBe(Date.UTC(2026, 4, 31, 18, 30));
  });
  it('refuses what is not a date', () => {
    expect(zonedDayStart('', 'UTC')).toBeNull();
    expect(zonedDayStart('2026-1-5', 'UTC')).toBeNull();
    expect(zonedDayStart('yesterday', 'UTC')).toBeNull();
  });
});

describe('timeInZone', () => {
  it('shows the wall clock of the zone', () => {
    const t = Date.UTC(2026, 11, 2, 18, 34);
    expect(timeInZone(t, 'UTC')).toBe('2026-12-02 18:34');
    expect(timeInZone(t, 'Europe/Berlin')).toBe('2026-12-02 19:34');
    expect(timeInZone(t, 'Pacific/Auckland')).toBe('2026-12-03 07:34');
  });
});

describe('auditQuery', () => {
  it('is empty without filters and carries each one', () => {
    expect(auditQuery(NO_AUDIT_FILTERS, 'UTC')).toBe('');
    const q = new URLSearchParams(auditQuery({ action: 'agent.login', actor: 'agent:4', from: '2026-01-15', to: '2026-01-15' }, 'Europe/Berlin', { limit: 50 }).slice(1));
    expect(q.get('action')).toBe('agent.login');
    expect(q.get('actor')).toBe('agent:4');
    expect(Number(q.get('from'))).toBe(Date.UTC(2026, 0, 14, 23));
    expect(Number(q.get('to'))).toBe(Date.UTC(2026, 0, 15, 23)); // through the end of the day
    expect(q.get('limit')).toBe('50');
  });
  it('rolls the end date over months and years', () => {
    const q = new URLSearchParams(auditQuery({ ...NO_AUDIT_FILTERS, to: '2026-12-31' }, 'UTC').slice(1));
    expect(Number(q.get('to'))).toBe(Date.UTC(2027, 0, 1));
  });
  it('says when the range is backwards', () => {
    expect(rangeError({ ...NO_AUDIT_FILTERS, from: '2026-02-01', to: '2026-01-31' })).toMatch(/before/);
    expect(rangeError({ ...NO_AUDIT_FILTERS, from: '2026-02-01', to: '2026-02-01' })).toBeNull();
  });
});

describe('labels', () => {
  it('names the actions and summarises details', () => {
    expect(actionLabel('agent.login_failed')).toBe('Failed sign-in');
    expect(actionLabel('something.new')).toBe('something.new');
    expect(detailText({ details: { keys: ['name', 'settings.color'] } })).toBe('name, settings.color');
    expect(detailText({ details: { from: 'agent', to: 'admin' } })).toBe('agent → admin');
    expect(detailText({ details: { reason: 'wrong_password' } })).toBe('wrong password');
    expect(detailText({ details: {} })).toBe('');
    // Two-factor and erasure entries (server: two_factor_routes.cpp, auth_routes.cpp, privacy_routes.cpp).
    expect(detailText({ details: { with: 'password' } })).toBe('with password');
    expect(detailText({ details: { required: true } })).toBe('now required');
    expect(detailText({ details: { required: false } })).toBe('no longer required');
    expect(detailText({ details: { codes_left: 1 } })).toBe('1 recovery code left');
    expect(detailText({ details: { codes_left: 0 } })).toBe('0 recovery codes left');
    expect(detailText({ details: { conversations: 2, messages: 1 } })).toBe('2 conversations, 1 message');
  });
  it('takes the business hours zone when valid', () => {
    expect(workspaceTimeZone({ business_hours: { timezone: 'Asia/Tokyo' } })).toBe('Asia/Tokyo');
    expect(workspaceTimeZone({ business_hours: { timezone: 'Mars/Olympus' } })).not.toBe('Mars/Olympus');
  });
});
