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
