import { describe, it, expect } from 'vitest';
import { linkify, safeHref } from './linkify';

const links = (s: string) => linkify(s).filter((p) => p.href).map((p) => p.href);

describe('linkify', () => {
  it('links http, https and mailto', () => {
    expect(links('see https://example.com/a?b=1 and http://x.org')).toEqual(['https://example.com/a?b=1', 'http://x.org/']);
    expect(links('mail mailto:ada@example.com or bob@example.org')).toEqual(['mailto:ada@example.com', 'mailto:bob@example.org']);
  });

  it('keeps every character of the text', () => {
    const s = 'Go to https://shop.test/cart. Then (https://x.test/y) ok!';
    expect(linkify(s).map((p) => p.text).join('')).toBe(s);
    expect(links(s)).toEqual(['https://shop.test/cart', 'https://x.test/y']);
  });

  it('never links other schemes', () => {
    for (const s of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox', 'file:///etc/passwd', 'ftp://x.org', '[click](javascript:alert(1))',
      '<a href="javascript:alert(1)">x</a>', '<img src=x onerror=alert(1)>']) {
      expect(links(s), s).toEqual([]);
      expect(linkify(s).map((p) => p.text).join('')).toBe(s);
    }
  });

  it('handles markdown tricks as text around a safe link', () => {
    const parts = linkify('[click](https://good.test) [x](javascript:alert(1))');
    expect(parts.filter((p) => p.href).map((p) => p.href)).toEqual(['https://good.test/']);
  });

  it('does not let quotes or angle brackets into a link', () => {
    expect(links('https://a.test/"onmouseover="alert(1)')).toEqual(['https://a.test/']);
    expect(links('<https://a.test/x>')).toEqual(['https://a.test/x']);
  });

  it('safeHref', () => {
    expect(safeHref('https://a.test')).toBe('https://a.test/');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('mailto:javascript:alert(1)')).toBeNull();
    expect(safeHref('http://')).toBeNull();
    expect(safeHref('/relative')).toBeNull();
  });
});

import { safeUrl } from './linkify';
describe('safeUrl', () => {
  it('allows same-origin paths and http(s) only', () => {
    expect(safeUrl('/api/v1/files/a.png')).toBe('/api/v1/files/a.png');
    expect(safeUrl('https://cdn.test/a.png')).toBe('https://cdn.test/a.png');
    expect(safeUrl('//evil.test/x')).toBeNull();
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('data:image/png;base64,AAAA')).toBeNull();
    expect(safeUrl('mailto:a@b.c')).toBeNull();
    expect(safeUrl('')).toBeNull();
  });
});
