// #/help: the articles, newest change first or best match first while searching; filters in the URL (?q=,
// ?status=, ?category=) so the back button and a shared link keep them; pages of 50 with "Load more".
import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../../api';
import { ago, fullTime } from '../../lib/format';
import { articlesPath, categoryName, filterFromQuery, helpCenterPath, helpfulness, isFiltered, SEARCH_DEBOUNCE_MS, STATUS_LABELS, type ListFilter } from '../../lib/helpCenter';
import { buildHash, setQuery } from '../../stores/router';
import type { Article } from '../../../../shared/types';
import { EmptyState, Icon, Skeleton } from '../ui';
import { AddressDialog } from './AddressDialog';
import { CategoriesDialog } from './CategoriesDialog';
import type { Categories } from './useCategories';

interface ListState {
  phase: 'loading' | 'ready' | 'failed';
  items: Article[];
  next: string | null;
  error: string;
  more: boolean;
}

const STATUSES = [{ id: '', label: 'All' }, { id: 'published', label: 'Published' }, { id: 'draft', label: 'Drafts' }] as const;

export function ArticleList({ query, admin, publicId, categories }: { query: URLSearchParams; admin: boolean; publicId: string; categories: Categories }) {
  const filter = filterFromQuery(query);
  const key = `${filter.q}|${filter.status}|${filter.category ?? ''}`;
  const [s, setS] = useState<ListState>({ phase: 'loading', items: [], next: null, error: '', more: false });
  const [text, setText] = useState(filter.q);
  const [managing, setManaging] = useState(false);
  const [addressing, setAddressing] = useState(false);

  const load = async (f: ListFilter, signal?: AbortSignal) => {
    setS((x) => ({ ...x, phase: 'loading', error: '' }));
    try {
      const r = await api<{ items: Article[]; next_cursor: string | null }>('GET', articlesPath(f), undefined, signal);
      setS({ phase: 'ready', items: r.items, next: r.next_cursor, error: '', more: false });
    } catch (err) {
      if (!signal?.aborted) setS((x) => ({ ...x, phase: 'failed', error: errorMessage(err) }));
    }
  };
  useEffect(() => {
    const ac = new AbortController();
    void load(filter, ac.signal);
    return () => ac.abort();
  }, [key]);
  useEffect(() => { setText(filter.q); }, [filter.q]);
  // Back from the editor: an article may have changed category, so the counts in the filter are asked again.
  useEffect(() => { if (categories.phase !== 'loading') void categories.reload(); }, []);
  // Typing searches after a short pause; the URL keeps the search.
  useEffect(() => {
    if (text.trim() === filter.q) return;
    const t = setTimeout(() => setQuery({ q: text.trim() || null }, true), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text]);

  const more = async () => {
    setS((x) => ({ ...x, more: true }));
    try {
      const r = await api<{ items: Article[]; next_cursor: string | null }>('GET', articlesPath(filter, s.next));
      setS((x) => ({ ...x, items: [...x.items, ...r.items.filter((a) => !x.items.some((b) => b.id === a.id))], next: r.next_cursor, more: false }));
    } catch (err) {
      setS((x) => ({ ...x, more: false, error: errorMessage(err) }));
    }
  };

  const statusHref = (status: string) => buildHash(['help'], { q: filter.q || null, status: status || null, category: filter.category });
  return (
    <div class="page help-page">
      <header class="page-head help-head">
        <h1>Help center</h1>
        <div class="row-actions help-head-actions">
          {publicId && <a class="btn" href={helpCenterPath(publicId)} target="_blank" rel="noopener noreferrer">
            <Icon name="external" size={16} /> Public help center<span class="sr-only"> (opens in a new tab)</span></a>}
          {admin && publicId && <button type="button" class="btn" onClick={() => setAddressing(true)}>Address</button>}
          {admin && <button type="button" class="btn" onClick={() => setManaging(true)}>Categories</button>}
          {admin && <a class="btn btn-primary" href={buildHash(['help', 'articles', 'new'])}><Icon name="plus" size={16} /> New article</a>}
        </div>
      </header>
      <p class="muted help-intro">Articles your visitors find in the chat widget's help search and on your public help center.{!admin && ' Admins write and publish them.'}</p>
      <div class="contacts-tools help-tools">
        <form role="search" class="search-box" onSubmit={(e) => { e.preventDefault(); setQuery({ q: text.trim() || null }, true); }}>
          <Icon name="search" size={16} />
          <label class="sr-only" for="article-search">Search articles</label>
          <input id="article-search" type="search" placeholder="Search titles and text" value={text} autoComplete="off"
            onInput={(e) => setText(e.currentTarget.value)} />
        </form>
        <div class="segmented" role="group" aria-label="Status">
          {STATUSES.map((x) => (
            <a key={x.id} href={statusHref(x.id)} class={filter.status === x.id ? 'active' : ''} aria-current={filter.status === x.id ? 'true' : undefined}>{x.label}</a>
          ))}
        </div>
        <label class="help-category-filter">
          <span class="sr-only">Category</span>
          <select value={filter.category ? String(filter.category) : ''} onChange={(e) => setQuery({ category: e.currentTarget.value || null }, true)}>
            <option value="">All categories</option>
            {categories.items.map((c) => <option key={c.id} value={String(c.id)}>{c.name} ({c.article_count})</option>)}
          </select>
        </label>
      </div>
      {s.phase === 'loading' && s.items.length === 0 ? (
        <div role="status" aria-label="Loading articles" class="help-skeleton">{[1, 2, 3, 4].map((i) => <Skeleton key={i} lines={2} />)}</div>
      ) : s.phase === 'failed' ? (
        <div class="form-error" role="alert">
          <p>Could not load the articles: {s.error}</p>
          <button type="button" class="btn btn-sm" onClick={() => void load(filter)}>Try again</button>
        </div>
      ) : s.items.length === 0 ? (
        isFiltered(filter) ? (
          <EmptyState icon="search" title="No article matches">
            <p>{filter.q ? `No article's title or text matches “${filter.q}” with these filters.` : 'No article has this status and category.'}</p>
            <p><a href={buildHash(['help'])}>Show all articles</a></p>
          </EmptyState>
        ) : (
          <EmptyState icon="book" title="No articles yet">
            <p>Answer the questions visitors ask most once: they find the answers in the widget before they write, and your bot can link them.</p>
            {admin && <p><a class="btn btn-primary" href={buildHash(['help', 'articles', 'new'])}>Write the first article</a></p>}
          </EmptyState>
        )
      ) : (
        <>
          <p class="muted small" role="status" aria-live="polite">
            {s.phase === 'loading' ? 'Searching…' : `${s.items.length}${s.next ? '+' : ''} article${s.items.length === 1 ? '' : 's'}${filter.q ? ', best match first' : ''}`}
          </p>
          <ul class="article-list" aria-label="Articles">
            {s.items.map((a) => <ArticleRow key={a.id} a={a} category={categoryName(categories.items, a.category_id)} />)}
          </ul>
          {s.error && <p class="form-error" role="alert">{s.error}</p>}
          {s.next && (
            <button type="button" class="btn btn-block load-more" disabled={s.more} onClick={() => void more()}>{s.more ? 'Loading…' : 'Load more'}</button>
          )}
        </>
      )}
      {managing && <CategoriesDialog categories={categories} onClose={() => setManaging(false)} />}
      {addressing && <AddressDialog publicId={publicId} onClose={() => setAddressing(false)} />}
    </div>
  );
}

function ArticleRow({ a, category }: { a: Article; category: string }) {
  return (
    <li class="article-row">
      <div class="article-row-main">
        <a class="article-title" href={buildHash(['help', 'articles', String(a.id)])}>{a.title}</a>
        <span class={`status-badge article-${a.status}`}>{STATUS_LABELS[a.status]}</span>
      </div>
      {a.excerpt && <p class="article-excerpt">{a.excerpt}</p>}
      <p class="muted small article-meta">
        {category} · updated <time dateTime={new Date(a.updated_at).toISOString()} title={fullTime(a.updated_at)}>{ago(a.updated_at)}</time>
        {a.status === 'published' && <> · {a.views} view{a.views === 1 ? '' : 's'} · {helpfulness(a)}</>}
      </p>
    </li>
  );
}
