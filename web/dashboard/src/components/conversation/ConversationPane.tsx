import { useEffect, useState } from 'preact/hooks';
import { contactName } from '../../lib/format';
import { lastSeq } from '../../../../shared/merge';
import { useStore } from '../../lib/store';
import { conversations, fetchConversation } from '../../stores/conversations';
import { loadThread, markRead, threads, typing } from '../../stores/messages';
import { Composer } from './Composer';
import { ConversationHeader } from './ConversationHeader';
import { MessageList } from './MessageList';
import { VisitorPanel } from './VisitorPanel';
import { setQuery } from '../../stores/router';
import { Skeleton } from '../ui';

export function ConversationPane({ id, panelOpen, onTogglePanel, phone = false }: { id: number; panelOpen: boolean; onTogglePanel: () => void; phone?: boolean }) {
  const conv = useStore(conversations, (s) => s.map.get(id));
  const t = useStore(threads, (m) => m.get(id));
  const typ = useStore(typing, (m) => m.get(id));
  const [missing, setMissing] = useState(false);
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible');

  useEffect(() => {
    void loadThread(id);
    if (!conversations.get().map.has(id)) void fetchConversation(id).then((c) => setMissing(!c));
  }, [id]);

  useEffect(() => {
    const on = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', on);
    return () => document.removeEventListener('visibilitychange', on);
  }, []);

  // Reading the open conversation marks it read (only while the tab is visible).
  const seq = t ? lastSeq(t.items) : 0;
  useEffect(() => {
    if (!conv || !visible || !t?.loaded) return;
    if (seq > conv.agent_last_read_seq) markRead(id, seq);
  }, [seq, visible, t?.loaded, conv?.agent_last_read_seq]);

  if (!conv) {
    return missing ? (
      <div class="pane-missing"><p>This conversation does not exist or you cannot see it.</p></div>
    ) : (
      <div class="pane-loading" aria-busy="true"><Skeleton lines={2} avatar /><Skeleton lines={3} /><Skeleton lines={2} /></div>
    );
  }

  const visitorTyping = typ?.visitor;
  const agentsTyping = Object.values(typ?.agents ?? {});
  return (
    <div class={`conversation ${panelOpen ? 'with-panel' : ''}`}>
      <div class="conversation-main">
        <ConversationHeader conv={conv} panelOpen={panelOpen} onTogglePanel={onTogglePanel}
          onBack={phone ? () => setQuery({ c: null, details: null }) : undefined} />
        <MessageList conv={conv} thread={t} />
        <div class="typing-area" aria-live="off">
          {visitorTyping && (
            <div class="typing visitor-typing" data-testid="visitor-typing">
              <span class="typing-dots" aria-hidden="true"><i /><i /><i /></span>
              <span class="typing-who">{contactName(conv.contact, conv.contact_id)} is typing</span>
              {visitorTyping.draft && <span class="typing-draft">“{visitorTyping.draft}”</span>}
            </div>
          )}
          {agentsTyping.map((a) => (
            <div key={a.name} class="typing"><span class="typing-dots" aria-hidden="true"><i /><i /><i /></span>{a.name || 'Another agent'} is typing</div>
          ))}
        </div>
        <Composer conv={conv} />
      </div>
      {panelOpen && <VisitorPanel contactId={conv.contact_id} conversationId={conv.id} onClose={onTogglePanel} phone={phone} />}
    </div>
  );
}
