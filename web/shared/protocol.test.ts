import { describe, expect, it } from 'vitest';
import { ApiError, errorOf, retryAfterSeconds, sessionEndReason } from './protocol';

describe('retryAfterSeconds', () => {
  const now = Date.UTC(2025, 0, 1, 12, 0, 0);
  it('reads Retry-After in seconds or as an HTTP date', () => {
    expect(retryAfterSeconds('42')).toBe(42);
    expect(retryAfterSeconds(' 0 ')).toBe(1);
    expect(retryAfterSeconds('Wed, 01 Jan 2025 12:01:30 GMT', null, now)).toBe(90);
    expect(retryAfterSeconds('Wed, 01 Jan 2025 11:00:00 GMT', null, now)).toBe(1);
  });

  it('falls back to the wait in the message, then to nothing', () => {
    expect(retryAfterSeconds(null, 'too many failed logins, try again in 37 s')).toBe(37);
    expect(retryAfterSeconds('', 'You are sending messages too fast, try again in a minute')).toBeUndefined();
    expect(retryAfterSeconds(undefined, 'try again in 3 min')).toBe(180);
    expect(retryAfterSeconds('soon', 'try again later')).toBeUndefined();
  });
});

describe('errorOf', () => {
  it('keeps the server code, message and field', () => {
    const e = errorOf(400, { error: { code: 'invalid', message: 'email is not an email address', field: 'email' } });
    expect(e).toBeInstanceOf(ApiError);
    expect([e.status, e.code, e.message, e.field, e.retryAfter]).toEqual([400, 'invalid', 'email is not an email address', 'email', undefined]);
  });

  it('gives 429 and 503 answers their wait', () => {
    const body = { error: { code: 'rate_limited', message: 'too many failed logins, try again in 12 s' } };
    expect(errorOf(429, body, '12').retryAfter).toBe(12);
    expect(errorOf(429, body, null).retryAfter).toBe(12);
    expect(errorOf(503, { error: { code: 'busy', message: 'the server is checking many logins' } }, '1').retryAfter).toBe(1);
    expect(errorOf(400, body, '12').retryAfter).toBeUndefined();
  });

  it('names bodies without an error object', () => {
    expect(errorOf(429, undefined).code).toBe('rate_limited');
    expect(errorOf(502, 'Bad Gateway')).toMatchObject({ code: 'http_502', message: 'Bad Gateway' });
    expect(errorOf(500, { error: 'x' }).message).toBe('Request failed (HTTP 500)');
  });
});

describe('sessionEndReason', () => {
  it('finds the reason in close reasons and error frames', () => {
    expect(sessionEndReason('session ended: signed out')).toBe('signed out');
    expect(sessionEndReason('your session has ended: deactivated')).toBe('deactivated');
    expect(sessionEndReason('your session has ended: password changed.')).toBe('password changed');
    expect(sessionEndReason('unknown or expired token')).toBe('');
    expect(sessionEndReason(undefined)).toBe('');
  });
});
