import { describe, it, expect } from 'vitest';
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
import { SHIPPED, isRtl, load, pick, translator } from './index';

const all: Record<string, typeof en> = { de, es, fr, it: it_, pt, nl, pl, sv, tr, uk, ja, ar, he };
const placeholders = (s: string) => (s.match(/\{\w+\}/g) || []).sort();

describe('i18n', () => {
  it('ships the locales the server accepts, English plus 13', () => {
    expect([...SHIPPED].sort()).toEqual(['en', ...Object.keys(all)].sort());
  });

  for (const [name, strings] of Object.entries(all)) {
    it(`${name} has every key of en, no extra keys, and the same placeholders`, () => {
      expect(Object.keys(strings).sort()).toEqual(Object.keys(en).sort());
      for (const k of Object.keys(en) as (keyof typeof en)[]) {
        expect(strings[k], `${name}.${k}`).toBeTruthy();
        expect(strings[k].trim(), `${name}.${k}`).toBe(strings[k]);
        expect(placeholders(strings[k]), `${name}.${k}`).toEqual(placeholders(en[k]));
      }
    });
  }

  it('says nothing about email replies: there is no email yet', () => {
    for (const [name, strings] of Object.entries({ en, ...all })) {
      for (const k of ['offlineSent', 'awayMessage', 'offlineIntro'] as const) {
        expect(strings[k], `${name}.${k}`).not.toMatch(/by email|per E-Mail|por correo|par e-mail|per email|por e-mail|via e-mail|mejlledes|via e-post|e-posta ile|поштою|メールで返信/i);
      }
    }
  });

  it('loads a locale on demand, picks by language tag and falls back to English', async () => {
    expect(pick('fr-CA')).toBe(en);                // not loaded yet
    await load('fr-CA');
    expect(pick('fr-CA')).toBe(fr);
    expect(load('fr')).toBeUndefined();            // already there: no await needed
    await load('ES');
    expect(pick('ES')).toBe(es);
    expect(load('ko')).toBeUndefined();
    expect(pick('ko')).toBe(en);
    expect(pick(undefined)).toBe(en);
  });

  it('fills placeholders', async () => {
    await load('de');
    expect(translator('de')('typing', { name: 'Ada' })).toBe('Ada schreibt…');
    expect(translator('en')('csatScore', { n: 3 })).toBe('3 of 5');
  });

  it('knows the right-to-left languages', () => {
    expect(isRtl('ar')).toBe(true);
    expect(isRtl('he-IL')).toBe(true);
    expect(isRtl('en')).toBe(false);
  });
});
