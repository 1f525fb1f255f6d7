import { useEffect, useState } from 'preact/hooks';
import { parseViewKey, viewKey, type ListFilter } from '../../lib/listMerge';
import { useStore } from '../../lib/store';
import { registerKeys } from '../../stores/commands';
import { showFilter } from '../../stores/conversations';
import { route, setQuery } from '../../stores/router';
import type { ConversationSort, Status } from '../../../../shared/types';
import { ConversationPane } from '../conversation/ConversationPane';
import { usePhone } from '../../lib/viewport';
import { EmptyState } from '../ui';
import { ConversationList } from './ConversationList';
import { Sidebar } from './Sidebar';

const STATUSES: Status[] = ['open', 'pending', 'snoozed', 'resolved'];
const SORTS: ConversationSort[] = ['newest', 'waiting', 'priority'];
const PANEL_KEY = 'parley.visitorPanel';

export function useInboxFilter(): { filter: ListFilter; openId: number | null } {
  const r = useStore(route);
  const status = (STATUSES as string[]).includes(r.query.get('status') ?? '') ? (r.query.get('status') as Status) : 'open';
  const sort = (SORTS as string[]).includes(r.query.get('sort') ?? '') ? (r.query.get('sort') as ConversationSort) : 'newest';
  const view = parseViewKey(r.query.get('view'));
  const openId = Number(r.query.get('c')) || null;
  return { filter: { view, status, sort }, openId };
}

/** Which of the stacked screens a phone shows: views -> list -> conversation -> visitor details. */
export type PhoneScreen = 'views' | 'list' | 'conversation' | 'details';

export function phoneScreen(path: string[], query: URLSearchParams): PhoneScreen {
  if (Number(query.get('c'))) return query.get('details') ? 'details' : 'conversation';
  return path[1] === 'views' ? 'views' : 'list';
}

export function InboxPage() {
  const { filter, openId } = useInboxFilter();
  const r = useStore(route);
  const phone = usePhone();
  const screen = phoneScreen(r.path, r.query);
  const key = `${viewKey(filter.view)}|${filter.status}|${filter.sort}`;
  const [panel, setPanel] = useState(() => {
    try { return localStorage.getItem(PANEL_KEY) !== 'closed'; } catch { return true; }
  });
  const togglePanel = () => setPanel((p) => {
    try { localStorage.setItem(PANEL_KEY, p ? 'closed' : 'open'); } catch { /* ignore */ }
    return !p;
  });

  useEffect(() => { void showFilter(filter); }, [key]);
  useEffect(() => registerKeys({ i: togglePanel }), []);

  return (
    <div class={`inbox ${openId ? 'has-open' : ''} ${panel ? 'panel-open' : 'panel-closed'} ${phone ? `phone screen-${screen}` : ''}`}>
      <h1 class="sr-only">Inbox</h1>
      <Sidebar filter={filter} phone={phone} />
      <ConversationList filter={filter} openId={openId} phone={phone} />
      <section class="pane" aria-label="Conversation">
        {openId ? (
          phone
            ? <ConversationPane key={openId} id={openId} panelOpen={screen === 'details'} phone
              onTogglePanel={() => setQuery({ details: screen === 'details' ? null : '1' })} />
            : <ConversationPane key={openId} id={openId} panelOpen={panel} onTogglePanel={togglePanel} />
        ) : (
          <EmptyState icon="chat" title="Pick a conversation">
            <p>Choose a chat on the left to read and answer it. <kbd class="kbd">j</kbd> and <kbd class="kbd">k</kbd> move through the list; <kbd class="kbd">?</kbd> shows every shortcut.</p>
          </EmptyState>
        )}
      </section>
    </div>
  );
}
