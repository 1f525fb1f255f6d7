// Settings > Bot (issue 14, item 5): the rule-based bot on or off, when it takes a chat, its greeting and the quick
// replies under it (each an answer, an article, a question that fills a contact field, or "Talk to a human"), what
// it says when it hands over and when nobody is there. One form, saved with PUT /api/v1/bot; the server's refusal
// goes next to the field it names (options[2].label). The AI part (item 6) keeps what the server has.
import { useEffect, useId, useState } from 'preact/hooks';
import { api, errorMessage } from '../../api';
import { fieldErrorsOf, type FieldErrors } from '../../lib/fieldErrors';
import { toast } from '../../stores/toasts';
import type { BotAction, BotField, BotOption, BotSettings, BotWhen } from '../../../../shared/types';
import { Skeleton } from '../ui';

const MAX_OPTIONS = 10;
const WHEN: Record<BotWhen, string> = {
  always: 'Always: the bot greets every new chat',
  outside_hours: 'Outside business hours',
  nobody_online: 'When no agent is online',
};
const ACTIONS: Record<BotAction, string> = {
  answer: 'Answer with a text', article: 'Show an article', ask: 'Ask a question', human: 'Talk to a human',
};
const FIELDS: Record<BotField, string> = { email: 'Email', name: 'Name', order_number: 'Order number' };

function fieldsOf(n: number): string[] {
  const out = ['enabled', 'when', 'greeting', 'options', 'handoff_text', 'offline_text'];
  for (let i = 0; i < n; i++)
    for (const k of ['', '.id', '.label', '.action', '.text', '.article_id', '.field', '.question']) out.push(`options[${i}]${k}`);
  return out;
}

/** An id the server accepts, from the label: a-z, 0-9, '-', unique in the list. */
function newId(label: string, taken: string[]): string {
  const base = label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 30) || 'option';
  let id = base;
  for (let i = 2; taken.includes(id); i++) id = `${base}-${i}`;
  return id;
}

export function BotSettingsPage() {
  const id = useId();
  const [d, setD] = useState<BotSettings | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  const load = () => {
    setState('loading');
    api<BotSettings>('GET', '/api/v1/bot').then((x) => { setD(x); setState('ready'); }).catch(() => setState('failed'));
  };
  useEffect(load, []);

  if (state === 'loading') return <div role="status" aria-label="Loading the bot settings"><Skeleton lines={5} /></div>;
  if (state === 'failed' || !d) {
    return <p class="form-error" role="alert">Could not load the bot settings. <button type="button" class="btn btn-sm" onClick={load}>Retry</button></p>;
  }

  const err = (f: string) => errors[f];
  const described = (f: string) => (errors[f] ? `${id}-${f}-error` : undefined);
  const errorText = (f: string) => errors[f] && <span class="field-error" id={`${id}-${f}-error`} role="alert">{errors[f]}</span>;
  const setOption = (i: number, o: BotOption) => setD({ ...d, options: d.options.map((x, j) => (j === i ? o : x)) });
  const move = (i: number, by: -1 | 1) => {
    const list = [...d.options];
    [list[i], list[i + by]] = [list[i + by], list[i]];
    setD({ ...d, options: list });
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const { ai: _ai, ...rest } = d;
      const saved = await api<BotSettings>('PUT', '/api/v1/bot', rest);
      setD(saved);
      toast(saved.enabled ? 'Saved: the bot is on' : 'Saved: the bot is off', 'success', 2500);
    } catch (ex) {
      setErrors(fieldErrorsOf(ex, fieldsOf(d.options.length)));
      toast(`Not saved: ${errorMessage(ex)}`, 'error', 6000);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="bot-settings stack" onSubmit={submit} noValidate>
      <h2>Bot</h2>
      <p class="muted">
        The bot greets visitors with quick replies, answers questions with your published help articles and hands the
        chat to your team, with a summary, when it cannot help or the visitor asks for a human. Once an agent replies
        it stays quiet in that chat.
      </p>
      <label class="check"><input type="checkbox" checked={d.enabled} onChange={(e) => setD({ ...d, enabled: e.currentTarget.checked })} />
        The bot answers new chats</label>
      <div class="field">
        <label for={`${id}-when`}>When</label>
        <select id={`${id}-when`} value={d.when} onChange={(e) => setD({ ...d, when: e.currentTarget.value as BotWhen })}>
          {(Object.keys(WHEN) as BotWhen[]).map((w) => <option key={w} value={w}>{WHEN[w]}</option>)}
        </select>
      </div>
      <div class="field">
        <label for={`${id}-greeting`}>Greeting</label>
        <textarea id={`${id}-greeting`} rows={2} maxLength={1000} value={d.greeting} aria-invalid={!!err('greeting')}
          aria-describedby={described('greeting')} onInput={(e) => setD({ ...d, greeting: e.currentTarget.value })} />
        {errorText('greeting')}
      </div>
      <fieldset class="bot-options">
        <legend>Quick replies under the greeting</legend>
        {d.options.length === 0 && <p class="muted small">No quick replies: the bot only answers questions with articles.</p>}
        <ol>
          {d.options.map((o, i) => {
            const at = `options[${i}]`;
            const f = (k: string) => `${id}-o${i}-${k}`;
            return (
              <li key={i} class="bot-option">
                <div class="field">
                  <label for={f('label')}>Button {i + 1}</label>
                  <input id={f('label')} value={o.label} maxLength={80} aria-invalid={!!(err(`${at}.label`) || err(`${at}.id`))}
                    aria-describedby={described(`${at}.label`) ?? described(`${at}.id`)}
                    onInput={(e) => setOption(i, { ...o, label: e.currentTarget.value })} />
                  {errorText(`${at}.label`)}{errorText(`${at}.id`)}
                </div>
                <div class="field">
                  <label for={f('action')}>Does</label>
                  <select id={f('action')} value={o.action} onChange={(e) => setOption(i, { ...o, action: e.currentTarget.value as BotAction })}>
                    {(Object.keys(ACTIONS) as BotAction[]).map((a) => <option key={a} value={a}>{ACTIONS[a]}</option>)}
                  </select>
                </div>
                {o.action === 'answer' && (
                  <div class="field grow">
                    <label for={f('text')}>Answer</label>
                    <textarea id={f('text')} rows={2} maxLength={2000} value={o.text ?? ''} aria-invalid={!!err(`${at}.text`)}
                      aria-describedby={described(`${at}.text`)} onInput={(e) => setOption(i, { ...o, text: e.currentTarget.value })} />
                    {errorText(`${at}.text`)}
                  </div>
                )}
                {o.action === 'article' && (
                  <div class="field">
                    <label for={f('article')}>Article id</label>
                    <input id={f('article')} type="number" inputMode="numeric" min={1} value={o.article_id ?? ''}
                      aria-invalid={!!err(`${at}.article_id`)} aria-describedby={described(`${at}.article_id`)}
                      onInput={(e) => setOption(i, { ...o, article_id: Number(e.currentTarget.value) || undefined })} />
                    {errorText(`${at}.article_id`)}
                  </div>
                )}
                {o.action === 'ask' && (
                  <>
                    <div class="field">
                      <label for={f('field')}>Saves the answer as</label>
                      <select id={f('field')} value={o.field ?? 'email'} onChange={(e) => setOption(i, { ...o, field: e.currentTarget.value as BotField })}>
                        {(Object.keys(FIELDS) as BotField[]).map((x) => <option key={x} value={x}>{FIELDS[x]}</option>)}
                      </select>
                    </div>
                    <div class="field grow">
                      <label for={f('question')}>Question</label>
                      <input id={f('question')} value={o.question ?? ''} maxLength={500} aria-invalid={!!err(`${at}.question`)}
                        aria-describedby={described(`${at}.question`)} onInput={(e) => setOption(i, { ...o, question: e.currentTarget.value })} />
                      {errorText(`${at}.question`)}
                    </div>
                  </>
                )}
                <div class="row-actions">
                  <button type="button" class="btn btn-sm" aria-label={`Move button ${i + 1} up`} disabled={i === 0} onClick={() => move(i, -1)}>↑</button>
                  <button type="button" class="btn btn-sm" aria-label={`Move button ${i + 1} down`} disabled={i === d.options.length - 1} onClick={() => move(i, 1)}>↓</button>
                  <button type="button" class="btn btn-sm danger" aria-label={`Remove button ${i + 1}`}
                    onClick={() => setD({ ...d, options: d.options.filter((_, j) => j !== i) })}>Remove</button>
                </div>
              </li>
            );
          })}
        </ol>
        {errorText('options')}
        <button type="button" class="btn btn-sm" disabled={d.options.length >= MAX_OPTIONS}
          onClick={() => {
            const label = 'New button';
            setD({ ...d, options: [...d.options, { id: newId(label, d.options.map((x) => x.id)), label, action: 'answer', text: '' }] });
          }}>Add a quick reply</button>
      </fieldset>
      <div class="field">
        <label for={`${id}-handoff`}>When the bot hands the chat to the team</label>
        <textarea id={`${id}-handoff`} rows={2} maxLength={1000} value={d.handoff_text} aria-invalid={!!err('handoff_text')}
          aria-describedby={described('handoff_text')} onInput={(e) => setD({ ...d, handoff_text: e.currentTarget.value })} />
        {errorText('handoff_text')}
      </div>
      <div class="field">
        <label for={`${id}-offline`}>When nobody is there</label>
        <textarea id={`${id}-offline`} rows={2} maxLength={1000} value={d.offline_text} aria-invalid={!!err('offline_text')}
          aria-describedby={`${id}-offline-hint ${described('offline_text') ?? ''}`}
          onInput={(e) => setD({ ...d, offline_text: e.currentTarget.value })} />
        <span class="muted small" id={`${id}-offline-hint`}>{'{back}'} becomes when the team is back (from the business hours). The bot then asks for the visitor’s email.</span>
        {errorText('offline_text')}
      </div>
      {errors.form && <p class="form-error" role="alert">{errors.form}</p>}
      <div class="row-actions">
        <button type="submit" class="btn btn-primary" disabled={busy}>{busy ? 'Saving…' : 'Save'}</button>
      </div>
    </form>
  );
}
