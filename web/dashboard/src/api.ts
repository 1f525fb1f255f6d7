// REST client: JSON in and out, the session token as a Bearer header, errors as ApiError with the
// server's own message (protocol.md: {"error":{"code","message","field"}}) and, for 429/503, the wait in
// `retryAfter` (seconds; the shared protocol module reads Retry-After).
import { ApiError, errorOf } from '../../shared/protocol';
import type { Attachment } from './types';

export { ApiError };

let token = '';
let onUnauthorized: ((err: ApiError) => void) | null = null;

export function setApiToken(t: string): void {
  token = t;
}

/** Called once per 401 answer to a signed-in request: the session ended (logout elsewhere, deactivated...). */
export function onApiUnauthorized(fn: (err: ApiError) => void): void {
  onUnauthorized = fn;
}

async function parse(r: Response): Promise<unknown> {
  const text = await r.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function api<T = unknown>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let r: Response;
  try {
    r = await fetch(path, {
      method,
      signal,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'Cannot reach the server. Check your connection.');
  }
  const data = await parse(r);
  if (!r.ok) {
    const err = errorOf(r.status, data, r.headers.get('retry-after'));
    if (r.status === 401 && token && path !== '/api/v1/auth/login') onUnauthorized?.(err);
    throw err;
  }
  return data as T;
}

/** POST /api/v1/uploads: raw bytes, Content-Type and the URL-encoded X-Filename. */
export async function uploadFile(file: File): Promise<Attachment> {
  let r: Response;
  try {
    r = await fetch('/api/v1/uploads', {
      method: 'POST',
      headers: {
        'content-type': file.type || 'application/octet-stream',
        'x-filename': encodeURIComponent(file.name),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: file,
    });
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach the server. Check your connection.');
  }
  const data = await parse(r);
  if (!r.ok) {
    const err = errorOf(r.status, data, r.headers.get('retry-after'));
    if (r.status === 401 && token) onUnauthorized?.(err);
    throw err;
  }
  return data as Attachment;
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
