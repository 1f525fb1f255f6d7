import { useEffect, useState } from 'preact/hooks';
import { titleUnread } from '../lib/listMerge';
import { useStore } from '../lib/store';
import { conversations } from '../stores/conversations';
import { askDesktopPermission, notifyPrefs, setNotifyPref } from '../stores/notify';
import { choosePresence, effective, myPresence } from '../stores/presence';
import { connection } from '../stores/realtime';
import { buildHash, navigate, route } from '../stores/router';
import { logout, session } from '../stores/session';
import { online } from '../stores/visitors';
import { Avatar, Icon, Menu, MenuItem } from './ui';

export function TopBar({ onHelp }: { onHelp: () => void }) {
  const s = useStore(session);
  const r = useStore(route);
  const agent = s.phase === 'ready' ? s.agent : null;
  const unread = useStore(conversations, (c) => (agent ? titleUnread(c.map, agent.id) : 0));
  const onlineCount = useStore(online, (o) => (o.loaded ? o.list.length : null));
  const page = r.path[0] ?? 'inbox';
  const [q, setQ] = useState(r.path[0] === 'search' ? r.query.get('q') ?? '' : '');
  useEffect(() => { if (r.path[0] === 'search') setQ(r.query.get('q') ?? ''); }, [r]);

  if (!agent) return null;
  const nav = (id: string, label: string, icon: string, badge?: number | null) => (
    <a href={buildHash([id])} class={`nav-link nav-${id} ${page === id ? 'active' : ''}`} aria-current={page === id ? 'page' : undefined}>
      <Icon name={icon} /> <span>{label}</span>
      {badge ? <span class="badge" aria-label={`${badge} ${id === 'inbox' ? 'unread' : 'online'}`}>{badge}</span> : null}
    </a>
  );
  return (
    <header class="topbar">
      <a class="brand" href={buildHash(['inbox'])} aria-label="Parley inbox"><span class="brand-mark" aria-hidden="true" />Parley</a>
      <nav class="nav" aria-label="Main">
        {nav('inbox', 'Inbox', 'inbox', unread)}
        {nav('contacts', 'Contacts', 'book')}
        {nav('visitors', 'Visitors', 'visitors', onlineCount)}
        {nav('help', 'Help center', 'help')}
        {agent.role === 'admin' && nav('reports', 'Reports', 'chart')}
        {agent.role === 'admin' && nav('settings', 'Settings', 'settings')}
      </nav>
      <a class="btn icon-btn search-link" href={buildHash(['search'])} aria-label="Search"><Icon name="search" /></a>
      <form class="search-form" role="search" onSubmit={(e) => { e.preventDefault(); if (q.trim()) navigate(buildHash(['search'], { q: q.trim() })); }}>
        <Icon name="search" size={16} />
        <label class="sr-only" for="global-search">Search messages and contacts</label>
        <input id="global-search" type="search" placeholder="Search messages and contacts  ( / )" value={q}
          onInput={(e) => setQ(e.currentTarget.value)} onKeyDown={(e) => { if (e.key === 'Escape') e.currentTarget.blur(); }} />
      </form>
      <div class="topbar-right">
        <ConnectionPill />
        <NotifyMenu />
        <button type="button" class="btn icon-btn shortcuts-btn" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={onHelp}>
          <Icon name="keyboard" />
        </button>
        <PresenceToggle />
        <Menu label="Account" align="right" button={<Avatar name={agent.name} url={agent.avatar_url} size={28} />}>
          {(close) => (
            <>
              <div class="menu-header"><strong>{agent.name}</strong><span class="muted small">{agent.email} · {agent.role}</span></div>
              <MenuItem onSelect={() => { close(); navigate(buildHash(['profile'])); }}><Icon name="user" size={16} /> Your profile</MenuItem>
              {/* Under 420 px the top bar has no room for the Help center's link: it is here instead (help.css). */}
              <div class="menu-help"><MenuItem onSelect={() => { close(); navigate(buildHash(['help'])); }}><Icon name="help" size={16} /> Help center</MenuItem></div>
              {agent.role === 'admin' && <div class="menu-reports"><MenuItem onSelect={() => { close(); navigate(buildHash(['reports'])); }}><Icon name="chart" size={16} /> Reports</MenuItem></div>}
              <MenuItem onSelect={() => { close(); void logout(); }}><Icon name="logout" size={16} /> Log out</MenuItem>
            </>
          )}
        </Menu>
      </div>
    </header>
  );
}

function PresenceToggle() {
  const p = useStore(myPresence);
  const status = effective(p);
  const next = p.chosen === 'online' ? 'away' : 'online';
  return (
    <button type="button" class={`presence-toggle ${status}`} role="switch" aria-checked={status === 'online'}
      aria-label={`Status: ${status}${p.idle ? ' (idle)' : ''}. Switch to ${next}`} title={p.idle ? 'Away while idle; move the mouse to come back' : `Switch to ${next}`}
      onClick={() => choosePresence(next)}>
      <span class="presence-dot" aria-hidden="true" />
      <span>{status === 'online' ? 'Online' : p.idle ? 'Away (idle)' : 'Away'}</span>
    </button>
  );
}

function ConnectionPill() {
  const c = useStore(connection);
  const [, tick] = useState(0);
  useEffect(() => {
    if (c.state !== 'reconnecting') return;
    const t = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, [c.state]);
  if (c.state === 'live' || c.state === 'idle') return <span class="conn conn-live" role="status" aria-label="Connected" title="Live"><span class="conn-dot" /></span>;
  const secs = c.retryAt ? Math.max(0, Math.ceil((c.retryAt - Date.now()) / 1000)) : 0;
  const text = c.state === 'reconnecting' ? (secs > 0 ? `Reconnecting in ${secs}s…` : 'Reconnecting…') : c.state === 'replaying' ? 'Catching up…' : 'Connecting…';
  return <span class="conn conn-down" role="status" aria-live="polite" data-testid="connection"><span class="conn-dot" />{text}</span>;
}

function NotifyMenu() {
  const n = useStore(notifyPrefs);
  return (
    <Menu label="Notifications" align="right" button={<Icon name="bell" />}>
      {() => (
        <div class="notify-menu">
          <MenuItem checked={n.prefs.sound} onSelect={() => void setNotifyPref('sound', !n.prefs.sound)}>Play a sound</MenuItem>
          <MenuItem checked={n.prefs.desktop} onSelect={() => void setNotifyPref('desktop', !n.prefs.desktop)}>Desktop notifications</MenuItem>
          <div class="menu-sep" />
          {n.prefs.desktop && n.permission === 'denied' && <p class="menu-note">Desktop notifications are blocked in this browser's site settings.</p>}
          {n.prefs.desktop && n.permission === 'unsupported' && <p class="menu-note">This browser cannot show desktop notifications.</p>}
          {n.prefs.desktop && n.permission === 'default' && (
            <div class="menu-note">
              <p>This browser has not allowed Parley to show notifications yet.</p>
              <button type="button" class="btn btn-primary btn-sm" role="menuitem" onClick={() => void askDesktopPermission()}>Allow in this browser</button>
            </div>
          )}
          <a class="menu-item" role="menuitem" href={buildHash(['profile'])}>Choose which events notify you…</a>
        </div>
      )}
    </Menu>
  );
}
