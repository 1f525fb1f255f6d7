import { useEffect, useState } from 'preact/hooks';
import type { Chat, State } from '../chat';

/** The controller's current state; re-renders on every change. */
export function useChat(chat: Chat): State {
  const [state, setState] = useState(chat.state);
  useEffect(() => chat.subscribe(() => setState(chat.state)), [chat]);
  return state;
}
