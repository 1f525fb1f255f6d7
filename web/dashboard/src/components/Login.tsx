import { useState } from 'preact/hooks';
import { errorMessage } from '../api';
import { login } from '../stores/session';

export function Login({ notice }: { notice?: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(email.trim(), password);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <div class="login-page">
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
        <button class="btn btn-primary btn-block" type="submit" disabled={busy || !email || !password}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p class="muted small">No account? Ask an admin of your workspace to add you.</p>
      </form>
    </div>
  );
}
