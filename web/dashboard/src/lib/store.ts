// A tiny observable value and a hook to read it; each concern (session, conversations, realtime, ...)
// owns one module with its own store, so there is no global state bag.
import { useEffect, useState } from 'preact/hooks';

export interface Store<T> {
  get(): T;
  set(next: T | ((prev: T) => T)): void;
  subscribe(fn: (v: T) => void): () => void;
}

export function createStore<T>(initial: T): Store<T> {
  let value = initial;
  const subs = new Set<(v: T) => void>();
  return {
    get: () => value,
    set(next) {
      const v = typeof next === 'function' ? (next as (p: T) => T)(value) : next;
      if (Object.is(v, value)) return;
      value = v;
      for (const fn of [...subs]) fn(v);
    },
    subscribe(fn) {
      subs.add(fn);
      return () => subs.delete(fn);
    },
  };
}

/** Reads a store (or a slice of it) and re-renders when it changes. */
export function useStore<T, S = T>(store: Store<T>, select?: (v: T) => S): S {
  const [, bump] = useState(0);
  useEffect(() => store.subscribe(() => bump((n) => n + 1)), [store]);
  const v = store.get();
  return select ? select(v) : (v as unknown as S);
}
