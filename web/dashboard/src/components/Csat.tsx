// The visitor's rating (CSAT, 1..5 stars and an optional comment, given in the widget after resolve) as
// agents see it: a badge on list rows and in histories, and a card at the end of the conversation.
import type { Conversation } from '../../../shared/types';

const LABELS = ['', 'Very bad', 'Bad', 'OK', 'Good', 'Excellent'];

export function csatLabel(score: number): string {
  return LABELS[score] ?? '';
}

function tone(score: number): string {
  return score >= 4 ? 'good' : score === 3 ? 'ok' : 'bad';
}

export function Stars({ score }: { score: number }) {
  return <span class="stars" aria-hidden="true">{'★'.repeat(score)}<span class="stars-off">{'★'.repeat(Math.max(0, 5 - score))}</span></span>;
}

/** "★ 4" chip; says "Rated 4 of 5" to screen readers. Nothing when the conversation is not rated. */
export function CsatBadge({ conv }: { conv: Pick<Conversation, 'csat_score' | 'csat_comment'> }) {
  const s = conv.csat_score;
  if (!s) return null;
  const text = `Rated ${s} of 5${conv.csat_comment ? `: “${conv.csat_comment}”` : ''}`;
  return (
    <span class={`chip csat csat-${tone(s)}`} title={text} data-testid="csat-badge">
      <span aria-hidden="true">★</span> {s}<span class="sr-only"> of 5 stars, {csatLabel(s)}</span>
    </span>
  );
}

/** The rating as the last thing in the conversation's timeline. */
export function CsatCard({ conv }: { conv: Conversation }) {
  const s = conv.csat_score;
  if (!s) return null;
  return (
    <section class={`csat-card csat-${tone(s)}`} aria-label="Visitor rating" data-testid="csat-card">
      <p class="csat-title">The visitor rated this conversation</p>
      <p class="csat-score"><Stars score={s} /> <strong>{csatLabel(s)}</strong> <span class="muted">({s} of 5)</span></p>
      {conv.csat_comment ? <blockquote class="csat-comment">“{conv.csat_comment}”</blockquote> : <p class="muted small">No comment.</p>}
    </section>
  );
}
