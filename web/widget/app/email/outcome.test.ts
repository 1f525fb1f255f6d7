import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/protocol';
import { failureKey, plausibleEmail } from './outcome';

describe('the transcript form', () => {
  it('takes one plausible address and nothing that could bend an email header', () => {
    for (const ok of ['jo@example.com', 'a.b+c@mail.example.co.uk', 'ü@exämple.de']) expect(plausibleEmail(ok), ok).toBe(true);
    for (const bad of ['', 'jo', 'jo@', '@example.com', 'jo@example', 'jo@@example.com', 'jo smith@example.com',
      '<jo@example.com>', 'jo@example.com, eve@example.com', 'jo@example.com\nBcc: x@y.z', 'jo@example..com',
      'a'.repeat(250) + '@example.com']) expect(plausibleEmail(bad), bad).toBe(false);
  });

  it('says why a request failed in words the visitor can act on', () => {
    expect(failureKey(new ApiError(400, 'invalid', 'email must be one address', 'email'))).toBe('invalid');
    expect(failureKey(new ApiError(503, 'email_unavailable', 'no --smtp'))).toBe('off');
    expect(failureKey(new ApiError(429, 'rate_limited', 'too many, try again in 720 s', undefined, 720))).toBe('later');
    expect(failureKey(new ApiError(0, 'network', 'offline'))).toBe('failed');
    expect(failureKey(new Error('boom'))).toBe('failed');
  });
});
