import en, { type Strings } from './en';
import de from './de';
import es from './es';

export type { Strings };
export type Key = keyof Strings;
export const locales: Record<string, Strings> = { en, de, es };

/** Picks the strings for a locale tag like "de", "de-AT" or "ES"; English when unknown. */
export function pick(locale?: string | null): Strings {
  const base = (locale || 'en').toLowerCase().split(/[-_]/)[0];
  return locales[base] || en;
}

/** A translator bound to one locale: t('typing', {name: 'Ada'}). */
export type T = (key: Key, vars?: Record<string, string | number>) => string;
export function translator(locale?: string | null): T {
  const s = pick(locale);
  return (key, vars) => {
    let out: string = s[key] ?? en[key] ?? key;
    if (vars) for (const k in vars) out = out.split(`{${k}}`).join(String(vars[k]));
    return out;
  };
}
