// A contact's conversations, newest first, with status and the visitor's rating: in the visitor panel and
// on the contact page.
import { shortAgo } from '../../lib/format';
import { buildHash } from '../../stores/router';
import type { Conversation } from '../../../../shared/types';
import { CsatBadge } from '../Csat';

export function PastConversations({ list, currentId, now }: { list: Conversation[]; currentId?: number; now: number }) {
  if (list.length === 0) return <p class="muted small">No conversations yet.</p>;
  const sorted = [...list].sort((a, b) => b.updated_at - a.updated_at);
  return (
    <ul class="past">
      {sorted.map((p) => (
        <li key={p.id} class={p.id === currentId ? 'current' : ''} data-conversation-id={p.id}>
          <a href={buildHash(['inbox'], { view: 'all', status: p.status, c: p.id })} aria-current={p.id === currentId ? 'true' : undefined}>
            <span class={`status-badge status-${p.status}`}>{p.status}</span>
            <span class="past-body">{p.last_message?.body || (p.last_message ? 'Attachment' : 'No messages')}</span>
            <CsatBadge conv={p} />
            <span class="muted small nowrap">{shortAgo(p.updated_at, now)}</span>
          </a>
          {p.csat_comment && <p class="past-comment">“{p.csat_comment}”</p>}
        </li>
      ))}
    </ul>
  );
}
