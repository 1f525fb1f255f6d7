// Where the help search goes (issue 14, item 3): its code is a lazy chunk (app/help/), imported the first time the
// chat is open, so a page view that never opens the chat does not pay for it. Whether the workspace has published
// articles the chunk finds out itself (no flag in the session: each byte here is paid on every page view).
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Chat } from '../chat';

export function HelpSlot({ chat, show }: { chat: Chat; show: boolean }) {
  const [Help, setHelp] = useState<FunctionComponent<{ chat: Chat }> | null>(null);
  useEffect(() => { if (show && !Help) import('../help/Help').then((m) => setHelp(() => m.Help), () => {}); }, [show]);
  return Help ? <Help chat={chat} /> : null;
}
