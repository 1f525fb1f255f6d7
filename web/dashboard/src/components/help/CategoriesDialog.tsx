// The categories of the help center (admins): add, rename, move up and down (buttons that keep the keyboard
// focus), delete (its articles become uncategorised). Each change is saved at once and the list reloaded.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, errorMessage } from '../../api';
import { fieldErrorsOf, type FieldErrors } from '../../lib/fieldErrors';
import { LIMITS, moveCategory, positionChanges } from '../../lib/helpCenter';
import { toast } from '../../stores/toasts';
import type { ArticleCategory } from '../../../../shared/types';
import { Dialog } from '../ui';
import type { Categories } from './useCategories';

export function CategoriesDialog({ categories, onClose }: { categories: Categories; onClose: () => void }) {
  const list = categories.items;
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [focusId, setFocusId] = useState<string | null>(null);
  const addInput = useRef<HTMLInputElement>(null);

  // After a move the pressed button keeps the focus on the category's new row (or its other button at an end).
  useEffect(() => {
    if (!focusId) return;
    const pressed = document.getElementById(focusId) as HTMLButtonElement | null;
    const other = document.getElementById(focusId.endsWith('-up') ? focusId.replace(/-up$/, '-down') : focusId.replace(/-down$/, '-up'));
    const named = focusId.endsWith('-name') ? document.getElementById(focusId) : null;
    (named ?? (pressed && !pressed.disabled ? pressed : other) ?? addInput.current)?.focus();
    setFocusId(null);
  }, [list]);

  const add = async (e: Event) => {
    e.preventDefault();
    setErrors({});
    setBusy(true);
    try {
      await api('POST', '/api/v1/article-categories', { name: name.trim(), position: list.length });
      setName('');
      await categories.reload();
      addInput.current?.focus(); // ready for the next one (the Add button is disabled while the name is empty)
      toast(`Category “${name.trim()}” added`, 'success', 2000);
    } catch (err) {
      setErrors(fieldErrorsOf(err, ['name']));
    } finally {
      setBusy(false);
    }
  };

  const move = async (c: ArticleCategory, by: -1 | 1) => {
    const after = moveCategory(list, c.id, by);
    try {
      for (const ch of positionChanges(list, after)) await api('PATCH', `/api/v1/article-categories/${ch.id}`, { position: ch.position });
      setFocusId(`category-${c.id}-${by < 0 ? 'up' : 'down'}`);
      await categories.reload();
    } catch (err) {
      toast(`Not moved: ${errorMessage(err)}`, 'error', 8000);
      await categories.reload();
    }
  };

  const remove = async (c: ArticleCategory) => {
    const n = c.article_count;
    if (!confirm(`Delete the category “${c.name}”?${n ? ` Its ${n} article${n === 1 ? '' : 's'} will be uncategorised.` : ''}`)) return;
    try {
      await api('DELETE', `/api/v1/article-categories/${c.id}`);
      // The row goes: the focus moves to the next category's name (or the one before, or the new-category field).
      const i = list.findIndex((x) => x.id === c.id);
      const near = list[i + 1] ?? list[i - 1];
      setFocusId(near ? `category-${near.id}-name` : 'category-add');
      await categories.reload();
      toast(`Category “${c.name}” deleted`, 'success', 2000);
    } catch (err) {
      toast(`Not deleted: ${errorMessage(err)}`, 'error', 8000);
    }
  };

  return (
    <Dialog title="Categories" onClose={onClose}>
      <p class="muted small">Categories group articles on your public help center, in this order.</p>
      {categories.phase === 'failed' && <p class="form-error" role="alert">Could not load the categories: {categories.error}</p>}
      {list.length === 0 && categories.phase === 'ready' && <p class="muted">No categories yet. Add the first one below.</p>}
      <ol class="category-list" aria-label="Categories">
        {list.map((c, i) => (
          <CategoryRow key={c.id} c={c} first={i === 0} last={i === list.length - 1} onMove={(by) => void move(c, by)}
            onDelete={() => void remove(c)} onRenamed={() => void categories.reload()} />
        ))}
      </ol>
      <form class="category-add" onSubmit={(e) => void add(e)}>
        <label class="field"><span>New category</span>
          <input ref={addInput} value={name} maxLength={LIMITS.categoryName} required placeholder="Billing" onInput={(e) => setName(e.currentTarget.value)}
            aria-invalid={errors.name ? true : undefined} aria-describedby={errors.name ? 'category-name-err' : undefined} />
          {errors.name && <span class="field-error" id="category-name-err">{errors.name}</span>}
        </label>
        <button type="submit" class="btn btn-primary" disabled={busy || !name.trim() || list.length >= LIMITS.categories}>Add</button>
      </form>
      {errors.form && <p class="form-error" role="alert">{errors.form}</p>}
    </Dialog>
  );
}

function CategoryRow({ c, first, last, onMove, onDelete, onRenamed }: {
  c: ArticleCategory; first: boolean; last: boolean; onMove: (by: -1 | 1) => void; onDelete: () => void; onRenamed: () => void;
}) {
  const [name, setName] = useState(c.name);
  const [error, setError] = useState('');
  useEffect(() => { setName(c.name); }, [c.name]);
  const changed = name.trim() !== c.name;
  const rename = async (e: Event) => {
    e.preventDefault();
    if (!changed || !name.trim()) return;
    setError('');
    try {
      await api('PATCH', `/api/v1/article-categories/${c.id}`, { name: name.trim() });
      onRenamed();
      toast(`Renamed to “${name.trim()}”`, 'success', 2000);
    } catch (err) {
      setError(fieldErrorsOf(err, ['name']).name ?? errorMessage(err));
    }
  };
  return (
    <li class="category-row">
      <form class="category-name" onSubmit={(e) => void rename(e)}>
        <label class="sr-only" for={`category-${c.id}-name`}>Name of {c.name}</label>
        <input id={`category-${c.id}-name`} value={name} maxLength={LIMITS.categoryName} onInput={(e) => setName(e.currentTarget.value)}
          onKeyDown={(e) => { if (e.key === 'Escape' && changed) { e.stopPropagation(); setName(c.name); } }}
          aria-invalid={error ? true : undefined} aria-describedby={error ? `category-${c.id}-err` : undefined} />
        {changed && <button type="submit" class="btn btn-sm btn-primary" disabled={!name.trim()}>Rename</button>}
        <span class="muted small category-count">{c.article_count} article{c.article_count === 1 ? '' : 's'}</span>
      </form>
      <div class="row-actions">
        <button type="button" id={`category-${c.id}-up`} class="btn btn-sm" aria-label={`Move ${c.name} up`} disabled={first} onClick={() => onMove(-1)}>↑</button>
        <button type="button" id={`category-${c.id}-down`} class="btn btn-sm" aria-label={`Move ${c.name} down`} disabled={last} onClick={() => onMove(1)}>↓</button>
        <button type="button" class="btn btn-sm danger" aria-label={`Delete ${c.name}`} onClick={onDelete}>Delete</button>
      </div>
      {error && <span class="field-error" id={`category-${c.id}-err`}>{error}</span>}
    </li>
  );
}
