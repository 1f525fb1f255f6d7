import { describe, expect, it } from 'vitest';
import { formatDate, normaliseLocale, resolveLocale } from './locale';
import { shipped } from '../i18n';

describe('normaliseLocale', () => {
  it('turns what hosts write into canonical BCP 47 tags', () => {
    expect(normaliseLocale('en_US')).toBe('en-US');
    expect(normaliseLocale(' de ')).toBe('de');
    expect(normaliseLocale('DE-at')).toBe('de-AT');
    expect(normaliseLocale('zh_hant_tw')).toBe('zh-Hant-TW');
    expect(normaliseLocale('es-419')).toBe('es-419');
  });

  it('rejects anything that is not a language tag', () => {
    for (const bad of ['', '  ', 'x', 'en_US!!', 'en--US', '123', 'de-', 'english please', 'a'.repeat(9), 'en-' + 'x'.repeat(40),
      '<script>', null, undefined, 42, {}, ['en']]) {
      expect(normaliseLocale(bad), JSON.stringify(bad)).toBeNull();
    }
  });
});

describe('formatDate', () => {
  const ms = Date.UTC(2024, 0, 15, 12, 0);
  it('formats in the locale', () => {
    expect(formatDate(ms, 'de', { month: 'long', timeZone: 'UTC' })).toBe('Januar');
  });

  it('falls back to English instead of throwing a RangeError', () => {
    expect(() => new Date(ms).toLocaleDateString('en_US')).toThrow(RangeError);
    expect(formatDate(ms, 'en_US', { month: 'long', timeZone: 'UTC' })).toBe('January');
    expect(formatDate(ms, 'en_US!!', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'UTC' }, true)).toBe('12:00');
  });
});

describe('resolveLocale', () => {
  const es = ['es-MX', 'es', 'en'];
  it('host page call > workspace setting > browser > English', () => {
    expect(resolveLocale('de-AT', 'fr', es, shipped)).toBe('de-AT');
    expect(resolveLocale(null, 'fr', es, shipped)).toBe('fr');
    expect(resolveLocale(null, 'auto', es, shipped)).toBe('es-MX');        // a Spanish browser gets Spanish
    expect(resolveLocale(undefined, undefined, es, shipped)).toBe('es-MX');
    expect(resolveLocale(null, 'auto', [], shipped)).toBe('en');
  });

  it('skips what we do not ship and what is not a tag', () => {
    expect(resolveLocale('ko', 'auto', ['ko-KR', 'ja-JP'], shipped)).toBe('ja-JP');
    expect(resolveLocale('en_US!!', 'xx', ['zz', 'he-IL'], shipped)).toBe('he-IL');
    expect(resolveLocale('pt_BR', 'auto', [], shipped)).toBe('pt-BR');
  });
});
