// One typed fetch wrapper for both apps (docs/protocol.md, "REST API v1"): JSON in and out (a Blob goes as it is),
// the session token as a Bearer header, every failure an ApiError (protocol.ts): the server's code, message and
// field, and for a 429 or 503 the wait in `retryAfter`. Both apps are served by the Parley server, so paths are
// same-origin.
import { ApiError, errorOf } from './protocol';
import type { Message, Upload } from './types';

export interface RequestOptions {
  /** The agent's (pa_...) or visitor's (pv_...) token. */
  token?: string | null;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** The request may outlive the page (a page view sent as the visitor leaves). */
  keepalive?: boolean;
}

export async function request<T>(method: string, path: string, body?: unknown, o: RequestOptions = {}): Promise<T> {
  const raw = body === undefined || body instanceof Blob;
  let r: Response;
  try {
    r = await fetch(path, {
      method,
      signal: o.signal,
      keepalive: o.keepalive,
      headers: {
        ...(raw ? {} : { 'content-type': 'application/json' }),
        ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
        ...o.headers,
      },
      body: raw ? (body as Blob | undefined) : JSON.stringify(body),
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'Cannot reach the server. Check your connection.');
  }
  const text = await r.text();
  let data: unknown = text || undefined;
  try { data = text ? JSON.parse(text) : undefined; } catch { /* not JSON: the text, e.g. a proxy's error page */ }
  if (!r.ok) throw errorOf(r.status, data, r.headers.get('retry-after'));
  return data as T;
}

/** Uploads a file (the raw bytes, its type and the URL-encoded X-Filename); the answer is an attachment to send. */
export function upload(path: string, file: File, o: RequestOptions = {}): Promise<Upload> {
  return request<Upload>('POST', path, file, {
    ...o, headers: { 'content-type': file.type || 'application/octet-stream', 'x-filename': encodeURIComponent(file.name) },
  });
}

/** Every message of a conversation after a seq, following pages of 500; `get` fetches one page of `path`. */
export async function messagesAfter(path: string, afterSeq: number,
  get: (path: string) => Promise<{ messages?: Message[] }>): Promise<Message[]> {
  const out: Message[] = [];
  for (;;) {
    const page = (await get(`${path}?after_seq=${afterSeq}&limit=500`))?.messages || [];
    out.push(...page);
    if (page.length < 500) return out;
    afterSeq = page[page.length - 1].seq;
  }
}
