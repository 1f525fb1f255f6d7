// Structured content under a bot's or agent's message (issue 14, item 4), a lazy chunk (components/ContentSlot.tsx
// imports it when the first such message shows): quick-reply buttons, pressed as the visitor's message and disabled
// once the visitor has answered; article cards linking to the help center (a new tab); "AI" on an AI answer.
// Its styles come with it (structured.css).
import { useEffect } from 'preact/hooks';
import { safeUrl } from '../../../shared/linkify';
import type { Message } from '../../../shared/types';
import css from './structured.css?inline';

let styled = false;

export function Structured({ m, done, onPress }: {
  m: Message; done: boolean; onPress: (m: Message, id: string, label: string) => void;
}) {
  if (!styled) {
    styled = true;
    const el = document.createElement('style');
    el.textContent = css;
    document.head.append(el);
  }
  // The list scrolled to its end before this chunk drew the buttons or cards: keep the end in view.
  useEffect(() => { document.querySelector('.list')?.lastElementChild?.scrollIntoView({ block: 'end' }); }, []);
  const c = m.content;
  if (!c) return null;
  return (
    <div class="sc">
      {c.ai && <span class="sc-ai" title="AI">AI</span>}
      {c.type === 'quick_replies' && (
        <div class="sc-qr" role="group" aria-label={m.body}>
          {(c.options || []).map((o) => (
            <button key={o.id} type="button" class="sc-b" disabled={done} dir="auto"
              onClick={() => onPress(m, o.id, o.label)}>{o.label}</button>
          ))}
        </div>
      )}
      {c.type === 'articles' && (
        <ul class="sc-arts" aria-label={m.body}>
          {(c.articles || []).map((a) => (
            <li key={a.id}>
              <a class="sc-card" href={safeUrl(a.url) ?? undefined} target="_blank" rel="noopener noreferrer">
                <span class="sc-ti" dir="auto">{a.title}</span>
                {a.excerpt && <span class="sc-ex" dir="auto">{a.excerpt}</span>}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
