// Toasts: short messages in a polite live region; failures carry the server's message.
import { createStore } from '../lib/store';
import { errorMessage } from '../api';

export interface Toast {
  id: number;
  kind: 'error' | 'info' | 'success';
  text: string;
}

export const toasts = createStore<Toast[]>([]);
let next = 1;

export function toast(text: string, kind: Toast['kind'] = 'info', ms = 5000): void {
  const id = next++;
  toasts.set((l) => [...l.filter((t) => t.text !== text), { id, kind, text }].slice(-4));
  if (ms > 0) setTimeout(() => dismiss(id), ms);
}

export function toastError(err: unknown, prefix?: string): void {
  const msg = errorMessage(err);
  toast(prefix ? `${prefix}: ${msg}` : msg, 'error', 8000);
}

export function dismiss(id: number): void {
  toasts.set((l) => l.filter((t) => t.id !== id));
}
