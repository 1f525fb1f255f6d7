// What the widget and the dashboard both know about the server's errors (docs/protocol.md, "Conventions"):
// the REST error shape, how long a 429/503 asks to wait, and the WebSocket close code of an ended session.
// Pure and tiny: the widget bundles only what it imports (node widget/size-check.mjs).

/** REST error: `{"error":{"code","message","field"}}`; `retryAfter` in seconds from `Retry-After` or the message. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field?: string,
    readonly retryAfter?: number) {
    super(message);
  }
}

/** An agent socket closed with this code: the session ended elsewhere (logout, deactivation, password reset...). */
export const CLOSE_SESSION_ENDED = 4001;

/**
 * Seconds to wait before trying again: the `Retry-After` header (seconds or an HTTP date), else the
 * "try again in N s" / "N min" of the server's message; undefined when neither says.
 */
export function retryAfterSeconds(header?: string | null, message?: string | null,
  now = Date.now()): number | undefined {
  const h = (header || '').trim();
  if (/^\d+$/.test(h)) return Math.max(1, +h);
  if (h) {
    const at = Date.parse(h);
    if (at > 0) return Math.max(1, Math.ceil((at - now) / 1000));
  }
  const m = /in (\d+) ?(s|sec|second|min|minute)/i.exec(message || '');
  if (m) return Math.max(1, +m[1] * (m[2][0].toLowerCase() === 'm' ? 60 : 1));
  return undefined;
}

/** The ApiError for a failed HTTP answer: the server's code and message, the wait of a 429 or 503. */
export function errorOf(status: number, body: any, retryAfterHeader?: string | null): ApiError {
  const e = body && typeof body === 'object' && body.error && typeof body.error === 'object' ? body.error : {};
  const message = String(e.message || (typeof body === 'string' && body.length < 200 ? body : '')
    || `Request failed (HTTP ${status})`);
  const code = e.code || (status === 429 ? 'rate_limited' : 'http_' + status);
  const wait = status === 429 || status === 503 ? retryAfterSeconds(retryAfterHeader, message) : undefined;
  return new ApiError(status, code, message, e.field, wait);
}

/**
 * The reason in "session ended: signed out" (a close reason) or "your session has ended: deactivated" (the
 * error frame's message); '' when there is none.
 */
export function sessionEndReason(text?: string | null): string {
  const m = /session (?:has )?ended:?\s*(.*)$/i.exec(text || '');
  return m ? m[1].trim().replace(/\.$/, '') : '';
}
