// Settings > Campaigns: one campaign's editor. Name, the segment (pick a saved one or build a new one, with
// the live count of its contacts), the sending agent, the message, and when: now, at a date and time on the
// workspace's clock, or kept as a draft. Escape goes back to the list.
import { useMemo, useState } from 'preact/hooks';
import { api } from '../../api';
import { canEdit, localDateTime } from '../../lib/campaigns';
import { fieldErrorsOf, type FieldErrors } from '../../lib/fieldErrors';
import type { Agent, Campaign, CampaignSend, NewCampaign, Segment } from '../../../../shared/types';
import { SegmentEditor, type SegmentDraft } from './SegmentEditor';

const NEW_SEGMENT = 'new';
const CAMPAIGN_FIELDS = ['name', 'body', 'segment_id', 'sender_agent_id', 'send', 'scheduled_local'];

export function CampaignEditor({ campaign, segments, agents, zone, me, onDone, onCancel }: {
  campaign: Campaign | null;
  segments: Segment[];
  agents: Agent[];
  zone: string;
  me: number;
  onDone: (saved: Campaign, text: string) => void;
  onCancel: () => void;
}) {
  const firstSegment = campaign?.segment_id ?? segments[0]?.id;
  const [name, setName] = useState(campaign?.name ?? '');
  const [body, setBody] = useState(campaign?.body ?? '');
  const [sender, setSender] = useState<number>(campaign?.sender_agent_id ?? me);
  const [segmentChoice, setSegmentChoice] = useState<string>(firstSegment ? String(firstSegment) : NEW_SEGMENT);
  const chosen = segments.find((s) => String(s.id) === segmentChoice) ?? null;
  const [segmentName, setSegmentName] = useState('');
  const [draft, setDraft] = useState<SegmentDraft>(chosen ? { match: chosen.match, conditions: chosen.conditions } : { match: 'all', conditions: [] });
  const [send, setSend] = useState<CampaignSend>(campaign?.state === 'scheduled' ? 'later' : 'now');
  const [when, setWhen] = useState(campaign?.scheduled_local ?? localDateTime(Date.now() + 3_600_000, zone));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [segmentErrors, setSegmentErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const minWhen = useMemo(() => localDateTime(Date.now(), zone), [zone]);
  const active = agents.filter((a) => a.active);

  const pickSegment = (value: string) => {
    setSegmentChoice(value);
    const s = segments.find((x) => String(x.id) === value);
    setDraft(s ? { match: s.match, conditions: s.conditions } : { match: 'all', conditions: [] });
    setSegmentErrors({});
  };
  const segmentChanged = chosen !== null && JSON.stringify({ match: chosen.match, conditions: chosen.conditions }) !== JSON.stringify(draft);

  // The segment first (created, or its changed conditions saved), then the campaign.
  const saveSegment = async (): Promise<number | null> => {
    try {
      if (!chosen) {
        const r = await api<{ segment: Segment }>('POST', '/api/v1/segments', { name: segmentName.trim(), ...draft });
        setSegmentChoice(String(r.segment.id));
        return r.segment.id;
      }
      if (segmentChanged) await api('PATCH', `/api/v1/segments/${chosen.id}`, draft);
      return chosen.id;
    } catch (err) {
      const e = fieldErrorsOf(err, ['name', 'match', 'conditions', ...draft.conditions.flatMap((_, i) => ['field', 'op', 'key', 'value'].map((p) => `conditions[${i}].${p}`))]);
      setSegmentErrors(e.name ? { segment_name: e.name } : e);
      return null;
    }
  };

  const submit = async (e: Event, as: CampaignSend) => {
    e.preventDefault();
    setErrors({});
    setSegmentErrors({});
    setBusy(true);
    try {
      const segmentId = await saveSegment();
      if (segmentId === null) return;
      const data: NewCampaign = { name: name.trim(), body: body.trim(), segment_id: segmentId, sender_agent_id: sender, send: as };
      if (as === 'later') data.scheduled_local = when;
      const r = campaign
        ? await api<{ campaign: Campaign }>('PATCH', `/api/v1/campaigns/${campaign.id}`, data)
        : await api<{ campaign: Campaign }>('POST', '/api/v1/campaigns', data);
      onDone(r.campaign, as === 'draft' ? 'Draft saved' : as === 'now' ? 'Campaign is going out now' : `Scheduled for ${when.replace('T', ' ')}`);
    } catch (err) {
      setErrors(fieldErrorsOf(err, CAMPAIGN_FIELDS));
    } finally {
      setBusy(false);
    }
  };

  if (campaign && !canEdit(campaign.state)) {
    return <p class="muted">This campaign has started and can no longer be changed. <button type="button" class="btn btn-sm" onClick={onCancel}>Back</button></p>;
  }
  const described = (f: string) => (errors[f] ? { 'aria-invalid': true, 'aria-describedby': `campaign-${f}-err` } : {});
  const fieldError = (f: string) => errors[f] && <span class="field-error" id={`campaign-${f}-err`}>{errors[f]}</span>;

  return (
    <form class="stack settings-form campaign-editor" onSubmit={(e) => void submit(e, send)}
      onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); onCancel(); } }}>
      <h3>{campaign ? `Edit “${campaign.name}”` : 'New campaign'}</h3>
      <label class="field"><span>Name (only agents see it)</span>
        <input required maxLength={100} value={name} placeholder="Summer sale" onInput={(e) => setName(e.currentTarget.value)} {...described('name')} />
        {fieldError('name')}
      </label>

      <fieldset class="campaign-segment">
        <legend>Who gets it</legend>
        <label class="field"><span>Segment</span>
          <select id="campaign-segment" value={segmentChoice} onChange={(e) => pickSegment(e.currentTarget.value)} {...described('segment_id')}>
            {segments.map((s) => <option key={s.id} value={String(s.id)}>{s.name}</option>)}
            <option value={NEW_SEGMENT}>New segment…</option>
          </select>
          {fieldError('segment_id')}
        </label>
        {!chosen && (
          <label class="field"><span>Name of the new segment</span>
            <input required maxLength={100} value={segmentName} placeholder="Customers in Germany"
              aria-invalid={segmentErrors.segment_name ? true : undefined} onInput={(e) => setSegmentName(e.currentTarget.value)} />
            {segmentErrors.segment_name && <span class="field-error">{segmentErrors.segment_name}</span>}
          </label>
        )}
        <SegmentEditor draft={draft} onChange={setDraft} errors={segmentErrors} idPrefix="campaign-seg" />
        {segmentChanged && <p class="muted small">Saving also changes the segment “{chosen?.name}” for the campaigns that use it.</p>}
        {segmentErrors.form && <p class="form-error" role="alert">{segmentErrors.form}</p>}
      </fieldset>

      <label class="field"><span>From</span>
        <select value={String(sender)} onChange={(e) => setSender(Number(e.currentTarget.value))} {...described('sender_agent_id')}>
          {active.map((a) => <option key={a.id} value={String(a.id)}>{a.name}</option>)}
        </select>
        {fieldError('sender_agent_id')}
      </label>
      <label class="field"><span>Message</span>
        <textarea required rows={4} maxLength={5000} value={body} placeholder="Hi! Our summer sale starts today: 20% off everything."
          onInput={(e) => setBody(e.currentTarget.value)} aria-invalid={errors.body ? true : undefined}
          aria-describedby={errors.body ? 'campaign-body-err campaign-body-help' : 'campaign-body-help'} />
        {fieldError('body')}
      </label>
      <p class="muted small" id="campaign-body-help">Each contact finds it in their chat: at once if they are on your site, else on their next visit (within 30 days). A reply continues the conversation.</p>

      <fieldset class="field">
        <legend>When</legend>
        <label class="check-label"><input type="radio" name="campaign-when" checked={send === 'now'} onChange={() => setSend('now')} /> Now</label>
        <label class="check-label"><input type="radio" name="campaign-when" checked={send === 'later'} onChange={() => setSend('later')} /> Later</label>
      </fieldset>
      {send === 'later' && (
        <label class="field"><span>Date and time ({zone})</span>
          <input type="datetime-local" required value={when} min={minWhen} onInput={(e) => setWhen(e.currentTarget.value)} {...described('scheduled_local')} />
          {fieldError('scheduled_local')}
        </label>
      )}
      {errors.form && <p class="form-error" role="alert">{errors.form}</p>}
      <div class="row-actions">
        <button class="btn btn-primary" type="submit" disabled={busy}>{send === 'now' ? 'Send now' : 'Schedule'}</button>
        <button class="btn" type="button" disabled={busy} onClick={(e) => void submit(e, 'draft')}>Save as draft</button>
        <button class="btn btn-ghost" type="button" onClick={onCancel}>Back to the list</button>
      </div>
    </form>
  );
}
