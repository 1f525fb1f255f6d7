// The widget's message list: server messages and the outbox's pending ones (web/sdk/src/outbox.ts) in one list.
import type { Message } from '../../../shared/types';
import type { Pending } from '../../../sdk/src/outbox';

export { Outbox, type Pending, type PendingState } from '../../../sdk/src/outbox';

export type Item = { m: Message; p?: undefined } | { p: Pending; m?: undefined };

/**
 * Server messages (sorted by conversation and seq) and pending ones in one list, in time: each pending message
 * right after the message it was written after (its `at`), in writing order; one without `at` (saved by an older
 * widget) at the end. A failed message stays where it was written, above the messages delivered after it.
 */
export function timeline(messages: Message[], pending: Pending[]): Item[] {
  const out: Item[] = [];
  let i = 0;
  const upTo = (at?: [number, number]) => {
    while (i < messages.length) {
      const m = messages[i];
      if (at && (m.conversation_id > at[0] || (m.conversation_id === at[0] && m.seq > at[1]))) break;
      out.push({ m });
      i++;
    }
  };
  for (const p of pending) {
    upTo(p.at);
    out.push({ p });
  }
  upTo();
  return out;
}
