import { describe, expect, it } from 'vitest';
import { SHIPPED } from '../../i18n';
import en from './en';
import de from './de';
import es from './es';
import fr from './fr';
import it_ from './it';
import pt from './pt';
import nl from './nl';
import pl from './pl';
import sv from './sv';
import tr from './tr';
import uk from './uk';
import ja from './ja';
import ar from './ar';
import he from './he';
import { emailTranslator } from './index';

const all: Record<string, typeof en> = { de, es, fr, it: it_, pt, nl, pl, sv, tr, uk, ja, ar, he };
const placeholders = (s: string) => (s.match(/\{\w+\}/g) || []).sort();

describe('the email form strings', () => {
  for (const locale of SHIPPED.filter((l) => l !== 'en')) {
    it(`${locale} has every key of en, translated, with the same placeholders`, () => {
      const strings = all[locale];
      expect(Object.keys(strings).sort()).toEqual(Object.keys(en).sort());
      for (const k of Object.keys(en) as (keyof typeof en)[]) {
        expect(strings[k], `${locale}.${k}`).toBeTruthy();
        expect(strings[k].trim(), `${locale}.${k}`).toBe(strings[k]);
        expect(placeholders(strings[k]), `${locale}.${k}`).toEqual(placeholders(en[k]));
      }
      // A copy of the English would pass the checks above: most strings must differ.
      const same = (Object.keys(en) as (keyof typeof en)[]).filter((k) => strings[k] === en[k]);
      expect(same, locale).toEqual([]);
    });
  }

  it('picks by language, fills values and falls back to English', async () => {
    expect((await emailTranslator('de-AT'))('sent', { to: 'jo@example.com' })).toBe('Gesendet an jo@example.com');
    expect((await emailTranslator('xx'))('sent', { to: 'a@b.co' })).toBe('Sent to a@b.co');
    expect((await emailTranslator(''))('cancel')).toBe('Cancel');
  });
});
