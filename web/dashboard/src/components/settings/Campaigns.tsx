// Settings > Campaigns (issue 13): campaigns with their state and statistics (refreshed while any is
// scheduled or sending), cancel and delete, and the editor (CampaignEditor) for a new or unsent one.
import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../../api';
import { canCancel, canEdit, ratio, STATE_LABELS, whenText } from '../../lib/campaigns';
import { useStore } from '../../lib/store';
import { directory, loadAgents } from '../../stores/directory';
import { session } from '../../stores/session';
import { toast } from '../../stores/toasts';
import type { Campaign, Segment } from '../../../../shared/types';
import { EmptyState, Skeleton } from '../ui';
import { CampaignEditor } from './CampaignEditor';

const REFRESH_MS = 5000;

export function CampaignsSettings() {
  const agents = useStore(directory, (d) => d.agents);
  const me = useStore(session, (s) => (s.phase === 'ready' ? s.agent.id : 0));
  const [campaigns, setCampaigns] = useState<Campaign[]>([]);
  const [segments, setSegments] = useState<Segment[]>([]);
  const [zone, setZone] = useState('UTC');
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [failure, setFailure] = useState('');
  const [editing, setEditing] = useState<Campaign | 'new' | null>(null);

  const load = async (quiet = false) => {
    if (!quiet) setState('loading');
    try {
      const [c, s] = await Promise.all([
        api<{ campaigns: Campaign[]; time_zone: string }>('GET', '/api/v1/campaigns'),
        api<{ segments: Segment[] }>('GET', '/api/v1/segments'),
        agents.length ? Promise.resolve() : loadAgents(),
      ]);
      setCampaigns(c.campaigns);
      setZone(c.time_zone);
      setSegments(s.segments);
      setState('ready');
    } catch (err) {
      if (!quiet) { setFailure(errorMessage(err)); setState('failed'); }
    }
  };
  useEffect(() => { void load(); }, []);
  // Statistics move while a campaign goes out: a quiet refresh, only then and only on the list.
  const live = campaigns.some((c) => c.state === 'scheduled' || c.state === 'sending');
  useEffect(() => {
    if (!live || editing) return;
    const t = setInterval(() => void load(true), REFRESH_MS);
    return () => clearInterval(t);
  }, [live, editing]);

  const cancel = async (c: Campaign) => {
    try {
      await api('POST', `/api/v1/campaigns/${c.id}/cancel`);
      toast(`“${c.name}” cancelled`, 'success', 2500);
      await load(true);
    } catch (err) {
      toast(errorMessage(err), 'error');
    }
  };
  const remove = async (c: Campaign) => {
    if (!confirm(`Delete “${c.name}” and its statistics?`)) return;
    try {
      await api('DELETE', `/api/v1/campaigns/${c.id}`);
      toast(`“${c.name}” deleted`, 'success', 2500);
      await load(true);
    } catch (err) {
      toast(errorMessage(err), 'error');
    }
  };

  if (editing) {
    return (
      <div>
        <h2>Campaigns</h2>
        <CampaignEditor campaign={editing === 'new' ? null : editing} segments={segments} agents={agents} zone={zone} me={me}
          onCancel={() => setEditing(null)}
          onDone={(_, text) => { toast(text, 'success', 3000); setEditing(null); void load(true); }} />
      </div>
    );
  }

  return (
    <div>
      <div class="section-head">
        <h2>Campaigns</h2>
        {state === 'ready' && campaigns.length > 0 && <button type="button" class="btn btn-primary" onClick={() => setEditing('new')}>New campaign</button>}
      </div>
      <p class="muted">A message from an agent to a segment of your contacts, now or at a set time ({zone}). Each contact finds it in their chat at once if they are on your site, else on their next visit.</p>
      {state === 'loading' ? <div role="status" aria-label="Loading campaigns"><Skeleton lines={3} /><Skeleton lines={3} /></div>
        : state === 'failed' ? (
          <p class="form-error" role="alert">Could not load the campaigns: {failure}. <button type="button" class="btn btn-sm" onClick={() => void load()}>Retry</button></p>
        ) : campaigns.length === 0 ? (
          <EmptyState icon="send" title="No campaigns yet">
            <p>Reach the right visitors with a message in their chat: everyone who saw your pricing page this week, customers on the Pro plan, visitors from Germany…</p>
            <p><button type="button" class="btn btn-primary" onClick={() => setEditing('new')}>Create your first campaign</button></p>
          </EmptyState>
        ) : (
          <ul class="campaign-list" aria-label="Campaigns">
            {campaigns.map((c) => <CampaignRow key={c.id} c={c} zone={zone} segment={segments.find((s) => s.id === c.segment_id)}
              sender={agents.find((a) => a.id === c.sender_agent_id)?.name} onEdit={() => setEditing(c)}
              onCancel={() => void cancel(c)} onDelete={() => void remove(c)} />)}
          </ul>
        )}
    </div>
  );
}

function CampaignRow({ c, zone, segment, sender, onEdit, onCancel, onDelete }: {
  c: Campaign;
  zone: string;
  segment?: Segment;
  sender?: string;
  onEdit: () => void;
  onCancel: () => void;
  onDelete: () => void;
}) {
  const s = c.stats;
  return (
    <li class="campaign-row">
      <div class="campaign-main">
        <div class="campaign-title">
          <strong>{c.name}</strong>
          <span class={`status-badge campaign-${c.state}`}>{STATE_LABELS[c.state]}</span>
        </div>
        <p class="muted small">{whenText(c, zone)} · to {segment?.name ?? 'a deleted segment'} · from {sender ?? 'a former agent'}</p>
        <p class="campaign-body">{c.body}</p>
      </div>
      {c.state !== 'draft' && c.state !== 'scheduled' && (
        <dl class="campaign-stats" aria-label={`Statistics of ${c.name}`}>
          <div><dt>Targeted</dt><dd>{s.targeted}</dd></div>
          <div><dt>Delivered</dt><dd>{ratio(s.delivered, s.targeted)}</dd></div>
          <div><dt>Seen</dt><dd>{ratio(s.seen, s.delivered)}</dd></div>
          <div><dt>Replied</dt><dd>{ratio(s.replied, s.delivered)}</dd></div>
        </dl>
      )}
      <div class="row-actions">
        {canEdit(c.state) && <button type="button" class="btn btn-sm" aria-label={`Edit ${c.name}`} onClick={onEdit}>Edit</button>}
        {canCancel(c.state) && c.state !== 'draft' && <button type="button" class="btn btn-sm" aria-label={`Cancel ${c.name}`} onClick={onCancel}>{c.state === 'sending' ? 'Stop' : 'Cancel'}</button>}
        {c.state !== 'sending' && <button type="button" class="btn btn-sm danger" aria-label={`Delete ${c.name}`} onClick={onDelete}>Delete</button>}
      </div>
    </li>
  );
}
