// Custom attributes of a contact (key -> text, number or true/false), edited on the contact page. The
// server's rules (visitor_context.cpp applyContactPatch) checked here first, so each mistake is shown at
// its field before anything is sent; the server checks again.
export type AttrType = 'text' | 'number' | 'boolean';

export interface AttrDraft {
  key: string;
  type: AttrType;
  value: string;
}

export interface AttrErrors {
  key?: string;
  value?: string;
}

export const MAX_ATTRIBUTES = 50;
const bytes = (s: string) => new TextEncoder().encode(s).length;

export function typeOf(v: unknown): AttrType {
  return typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'text';
}

export function draftOf(key: string, v: unknown): AttrDraft {
  return { key, type: typeOf(v), value: v === null || v === undefined ? '' : String(v) };
}

/** Errors of a draft; `others`: the keys the contact has besides the one being edited. */
export function validateAttr(d: AttrDraft, others: string[], count = 0): AttrErrors {
  const e: AttrErrors = {};
  const key = d.key.trim();
  if (!key) e.key = 'Give the attribute a name.';
  else if (bytes(key) > 64) e.key = 'Names are at most 64 bytes.';
  else if (others.includes(key)) e.key = `“${key}” exists already: edit that one.`;
  else if (count >= MAX_ATTRIBUTES) e.key = `A contact has at most ${MAX_ATTRIBUTES} attributes.`;
  if (d.type === 'number') {
    if (!d.value.trim() || !Number.isFinite(Number(d.value))) e.value = 'Enter a number, like 42 or 9.5.';
  } else if (d.type === 'boolean') {
    if (d.value !== 'true' && d.value !== 'false') e.value = 'Choose yes or no.';
  } else if (bytes(d.value) > 1000) {
    e.value = 'Text is at most 1000 bytes.';
  }
  return e;
}

export function valueOf(d: AttrDraft): string | number | boolean {
  if (d.type === 'number') return Number(d.value);
  if (d.type === 'boolean') return d.value === 'true';
  return d.value;
}

/** The PATCH body's `attributes`: a renamed key is removed (null) and the new one set. */
export function attributePatch(d: AttrDraft, originalKey?: string): Record<string, string | number | boolean | null> {
  const key = d.key.trim();
  const out: Record<string, string | number | boolean | null> = {};
  if (originalKey && originalKey !== key) out[originalKey] = null;
  out[key] = valueOf(d);
  return out;
}

/** Which field a server error about attributes belongs to ("attribute names must be…" is the key's). */
export function serverErrorField(message: string): keyof AttrErrors {
  return /names?\b|at most \d+ attributes/.test(message) ? 'key' : 'value';
}
