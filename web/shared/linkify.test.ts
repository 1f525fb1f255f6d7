import { describe, it, expect } from 'vitest';
import { imageUrl, isImageUrl, linkify, safeHref, safeUrl } from './linkify';

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

  it('splits text into parts, a full stop after a link outside it', () => {
    expect(linkify('see https://x.io/a?b=1. ok')).toEqual([{ text: 'see ' }, { text: 'https://x.io/a?b=1', href: 'https://x.io/a?b=1' }, { text: '. ok' }]);
    expect(linkify('javascript:alert(1)')).toEqual([{ text: 'javascript:alert(1)' }]);
    expect(linkify('mail ann@example.com')[1]).toEqual({ text: 'ann@example.com', href: 'mailto:ann@example.com' });
  });

  it('safeHref', () => {
    expect(safeHref('https://a.test')).toBe('https://a.test/');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('mailto:javascript:alert(1)')).toBeNull();
    expect(safeHref('http://')).toBeNull();
    expect(safeHref('/relative')).toBeNull();
    expect(safeHref(null)).toBeNull();
    expect(safeHref('mailto:a%E0@b.test')).toBeNull();                 // a broken %-escape: no link, no exception
    expect(linkify('write to mailto:a%E0@b.test')).toHaveLength(1);
    expect(safeHref('mailto:ann@example.com')).toBe('mailto:ann@example.com');
  });
});

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

// The rule the dashboard's settings form applies before saving and the widget before drawing: the server's
// (widget_settings.cpp).
describe('isImageUrl and imageUrl', () => {
  it('accepts our uploads and https images, nothing that could leave a CSS url()', () => {
    expect(isImageUrl('/uploads/0123456789abcdef0123456789abcdef.png')).toBe(true);
    expect(isImageUrl('https://cdn.example.com/brand/icon.png?v=2')).toBe(true);
    for (const bad of ['/uploads/0123456789abcdef0123456789abcdef.pdf', 'http://cdn.example.com/a.png', 'javascript:alert(1)',
      'https://x.example/a.png") ; x', 'https://x.example/a b.png', 'https://user@x.example/a.png', '//x.example/a.png', 'https://']) {
      expect(isImageUrl(bad), bad).toBe(false);
      expect(imageUrl(bad, 'https://chat.example.com'), bad).toBeNull();
    }
  });

  it('makes uploads absolute on the Parley server', () => {
    expect(imageUrl('/uploads/0123456789abcdef0123456789abcdef.gif', 'https://chat.example.com'))
      .toBe('https://chat.example.com/uploads/0123456789abcdef0123456789abcdef.gif');
    expect(imageUrl('https://cdn.example.com/a.png', 'https://chat.example.com')).toBe('https://cdn.example.com/a.png');
    expect(imageUrl(7, 'https://chat.example.com')).toBeNull();
  });
});
