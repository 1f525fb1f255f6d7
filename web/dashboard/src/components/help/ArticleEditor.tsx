// #/help/articles/{id|new}: one article. Admins edit the title, slug, category, status and Markdown body (with the
// server's preview) and save (Ctrl/Cmd+S too); agents read the rendered article. A refused field shows the
// server's message next to it; leaving with unsaved changes asks first.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, errorMessage } from '../../api';
import { fieldErrorsOf, type FieldErrors } from '../../lib/fieldErrors';
import { fullTime } from '../../lib/format';
import {
  articlePatch, categoryName, draftErrors, draftOf, EMPTY_DRAFT, helpfulness, isDirty, LIMITS, newArticleBody, slugify, STATUS_LABELS,
  type Draft,
} from '../../lib/helpCenter';
import { buildHash, navigate } from '../../stores/router';
import { toast } from '../../stores/toasts';
import type { Article, ArticleStatus } from '../../../../shared/types';
import { EmptyState, Icon, Skeleton } from '../ui';
import { MarkdownEditor } from './MarkdownEditor';
import type { Categories } from './useCategories';

const FIELDS = ['title', 'slug', 'category_id', 'status', 'body_markdown'];
const LIST = buildHash(['help']);

/** An article from an answer that is the article itself or wraps it ({"article": ...}). */
const articleOf = (r: Article | { article: Article }): Article => ('article' in r ? r.article : r);

export function ArticleEditor({ id, admin, categories, onCreated }: {
  id: number | null; admin: boolean; categories: Categories; onCreated?: (id: number) => void;
}) {
  const [article, setArticle] = useState<Article | null>(null);
  const [phase, setPhase] = useState<'loading' | 'ready' | 'missing' | 'failed'>(id ? 'loading' : 'ready');
  const [loadError, setLoadError] = useState('');
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const saved = article ? draftOf(article) : EMPTY_DRAFT;
  const dirty = isDirty(draft, saved);

  const load = async () => {
    if (!id || article?.id === id) return;
    setPhase('loading');
    try {
      const a = articleOf(await api<Article | { article: Article }>('GET', `/api/v1/articles/${id}`));
      setArticle(a);
      setDraft(draftOf(a));
      setPhase('ready');
    } catch (err) {
      setLoadError(errorMessage(err));
      setPhase(err instanceof ApiError && err.status === 404 ? 'missing' : 'failed');
    }
  };
  useEffect(() => { void load(); }, [id]);
  // A reload or a closed tab with unsaved changes asks first (the browser's own dialog).
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => { e.preventDefault(); };
    addEventListener('beforeunload', warn);
    return () => removeEventListener('beforeunload', warn);
  }, [dirty]);

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    if (errors[k]) setErrors((e) => { const { [k]: _, ...rest } = e; return rest; });
  };

  const save = async (e?: Event) => {
    e?.preventDefault();
    if (busy) return;
    const local = draftErrors(draft);
    setErrors(local);
    if (Object.keys(local).length) {
      document.getElementById(`article-${Object.keys(local)[0].replace('_markdown', '')}`)?.focus();
      return;
    }
    if (article && !dirty) { toast('No changes to save', 'info', 2000); return; }
    setBusy(true);
    try {
      const r = article
        ? await api<Article | { article: Article }>('PATCH', `/api/v1/articles/${article.id}`, articlePatch(draft, saved))
        : await api<Article | { article: Article }>('POST', '/api/v1/articles', newArticleBody(draft));
      const a = articleOf(r);
      setArticle(a);
      setDraft(draftOf(a));
      toast(a.status === 'published' ? `“${a.title}” is published` : `“${a.title}” saved as a draft`, 'success', 3000);
      if (!article) {
        onCreated?.(a.id);
        navigate(buildHash(['help', 'articles', String(a.id)]), true);
      }
    } catch (err) {
      setErrors(fieldErrorsOf(err, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!article || !confirm(`Delete “${article.title}”? Visitors will no longer find it, and links to it stop working.`)) return;
    try {
      await api('DELETE', `/api/v1/articles/${article.id}`);
      toast(`“${article.title}” deleted`, 'success', 3000);
      navigate(LIST);
    } catch (err) {
      toast(`Not deleted: ${errorMessage(err)}`, 'error', 8000);
    }
  };

  const back = (e: Event) => {
    if (dirty && !confirm('Leave without saving your changes?')) e.preventDefault();
  };

  const head = (title: string) => (
    <header class="page-head help-editor-head">
      <a class="btn btn-ghost btn-sm" href={LIST} onClick={back}><Icon name="back" size={16} /> Articles</a>
      <h1>{title}</h1>
    </header>
  );
  if (phase === 'loading') return <div class="page help-page">{head('Article')}<div role="status" aria-label="Loading the article"><Skeleton lines={2} /><Skeleton lines={8} /></div></div>;
  if (phase === 'missing') {
    return (
      <div class="page help-page">{head('Article')}
        <EmptyState icon="book" title="This article does not exist"><p>It may have been deleted. <a href={LIST}>Back to the articles</a></p></EmptyState>
      </div>
    );
  }
  if (phase === 'failed') {
    return (
      <div class="page help-page">{head('Article')}
        <div class="form-error" role="alert"><p>Could not load the article: {loadError}</p><button type="button" class="btn btn-sm" onClick={() => void load()}>Try again</button></div>
      </div>
    );
  }
  if (!admin && !article) {
    return (
      <div class="page help-page">{head('New article')}
        <EmptyState icon="lock" title="Only admins write articles"><p>Ask an admin of your workspace to add this article. <a href={LIST}>Back to the articles</a></p></EmptyState>
      </div>
    );
  }
  if (!admin) return <ArticleView a={article!} category={categoryName(categories.items, article!.category_id)} head={head} />;

  const described = (f: string, help?: string) => ({
    'aria-invalid': errors[f] ? true : undefined,
    'aria-describedby': [help, errors[f] ? `article-${f}-err` : ''].filter(Boolean).join(' ') || undefined,
  });
  const fieldError = (f: string) => errors[f] && <span class="field-error" id={`article-${f}-err`}>{errors[f]}</span>;
  const slugShown = draft.slug.trim() || slugify(draft.title) || 'made-from-the-title';
  return (
    <div class="page help-page">
      {head(article ? 'Edit article' : 'New article')}
      <form class="stack article-editor" onSubmit={(e) => void save(e)}
        onKeyDown={(e) => { if ((e.ctrlKey || e.metaKey) && e.key === 's') void save(e); }}>
        <label class="field"><span>Title</span>
          <input id="article-title" value={draft.title} maxLength={LIMITS.title + 50} placeholder="How do I reset my password?"
            onInput={(e) => set('title', e.currentTarget.value)} {...described('title')} />
          {fieldError('title')}
        </label>
        <div class="field-row">
          <label class="field"><span>Slug (in the address)</span>
            <input id="article-slug" value={draft.slug} maxLength={LIMITS.slug} placeholder={slugify(draft.title) || 'made from the title'}
              spellcheck={false} autoCapitalize="off" onInput={(e) => set('slug', e.currentTarget.value)} {...described('slug', 'article-slug-help')} />
            <span class="muted small" id="article-slug-help">…/articles/{slugShown}</span>
            {fieldError('slug')}
          </label>
          <label class="field"><span>Category</span>
            <select id="article-category" value={draft.category_id === null ? '' : String(draft.category_id)}
              onChange={(e) => set('category_id', e.currentTarget.value ? Number(e.currentTarget.value) : null)} {...described('category_id')}>
              <option value="">Uncategorised</option>
              {categories.items.map((c) => <option key={c.id} value={String(c.id)}>{c.name}</option>)}
            </select>
            {fieldError('category_id')}
          </label>
          <fieldset class="field">
            <legend>Status</legend>
            <div class="segmented-buttons">
              {(['draft', 'published'] as ArticleStatus[]).map((st) => (
                <label key={st} class={draft.status === st ? 'active' : ''}>
                  <input type="radio" name="article-status" value={st} checked={draft.status === st} onChange={() => set('status', st)} />
                  {STATUS_LABELS[st]}
                </label>
              ))}
            </div>
            {fieldError('status')}
          </fieldset>
        </div>
        <MarkdownEditor value={draft.body_markdown} onChange={(v) => set('body_markdown', v)} error={errors.body_markdown} />
        {errors.form && <p class="form-error" role="alert">{errors.form}</p>}
        <div class="row-actions article-actions">
          {/* Not disabled while saving: a disabled button drops the keyboard focus to the page. */}
          <button type="submit" class="btn btn-primary" aria-disabled={busy ? 'true' : undefined}>{busy ? 'Saving…' : draft.status === 'published' && saved.status !== 'published' ? 'Publish' : 'Save'}</button>
          {article?.status === 'published' && (
            <a class="btn" href={article.url} target="_blank" rel="noopener noreferrer"><Icon name="external" size={16} /> View on the help center<span class="sr-only"> (opens in a new tab)</span></a>
          )}
          {article && <button type="button" class="btn danger" onClick={() => void remove()}>Delete</button>}
          <span class="muted small" role="status">{dirty ? 'Unsaved changes' : article ? `Saved ${fullTime(article.updated_at)}` : ''}</span>
        </div>
        {article && article.status === 'published' && (
          <p class="muted small">{article.views} view{article.views === 1 ? '' : 's'} · {helpfulness(article)}</p>
        )}
      </form>
    </div>
  );
}

/** What an agent who is not an admin sees: the article as visitors read it. */
function ArticleView({ a, category, head }: { a: Article; category: string; head: (t: string) => preact.JSX.Element }) {
  return (
    <div class="page help-page">
      {head(a.title)}
      <p class="muted small">
        <span class={`status-badge article-${a.status}`}>{STATUS_LABELS[a.status]}</span> {category} · updated {fullTime(a.updated_at)}
        {a.status === 'published' && <> · {a.views} views · {helpfulness(a)} · <a href={a.url} target="_blank" rel="noopener noreferrer">View on the help center</a></>}
      </p>
      {/* The server's rendering (cmark-gfm, raw HTML and unsafe links dropped). */}
      <article class="article-body article-read" dangerouslySetInnerHTML={{ __html: a.body_html }} />
      <p class="muted small">Only admins can change articles.</p>
    </div>
  );
}
