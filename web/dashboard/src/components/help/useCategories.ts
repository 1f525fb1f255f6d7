// The workspace's article categories, in their order, shared by the list's filter, the editor's picker and the
// categories dialog (which reloads them after a change).
import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../../api';
import { sortCategories } from '../../lib/helpCenter';
import type { ArticleCategory } from '../../../../shared/types';

export interface Categories {
  phase: 'loading' | 'ready' | 'failed';
  items: ArticleCategory[];
  error: string;
  reload: () => Promise<void>;
}

export function useCategories(): Categories {
  const [state, setState] = useState<Omit<Categories, 'reload'>>({ phase: 'loading', items: [], error: '' });
  const reload = async () => {
    try {
      const r = await api<{ items: ArticleCategory[] }>('GET', '/api/v1/article-categories');
      setState({ phase: 'ready', items: sortCategories(r.items), error: '' });
    } catch (err) {
      setState((s) => ({ ...s, phase: s.items.length ? 'ready' : 'failed', error: errorMessage(err) }));
    }
  };
  useEffect(() => { void reload(); }, []);
  return { ...state, reload };
}
