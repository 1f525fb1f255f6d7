// One help article inside the widget: it covers the panel (a bar with Back and Close, the article, "Was this
// helpful?", "Still need help? Chat with us"). The body is the server's HTML (cmark-gfm, raw HTML and unsafe links
// dropped), so it is inserted as it is; its links open in a new tab. Escape goes back to the search. The article's
// direction follows its own text (dir="auto"): an English article in an Arabic widget still reads left to right.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { WidgetArticle, WidgetArticleHit } from '../../../shared/types';
import type { Chat } from '../chat';
import { Svg } from './Svg';
import type { HelpT } from './i18n';

const CLOSE = 'M18.3 5.7 12 12l6.3 6.3-1.4 1.4-6.3-6.3-6.3 6.3-1.4-1.4L9.2 12 2.9 5.7l1.4-1.4 6.3 6.3 6.3-6.3z';
const BACK = 'M20 11H7.8l5.6-5.6L12 4l-8 8 8 8 1.4-1.4L7.8 13H20z';
/** Votes given on this page (the server keeps one per visitor per article; this only hides the question). */
const voted = new Set<number>();

export function ArticleView({ chat, hit, t, onBack, onChat }: {
  chat: Chat; hit: WidgetArticleHit; t: HelpT; onBack: () => void; onChat: () => void;
}) {
  const [a, setA] = useState<WidgetArticle | null>(null);
  const [failed, setFailed] = useState(false);
  const [vote, setVote] = useState(voted.has(hit.id));
  const title = useRef<HTMLHeadingElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const thanks = useRef<HTMLParagraphElement>(null);

  const load = () => {
    setFailed(false);
    chat.call<WidgetArticle>('GET', `/api/v1/widget/articles/${hit.id}`).then(setA, () => setFailed(true));
  };
  useEffect(() => { load(); title.current?.focus(); }, [hit.id]);
  useEffect(() => {
    for (const l of body.current?.querySelectorAll('a[href]') ?? []) {
      l.setAttribute('target', '_blank');
      l.setAttribute('rel', 'noopener noreferrer');
    }
  }, [a]);

  const feedback = (helpful: boolean) => {
    voted.add(hit.id);
    setVote(true);
    // The buttons pressed are gone: the focus goes to the thanks that replaced them.
    setTimeout(() => thanks.current?.focus(), 0);
    chat.call('POST', `/api/v1/widget/articles/${hit.id}/feedback`, { helpful }).catch(() => {});
  };

  return (
    <div class="hp-art" role="region" aria-labelledby="hp-art-title"
      onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); onBack(); } }}>
      <div class="hp-bar">
        <button type="button" class="hp-back" onClick={onBack}><Svg d={BACK} /> {t('back')}</button>
        <button type="button" class="hp-x" aria-label={chat.t('close')} title={chat.t('close')} onClick={() => chat.requestClose()}>
          <Svg d={CLOSE} />
        </button>
      </div>
      <div class="hp-scroll">
        <article>
          <h2 class="hp-title" id="hp-art-title" tabIndex={-1} ref={title} dir="auto">{a?.title ?? hit.title}</h2>
          {a ? <div class="hp-body" ref={body} dir="auto" dangerouslySetInnerHTML={{ __html: a.body_html }} />
            : failed ? <p class="hp-note" role="alert">{t('failed')} <button type="button" class="hp-link" onClick={load}>{t('retry')}</button></p>
            : <p class="hp-note" role="status">{t('loading')}</p>}
        </article>
        {a && (
          <div class="hp-fb">
            {vote ? <p role="status" tabIndex={-1} ref={thanks}>{t('thanks')}</p> : (
              <div role="group" aria-labelledby="hp-fb-q">
                <span id="hp-fb-q">{t('helpful')}</span>
                <button type="button" class="hp-vote" onClick={() => feedback(true)}>{t('yes')}</button>
                <button type="button" class="hp-vote" onClick={() => feedback(false)}>{t('no')}</button>
              </div>
            )}
          </div>
        )}
        <div class="hp-end">
          <p>{t('still')}</p>
          <button type="button" class="hp-chat" onClick={onChat}>{t('chat')}</button>
        </div>
      </div>
    </div>
  );
}
