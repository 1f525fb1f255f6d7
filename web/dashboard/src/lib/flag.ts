// Country flags as emoji: two regional indicator symbols from the ISO 3166-1 alpha-2 code.
export function flagEmoji(code: string | null | undefined): string {
  if (!code) return '';
  const cc = code.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(cc)) return '';
  const A = 0x1f1e6;
  return String.fromCodePoint(A + cc.charCodeAt(0) - 65, A + cc.charCodeAt(1) - 65);
}

/** "Germany" from "DE", in the browser's language; the code itself when Intl does not know it. */
export function countryName(code: string | null | undefined, locale?: string): string {
  if (!code) return '';
  try {
    const dn = new Intl.DisplayNames(locale ? [locale] : undefined, { type: 'region' });
    return dn.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

export function languageName(tag: string | null | undefined, locale?: string): string {
  if (!tag) return '';
  try {
    const dn = new Intl.DisplayNames(locale ? [locale] : undefined, { type: 'language' });
    return dn.of(tag) ?? tag;
  } catch {
    return tag;
  }
}
