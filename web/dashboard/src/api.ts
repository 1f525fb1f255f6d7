// The dashboard's REST binding of the shared fetch wrapper (web/shared/http.ts): the signed-in agent's token on
// every call, and one hook for a 401 answer to a signed-in request (the session ended elsewhere).
import { ApiError, errorOf } from '../../shared/protocol';
import { filenameFromDisposition, saveBlob } from './lib/download';
import { request, upload } from '../../shared/http';
import type { Upload } from '../../shared/types';

export { ApiError };

let token = '';
let onUnauthorized: ((err: ApiError) => void) | null = null;
let onTwoFactorSetupRequired: (() => void) | null = null;

export function setApiToken(t: string): void {
  token = t;
}

/** Called once per 401 answer to a signed-in request: the session ended (logout elsewhere, deactivated...). */
export function onApiUnauthorized(fn: (err: ApiError) => void): void {
  onUnauthorized = fn;
}

/** Called when the workspace began requiring two-factor authentication this agent has not set up (403). */
export function onApiTwoFactorSetupRequired(fn: () => void): void {
  onTwoFactorSetupRequired = fn;
}

/** Reports a 401 while signed in (not a failed login) and passes every error on. */
function signedIn<T>(path: string, call: Promise<T>): Promise<T> {
  return call.catch((err) => {
    if (err instanceof ApiError && err.status === 401 && token && path !== '/api/v1/auth/login') onUnauthorized?.(err);
    if (err instanceof ApiError && err.status === 403 && err.code === 'two_factor_setup_required') onTwoFactorSetupRequired?.();
    throw err;
  });
}

export function api<T = unknown>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  return signedIn(path, request<T>(method, path, body, { token, signal }));
}

/** POST /api/v1/uploads: the file as an attachment to send. */
export function uploadFile(file: File): Promise<Upload> {
  return signedIn('/api/v1/uploads', upload('/api/v1/uploads', file, { token }));
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}

/** GET a file (a contact's data export): the bytes and the name the server gave it (Content-Disposition). */
export async function downloadFile(path: string): Promise<{ blob: Blob; filename: string }> {
  let r: Response;
  try {
    r = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach the server. Check your connection.');
  }
  if (!r.ok) {
    const text = await r.text();
    let data: unknown = text || undefined;
    try { data = text ? JSON.parse(text) : undefined; } catch { /* not JSON */ }
    return signedIn(path, Promise.reject(errorOf(r.status, data, r.headers.get('retry-after'))));
  }
  return { blob: await r.blob(), filename: filenameFromDisposition(r.headers.get('content-disposition')) ?? 'download' };
}

/** GET a file with the agent's token (a CSV export) and hand it to the browser as a download named `filename`. */
export async function apiDownload(path: string, filename: string): Promise<void> {
  const { blob } = await downloadFile(path);
  saveBlob(blob, filename);
}
