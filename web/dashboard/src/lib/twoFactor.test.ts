import { describe, expect, it } from 'vitest';
import { cleanCode, groupKey, isAppCode, looksLikeCode, readRemembered, recoveryCodesText, svgDataUrl, withRemembered } from './twoFactor';

describe('two-factor helpers', () => {
  it('reads codes the way people type them', () => {
    expect(cleanCode(' 123 456 ')).toBe('123456');
    expect(isAppCode('123 456')).toBe(true);
    expect(isAppCode('12345')).toBe(false);
    expect(isAppCode('12345a')).toBe(false);
    expect(looksLikeCode('abcde-fgh23')).toBe(true);
    expect(looksLikeCode('ABCDEFGH23')).toBe(true);
    expect(looksLikeCode('abcde-fgh1')).toBe(false);
    expect(looksLikeCode('')).toBe(false);
  });

  it('groups the manual key by four', () => {
    expect(groupKey('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupKey('ABCDE')).toBe('ABCD E');
  });

  it('writes the recovery codes file', () => {
    const text = recoveryCodesText(['aaaaa-bbbbb', 'ccccc-ddddd'], 'ana@example.com', 'Acme', new Date('2026-01-02T03:00:00Z'));
    expect(text.split('\n')).toEqual([
      'Parley recovery codes for ana@example.com (Acme)',
      'Made 2026-01-02. Each code signs you in once when you cannot use your authenticator app.',
      '', 'aaaaa-bbbbb', 'ccccc-ddddd', '',
    ]);
  });

  it('makes an image URL of the SVG', () => {
    expect(svgDataUrl('<svg a="1"/>')).toBe('data:image/svg+xml;charset=utf-8,%3Csvg%20a%3D%221%22%2F%3E');
  });

  it('remembers devices per email, case-insensitively', () => {
    const map = withRemembered(null, 'Ana@Example.com', 'p2r_1');
    const raw = JSON.stringify(map);
    expect(readRemembered(raw, 'ana@example.com')).toBe('p2r_1');
    expect(readRemembered(raw, 'bo@example.com')).toBeUndefined();
    expect(readRemembered('not json', 'ana@example.com')).toBeUndefined();
  });
});
