// Entry of the proactive chunk (import()ed by chat.ts when the session has rules): runs them and asks the server for
// a rule's message (docs/protocol.md, "Proactive messages").
import type { HostPage } from '../../../shared/bridge';
import type { ApiError } from '../../../shared/protocol';
import type { Message, VisitorConversation, WidgetProactiveRule } from '../../../shared/types';
import type { Chat } from '../chat';
import { ProactiveRunner, type ShowOutcome } from './runner';

export function startProactive(chat: Chat, rules: WidgetProactiveRule[], page: HostPage, visits: number): ProactiveRunner {
  const runner = new ProactiveRunner(rules, visits, async (id): Promise<ShowOutcome> => {
    try {
      const r = await chat.call<{ message: Message; conversation: VisitorConversation }>(
        'POST', `/api/v1/widget/proactive-rules/${id}/show`, {});
      // The socket brings it too; merging is idempotent, and this way it shows even while the socket reconnects.
      chat.onMessage(r.message, r.conversation);
      return 'sent';
    } catch (e) {
      const code = (e as ApiError).code;
      // capped: no proactive message for a while, whatever the rule; already_shown: never this one again;
      // not_matching (no agent online, outside business hours) or a failure: maybe on the next page.
      return code === 'capped' ? 'stop' : code === 'already_shown' ? 'sent' : 'skip';
    }
  });
  runner.setPage(page);
  return runner;
}
