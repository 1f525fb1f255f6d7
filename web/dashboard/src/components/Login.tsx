import { useEffect, useState } from 'preact/hooks';
import { ApiError, errorMessage } from '../api';
import { login } from '../stores/session';

export function Login({ notice }: { notice?: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const wait = useCountdown();

  const submit = async (e: Event) => {
    e.preventDefault();
    if (wait.left) return;
    setBusy(true);
    setError(null);
    try {
      await login(email.trim(), password);
    } catch (err) {
      // 429: the server's "too many failed logins, try again in N s"; the button waits as long.
      const msg = errorMessage(err);
      setError(msg.charAt(0).toUpperCase() + msg.slice(1));
      if (err instanceof ApiError && err.retryAfter) wait.start(err.retryAfter);
      setBusy(false);
    }
  };

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
