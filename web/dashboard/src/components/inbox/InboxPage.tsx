import { useEffect, useState } from 'preact/hooks';
import { parseViewKey, viewKey, type ListFilter } from '../../lib/listMerge';
import { useStore } from '../../lib/store';
import { registerKeys } from '../../stores/commands';
import { showFilter } from '../../stores/conversations';
import { route } from '../../stores/router';
import type { SortKey, Status } from '../../types';
import { ConversationPane } from '../conversation/ConversationPane';
import { EmptyState } from '../ui';
import { ConversationList } from './ConversationList';
import { Sidebar } from './Sidebar';

const STATUSES: Status[] = ['open', 'pending', 'snoozed', 'resolved'];
const SORTS: SortKey[] = ['newest', 'waiting', 'priority'];
const PANEL_KEY = 'parley.visitorPanel';

export function useInboxFilter(): { filter: ListFilter; openId: number | null } {
  const r = useStore(route);
  const status = (STATUSES as string[]).includes(r.query.get('status') ?? '') ? (r.query.get('status') as Status) : 'open';
  const sort = (SORTS as string[]).includes(r.query.get('sort') ?? '') ? (r.query.get('sort') as SortKey) : 'newest';
  const view = parseViewKey(r.query.get('view'));
  const openId = Number(r.query.get('c')) || null;
  return { filter: { view, status, sort }, openId };
}

export function InboxPage() {
  const { filter, openId } = useInboxFilter();
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
    <div class={`inbox ${openId ? 'has-open' : ''} ${panel ? 'panel-open' : 'panel-closed'}`}>
      <Sidebar filter={filter} />
      <ConversationList filter={filter} openId={openId} />
      <section class="pane" aria-label="Conversation">
        {openId ? (
          <ConversationPane key={openId} id={openId} panelOpen={panel} onTogglePanel={togglePanel} />
        ) : (
          <EmptyState icon="chat" title="Pick a conversation">
            <p>Choose a chat on the left to read and answer it. <kbd class="kbd">j</kbd> and <kbd class="kbd">k</kbd> move through the list; <kbd class="kbd">?</kbd> shows every shortcut.</p>
          </EmptyState>
        )}
      </section>
    </div>
  );
}
