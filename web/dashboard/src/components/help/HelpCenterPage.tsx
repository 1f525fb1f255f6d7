// #/help: the knowledge base (issue 14, item 1). #/help lists the articles (search, status and category filters),
// #/help/articles/new and #/help/articles/{id} edit one. Every agent reads; admins write (the server answers 403
// to anyone else, so the screens offer no edit to agents).
import { useRef } from 'preact/hooks';
import { useStore } from '../../lib/store';
import { route } from '../../stores/router';
import { session } from '../../stores/session';
import { ArticleEditor } from './ArticleEditor';
import { ArticleList } from './ArticleList';
import { useCategories } from './useCategories';
import './help.css';

export function HelpCenterPage() {
  const r = useStore(route);
  const admin = useStore(session, (s) => s.phase === 'ready' && s.agent.role === 'admin');
  const publicId = useStore(session, (s) => (s.phase === 'ready' ? s.workspace.public_id : ''));
  const categories = useCategories();
  // The article just created keeps its editor (and the keyboard focus in it) when the address gains its id.
  const created = useRef(0);
  const which = r.path[1] === 'articles' ? r.path[2] : undefined;
  if (which === 'new' || Number(which) > 0) {
    const id = which === 'new' ? null : Number(which);
    const key = which === 'new' || id === created.current ? 'new' : which;
    return <ArticleEditor key={key} id={id} admin={admin} categories={categories} onCreated={(n) => { created.current = n; }} />;
  }
  return <ArticleList query={r.query} admin={admin} publicId={publicId} categories={categories} />;
}
