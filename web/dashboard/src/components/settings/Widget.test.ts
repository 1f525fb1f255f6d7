// Settings > Widget (the image rule the form applies before saving is shared: web/shared/linkify.test.ts).
import { describe, expect, it } from 'vitest';
import { WIDGET_LOCALES } from './Widget';

describe('Settings > Widget', () => {
  it('offers the 14 locales the widget ships', () => {
    expect(WIDGET_LOCALES.map(([k]) => k)).toEqual(['en', 'de', 'es', 'fr', 'it', 'pt', 'nl', 'pl', 'sv', 'tr', 'uk', 'ja', 'ar', 'he']);
  });
});
