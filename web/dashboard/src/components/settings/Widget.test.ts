// Settings > Widget: the image rule the form applies before saving matches the server's (widget_settings.cpp).
import { describe, expect, it } from 'vitest';
import { WIDGET_LOCALES, isImageUrl } from './Widget';

describe('Settings > Widget', () => {
  it('accepts our uploads and https images, nothing that could leave a CSS url()', () => {
    expect(isImageUrl('/uploads/0123456789abcdef0123456789abcdef.png')).toBe(true);
    expect(isImageUrl('https://cdn.example.com/brand/icon.png?v=2')).toBe(true);
    for (const bad of ['/uploads/0123456789abcdef0123456789abcdef.pdf', 'http://cdn.example.com/a.png', 'javascript:alert(1)',
      'https://x.example/a.png") ; x', 'https://x.example/a b.png', 'https://user@x.example/a.png', '//x.example/a.png', 'https://']) {
      expect(isImageUrl(bad), bad).toBe(false);
    }
  });

  it('offers the 14 locales the widget ships', () => {
    expect(WIDGET_LOCALES.map(([k]) => k)).toEqual(['en', 'de', 'es', 'fr', 'it', 'pt', 'nl', 'pl', 'sv', 'tr', 'uk', 'ja', 'ar', 'he']);
  });
});
