import { useEffect, useState } from 'preact/hooks';
import { ApiError, errorMessage } from '../api';
import { looksLikeCode } from '../lib/twoFactor';
import './profile/two-factor.css';
import { login, loginWithCode } from '../stores/session';

export function Login({ notice }: { notice?: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const wait = useCountdown();
  // Two-factor: the password step's challenge while the code is asked.
  const [challenge, setChallenge] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [remember, setRemember] = useState(false);

  const fail = (err: unknown) => {
    const msg = errorMessage(err);
    setError(msg.charAt(0).toUpperCase() + msg.slice(1));
    if (err instanceof ApiError && err.retryAfter) wait.start(err.retryAfter);
    setBusy(false);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (wait.left) return;
    setBusy(true);
    setError(null);
    try {
      const next = await login(email.trim(), password);
      if (next) {
        setChallenge(next.challenge);
        setCode('');
        setBusy(false);
      }
    } catch (err) {
      // 429: the server's "too many failed logins, try again in N s"; the button waits as long.
      fail(err);
    }
  };

  const submitCode = async (e: Event) => {
    e.preventDefault();
    if (wait.left || !challenge) return;
    setBusy(true);
    setError(null);
    try {
      await loginWithCode(email.trim(), challenge, code.trim(), remember);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'invalid_challenge') {
        setChallenge(null);
        setPassword('');
      }
      fail(err);
    }
  };

  if (challenge) {
    return (
      <main class="login-page">
        <form class="login-card" onSubmit={submitCode} aria-labelledby="login-title">
          <div class="brand brand-lg" aria-hidden="true"><span class="brand-mark" />Parley</div>
          <h1 id="login-title">Two-factor authentication</h1>
          <p class="muted">Enter the 6-digit code from your authenticator app, or one of your recovery codes.</p>
          <label class="field">
            <span>Code</span>
            <input name="code" autoComplete="one-time-code" inputMode="text" autoCapitalize="off" spellcheck={false}
              required value={code} onInput={(e) => setCode(e.currentTarget.value)} autoFocus maxLength={32}
              aria-describedby="login-code-hint" class="code-input" />
          </label>
          <small id="login-code-hint" class="muted small">A recovery code looks like abcde-fgh23 and works once.</small>
          <label class="check"><input type="checkbox" checked={remember} onChange={(e) => setRemember(e.currentTarget.checked)} /> Remember this device for 30 days</label>
          {error && <p class="form-error" role="alert">{error}</p>}
          <button class="btn btn-primary btn-block" type="submit" disabled={busy || !!wait.left || !looksLikeCode(code)}>
            {busy ? 'Checking…' : wait.left ? `Try again in ${wait.left} s` : 'Verify'}
          </button>
          <button type="button" class="btn btn-ghost btn-block" onClick={() => { setChallenge(null); setError(null); setPassword(''); }}>
            Back to sign in
          </button>
        </form>
      </main>
    );
  }

  return (
    <main class="login-page">
      <form class="login-card" onSubmit={submit} aria-labelledby="login-title" noValidate={false}>
        <div class="brand brand-lg" aria-hidden="true"><span class="brand-mark" />Parley</div>
        <h1 id="login-title">Sign in to your inbox</h1>
        <p class="muted">Talk to the people on your site, live.</p>
        {notice && <p class="notice" role="status">{notice}</p>}
        <label class="field">
          <span>Email</span>
          <input type="email" name="email" autoComplete="username" required value={email}
            onInput={(e) => setEmail(e.currentTarget.value)} autoFocus />
        </label>
        <label class="field">
          <span>Password</span>
          <input type="password" name="password" autoComplete="current-password" required value={password}
            onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        {error && <p class="form-error" role="alert">{error}</p>}
        <button class="btn btn-primary btn-block" type="submit" disabled={busy || !!wait.left || !email || !password}>
          {busy ? 'Signing in…' : wait.left ? `Try again in ${wait.left} s` : 'Sign in'}
        </button>
        <p class="muted small">No account? Ask an admin of your workspace to add you.</p>
      </form>
    </main>
  );
}

/** Seconds left of a wait the server asked for (Retry-After), ticking down to 0. */
function useCountdown(): { left: number; start(seconds: number): void } {
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until <= now) return;
    const id = setTimeout(() => setNow(Date.now()), Math.min(1000, until - now));
    return () => clearTimeout(id);
  }, [until, now]);
  return {
    left: Math.max(0, Math.ceil((until - now) / 1000)),
    start: (seconds) => { const t = Date.now(); setNow(t); setUntil(t + seconds * 1000); },
  };
}
