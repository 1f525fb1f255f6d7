// REST calls of the widget (protocol.md, "Widget endpoints"). The frame is served by the Parley server,
// so paths are same-origin. Errors are the shared ApiError (with the wait of a 429 in `retryAfter`, seconds).
import { ApiError, errorOf } from '../../../shared/protocol';

export { ApiError };

export async function call<T = any>(method: string, path: string, token: string | null, body?: unknown,
  headers: Record<string, string> = {}, keepalive = false): Promise<T> {
  let r: Response;
  try {
    r = await fetch(path, {
      method,
      headers: {
        ...(body instanceof Blob ? {} : body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : body instanceof Blob ? body : JSON.stringify(body),
      keepalive,
    });
  } catch (e) {
    throw new ApiError(0, 'network', String(e));
  }
  const text = await r.text();
  let data: any;
  try { data = text ? JSON.parse(text) : undefined; } catch { data = undefined; }
  if (!r.ok) throw errorOf(r.status, data, r.headers.get('retry-after'));
  return data as T;
}

/** All visible messages of a conversation after a seq, following pages of 500. */
export async function loadMessages(token: string, conversationId: number, afterSeq = 0): Promise<any[]> {
  const out: any[] = [];
  for (;;) {
    const r = await call<{ messages: any[] }>('GET',
      `/api/v1/widget/conversations/${conversationId}/messages?after_seq=${afterSeq}&limit=500`, token);
    const page = r?.messages || [];
    out.push(...page);
    if (page.length < 500) return out;
    afterSeq = page[page.length - 1].seq;
  }
}

export function upload(token: string, file: File) {
  return call<{ url: string; name: string; size: number; content_type: string }>('POST', '/api/v1/widget/uploads', token,
    file, { 'content-type': file.type || 'application/octet-stream', 'x-filename': encodeURIComponent(file.name) });
}
