// Automation: AI answers (issue 14 item 6): the bot may answer free questions with a model of the admin's choosing,
// any OpenAI-compatible chat-completions endpoint (llama.cpp's server, Ollama, vLLM or a hosted one). Only the server
// calls it; the key is write-only (the server says whether one is set). Saved with PUT /api/v1/bot {ai}; the
// server's refusal goes next to the field it names (ai.base_url).
import { useEffect, useId, useState } from 'preact/hooks';
import { api, errorMessage } from '../../api';
import { fieldErrorsOf, type FieldErrors } from '../../lib/fieldErrors';
import { toast } from '../../stores/toasts';
import type { BotAiSettings, BotSettings } from '../../../../shared/types';
import { Skeleton } from '../ui';

const FIELDS = ['ai.enabled', 'ai.base_url', 'ai.model', 'ai.api_key', 'ai.timeout_ms', 'ai.max_per_hour'];

export function BotAiPage() {
  const id = useId();
  const [ai, setAi] = useState<BotAiSettings | null>(null);
  const [key, setKey] = useState<string | null>(null);  // null: leave the stored key as it is
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  const load = () => {
    setState('loading');
    api<BotSettings>('GET', '/api/v1/bot').then((x) => { setAi(x.ai); setState('ready'); }).catch(() => setState('failed'));
  };
  useEffect(load, []);

  if (state === 'loading') return <div role="status" aria-label="Loading the AI settings"><Skeleton lines={4} /></div>;
  if (state === 'failed' || !ai) {
    return <p class="form-error" role="alert">Could not load the AI settings. <button type="button" class="btn btn-sm" onClick={load}>Retry</button></p>;
  }

  const save = async (patch: Partial<BotAiSettings> & { api_key?: string }, done: string) => {
    setBusy(true);
    setErrors({});
    try {
      const saved = await api<BotSettings>('PUT', '/api/v1/bot', { ai: patch });
      setAi(saved.ai);
      setKey(null);
      toast(done, 'success', 2500);
    } catch (ex) {
      setErrors(fieldErrorsOf(ex, FIELDS));
      toast(`Not saved: ${errorMessage(ex)}`, 'error', 6000);
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: Event) => {
    e.preventDefault();
    const { api_key_set: _set, ...rest } = ai;
    void save(key === null ? rest : { ...rest, api_key: key }, ai.enabled ? 'Saved: AI answers are on' : 'Saved: AI answers are off');
  };

  const field = (name: string, label: string, input: preact.JSX.Element, hint?: string) => (
    <div class="field">
      <label for={`${id}-${name}`}>{label}</label>
      {input}
      {hint && <span class="muted small" id={`${id}-${name}-hint`}>{hint}</span>}
      {errors[`ai.${name}`] && <span class="field-error" id={`${id}-${name}-error`} role="alert">{errors[`ai.${name}`]}</span>}
    </div>
  );
  const described = (name: string, hint = false) =>
    [errors[`ai.${name}`] ? `${id}-${name}-error` : '', hint ? `${id}-${name}-hint` : ''].filter(Boolean).join(' ') || undefined;

  return (
    <form class="bot-ai stack" onSubmit={submit} noValidate>
      <h2>AI answers</h2>
      <p class="muted">
        When the bot gets a question, it can ask a language model to answer from your top matching published articles,
        with links to them. When the articles do not hold the answer it says it does not know and offers a human; when
        the model fails or is too slow, the bot answers as it would without AI. Your key stays on the server.
      </p>
      <label class="check"><input type="checkbox" checked={ai.enabled} onChange={(e) => setAi({ ...ai, enabled: e.currentTarget.checked })} />
        The bot answers questions with AI</label>
      {field('base_url', 'Endpoint (base URL)',
        <input id={`${id}-base_url`} type="url" value={ai.base_url} placeholder="http://127.0.0.1:8081/v1" aria-describedby={described('base_url', true)}
          aria-invalid={errors['ai.base_url'] ? 'true' : undefined} onInput={(e) => setAi({ ...ai, base_url: e.currentTarget.value })} />,
        'Any OpenAI-compatible API: Parley posts to {base URL}/chat/completions.')}
      {field('model', 'Model',
        <input id={`${id}-model`} value={ai.model} placeholder="llama-3.1-8b-instruct" aria-describedby={described('model')}
          aria-invalid={errors['ai.model'] ? 'true' : undefined} onInput={(e) => setAi({ ...ai, model: e.currentTarget.value })} />)}
      {field('api_key', 'API key',
        <input id={`${id}-api_key`} type="password" autocomplete="off" value={key ?? ''} aria-describedby={described('api_key', true)}
          placeholder={ai.api_key_set ? 'A key is set: type a new one to replace it' : 'None (a local server may need none)'}
          onInput={(e) => setKey(e.currentTarget.value)} />,
        ai.api_key_set ? 'A key is set. It is never shown again.' : 'No key is set.')}
      {ai.api_key_set && key === null && (
        <button type="button" class="btn btn-sm" disabled={busy} onClick={() => void save({ api_key: '' }, 'The key is removed')}>Remove the key</button>
      )}
      <div class="row-actions">
        {field('timeout_ms', 'Time limit (seconds)',
          <input id={`${id}-timeout_ms`} type="number" min={1} max={120} step={1} value={Math.round(ai.timeout_ms / 1000)} aria-describedby={described('timeout_ms')}
            onInput={(e) => setAi({ ...ai, timeout_ms: Math.round(Number(e.currentTarget.value) * 1000) })} />)}
        {field('max_per_hour', 'Answers per hour at most',
          <input id={`${id}-max_per_hour`} type="number" min={1} max={10000} step={1} value={ai.max_per_hour} aria-describedby={described('max_per_hour')}
            onInput={(e) => setAi({ ...ai, max_per_hour: Math.round(Number(e.currentTarget.value)) })} />)}
      </div>
      {errors.form && <p class="form-error" role="alert">{errors.form}</p>}
      <div class="row-actions">
        <button type="submit" class="btn btn-primary" disabled={busy}>{busy ? 'Saving…' : 'Save'}</button>
      </div>
    </form>
  );
}
