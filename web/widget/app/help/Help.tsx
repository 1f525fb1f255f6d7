// Help inside the widget (issue 14, item 3), the entry of a lazy chunk (components/HelpSlot.tsx imports it the first
// time the chat opens): "Search for help" under the header, results as the visitor types, the most viewed articles
// on an empty chat, and an article opened inside the panel (ArticleView). Nothing shows when the workspace has no
// published article (the most viewed list is empty). Its styles and strings come with it (help.css, i18n/).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { WidgetArticleHit } from '../../../shared/types';
import type { Chat } from '../chat';
import { Svg } from './Svg';
import { ArticleView } from './ArticleView';
import { helpTranslator, type HelpT } from './i18n';
import { HelpSearch, searchPath, type SearchState } from './search';
import css from './help.css?inline';

const POPULAR = 3;
const SEARCH = 'M15.5 14h-.8l-.3-.3A6.5 6.5 0 1 0 14 15.5l.3.3v.8l5 5 1.5-1.5-5-5zm-6 0a4.5 4.5 0 1 1 0-9 4.5 4.5 0 0 1 0 9z';
let styled = false;

/** Moves the focus to where the visitor writes: the composer, else the first field of a form in the chat. */
export function focusChat(): void {
  document.querySelector<HTMLElement>('.comp textarea, .list input, .list textarea')?.focus();
}

export function Help({ chat }: { chat: Chat }) {
  // The chat's state without importing the main chunk's hook (each name the chunk imports, the main chunk exports).
  const [s, setS] = useState(chat.state);
  useEffect(() => chat.subscribe(() => setS(chat.state)), [chat]);
  const [t, setT] = useState<HelpT | null>(null);
  const [popular, setPopular] = useState<WidgetArticleHit[] | null>(null);
  const [text, setText] = useState('');
  const [found, setFound] = useState<SearchState>({ q: '', phase: 'idle', hits: [] });
  const [open, setOpen] = useState<WidgetArticleHit | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const [search] = useState(() => new HelpSearch(
    (q) => chat.call<{ items: WidgetArticleHit[] }>('GET', searchPath(q)).then((r) => r.items || []), setFound));

  useEffect(() => {
    if (!styled) {
      styled = true;
      const el = document.createElement('style');
      el.textContent = css;
      document.head.append(el);
    }
    chat.call<{ items: WidgetArticleHit[] }>('GET', searchPath('', POPULAR)).then((r) => setPopular(r.items || []), () => setPopular([]));
    return () => search.cancel();
  }, []);
  useEffect(() => { void helpTranslator(s.locale).then((tr) => setT(() => tr)); }, [s.locale]);
  // While an article is open it covers the panel; what is under it leaves the tab order and the reading order.
  useEffect(() => {
    document.documentElement.classList.toggle('hp-on', !!open);
    if (!open) opener.current?.focus();
  }, [open]);

  if (!t || !popular?.length) return null;
  const empty = !s.messages.length && !s.pending.length;
  const status = found.phase === 'loading' ? t('searching') : found.phase === 'ready' ? t('results', { n: found.hits.length }) : '';
  const show = (hit: WidgetArticleHit) => (e: MouseEvent) => {
    // A plain click opens it here; a middle click or Ctrl+click opens the help center's page (its href).
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    opener.current = e.currentTarget as HTMLElement;
    setOpen(hit);
  };
  const list = (hits: WidgetArticleHit[], label: string) => (
    <ul class="hp-list" aria-label={label}>
      {hits.map((h) => (
        <li key={h.id}>
          <a class="hp-hit" href={h.url} target="_blank" rel="noopener noreferrer" onClick={show(h)}>
            <span class="hp-ti" dir="auto">{h.title}</span>
            {h.excerpt && <span class="hp-ex" dir="auto">{h.excerpt}</span>}
          </a>
        </li>
      ))}
    </ul>
  );
  const chatNow = () => { setText(''); search.input(''); setOpen(null); opener.current = null; setTimeout(focusChat, 0); };

  return (
    <>
      <section class={'hp' + (found.q ? ' hp-found' : '')} aria-label={t('help')}>
        <div class="hp-box" role="search">
          <Svg d={SEARCH} />
          <label class="sr" for="hp-q">{t('search')}</label>
          <input id="hp-q" type="search" placeholder={t('search')} value={text} autoComplete="off" enterKeyHint="search" maxLength={200}
            aria-describedby="hp-status"
            onInput={(e) => { setText(e.currentTarget.value); search.input(e.currentTarget.value); }}
            onKeyDown={(e) => {
              // Escape empties the search first; only an empty box lets it close the chat.
              if (e.key === 'Escape' && text) { e.preventDefault(); setText(''); search.input(''); }
            }} />
        </div>
        <p class="sr" id="hp-status" aria-live="polite">{status}</p>
        {found.q ? (
          <div class="hp-res" aria-busy={found.phase === 'loading' ? 'true' : undefined}>
            {found.phase === 'failed' ? (
              <p class="hp-note" role="alert">{t('failed')} <button type="button" class="hp-link" onClick={() => search.retry()}>{t('retry')}</button></p>
            ) : found.phase === 'ready' && !found.hits.length ? (
              <p class="hp-note">{t('none', { q: found.q })}</p>
            ) : list(found.hits, t('search'))}
            <p class="hp-more">{t('still')} <button type="button" class="hp-link" onClick={chatNow}>{t('chat')}</button></p>
          </div>
        ) : empty ? (
          <div class="hp-res">
            <h2 class="hp-h" id="hp-pop">{t('popular')}</h2>
            {list(popular, t('popular'))}
          </div>
        ) : null}
      </section>
      {open && <ArticleView chat={chat} hit={open} t={t} onBack={() => setOpen(null)} onChat={chatNow} />}
    </>
  );
}
