// Locale tags from the host page (`Parley('locale', x)`), the visitor's saved choice and the workspace settings
// are untrusted: one bad tag made every Intl call throw a RangeError on every load. Everything goes through here.

/** A canonical BCP 47 tag ('en_US ' -> 'en-US', 'DE' -> 'de'), or null when `x` is not one. */
export function normaliseLocale(x: unknown): string | null {
  if (typeof x !== 'string') return null;
  const s = x.trim().replace(/_/g, '-');
  if (s.length > 35 || !/^[a-z]{2,8}(-[a-z0-9]{1,8})*$/i.test(s)) return null;
  try {
    return (Intl.getCanonicalLocales ? Intl.getCanonicalLocales(s)[0] : s) || null;
  } catch {
    return null;
  }
}

/** Date/time text in `locale`, in English when that locale cannot format (never throws a RangeError). */
export function formatDate(ms: number, locale: string, opts: Intl.DateTimeFormatOptions, time?: boolean): string {
  const d = new Date(ms);
  try {
    return time ? d.toLocaleTimeString(locale, opts) : d.toLocaleDateString(locale, opts);
  } catch {
    return time ? d.toLocaleTimeString('en', opts) : d.toLocaleDateString('en', opts);
  }
}

/**
 * The locale the widget speaks, first match wins (docs: web/widget/README.md, "Language"):
 * 1. the host page's `Parley('locale', x)` (saved for the visitor), when we ship that language;
 * 2. the workspace setting, unless it is "auto" (Settings > Widget > Language);
 * 3. the first of the browser's languages (`navigator.languages`) we ship;
 * 4. English.
 * The answer is the tag as given ('es-MX'), so dates follow the region; strings follow its language.
 */
export function resolveLocale(host: unknown, workspace: unknown, browser: readonly string[], shipped: (l: string) => boolean): string {
  const ws = workspace === 'auto' ? null : workspace;
  for (const c of [host, ws, ...browser]) {
    const l = normaliseLocale(c);
    if (l && shipped(l)) return l;
  }
  return 'en';
}

/** The browser's preferred languages, best first. */
export function browserLanguages(): string[] {
  const n = typeof navigator === 'undefined' ? null : navigator;
  return n ? [...(n.languages?.length ? n.languages : [n.language])].filter(Boolean) : [];
}
