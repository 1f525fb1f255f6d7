import { describe, it, expect } from 'vitest';
import en from './en';
import de from './de';
import es from './es';
import { pick, translator } from './index';

const placeholders = (s: string) => (s.match(/\{\w+\}/g) || []).sort();

describe('i18n', () => {
  for (const [name, strings] of Object.entries({ de, es })) {
    it(`${name} has every key of en, no extra keys, and the same placeholders`, () => {
      expect(Object.keys(strings).sort()).toEqual(Object.keys(en).sort());
      for (const k of Object.keys(en) as (keyof typeof en)[]) {
        expect(strings[k], `${name}.${k}`).toBeTruthy();
        expect(placeholders(strings[k]), `${name}.${k}`).toEqual(placeholders(en[k]));
      }
    });
  }

  it('picks by language tag and falls back to English', () => {
    expect(pick('de-AT')).toBe(de);
    expect(pick('ES')).toBe(es);
    expect(pick('fr')).toBe(en);
    expect(pick(undefined)).toBe(en);
  });

  it('fills placeholders', () => {
    expect(translator('de')('typing', { name: 'Ada' })).toBe('Ada schreibt…');
    expect(translator('en')('csatScore', { n: 3 })).toBe('3 of 5');
  });
});
