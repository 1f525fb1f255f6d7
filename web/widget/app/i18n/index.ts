// The widget's locales. English is in the main chunk; every other locale is its own small chunk, loaded before
// its strings are first shown (load()), so 14 locales cost the main chunk nothing but this table.
import en, { type Strings } from './en';

export type { Strings };
export type Key = keyof Strings;

/** Locales shipped, in the order the dashboard lists them. */
export const SHIPPED = ['en', 'de', 'es', 'fr', 'it', 'pt', 'nl', 'pl', 'sv', 'tr', 'uk', 'ja', 'ar', 'he'] as const;
const RTL = ['ar', 'he'];

const chunks: Record<string, () => Promise<{ default: Strings }>> = {
  de: () => import('./de'), es: () => import('./es'), fr: () => import('./fr'), it: () => import('./it'),
  pt: () => import('./pt'), nl: () => import('./nl'), pl: () => import('./pl'), sv: () => import('./sv'),
  tr: () => import('./tr'), uk: () => import('./uk'), ja: () => import('./ja'), ar: () => import('./ar'),
  he: () => import('./he'),
};
const loaded: Record<string, Strings> = { en };

/** The language part of a tag ('pt-BR' -> 'pt'). */
export const base = (locale?: string | null) => (locale || 'en').toLowerCase().split(/[-_]/)[0];
/** True when we have strings for this tag's language. */
export const shipped = (locale?: string | null) => (SHIPPED as readonly string[]).includes(base(locale));
export const isRtl = (locale?: string | null) => RTL.includes(base(locale));

/**
 * Makes the strings of a locale available. Returns undefined when they already are (the caller stays
 * synchronous), else a promise that resolves once loaded, or once it failed (the widget then stays in English).
 */
export function load(locale?: string | null): Promise<void> | undefined {
  const b = base(locale);
  if (loaded[b] || !chunks[b]) return undefined;
  return chunks[b]().then((m) => { loaded[b] = m.default; }, () => {});
}

/** The loaded strings for a locale tag like "de", "de-AT" or "ES"; English when unknown or not loaded yet. */
export function pick(locale?: string | null): Strings {
  return loaded[base(locale)] || en;
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
