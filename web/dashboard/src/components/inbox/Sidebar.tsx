import { useMemo } from 'preact/hooks';
import { viewCounts, viewKey, type ListFilter, type View } from '../../lib/listMerge';
import { useStore } from '../../lib/store';
import { conversations } from '../../stores/conversations';
import { directory } from '../../stores/directory';
import { buildHash, route } from '../../stores/router';
import { session } from '../../stores/session';
import { Icon } from '../ui';

export function Sidebar({ filter, phone = false }: { filter: ListFilter; phone?: boolean }) {
  const s = useStore(session);
  const meId = s.phase === 'ready' ? s.agent.id : 0;
  const dir = useStore(directory);
  const conv = useStore(conversations);
  const r = useStore(route);

  // Tags known to the server plus any seen on a loaded conversation.
  const tagNames = useMemo(() => {
    const set = new Set(dir.tags.map((t) => t.name));
    for (const c of conv.map.values()) for (const t of c.tags) set.add(t);
    return [...set].sort((a, b) => a.localeCompare(b));
  }, [dir.tags, conv.map]);
  const views: View[] = useMemo(() => [
    { kind: 'mine' }, { kind: 'unassigned' }, { kind: 'all' },
    ...dir.teams.map((t) => ({ kind: 'team', id: t.id }) as View),
    ...tagNames.map((tag) => ({ kind: 'tag', tag }) as View),
  ], [dir.teams, tagNames]);
  const counts = useMemo(() => viewCounts(conv.map, views, meId), [conv.map, views, meId]);
  const current = viewKey(filter.view);

  const link = (v: View, label: string, icon: string) => {
    const k = viewKey(v);
    const n = counts[k];
    const q: Record<string, string> = { view: k };
    const st = r.query.get('status');
    const so = r.query.get('sort');
    if (st) q.status = st;
    if (so) q.sort = so;
    return (
      <li key={k}>
        {/* On a phone the views are a screen of their own: picking one goes on to its list. */}
        <a href={buildHash(['inbox'], q)} class={`view-link ${current === k ? 'active' : ''}`} aria-current={current === k ? 'page' : undefined}
          data-view={k}>
          <Icon name={icon} size={16} />
          <span class="view-label">{label}</span>
          {conv.countsReady && n && n.open > 0 && (
            <span class={`count ${n.unread ? 'has-unread' : ''}`} aria-label={`${n.open} open${n.unread ? `, ${n.unread} unread` : ''}`}>
              {n.open}
            </span>
          )}
        </a>
      </li>
    );
  };

  return (
    <nav class="sidebar" aria-label="Views">
      <h2 class="sidebar-title">{phone ? 'Views' : 'Inbox'}</h2>
      <ul class="view-list">
        {link({ kind: 'mine' }, 'Mine', 'user')}
        {link({ kind: 'unassigned' }, 'Unassigned', 'inbox')}
        {link({ kind: 'all' }, 'All', 'chat')}
        {link({ kind: 'bot' }, 'Bot', 'chat')}
      </ul>
      <h3 class="sidebar-section">Teams</h3>
      {dir.teams.length ? (
        <ul class="view-list">{dir.teams.map((t) => link({ kind: 'team', id: t.id }, t.name, 'team'))}</ul>
      ) : <p class="sidebar-hint">{dir.loaded ? 'No teams yet. Admins create them in Settings.' : '…'}</p>}
      <h3 class="sidebar-section">Tags</h3>
      {tagNames.length ? (
        <ul class="view-list">{tagNames.map((t) => link({ kind: 'tag', tag: t }, t, 'tag'))}</ul>
      ) : <p class="sidebar-hint">{dir.loaded ? 'Tag a conversation and the tag shows up here.' : '…'}</p>}
    </nav>
  );
}
