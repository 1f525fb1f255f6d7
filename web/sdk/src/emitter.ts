// The clients' events: `on(type, fn)` returns the function that unsubscribes. Plain functions over a listener
// table rather than a base class: the widget bundles the visitor client, and a derived class compiles to
// defineProperty calls for every field (node widget/size-check.mjs).
type Fn = (...a: any[]) => void;
export type Listeners = Record<string, Set<Fn> | undefined>;

export function listen(fns: Listeners, type: string, fn: Fn): () => void {
  const s = (fns[type] ??= new Set());
  s.add(fn);
  return () => s.delete(fn);
}

export function fire(fns: Listeners, type: string, a: unknown[]): void {
  fns[type]?.forEach((f) => f(...a));
}
