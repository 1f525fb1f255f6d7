// Profile > Two-factor authentication: set up (QR code, manual key, confirm with a code), the 10 recovery codes
// shown once (copy, download), new recovery codes, turn off (a code or the password). Also the whole page of an
// agent whose workspace requires it before anything else (TwoFactorEnrolPage).
import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../../api';
import { saveBlob } from '../../lib/download';
import { fieldErrorsOf, type FieldErrors } from '../../lib/fieldErrors';
import { cleanCode, groupKey, isAppCode, looksLikeCode, recoveryCodesText, svgDataUrl } from '../../lib/twoFactor';
import { logout, session, twoFactorSetUp } from '../../stores/session';
import { toast } from '../../stores/toasts';
import { CopyBox } from '../settings/CopyBox';
import { Field } from './Field';
import './two-factor.css';

interface Status { enabled: boolean; pending: boolean; required: boolean; recovery_codes_left: number }
interface Setup { secret: string; otpauth_uri: string; qr_svg: string | null }

type View =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'status'; status: Status }
  | { kind: 'setup'; setup: Setup }
  | { kind: 'codes'; codes: string[]; status: Status };

export function TwoFactorSection({ onEnabled }: { onEnabled?: () => void }) {
  const [view, setView] = useState<View>({ kind: 'loading' });
  const load = () => {
    setView({ kind: 'loading' });
    api<Status>('GET', '/api/v1/me/two-factor')
      .then((status) => setView({ kind: 'status', status }))
      .catch((err) => setView({ kind: 'error', message: errorMessage(err) }));
  };
  useEffect(load, []);

  const begin = async () => {
    try {
      setView({ kind: 'setup', setup: await api<Setup>('POST', '/api/v1/me/two-factor/setup') });
    } catch (err) {
      toast(`Could not start: ${errorMessage(err)}`, 'error', 8000);
    }
  };

  return (
    <section class="card-section two-factor" aria-labelledby="tf-title" aria-busy={view.kind === 'loading'}>
      <h2 id="tf-title">Two-factor authentication</h2>
      {view.kind === 'loading' && <p class="muted" role="status"><span class="spinner" aria-hidden="true" /> Loading…</p>}
      {view.kind === 'error' && (
        <div class="stack">
          <p class="form-error" role="alert">Could not load it: {view.message}</p>
          <div class="row-actions"><button type="button" class="btn" onClick={load}>Try again</button></div>
        </div>
      )}
      {view.kind === 'status' && !view.status.enabled && (
        <div class="stack">
          <p><span class="chip">Off</span> {view.status.required ? 'Your workspace requires it: set it up to continue.' : 'Sign-ins ask only for your password.'}</p>
          <p class="muted small">With it on, signing in also asks for a 6-digit code from an authenticator app on your phone
            (Google Authenticator, 1Password, Authy, Microsoft Authenticator…), so a stolen password alone is not enough.</p>
          <div class="row-actions"><button type="button" class="btn btn-primary" onClick={() => void begin()}>Set up two-factor authentication</button></div>
        </div>
      )}
      {view.kind === 'setup' && (
        <SetupSteps setup={view.setup} onCancel={load}
          onDone={(codes) => { setView({ kind: 'codes', codes, status: { enabled: true, pending: false, required: false, recovery_codes_left: codes.length } }); onEnabled?.(); }} />
      )}
      {view.kind === 'codes' && <RecoveryCodes codes={view.codes} onDone={load} />}
      {view.kind === 'status' && view.status.enabled && (
        <EnabledPanel status={view.status} onCodes={(codes) => setView({ kind: 'codes', codes, status: view.status })} onOff={load} />
      )}
    </section>
  );
}

function SetupSteps({ setup, onCancel, onDone }: { setup: Setup; onCancel: () => void; onDone: (codes: string[]) => void }) {
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const confirm = async (e: Event) => {
    e.preventDefault();
    if (!isAppCode(code)) {
      setErrors({ code: 'Enter the 6 digits your app shows.' });
      return;
    }
    setBusy(true);
    try {
      const r = await api<{ recovery_codes: string[] }>('POST', '/api/v1/me/two-factor/confirm', { code: cleanCode(code) });
      toast('Two-factor authentication is on', 'success');
      onDone(r.recovery_codes);
    } catch (err) {
      setErrors(fieldErrorsOf(err, ['code']));
      setBusy(false);
    }
  };
  return (
    <div class="stack">
      <ol class="tf-steps">
        <li>Open your authenticator app and add an account by scanning this QR code.</li>
      </ol>
      <div class="tf-qr-row">
        {setup.qr_svg
          ? <img class="tf-qr" src={svgDataUrl(setup.qr_svg)} width={192} height={192} alt="QR code for your authenticator app" />
          : <p class="muted">No QR code: type the key instead.</p>}
        <div class="stack tf-key">
          <p class="muted small">Cannot scan? Enter this key by hand (time-based, 6 digits):</p>
          <CopyBox label="Manual key" text={groupKey(setup.secret)} />
        </div>
      </div>
      <form class="stack settings-form" onSubmit={confirm} noValidate>
        <Field id="tf-confirm-code" label="2. Enter the 6-digit code the app shows" error={errors.code}>
          <input id="tf-confirm-code" class="code-input" inputMode="numeric" autoComplete="one-time-code" maxLength={7} value={code}
            aria-invalid={!!errors.code} aria-describedby={errors.code ? 'tf-confirm-code-error' : undefined}
            onInput={(e) => setCode(e.currentTarget.value)} />
        </Field>
        {errors.form && <p class="form-error" role="alert">{errors.form}</p>}
        <div class="row-actions">
          <button type="submit" class="btn btn-primary" disabled={busy}>{busy ? 'Checking…' : 'Turn on'}</button>
          <button type="button" class="btn" onClick={onCancel} disabled={busy}>Cancel</button>
        </div>
      </form>
    </div>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const s = session.get();
  const account = s.phase === 'ready' ? s.agent.email : '';
  const workspace = s.phase === 'ready' ? s.workspace.name : '';
  const text = recoveryCodesText(codes, account, workspace);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      toast('Copying is blocked here: use Download', 'error');
    }
  };
  const download = () => saveBlob(new Blob([text], { type: 'text/plain' }), 'parley-recovery-codes.txt');
  return (
    <div class="stack">
      <p class="notice" role="status">Save these recovery codes somewhere safe. Each one signs you in once if you lose your phone.
        They are shown only now.</p>
      <ul class="tf-codes mono" aria-label="Recovery codes">{codes.map((c) => <li key={c}>{c}</li>)}</ul>
      <span class="sr-only" role="status" aria-live="polite">{copied ? 'Copied to the clipboard' : ''}</span>
      <div class="row-actions">
        <button type="button" class="btn" onClick={() => void copy()}>{copied ? 'Copied' : 'Copy'}</button>
        <button type="button" class="btn" onClick={download}>Download</button>
        <button type="button" class="btn btn-primary" onClick={onDone}>I have saved them</button>
      </div>
    </div>
  );
}

function EnabledPanel({ status, onCodes, onOff }: { status: Status; onCodes: (codes: string[]) => void; onOff: () => void }) {
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState<'codes' | 'off' | null>(null);
  const regenerate = async (e: Event) => {
    e.preventDefault();
    if (!looksLikeCode(code)) { setErrors({ code: 'Enter a code from your app or a recovery code.' }); return; }
    setBusy('codes');
    try {
      const r = await api<{ recovery_codes: string[] }>('POST', '/api/v1/me/two-factor/recovery-codes', { code: code.trim() });
      onCodes(r.recovery_codes);
    } catch (err) {
      setErrors(fieldErrorsOf(err, ['code']));
    } finally {
      setBusy(null);
    }
  };
  const turnOff = async (e: Event) => {
    e.preventDefault();
    if (!password && !looksLikeCode(code)) { setErrors({ current_password: 'Enter your password, or a code above.' }); return; }
    setBusy('off');
    try {
      await api('POST', '/api/v1/me/two-factor/disable', password ? { current_password: password } : { code: code.trim() });
      toast('Two-factor authentication is off', 'success');
      onOff();
    } catch (err) {
      setErrors(fieldErrorsOf(err, ['code', 'current_password']));
      setBusy(null);
    }
  };
  return (
    <div class="stack">
      <p><span class="chip tf-on">On</span> Signing in asks for a code from your app.
        {' '}{status.recovery_codes_left} recovery code{status.recovery_codes_left === 1 ? '' : 's'} left.</p>
      <form class="stack settings-form" onSubmit={regenerate} noValidate>
        <Field id="tf-code" label="Code from your app" error={errors.code} hint="New recovery codes replace the old ones.">
          <input id="tf-code" class="code-input" autoComplete="one-time-code" maxLength={32} value={code}
            aria-invalid={!!errors.code} aria-describedby={errors.code ? 'tf-code-error' : 'tf-code-hint'}
            onInput={(e) => setCode(e.currentTarget.value)} />
        </Field>
        <div class="row-actions"><button type="submit" class="btn" disabled={!!busy}>{busy === 'codes' ? 'Making…' : 'New recovery codes'}</button></div>
      </form>
      {status.required
        ? <p class="muted small">Your workspace requires two-factor authentication, so it cannot be turned off.</p>
        : (
          <form class="stack settings-form" onSubmit={turnOff} noValidate>
            <Field id="tf-password" label="Password (to turn it off)" error={errors.current_password}>
              <input id="tf-password" type="password" autoComplete="current-password" value={password}
                aria-invalid={!!errors.current_password} aria-describedby={errors.current_password ? 'tf-password-error' : undefined}
                onInput={(e) => setPassword(e.currentTarget.value)} />
            </Field>
            {errors.form && <p class="form-error" role="alert">{errors.form}</p>}
            <div class="row-actions"><button type="submit" class="btn danger" disabled={!!busy}>{busy === 'off' ? 'Turning off…' : 'Turn off'}</button></div>
          </form>
        )}
    </div>
  );
}

/** The whole page for an agent whose workspace requires two-factor authentication they have not set up. */
export function TwoFactorEnrolPage() {
  const [done, setDone] = useState(false);
  return (
    <main class="login-page">
      <div class="login-card tf-enrol">
        <div class="brand brand-lg" aria-hidden="true"><span class="brand-mark" />Parley</div>
        <h1>Set up two-factor authentication</h1>
        <p class="muted">Your workspace asks everyone to use a code from an authenticator app when signing in.</p>
        <TwoFactorSection onEnabled={() => setDone(true)} />
        <div class="row-actions">
          {done && <button type="button" class="btn btn-primary" onClick={twoFactorSetUp}>Continue to Parley</button>}
          <button type="button" class="btn btn-ghost" onClick={() => void logout()}>Sign out</button>
        </div>
      </div>
    </main>
  );
}
