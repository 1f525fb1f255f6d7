// Settings > API tokens (issue 15, item 6): the workspace's integration tokens with their scope and
// when they were last used; "Create token" shows the new token once (with Copy), "Revoke" asks first.
// Tokens are made and revoked by a signed-in admin only (the server refuses a token doing it).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, errorMessage } from '../../api';
import { fieldErrorsOf, type FieldErrors } from '../../lib/fieldErrors';
import { ago, fullTime } from '../../lib/format';
import { useStore } from '../../lib/store';
import { directory } from '../../stores/directory';
import { toast } from '../../stores/toasts';
import type { ApiToken, ApiTokenScope } from '../../../../shared/types';
import { CopyBox } from './CopyBox';
import { Dialog, EmptyState, Skeleton } from '../ui';

const SCOPES: { value: ApiTokenScope; label: string; help: string }[] = [
  { value: 'read', label: 'Read', help: 'Read conversations, contacts and reports (GET only).' },
  { value: 'write', label: 'Write', help: 'Also reply, assign, tag and update contacts, as an agent.' },
  { value: 'admin', label: 'Admin', help: 'Also change settings, agents and teams, as you.' },
];

export function ApiTokensSettings() {
  const [tokens, setTokens] = useState<ApiToken[]>([]);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [name, setName] = useState('');
  const [scope, setScope] = useState<ApiTokenScope>('read');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<{ token: string; name: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const agents = useStore(directory, (d) => d.agents);
  const nameInput = useRef<HTMLInputElement>(null);

  const load = () => {
    setState('loading');
    api<{ api_tokens: ApiToken[] }>('GET', '/api/v1/api-tokens')
      .then((r) => { setTokens(r.api_tokens); setState('ready'); }, () => setState('failed'));
  };
  useEffect(load, []);

  const create = async (e: Event) => {
    e.preventDefault();
    setErrors({});
    setBusy(true);
    try {
      const r = await api<{ api_token: ApiToken; token: string }>('POST', '/api/v1/api-tokens', { name: name.trim(), scope });
      setTokens([r.api_token, ...tokens]);
      setMade({ token: r.token, name: r.api_token.name });
      setName('');
    } catch (err) {
      setErrors(fieldErrorsOf(err, ['name', 'scope']));
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (t: ApiToken) => {
    try {
      await api('DELETE', `/api/v1/api-tokens/${t.id}`);
      setTokens(tokens.filter((x) => x.id !== t.id));
      toast(`${t.name} revoked`, 'success', 2500);
    } catch (err) {
      toast(`Not revoked: ${errorMessage(err)}`, 'error', 8000);
    }
    setRevoking(null);
  };
  const maker = (id: number) => agents.find((a) => a.id === id)?.name ?? `Agent ${id}`;

  return (
    <div class="api-tokens">
      <h2>API tokens</h2>
      <p class="muted">
        Tokens let your own programs and integrations use the <a href="/api/openapi.json" target="_blank" rel="noreferrer">REST API</a>:
        send <code>Authorization: Bearer pk_…</code>. A token acts as the admin who made it, within its scope.
      </p>
      {state === 'loading' ? <div role="status" aria-label="Loading API tokens"><Skeleton lines={3} /></div>
        : state === 'failed' ? (
          <p class="form-error" role="alert">Could not load the API tokens. <button type="button" class="btn btn-sm" onClick={load}>Retry</button></p>
        ) : tokens.length === 0 ? (
          <EmptyState icon="lock" title="No API tokens yet">
            <p>Create one below for each integration, so you can revoke one without breaking the others.</p>
          </EmptyState>
        ) : (
          <div class="table-scroll">
            <table class="table api-tokens-table">
              <caption class="sr-only">API tokens</caption>
              <thead><tr><th scope="col">Name</th><th scope="col">Scope</th><th scope="col">Token</th><th scope="col">Made</th><th scope="col">Last used</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
              <tbody>
                {tokens.map((t) => (
                  <tr key={t.id}>
                    <th scope="row">{t.name}</th>
                    <td data-label="Scope"><span class={`chip scope-${t.scope}`}>{t.scope}</span></td>
                    <td data-label="Token"><code aria-label={`ends in ${t.hint.slice(1)}`}>pk_{t.hint}</code></td>
                    <td data-label="Made" title={fullTime(t.created_at)}>{ago(t.created_at)} by {maker(t.created_by)}</td>
                    <td data-label="Last used" title={t.last_used_at ? fullTime(t.last_used_at) : undefined}>{t.last_used_at ? ago(t.last_used_at) : 'Never'}</td>
                    <td><button type="button" class="btn btn-sm danger" aria-label={`Revoke ${t.name}`} onClick={() => setRevoking(t)}>Revoke</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

      <h3>Create a token</h3>
      <form class="stack settings-form" onSubmit={create} noValidate>
        <label class="field"><span>Name</span>
          <input ref={nameInput} value={name} maxLength={80} placeholder="Zapier" aria-invalid={errors.name ? 'true' : undefined}
            aria-describedby={errors.name ? 'api-token-name-error' : undefined} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        {errors.name && <p id="api-token-name-error" class="form-error small" role="alert">{errors.name}</p>}
        <fieldset class="scope-choice">
          <legend>Scope</legend>
          {SCOPES.map((s) => (
            <label key={s.value} class="radio">
              <input type="radio" name="api-token-scope" value={s.value} checked={scope === s.value} onChange={() => setScope(s.value)} />
              <span><strong>{s.label}</strong> <span class="muted small">{s.help}</span></span>
            </label>
          ))}
        </fieldset>
        {errors.scope && <p class="form-error small" role="alert">{errors.scope}</p>}
        {errors.form && <p class="form-error" role="alert">{errors.form}</p>}
        <div class="row-actions"><button class="btn btn-primary" type="submit" disabled={busy}>{busy ? 'Creating…' : 'Create token'}</button></div>
      </form>

      {made && (
        <Dialog title={`${made.name}: your new token`} onClose={() => { setMade(null); nameInput.current?.focus(); }}>
          <div class="stack">
            <p>Copy it now: it is shown only this once. Store it as a secret in your integration.</p>
            <CopyBox text={made.token} label="The new API token" />
          </div>
          <div class="row-actions dialog-actions"><button type="button" class="btn btn-primary" onClick={() => { setMade(null); nameInput.current?.focus(); }}>Done</button></div>
        </Dialog>
      )}
      {revoking && (
        <Dialog title={`Revoke ${revoking.name}?`} onClose={() => setRevoking(null)}>
          <p>Programs using this token stop working at once. This cannot be undone.</p>
          <div class="row-actions dialog-actions">
            <button type="button" class="btn danger" onClick={() => void revoke(revoking)}>Revoke</button>
            <button type="button" class="btn" onClick={() => setRevoking(null)}>Cancel</button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
