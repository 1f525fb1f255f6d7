import { useEffect, useState } from 'preact/hooks';
import { contactName } from '../../lib/format';
import { flagEmoji } from '../../lib/flag';
import { describeSnooze, snoozeUntil, type SnoozeChoice } from '../../lib/snooze';
import { useStore } from '../../lib/store';
import { registerKeys } from '../../stores/commands';
import { patchConversation } from '../../stores/conversations';
import { agentName, directory, noteTags } from '../../stores/directory';
import { me } from '../../stores/session';
import { toast } from '../../stores/toasts';
import type { Conversation, Priority } from '../../../../shared/types';
import { CsatBadge } from '../Csat';
import { Icon, Menu, MenuItem } from '../ui';
import { TranscriptDialog } from './TranscriptDialog';
import { BlockDialog } from '../contact/BlockDialog';

const PRIORITIES: Priority[] = ['none', 'low', 'medium', 'high', 'urgent'];

function focusComposer(mode: 'reply' | 'note') {
  document.dispatchEvent(new CustomEvent('parley:compose', { detail: mode }));
}

export function ConversationHeader({ conv, panelOpen, onTogglePanel, onBack }: { conv: Conversation; panelOpen: boolean; onTogglePanel: () => void; onBack?: () => void }) {
  const dir = useStore(directory);
  const [transcript, setTranscript] = useState(false);
  const [blocking, setBlocking] = useState(false);
  const myId = me()?.id ?? 0;
  const name = contactName(conv.contact, conv.contact_id);
  const resolved = conv.status === 'resolved';
  const assigneeText = conv.assignee_id === myId ? 'You' : agentName(conv.assignee_id);
  const teamText = dir.teams.find((t) => t.id === conv.team_id)?.name ?? 'No team';

  const assign = (id: number | null) => patchConversation(conv.id, { assignee_id: id });
  const setStatus = (status: Conversation['status']) => patchConversation(conv.id, { status, ...(status !== 'snoozed' ? { snoozed_until: null } : {}) });
  const snooze = async (choice: SnoozeChoice) => {
    try {
      const until = snoozeUntil(choice);
      if (await patchConversation(conv.id, { status: 'snoozed', snoozed_until: until })) toast(`Snoozed until ${describeSnooze(until)}`, 'success');
    } catch (err) {
      toast((err as Error).message, 'error');
    }
  };

  useEffect(() => registerKeys({
    a: () => void assign(myId),
    e: () => void setStatus('resolved'),
    o: () => void setStatus('open'),
    r: () => focusComposer('reply'),
    n: () => focusComposer('note'),
    z: () => document.getElementById('snooze-btn')?.click(),
    p: () => document.getElementById('priority-btn')?.click(),
    t: () => document.getElementById('tags-btn')?.click(),
  }), [conv.id, myId]);

  return (
    <header class="conv-header">
      <div class="conv-header-top">
      <div class="conv-title">
        {onBack && <button type="button" class="btn icon-btn back-btn" aria-label="Back to the list" onClick={onBack}><Icon name="back" /></button>}
        <h2><span aria-hidden="true">{flagEmoji(conv.contact?.country)} </span>{name}</h2>
        <span class={`status-badge status-${conv.status}`} data-testid="status">{conv.status}</span>
        <CsatBadge conv={conv} />
        {conv.status === 'snoozed' && conv.snoozed_until && <span class="muted small">until {describeSnooze(conv.snoozed_until)}</span>}
      </div>
      <div class="conv-primary">
        <Menu label="Snooze" triggerId="snooze-btn" align="right" button={<><Icon name="clock" size={16} /><span>Snooze</span></>}>
          {(close) => <SnoozeMenu onPick={(c) => { close(); void snooze(c); }} />}
        </Menu>
        {resolved || conv.status === 'snoozed' || conv.status === 'pending' ? (
          <button type="button" class="btn btn-primary" onClick={() => void setStatus('open')} title="Reopen (o)">Reopen</button>
        ) : (
          <button type="button" class="btn btn-primary" onClick={() => void setStatus('resolved')} title="Resolve (e)"><Icon name="check" size={16} /> Resolve</button>
        )}
        <Menu label="More options" align="right" button={<Icon name="chevron" size={16} />}>
          {(close) => (
            <>
              {conv.status !== 'open' && <MenuItem onSelect={() => { close(); void setStatus('open'); }}>Reopen</MenuItem>}
              {conv.status !== 'pending' && <MenuItem onSelect={() => { close(); void setStatus('pending'); }}>Mark as pending</MenuItem>}
              {conv.status !== 'resolved' && <MenuItem onSelect={() => { close(); void setStatus('resolved'); }}>Resolve</MenuItem>}
              <div class="menu-sep" />
              <MenuItem onSelect={() => { close(); setTranscript(true); }}>Send transcript…</MenuItem>
              <MenuItem danger onSelect={() => { close(); setBlocking(true); }}>Block visitor…</MenuItem>
            </>
          )}
        </Menu>
        <button type="button" class={`btn icon-btn ${panelOpen ? 'pressed' : ''}`} aria-pressed={panelOpen} aria-label="Visitor details (i)" title="Visitor details (i)" onClick={onTogglePanel}>
          <Icon name="panel" />
        </button>
      </div>
      </div>
      <div class="conv-actions" role="toolbar" aria-label="Conversation actions">
        {/* The accessible name starts with what the button shows ("Assignee: You"), so voice control users can say it. */}
        <Menu label={`Assignee: ${assigneeText}`} triggerId="assign-btn" button={<><Icon name="user" size={16} /><span data-testid="assignee">{assigneeText}</span><Icon name="chevron" size={14} /></>}>
          {(close) => (
            <>
              <MenuItem checked={conv.assignee_id === myId} onSelect={() => { close(); void assign(myId); }}>Assign to me <kbd class="kbd">a</kbd></MenuItem>
              <MenuItem checked={conv.assignee_id == null} onSelect={() => { close(); void assign(null); }}>Unassigned</MenuItem>
              <div class="menu-sep" />
              {dir.agents.filter((a) => a.active && a.id !== myId).map((a) => (
                <MenuItem key={a.id} checked={conv.assignee_id === a.id} onSelect={() => { close(); void assign(a.id); }}>
                  <span class={`presence-dot small ${a.presence}`} aria-label={a.presence} /> {a.name}
                </MenuItem>
              ))}
            </>
          )}
        </Menu>
        <Menu label={`Team: ${teamText}`} triggerId="team-btn" button={<><Icon name="team" size={16} /><span>{teamText}</span><Icon name="chevron" size={14} /></>}>
          {(close) => (
            <>
              <MenuItem checked={conv.team_id == null} onSelect={() => { close(); void patchConversation(conv.id, { team_id: null }); }}>No team</MenuItem>
              {dir.teams.map((t) => (
                <MenuItem key={t.id} checked={conv.team_id === t.id} onSelect={() => { close(); void patchConversation(conv.id, { team_id: t.id }); }}>Transfer to {t.name}</MenuItem>
              ))}
              {dir.teams.length === 0 && <p class="menu-note">No teams yet. Admins add them in Settings → Teams.</p>}
            </>
          )}
        </Menu>
        <Menu label={`Priority: ${conv.priority}`} triggerId="priority-btn" button={<><Icon name="flag" size={16} /><span class={`prio-text prio-${conv.priority}`} data-testid="priority">{conv.priority === 'none' ? 'Priority' : conv.priority}</span></>}>
          {(close) => PRIORITIES.map((p) => (
            <MenuItem key={p} checked={conv.priority === p} onSelect={() => { close(); void patchConversation(conv.id, { priority: p }); }}>
              <span class={`prio-swatch prio-${p}`} aria-hidden="true" /> {p === 'none' ? 'No priority' : p[0].toUpperCase() + p.slice(1)}
            </MenuItem>
          ))}
        </Menu>
        <TagsControl conv={conv} />
      </div>
      {transcript && <TranscriptDialog conv={conv} onClose={() => setTranscript(false)} />}
      {blocking && (
        <BlockDialog contactId={conv.contact_id} name={name} onClose={() => setBlocking(false)}
          onBlocked={(b) => { setBlocking(false); toast(`${b.label} blocked: they can no longer send messages`, 'success', 4000); }} />
      )}
    </header>
  );
}

function SnoozeMenu({ onPick }: { onPick: (c: SnoozeChoice) => void }) {
  const [date, setDate] = useState('');
  const [time, setTime] = useState('09:00');
  const tomorrow = new Date(Date.now() + 86400_000);
  const min = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}`;
  return (
    <>
      <MenuItem onSelect={() => onPick({ kind: '1h' })}>For 1 hour</MenuItem>
      <MenuItem onSelect={() => onPick({ kind: 'tomorrow' })}>Until tomorrow, 09:00</MenuItem>
      <MenuItem onSelect={() => onPick({ kind: 'nextweek' })}>Until next Monday, 09:00</MenuItem>
      <div class="menu-sep" />
      <form class="snooze-date" onSubmit={(e) => { e.preventDefault(); if (date) onPick({ kind: 'date', date, time }); }}>
        <label>Until a date<input type="date" min={min} value={date} onInput={(e) => setDate(e.currentTarget.value)} required /></label>
        <label>at<input type="time" value={time} onInput={(e) => setTime(e.currentTarget.value)} /></label>
        <button class="btn btn-sm" type="submit" disabled={!date}>Snooze</button>
      </form>
    </>
  );
}

function TagsControl({ conv }: { conv: Conversation }) {
  const dir = useStore(directory);
  const [q, setQ] = useState('');
  const setTags = (tags: string[]) => { noteTags(tags); void patchConversation(conv.id, { tags }); };
  const add = (t: string) => {
    const tag = t.trim().replace(/^#/, '').toLowerCase();
    if (!tag || conv.tags.includes(tag)) return;
    setTags([...conv.tags, tag]);
  };
  const suggestions = dir.tags.map((t) => t.name).filter((t) => !conv.tags.includes(t) && t.includes(q.trim().toLowerCase())).slice(0, 6);
  return (
    <div class="tags-control">
      <ul class="tag-chips" aria-label="Tags" data-testid="tags">
        {conv.tags.map((t) => (
          <li key={t} class="chip tag">#{t}
            <button type="button" class="chip-x" aria-label={`Remove tag ${t}`} onClick={() => setTags(conv.tags.filter((x) => x !== t))}><Icon name="x" size={12} /></button>
          </li>
        ))}
      </ul>
      <Menu label="Add tag" triggerId="tags-btn" button={<><Icon name="tag" size={16} /><Icon name="plus" size={12} /></>}>
        {(close) => (
          <form class="tag-form" onSubmit={(e) => { e.preventDefault(); add(q); setQ(''); close(); }}>
            <label class="sr-only" for="tag-input">New tag</label>
            <input id="tag-input" placeholder="Add a tag…" value={q} onInput={(e) => setQ(e.currentTarget.value)} autoComplete="off" />
            {suggestions.map((s) => <MenuItem key={s} onSelect={() => { add(s); setQ(''); close(); }}>#{s}</MenuItem>)}
          </form>
        )}
      </Menu>
    </div>
  );
}
