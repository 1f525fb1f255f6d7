import { describe, expect, it } from 'vitest';
import type { Article, ArticleCategory } from '../../../shared/types';
import {
  EMPTY_DRAFT, articlePatch, articlesPath, categoryName, draftErrors, draftOf, filterFromQuery, helpCenterPath, helpfulness,
  imageMarkdown, insertBlock, isDirty, isHostName, isValidSlug, moveCategory, newArticleBody, normaliseDomain, positionChanges, slugify,
} from './helpCenter';

const article = (over: Partial<Article> = {}): Article => ({
  id: 7, title: 'Reset your password', slug: 'reset-your-password', body_markdown: '# Steps', body_html: '<h1>Steps</h1>',
  excerpt: 'Steps', category_id: 2, status: 'draft', created_at: 1, updated_at: 2, published_at: null, views: 0,
  helpful_yes: 0, helpful_no: 0, url: '/help/abc/articles/reset-your-password', ...over,
});
const cat = (id: number, position: number, name = `C${id}`): ArticleCategory =>
  ({ id, name, slug: name.toLowerCase(), description: '', position, article_count: 0 });

describe('the article list query', () => {
  it('reads the route and drops what it does not know', () => {
    expect(filterFromQuery(new URLSearchParams('q=%20refund%20&status=published&category=3')))
      .toEqual({ q: 'refund', status: 'published', category: 3 });
    expect(filterFromQuery(new URLSearchParams('status=archived&category=-1')))
      .toEqual({ q: '', status: '', category: null });
    expect(filterFromQuery(new URLSearchParams('category=abc')).category).toBeNull();
  });

  it('asks the server for exactly the filter and the page', () => {
    expect(articlesPath({ q: '', status: '', category: null })).toBe('/api/v1/articles?limit=50');
    expect(articlesPath({ q: 'a&b', status: 'draft', category: 4 }, 'c1', 10))
      .toBe('/api/v1/articles?q=a%26b&status=draft&category_id=4&limit=10&cursor=c1');
  });
});

describe('slugs', () => {
  it('are made from the title like the server does', () => {
    expect(slugify('How do I reset my password?')).toBe('how-do-i-reset-my-password');
    expect(slugify('  Ärger mit Überweisungen  ')).toBe('arger-mit-uberweisungen');
    expect(slugify('---')).toBe('');
    const long = slugify('word '.repeat(60));
    expect(long.length).toBeLessThanOrEqual(120);
    expect(long.endsWith('-')).toBe(false);
  });

  it('are lowercase a-z, digits and dashes, 1..120', () => {
    expect(isValidSlug('billing-101')).toBe(true);
    expect(isValidSlug('Billing')).toBe(false);
    expect(isValidSlug('with space')).toBe(false);
    expect(isValidSlug('')).toBe(false);
    expect(isValidSlug('a'.repeat(121))).toBe(false);
  });
});

describe('the draft', () => {
  it('names the field of each mistake', () => {
    expect(draftErrors(EMPTY_DRAFT)).toEqual({ title: expect.any(String) });
    expect(draftErrors({ ...EMPTY_DRAFT, title: 'x'.repeat(201) }).title).toContain('200');
    expect(draftErrors({ ...EMPTY_DRAFT, title: 'Ok', slug: 'Not OK' })).toEqual({ slug: expect.any(String) });
    // The limit is in bytes: 40,000 three-byte characters are 120,000 bytes.
    expect(draftErrors({ ...EMPTY_DRAFT, title: 'Ok', body_markdown: '€'.repeat(40_000) })).toEqual({ body_markdown: expect.stringContaining('120,000') });
    expect(draftErrors({ ...EMPTY_DRAFT, title: 'Ok', body_markdown: 'a'.repeat(100_000) })).toEqual({});
  });

  it('a new article leaves an empty slug to the server', () => {
    expect(newArticleBody({ ...EMPTY_DRAFT, title: ' Hello ', body_markdown: 'Hi' }))
      .toEqual({ title: 'Hello', body_markdown: 'Hi', category_id: null, status: 'draft' });
    expect(newArticleBody({ ...EMPTY_DRAFT, title: 'Hello', slug: 'hi' }).slug).toBe('hi');
  });

  it('a saved article sends only what changed', () => {
    const saved = draftOf(article());
    expect(articlePatch(saved, saved)).toBeNull();
    expect(isDirty(saved, saved)).toBe(false);
    expect(articlePatch({ ...saved, status: 'published', category_id: null }, saved)).toEqual({ status: 'published', category_id: null });
    expect(articlePatch({ ...saved, title: 'Reset your password ' }, saved)).toBeNull();
    // Clearing the slug keeps the one it has (the server makes one only for new articles).
    expect(articlePatch({ ...saved, slug: '' }, saved)).toBeNull();
    expect(isDirty({ ...saved, body_markdown: '# Steps\n1. Open' }, saved)).toBe(true);
  });
});

describe('images in Markdown', () => {
  it('take their alt text from the file name, escaped', () => {
    expect(imageMarkdown('reset_screen-1.png', '/uploads/ab/c.png')).toBe('![reset screen 1](/uploads/ab/c.png)');
    expect(imageMarkdown('[x].jpg', '/uploads/x.jpg')).toBe('![\\[x\\]](/uploads/x.jpg)');
    expect(imageMarkdown('.png', '/u.png')).toBe('![image](/u.png)');
    expect(imageMarkdown('a.png', '/uploads/a b(1).png')).toBe('![a](</uploads/a b(1).png>)');
  });

  it('go on a line of their own at the caret, replacing the selection', () => {
    expect(insertBlock('', 0, 0, '![a](u)')).toEqual({ text: '![a](u)', caret: 7 });
    expect(insertBlock('Intro text', 5, 5, '![a](u)')).toEqual({ text: 'Intro\n![a](u)\n text', caret: 14 });
    expect(insertBlock('One\nTwo', 4, 7, '![a](u)')).toEqual({ text: 'One\n![a](u)', caret: 11 });
  });
});

describe('categories', () => {
  it('move by one place, clamped, renumbered', () => {
    const list = [cat(1, 0), cat(2, 1), cat(3, 2)];
    expect(moveCategory(list, 3, -1).map((c) => [c.id, c.position])).toEqual([[1, 0], [3, 1], [2, 2]]);
    expect(moveCategory(list, 1, -1).map((c) => c.id)).toEqual([1, 2, 3]);
    expect(moveCategory(list, 9, 1).map((c) => c.id)).toEqual([1, 2, 3]);
  });

  it('only the moved ones are sent', () => {
    const before = [cat(1, 0), cat(2, 1), cat(3, 2)];
    expect(positionChanges(before, moveCategory(before, 1, 1))).toEqual([{ id: 2, position: 0 }, { id: 1, position: 1 }]);
    // Positions with gaps (after a delete) are made contiguous by the first move.
    const gaps = [cat(1, 0), cat(3, 5), cat(4, 9)];
    expect(positionChanges(gaps, moveCategory(gaps, 4, -1))).toEqual([{ id: 4, position: 1 }, { id: 3, position: 2 }]);
  });

  it('are named for the list', () => {
    const list = [cat(2, 0, 'Billing')];
    expect(categoryName(list, 2)).toBe('Billing');
    expect(categoryName(list, null)).toBe('Uncategorised');
    expect(categoryName(list, 9)).toBe('Deleted category');
  });
});

it('links and numbers', () => {
  expect(helpCenterPath('ab c')).toBe('/help/ab%20c');
  expect(helpfulness({ helpful_yes: 0, helpful_no: 0 })).toBe('No votes yet');
  expect(helpfulness({ helpful_yes: 4, helpful_no: 1 })).toBe('4 of 5 found it helpful');
});

describe('the help center domain', () => {
  it('is reduced to a host name', () => {
    expect(normaliseDomain(' https://Help.Example.com/articles ')).toBe('help.example.com');
    expect(normaliseDomain('help.example.com.')).toBe('help.example.com');
    expect(normaliseDomain('')).toBe('');
  });

  it('follows the server rule', () => {
    expect(isHostName('')).toBe(true);
    expect(isHostName('help.example.com')).toBe(true);
    expect(isHostName('h-1.example.co')).toBe(true);
    expect(isHostName('localhost')).toBe(false);
    expect(isHostName('help.example.com:8080')).toBe(false);
    expect(isHostName('-help.example.com')).toBe(false);
    expect(isHostName('help-.example.com')).toBe(false);
    expect(isHostName('help..example.com')).toBe(false);
    expect(isHostName(`${'a'.repeat(64)}.com`)).toBe(false);
  });
});
