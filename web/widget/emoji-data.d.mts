import type { Plugin } from 'vite';

export type Entry = [group: number, emoji: string, label: string, tags: string];
export const EMOJI_LOCALES: string[];
export function slimEmoji(
  compact: { group?: number; unicode: string; label: string; tags?: string[] }[],
  messages: { groups: { key: string; message: string; order: number }[] },
): { groups: string[]; list: Entry[] };
export function emojiDataPlugin(): Plugin;
