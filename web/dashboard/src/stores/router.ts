// Hash routing under /app: #/inbox?view=mine&status=open&sort=newest&c=12, #/visitors,
// #/search?q=..., #/settings/agents.
import { createStore } from '../lib/store';

export interface Route {
  path: string[];
  query: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const h = hash.replace(/^#\/?/, '');
  const [p, q = ''] = h.split('?');
  const path = p.split('/').filter(Boolean).map(decodeURIComponent);
  return { path: path.length ? path : ['inbox'], query: new URLSearchParams(q) };
}

export function buildHash(path: string[], query?: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  const qs = q.toString();
  return '#/' + path.map(encodeURIComponent).join('/') + (qs ? '?' + qs : '');
}

// A link to /app/reports (no hash; the server answers /app/* with the dashboard) opens #/reports.
function initialHash(): string {
  if (typeof location === 'undefined') return '';
  if (location.hash) return location.hash;
  const page = /^\/app\/([a-z-]+)\/?$/.exec(location.pathname);
  return page ? `#/${page[1]}` : '';
}

export const route = createStore<Route>(parseHash(initialHash()));

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => route.set(parseHash(location.hash)));
}

export function navigate(hash: string, replace = false): void {
  if (location.hash === hash) return;
  if (replace) {
    history.replaceState(null, '', hash);
    route.set(parseHash(hash));
  } else {
    location.hash = hash;
  }
}

/** Changes some query keys of the current route. */
export function setQuery(changes: Record<string, string | number | null | undefined>, replace = false): void {
  const r = route.get();
  const q: Record<string, string> = {};
  r.query.forEach((v, k) => { q[k] = v; });
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === '') delete q[k];
    else q[k] = String(v);
  }
  navigate(buildHash(r.path, q), replace);
}
