// The help's strings in the visitor's language: English in the help chunk, every other language its own small
// chunk loaded with it (the widget's locale was chosen already: ../../i18n).
import en, { type HelpStrings } from './en';

export type { HelpStrings };
export type HelpKey = keyof HelpStrings;
export type HelpT = (key: HelpKey, vars?: Record<string, string | number>) => string;

const chunks: Record<string, () => Promise<{ default: HelpStrings }>> = {
  de: () => import('./de'), es: () => import('./es'), fr: () => import('./fr'), it: () => import('./it'),
  pt: () => import('./pt'), nl: () => import('./nl'), pl: () => import('./pl'), sv: () => import('./sv'),
  tr: () => import('./tr'), uk: () => import('./uk'), ja: () => import('./ja'), ar: () => import('./ar'),
  he: () => import('./he'),
};

/** A translator of the help's strings for a locale tag ('pt-BR' -> Portuguese); English when we have none or
 *  its chunk fails to load. */
export async function helpTranslator(locale: string): Promise<HelpT> {
  const load = chunks[(locale || 'en').toLowerCase().split(/[-_]/)[0]];
  const strings = load ? await load().then((m) => m.default, () => en) : en;
  return (key, vars) => {
    let out: string = strings[key] ?? en[key];
    if (vars) for (const k in vars) out = out.split(`{${k}}`).join(String(vars[k]));
    return out;
  };
}
