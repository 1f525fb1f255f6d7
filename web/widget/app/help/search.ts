// The widget's help search as the visitor types (issue 14, item 3): a pause in typing before asking the server,
// the latest words win (an answer to older words that arrives late is dropped), answers kept for the last few
// searches (deleting a letter shows the earlier results at once), and one text rule for what is sent.
// Pure except for the timer, which tests replace: help/search.test.ts.
import type { WidgetArticleHit } from '../../../shared/types';

export const SEARCH_DEBOUNCE_MS = 250;
export const MAX_QUERY = 200;
const CACHE = 20;

export type SearchPhase = 'idle' | 'loading' | 'ready' | 'failed';
export interface SearchState {
  /** The words the results are for (normalised). */
  q: string;
  phase: SearchPhase;
  hits: WidgetArticleHit[];
}

/** The words as sent: spaces collapsed, trimmed, at most MAX_QUERY characters. */
export function normaliseQuery(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY).trim();
}

/** GET /api/v1/widget/articles for some words (none: the most viewed). */
export function searchPath(q: string, limit = 5): string {
  return `/api/v1/widget/articles?${new URLSearchParams({ q, limit: String(limit) })}`;
}

interface Timers {
  set: (fn: () => void, ms: number) => unknown;
  clear: (id: unknown) => void;
}
const realTimers: Timers = { set: (fn, ms) => setTimeout(fn, ms), clear: (id) => clearTimeout(id as ReturnType<typeof setTimeout>) };

export class HelpSearch {
  state: SearchState = { q: '', phase: 'idle', hits: [] };
  private seq = 0;
  private timer: unknown = null;
  private cache = new Map<string, WidgetArticleHit[]>();

  constructor(
    private readonly fetchHits: (q: string) => Promise<WidgetArticleHit[]>,
    private readonly onChange: (s: SearchState) => void,
    private readonly delay = SEARCH_DEBOUNCE_MS,
    private readonly timers: Timers = realTimers,
  ) {}

  /** The visitor typed `text`. */
  input(text: string): void {
    const q = normaliseQuery(text);
    if (q === this.state.q && this.state.phase !== 'failed') return;
    this.cancel();
    const mine = ++this.seq;
    if (!q) return this.set({ q, phase: 'idle', hits: [] });
    const known = this.cache.get(q);
    if (known) return this.set({ q, phase: 'ready', hits: known });
    // The results shown stay until the new ones come (no flicker), marked as loading.
    this.set({ q, phase: 'loading', hits: this.state.hits });
    this.timer = this.timers.set(() => {
      this.timer = null;
      this.fetchHits(q).then((hits) => {
        this.remember(q, hits);
        if (mine === this.seq) this.set({ q, phase: 'ready', hits });
      }, () => {
        if (mine === this.seq) this.set({ q, phase: 'failed', hits: [] });
      });
    }, this.delay);
  }

  /** Asks again for the words shown (after a failure). */
  retry(): void {
    const q = this.state.q;
    this.state = { ...this.state, phase: 'failed' };
    this.input(q);
  }

  /** Stops a pending search (the view is leaving). */
  cancel(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }

  private remember(q: string, hits: WidgetArticleHit[]): void {
    this.cache.delete(q);
    this.cache.set(q, hits);
    if (this.cache.size > CACHE) this.cache.delete(this.cache.keys().next().value as string);
  }

  private set(s: SearchState): void {
    this.state = s;
    this.onChange(s);
  }
}
