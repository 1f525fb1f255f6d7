import { useEffect, useRef, useState } from 'preact/hooks';
import type { T } from '../i18n';

/** Five stars and an optional comment, after the conversation was resolved. */
export function Csat({ t, done, onSubmit }: { t: T; done: boolean; onSubmit: (score: number, comment: string) => Promise<boolean> }) {
  const [score, setScore] = useState(0);
  const [hover, setHover] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const card = useRef<HTMLFormElement>(null);
  useEffect(() => { card.current?.scrollIntoView({ block: 'end' }); }, [score]);
  if (done) return <div class="card csat" role="status" data-form="csat"><p>{t('csatThanks')}</p></div>;
  const lit = hover || score;
  return (
    <form ref={card} class="card csat" data-form="csat" onSubmit={async (e) => {
      e.preventDefault();
      if (!score) return;
      setBusy(true);
      await onSubmit(score, comment.trim());
      setBusy(false);
    }}>
      <p class="muted">{t('resolved')}</p>
      <h2 id="csat-q">{t('csatQuestion')}</h2>
      <div class="stars" role="radiogroup" aria-labelledby="csat-q" onMouseLeave={() => setHover(0)}>
        {[1, 2, 3, 4, 5].map((n) => (
          <button key={n} type="button" role="radio" aria-checked={score === n} aria-label={t('csatScore', { n })}
            class={n <= lit ? 'on' : ''} onMouseEnter={() => setHover(n)} onClick={() => setScore(n)}>{n <= lit ? '★' : '☆'}</button>
        ))}
      </div>
      {score > 0 && (
        <>
          <label class="sr" for="csat-c">{t('csatComment')}</label>
          <textarea id="csat-c" rows={2} placeholder={t('csatComment')} value={comment}
            onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)} />
          <button type="submit" class="btn" disabled={busy}>{t('csatSubmit')}</button>
        </>
      )}
    </form>
  );
}
