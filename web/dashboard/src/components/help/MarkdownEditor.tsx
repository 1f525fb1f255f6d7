// An article's Markdown with the server's rendering beside it (POST /api/v1/articles/preview, debounced: the
// preview is exactly what visitors will see, cmark-gfm with raw HTML dropped), and "Insert image": the file goes
// through the uploads API and `![alt](url)` goes in at the caret. Side by side on wide screens; Write and
// Preview tabs on narrow ones.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, errorMessage, uploadFile } from '../../api';
import { imageMarkdown, insertBlock, LIMITS, PREVIEW_DEBOUNCE_MS } from '../../lib/helpCenter';
import { useMedia } from '../../lib/viewport';
import { Icon } from '../ui';

export function MarkdownEditor({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string }) {
  const wide = useMedia('(min-width: 1100px)');
  const [tab, setTab] = useState<'write' | 'preview'>('write');
  const area = useRef<HTMLTextAreaElement>(null);
  const file = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState('');
  const [uploadError, setUploadError] = useState('');
  const showPreview = wide || tab === 'preview';
  const preview = usePreview(value, showPreview);

  const insertImage = async (f: File) => {
    setUploadError('');
    setUploading(f.name);
    try {
      const u = await uploadFile(f);
      const el = area.current;
      const start = el?.selectionStart ?? value.length;
      const end = el?.selectionEnd ?? value.length;
      const r = insertBlock(value, start, end, imageMarkdown(f.name, u.url));
      onChange(r.text);
      setTab('write');
      requestAnimationFrame(() => { area.current?.focus(); area.current?.setSelectionRange(r.caret, r.caret); });
    } catch (err) {
      setUploadError(`The image was not uploaded: ${errorMessage(err)}`);
    } finally {
      setUploading('');
      if (file.current) file.current.value = '';
    }
  };

  const size = new TextEncoder().encode(value).length;
  const write = (
    <div class="md-pane" id="md-write" role={wide ? undefined : 'tabpanel'} aria-labelledby={wide ? undefined : 'md-tab-write'}
      hidden={!wide && tab !== 'write'}>
      <div class="md-toolbar">
        <button type="button" class="btn btn-sm" disabled={!!uploading} onClick={() => file.current?.click()}>
          <Icon name="camera" size={16} /> {uploading ? 'Uploading…' : 'Insert image'}
        </button>
        <input ref={file} type="file" accept="image/png,image/jpeg,image/gif,image/webp" hidden
          onChange={(e) => { const f = e.currentTarget.files?.[0]; if (f) void insertImage(f); }} />
        <span class={`muted small md-size ${size > LIMITS.body ? 'over' : ''}`}>{size.toLocaleString('en')} / {LIMITS.body.toLocaleString('en')} bytes</span>
      </div>
      <label class="sr-only" for="article-body">Article text (Markdown)</label>
      <textarea id="article-body" ref={area} class="md-text" rows={18} value={value} spellcheck
        placeholder={'## A heading\n\nPlain text, **bold**, [a link](https://example.com), lists:\n\n1. First step\n2. Second step'}
        onInput={(e) => onChange(e.currentTarget.value)}
        aria-invalid={error ? true : undefined} aria-describedby={`article-body-help${error ? ' article-body-err' : ''}`} />
      <p class="muted small" id="article-body-help">Markdown: headings (##), **bold**, *italic*, lists, links, tables and images. HTML is not kept.</p>
      {error && <span class="field-error" id="article-body-err">{error}</span>}
      <p class="sr-only" role="status">{uploading ? `Uploading ${uploading}` : ''}</p>
      {uploadError && <p class="form-error" role="alert">{uploadError}</p>}
    </div>
  );
  const shown = (
    <div class="md-pane md-preview-pane" id="md-preview" role={wide ? 'region' : 'tabpanel'}
      aria-labelledby={wide ? 'md-preview-title' : 'md-tab-preview'} aria-busy={preview.busy ? 'true' : undefined}
      hidden={!wide && tab !== 'preview'}>
      {wide && <h2 class="md-preview-title" id="md-preview-title">Preview</h2>}
      {preview.error ? <p class="form-error" role="alert">Preview unavailable: {preview.error}</p>
        : value.trim() === '' ? <p class="muted">The rendered article shows here as you write.</p>
        // The server's rendering (cmark-gfm, raw HTML and unsafe links dropped): safe to insert as it is.
        : <div class="article-body" dangerouslySetInnerHTML={{ __html: preview.html }} />}
    </div>
  );
  if (wide) return <div class="md-editor md-split">{write}{shown}</div>;
  return (
    <div class="md-editor">
      <div class="tabs" role="tablist" aria-label="Article text" onKeyDown={(e) => {
        // The tab pattern: arrows move between the tabs (one tab stop).
        if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
        const next = tab === 'write' ? 'preview' : 'write';
        setTab(next);
        document.getElementById(`md-tab-${next}`)?.focus();
        e.preventDefault();
      }}>
        {(['write', 'preview'] as const).map((t) => (
          <button key={t} type="button" role="tab" id={`md-tab-${t}`} aria-selected={tab === t} aria-controls={`md-${t}`} tabIndex={tab === t ? 0 : -1}
            class={tab === t ? 'active' : ''} onClick={() => setTab(t)}>{t === 'write' ? 'Write' : 'Preview'}</button>
        ))}
      </div>
      {write}{shown}
    </div>
  );
}

/** The server's HTML for `markdown`, asked for after a pause in typing; a late answer to older text is dropped. */
function usePreview(markdown: string, active: boolean): { html: string; error: string; busy: boolean } {
  const [state, setState] = useState({ html: '', error: '', busy: false, for: '' });
  const seq = useRef(0);
  useEffect(() => {
    if (!active || markdown === state.for || markdown.trim() === '') return;
    const mine = ++seq.current;
    setState((s) => ({ ...s, busy: true }));
    const t = setTimeout(() => {
      api<{ html: string }>('POST', '/api/v1/articles/preview', { body_markdown: markdown })
        .then((r) => { if (mine === seq.current) setState({ html: r.html, error: '', busy: false, for: markdown }); })
        .catch((err) => { if (mine === seq.current) setState((s) => ({ ...s, error: errorMessage(err), busy: false })); });
    }, state.for ? PREVIEW_DEBOUNCE_MS : 0);
    return () => clearTimeout(t);
  }, [markdown, active]);
  return state;
}
