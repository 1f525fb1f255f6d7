// Saving a file the dashboard fetched with the agent's token (a plain link would carry no token).

/** The file name of `attachment; filename="x.zip"` (quotes optional), without any folder part; null without one. */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const m = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/i.exec(header);
  const raw = (m?.[1] ?? m?.[2] ?? '').trim();
  const base = raw.split(/[\\/]/).pop() ?? '';
  return base && base !== '.' && base !== '..' ? base : null;
}

/** Hands the bytes to the browser as a download named `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The click has started the download; the URL can go once the browser has read it.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** The erase dialog's check: the contact's name as shown, or the word "erase" (case and spaces ignored). */
export function eraseConfirmed(typed: string, name: string): boolean {
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
  const t = norm(typed);
  return t !== '' && (t === 'erase' || t === norm(name));
}
