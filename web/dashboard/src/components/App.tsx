import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useStore } from '../lib/store';
import { trackVisualViewport } from '../lib/viewport';
import { SHORTCUTS, isTypingTarget, runKey } from '../stores/commands';
import { resetConversations } from '../stores/conversations';
import { loadDirectory, resetDirectory } from '../stores/directory';
import { resetThreads } from '../stores/messages';
import { loadNotifyPrefs, startTitle } from '../stores/notify';
import { startPresence, stopPresence } from '../stores/presence';
import { connect, disconnect, onWelcome } from '../stores/realtime';
import { buildHash, navigate, route } from '../stores/router';
import { restore, session, updateMe } from '../stores/session';
import { loadTeamRouting } from '../stores/teamRouting';
import { resetVisitors } from '../stores/visitors';
import { ContactPage } from './contact/ContactPage';
import { ContactsPage } from './contact/ContactsPage';
import { HelpCenterPage } from './help/HelpCenterPage';
import { InboxPage } from './inbox/InboxPage';
import { ProfilePage } from './profile/ProfilePage';
import { Login } from './Login';
import { TwoFactorEnrolPage } from './profile/TwoFactorSection';
import { SearchPage } from './SearchPage';
import { SettingsPage } from './settings/SettingsPage';
import { TopBar } from './TopBar';
import { Dialog, Kbd, Toasts } from './ui';
import { VisitorsPage } from './VisitorsPage';

// Reports carry uPlot and their own CSS: a chunk of their own, loaded when the page is opened (a few lines here
// rather than preact/compat's lazy, which would add compat to every page).
let reportsPage: FunctionComponent | null = null;
function LazyReportsPage() {
  const [page, setPage] = useState(() => reportsPage);
  const [failed, setFailed] = useState('');
  useEffect(() => {
    if (page) return;
    import('./reports/ReportsPage').then((m) => { reportsPage = m.default; setPage(() => m.default); }).catch((e) => setFailed(String(e)));
  }, []);
  if (failed) return <p class="form-error" role="alert">Could not load the reports: {failed}</p>;
  if (!page) return <p role="status" class="muted">Loading reports…</p>;
  const Page = page;
  return <Page />;
}

export function App() {
  const s = useStore(session);
  useEffect(() => { void restore(); }, []);
  useEffect(() => trackVisualViewport(), []);

  // A session that must set up two-factor first reaches nothing else: no socket, no inbox.
  const token = s.phase === 'ready' && !s.twoFactorSetup ? s.token : '';
  useEffect(() => {
    if (!token) return;
    connect(token);
    void loadDirectory();
    void loadNotifyPrefs();
    void loadTeamRouting().catch(() => {}); // the inbox marks chats past their team's reminder time
    startPresence();
    const stopTitle = startTitle();
    const stopWelcome = onWelcome(({ agent }) => updateMe({ role: agent.role, name: agent.name, email: agent.email, avatar_url: agent.avatar_url }));
    return () => {
      stopWelcome();
      stopTitle();
      stopPresence();
      disconnect();
      resetConversations();
      resetThreads();
      resetDirectory();
      resetVisitors();
      document.title = 'Parley';
    };
  }, [token]);

  if (s.phase === 'loading') {
    return <main class="boot"><p role="status" aria-live="polite"><span class="spinner" aria-hidden="true" /> Loading Parley…</p></main>;
  }
  if (s.phase === 'anon') return <><Login notice={s.notice} /><Toasts /></>;
  if (s.twoFactorSetup) return <><TwoFactorEnrolPage /><Toasts /></>;
  return <Shell />;
}

function Shell() {
  const r = useStore(route);
  const [help, setHelp] = useState(false);

  useEffect(() => {
    let g = false;
    let gTimer: ReturnType<typeof setTimeout> | undefined;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      if (document.querySelector('.dialog-backdrop')) return;
      if (g) {
        g = false;
        if (e.key === 'i') { navigate(buildHash(['inbox'])); e.preventDefault(); }
        if (e.key === 'v') { navigate(buildHash(['visitors'])); e.preventDefault(); }
        return;
      }
      if (e.key === '?') { setHelp(true); e.preventDefault(); return; }
      if (e.key === 'g') { g = true; clearTimeout(gTimer); gTimer = setTimeout(() => { g = false; }, 1200); return; }
      if (e.key === '/') {
        const box = document.getElementById('global-search') as HTMLInputElement | null;
        if (box) { box.focus(); box.select(); e.preventDefault(); }
        return;
      }
      if (runKey(e.key)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const page = r.path[0];
  return (
    <div class="app">
      <a class="skip-link" href="#main">Skip to content</a>
      <TopBar onHelp={() => setHelp(true)} />
      <main id="main" class="app-main" tabIndex={-1}>
        {page === 'visitors' ? <VisitorsPage />
          : page === 'search' ? <SearchPage />
          : page === 'settings' ? <SettingsPage />
          : page === 'contacts' ? (Number(r.path[1]) > 0 ? <ContactPage key={r.path[1]} id={Number(r.path[1])} /> : <ContactsPage />)
          : page === 'profile' ? <ProfilePage />
          : page === 'help' ? <HelpCenterPage />
          : page === 'reports' ? <LazyReportsPage />
          : <InboxPage />}
      </main>
      {help && <ShortcutsHelp onClose={() => setHelp(false)} />}
      <Toasts />
    </div>
  );
}

function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const groups = ['Navigation', 'Conversation', 'Composer'] as const;
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} wide>
      <div class="shortcut-groups">
        {groups.map((g) => (
          <section key={g}>
            <h3>{g}</h3>
            <dl class="shortcuts">
              {SHORTCUTS.filter((s) => s.group === g).map((s) => (
                <div key={s.keys} class="shortcut-row"><dt><Kbd>{s.keys}</Kbd></dt><dd>{s.description}</dd></div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
