// What the visitor is told after asking for the conversation by email: pure, so it is tested without a server.
import { ApiError } from '../../../shared/protocol';
import type { EmailKey } from './i18n';

/** Looks like one address (the server checks it again): something@domain.tld, no spaces, one @. */
export const plausibleEmail = (s: string) => s.length <= 254 && /^[^\s@<>,;"\\()]+@[^\s@<>,;"\\().]+(\.[^\s@<>,;"\\().]+)+$/.test(s);

/** The words for a failed request: a bad address, email off on this server, too often, or anything else. */
export function failureKey(e: unknown): EmailKey {
  const err = e instanceof ApiError ? e : null;
  if (err?.field === 'email' || err?.status === 400) return 'invalid';
  if (err?.code === 'email_unavailable') return 'off';
  if (err?.status === 429) return 'later';
  return 'failed';
}
