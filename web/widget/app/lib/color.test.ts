import { describe, it, expect } from 'vitest';
import { contrast, darkenFor, parseHex, readableText, theme, WHITE, INK, DEFAULT_COLOR } from './color';

describe('colour contrast', () => {
  it('parses hex colours and rejects anything else', () => {
    expect(parseHex('#fff')).toEqual([255, 255, 255]);
    expect(parseHex('4F46E5')).toEqual([79, 70, 229]);
    expect(parseHex('red')).toBeNull();
    expect(parseHex('#12345')).toBeNull();
    expect(parseHex('url(x)')).toBeNull();
  });

  it('computes WCAG contrast ratios', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrast('#767676', '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });

  it('picks a readable text colour', () => {
    expect(readableText('#000080')).toBe(WHITE);
    expect(readableText('#ffff00')).toBe(INK);
  });

  it('darkens until white text passes AA', () => {
    for (const c of ['#22c55e', '#f97316', '#38bdf8', '#ff0000', '#aaaaaa']) {
      const d = darkenFor(c);
      expect(contrast(d, WHITE), c).toBeGreaterThanOrEqual(4.5);
    }
    expect(darkenFor('#1e3a8a')).toBe('#1e3a8a');
  });

  it('builds a theme that always passes AA', () => {
    for (const c of ['#4f46e5', '#22c55e', '#fde047', '#ffffff', '#000000', '#0ea5e9', 'bogus', '']) {
      const t = theme(c);
      expect(contrast(t.bg, t.fg), c).toBeGreaterThanOrEqual(4.5);
    }
    expect(theme('#fde047')).toEqual({ bg: '#fde047', fg: INK });
    expect(theme('bogus').bg).toBe(DEFAULT_COLOR);
    expect(theme('#4f46e5')).toEqual({ bg: '#4f46e5', fg: WHITE });
  });
});
