// The email form's strings in the visitor's language: English in its chunk, every other language a small chunk
// loaded with it (the widget's locale was chosen already: ../../i18n).
import en, { type EmailStrings } from './en';

export type EmailKey = keyof EmailStrings;
export type EmailT = (key: EmailKey, vars?: Record<string, string>) => string;

const chunks: Record<string, () => Promise<{ default: EmailStrings }>> = {
  de: () => import('./de'), es: () => import('./es'), fr: () => import('./fr'), it: () => import('./it'),
  pt: () => import('./pt'), nl: () => import('./nl'), pl: () => import('./pl'), sv: () => import('./sv'),
  tr: () => import('./tr'), uk: () => import('./uk'), ja: () => import('./ja'), ar: () => import('./ar'),
  he: () => import('./he'),
};

/** English when we have no such language or its chunk fails to load. */
export async function emailTranslator(locale: string): Promise<EmailT> {
  const load = chunks[(locale || 'en').toLowerCase().split(/[-_]/)[0]];
  const strings = load ? await load().then((m) => m.default, () => en) : en;
  return (key, vars) => {
    let out: string = strings[key] ?? en[key];
    if (vars) for (const k in vars) out = out.split(`{${k}}`).join(vars[k]);
    return out;
  };
}
