// Keyboard shortcuts: the open conversation registers its actions here; one global key handler runs them.
export interface Shortcut {
  keys: string;
  description: string;
  group: 'Navigation' | 'Conversation' | 'Composer';
}

export const SHORTCUTS: Shortcut[] = [
  { keys: 'j / k', description: 'Next / previous conversation', group: 'Navigation' },
  { keys: 'g i', description: 'Go to the inbox', group: 'Navigation' },
  { keys: 'g v', description: 'Go to live visitors', group: 'Navigation' },
  { keys: '/', description: 'Search', group: 'Navigation' },
  { keys: '?', description: 'Show these shortcuts', group: 'Navigation' },
  { keys: 'r', description: 'Reply', group: 'Conversation' },
  { keys: 'n', description: 'Write a private note', group: 'Conversation' },
  { keys: 'a', description: 'Assign to me', group: 'Conversation' },
  { keys: 'e', description: 'Resolve', group: 'Conversation' },
  { keys: 'o', description: 'Reopen', group: 'Conversation' },
  { keys: 'z', description: 'Snooze…', group: 'Conversation' },
  { keys: 'p', description: 'Change priority', group: 'Conversation' },
  { keys: 't', description: 'Add a tag', group: 'Conversation' },
  { keys: 'i', description: 'Show or hide the visitor panel', group: 'Conversation' },
  { keys: 'Enter', description: 'Send (Shift+Enter: new line)', group: 'Composer' },
  { keys: 'Ctrl/⌘ Enter', description: 'Send', group: 'Composer' },
  { keys: '/', description: 'Canned replies (at the start of a word)', group: 'Composer' },
  { keys: 'Esc', description: 'Leave the composer', group: 'Composer' },
];

type Handler = () => void;
const layers: Array<Record<string, Handler>> = [];

/** Registers key handlers (e.g. while a conversation is open); returns the unregister function. */
export function registerKeys(map: Record<string, Handler>): () => void {
  layers.push(map);
  return () => {
    const i = layers.indexOf(map);
    if (i >= 0) layers.splice(i, 1);
  };
}

export function runKey(key: string): boolean {
  for (let i = layers.length - 1; i >= 0; i--) {
    const h = layers[i][key];
    if (h) {
      h();
      return true;
    }
  }
  return false;
}

export function isTypingTarget(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
}
