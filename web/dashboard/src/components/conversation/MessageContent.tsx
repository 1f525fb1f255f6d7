// A message's structured content in the agent's thread (issue 14): the quick replies the visitor was offered
// (read-only: the agent sees what the visitor could press) and the article cards (links to the help center),
// and "AI" on an AI answer. The visitor's press shows as their message with a "Quick reply" mark.
import { safeUrl } from '../../../../shared/linkify';
import type { MessageContent as Content } from '../../../../shared/types';

export function MessageContent({ content }: { content: Content }) {
  return (
    <div class="msg-content">
      {content.ai && <span class="chip">AI</span>}
      {content.type === 'quick_replies' && (
        <ul class="msg-quick" aria-label="Quick replies offered">
          {(content.options ?? []).map((o) => <li key={o.id} class="chip">{o.label}</li>)}
        </ul>
      )}
      {content.type === 'articles' && (
        <ul class="msg-cards" aria-label="Articles offered">
          {(content.articles ?? []).map((a) => (
            <li key={a.id}>
              <a href={safeUrl(a.url) ?? undefined} target="_blank" rel="noopener noreferrer">
                <strong dir="auto">{a.title}</strong>
                {a.excerpt && <span class="muted small" dir="auto">{a.excerpt}</span>}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
