import { describe, expect, it } from 'vitest';
import { initials } from './Avatar';

describe('initials', () => {
  it('takes the first letters of the first and last word', () => {
    expect(initials('Ada Lovelace')).toBe('AL');
    expect(initials('Ada')).toBe('A');
    expect(initials('  grace  brewster  hopper ')).toBe('GH');
    expect(initials('José Álvarez')).toBe('JÁ');
    expect(initials('ömer')).toBe('Ö');
  });

  it('skips numbers and punctuation: "Visitor #17" is not "V1" or "V#"', () => {
    expect(initials('Visitor #17')).toBe('V');
    expect(initials('Visitor #18')).toBe('V');
    expect(initials('(Support) Team')).toBe('ST');
    expect(initials('#17')).toBe('17');
    expect(initials('')).toBe('?');
    expect(initials('🙂 ✨')).toBe('?');
  });

  it('keeps characters whole', () => {
    expect(initials('𝒜da 𝒷')).toBe('𝒜𝒷');
    expect(initials('李 小龙')).toBe('李小');
    expect(initials('محمد علي')).toBe('مع');
  });
});
