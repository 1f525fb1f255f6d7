// The Help center screens (issue 14, item 1): the article list's query, an article's draft and what is sent
// for it, the checks the server makes again (so a mistake shows next to its field before a round trip), the
// Markdown an uploaded image becomes, and the order of categories. Pure: unit-tested (helpCenter.test.ts).
import type { Article, ArticleCategory, ArticlePatch, ArticleStatus, NewArticle } from '../../../shared/types';

/** The server's limits (docs/openapi.json, the knowledge base). */
export const LIMITS = { title: 200, slug: 120, body: 100_000, categoryName: 80, categoryDescription: 500, categories: 100 } as const;
export const PREVIEW_DEBOUNCE_MS = 400;
export const SEARCH_DEBOUNCE_MS = 250;
export const PAGE_SIZE = 50;

export const STATUS_LABELS: Record<ArticleStatus, string> = { draft: 'Draft', published: 'Published' };

export interface ListFilter {
  q: string;
  status: ArticleStatus | '';
  category: number | null;
}

/** The filter a route's query stands for (?q=&status=&category=); anything unknown is left out. */
export function filterFromQuery(query: URLSearchParams): ListFilter {
  const status = query.get('status');
  const category = Number(query.get('category'));
  return {
    q: (query.get('q') ?? '').trim(),
    status: status === 'draft' || status === 'published' ? status : '',
    category: Number.isInteger(category) && category > 0 ? category : null,
  };
}

/** GET /api/v1/articles for a filter and an optional cursor (the next page). */
export function articlesPath(f: ListFilter, cursor?: string | null, limit = PAGE_SIZE): string {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.status) p.set('status', f.status);
  if (f.category) p.set('category_id', String(f.category));
  p.set('limit', String(limit));
  if (cursor) p.set('cursor', cursor);
  return `/api/v1/articles?${p}`;
}

export const isFiltered = (f: ListFilter): boolean => !!(f.q || f.status || f.category);

/** The slug the server makes from a title when none is given: lowercase a-z0-9 words joined by '-'. */
export function slugify(title: string): string {
  return title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, LIMITS.slug).replace(/-+$/, '');
}

export const isValidSlug = (s: string): boolean => s.length >= 1 && s.length <= LIMITS.slug && /^[a-z0-9-]+$/.test(s);

/** What the editor holds: the article's fields as the inputs show them. */
export interface Draft {
  title: string;
  slug: string;
  category_id: number | null;
  status: ArticleStatus;
  body_markdown: string;
}

export const EMPTY_DRAFT: Draft = { title: '', slug: '', category_id: null, status: 'draft', body_markdown: '' };

export function draftOf(a: Article): Draft {
  return { title: a.title, slug: a.slug, category_id: a.category_id, status: a.status, body_markdown: a.body_markdown };
}

const bytes = (s: string): number => new TextEncoder().encode(s).length;

/** The field errors the server would answer with (400 naming the field), checked before sending. */
export function draftErrors(d: Draft): Record<string, string> {
  const e: Record<string, string> = {};
  const title = d.title.trim();
  if (!title) e.title = 'Give the article a title.';
  else if (title.length > LIMITS.title) e.title = `At most ${LIMITS.title} characters (now ${title.length}).`;
  const slug = d.slug.trim();
  if (slug && !isValidSlug(slug)) e.slug = `Lowercase letters a-z, digits and '-' only, at most ${LIMITS.slug}.`;
  const size = bytes(d.body_markdown);
  if (size > LIMITS.body) e.body_markdown = `The text is too long: ${size.toLocaleString('en')} bytes of at most ${LIMITS.body.toLocaleString('en')}.`;
  return e;
}

/** The body of POST /api/v1/articles: an empty slug is left to the server (made from the title). */
export function newArticleBody(d: Draft): NewArticle {
  const body: NewArticle = { title: d.title.trim(), body_markdown: d.body_markdown, category_id: d.category_id, status: d.status };
  if (d.slug.trim()) body.slug = d.slug.trim();
  return body;
}

/** The body of PATCH /api/v1/articles/{id}: only what changed (null when nothing did). */
export function articlePatch(d: Draft, saved: Draft): ArticlePatch | null {
  const p: ArticlePatch = {};
  if (d.title.trim() !== saved.title) p.title = d.title.trim();
  if (d.slug.trim() && d.slug.trim() !== saved.slug) p.slug = d.slug.trim();
  if (d.category_id !== saved.category_id) p.category_id = d.category_id;
  if (d.status !== saved.status) p.status = d.status;
  if (d.body_markdown !== saved.body_markdown) p.body_markdown = d.body_markdown;
  return Object.keys(p).length ? p : null;
}

export const isDirty = (d: Draft, saved: Draft): boolean => articlePatch(d, saved) !== null;

/** `![alt](url)` for an uploaded image: the alt text from the file name, Markdown's brackets escaped, a URL
 *  with spaces or parentheses in angle brackets (CommonMark's link destination). */
export function imageMarkdown(fileName: string, url: string): string {
  const alt = fileName.replace(/\.[a-z0-9]{1,5}$/i, '').replace(/[_-]+/g, ' ').trim().replace(/([\\[\]])/g, '\\$1') || 'image';
  const dest = /[\s()<>]/.test(url) ? `<${url.replace(/[<>]/g, encodeURIComponent)}>` : url;
  return `![${alt}](${dest})`;
}

/** `text` with `snippet` in place of the selection [start, end), on a line of its own (a block image), and
 *  where the caret goes after it. */
export function insertBlock(text: string, start: number, end: number, snippet: string): { text: string; caret: number } {
  const before = text.slice(0, start);
  const after = text.slice(end);
  const lead = before === '' || before.endsWith('\n') ? '' : '\n';
  const trail = after === '' || after.startsWith('\n') ? '' : '\n';
  const out = before + lead + snippet + trail;
  return { text: out + after, caret: out.length };
}

/** Categories in their order (position, then id). */
export function sortCategories(list: ArticleCategory[]): ArticleCategory[] {
  return [...list].sort((a, b) => a.position - b.position || a.id - b.id);
}

/** The list with the category `id` moved by `delta` places (clamped), positions renumbered 0..n-1. */
export function moveCategory(list: ArticleCategory[], id: number, delta: number): ArticleCategory[] {
  const sorted = sortCategories(list);
  const from = sorted.findIndex((c) => c.id === id);
  if (from < 0) return sorted;
  const to = Math.max(0, Math.min(sorted.length - 1, from + delta));
  const [item] = sorted.splice(from, 1);
  sorted.splice(to, 0, item);
  return sorted.map((c, i) => ({ ...c, position: i }));
}

/** The PATCHes that turn `before` into `after`: each category whose position changed. */
export function positionChanges(before: ArticleCategory[], after: ArticleCategory[]): { id: number; position: number }[] {
  const was = new Map(before.map((c) => [c.id, c.position]));
  return after.filter((c) => was.get(c.id) !== c.position).map((c) => ({ id: c.id, position: c.position }));
}

/** "Getting started" of the category, "Uncategorised" without one, "Deleted category" for an unknown id. */
export function categoryName(list: ArticleCategory[], id: number | null): string {
  if (id === null) return 'Uncategorised';
  return list.find((c) => c.id === id)?.name ?? 'Deleted category';
}

/** The workspace's public help center. */
export const helpCenterPath = (publicId: string): string => `/help/${encodeURIComponent(publicId)}`;

/** "4 of 5 found it helpful" (nothing before the first vote). */
export function helpfulness(a: Pick<Article, 'helpful_yes' | 'helpful_no'>): string {
  const votes = a.helpful_yes + a.helpful_no;
  return votes ? `${a.helpful_yes} of ${votes} found it helpful` : 'No votes yet';
}

/** A custom domain as an admin may type it ("https://Help.Example.com/", "help.example.com.") reduced to the host
 *  name the server compares with the request's Host. */
export function normaliseDomain(input: string): string {
  return input.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/[/?#].*$/, '').replace(/\.$/, '');
}

/** The server's rule (widget_settings.cpp): empty, or labels of a-z, 0-9 and inner hyphens, at least one dot, no port. */
export function isHostName(host: string): boolean {
  if (host === '') return true;
  if (host.length > 253 || !host.includes('.')) return false;
  return host.split('.').every((l) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l));
}
