import { useState } from 'preact/hooks';
import { api } from '../../api';
import { fieldErrorsOf, type FieldErrors } from '../../lib/fieldErrors';
import { toast } from '../../stores/toasts';
import { Field } from './Field';

/** POST /api/v1/me/password: this browser stays signed in, every other session of the account ends. */
export function PasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    const found: FieldErrors = {};
    if (!current) found.current_password = 'Enter your current password.';
    if (next.length < 8) found.new_password = 'Use at least 8 characters.';
    else if (next === current) found.new_password = 'Choose a password other than the current one.';
    if (!found.new_password && again !== next) found.confirm = 'The two new passwords differ.';
    setErrors(found);
    setDone(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const r = await api<{ ended_sessions: number }>('POST', '/api/v1/me/password', { current_password: current, new_password: next });
      setCurrent(''); setNext(''); setAgain('');
      const text = r.ended_sessions > 0
        ? `Password changed. ${r.ended_sessions} other session${r.ended_sessions === 1 ? ' was' : 's were'} signed out; this one stays.`
        : 'Password changed. You stay signed in here.';
      setDone(text);
      toast('Password changed', 'success');
    } catch (err) {
      setErrors(fieldErrorsOf(err, ['current_password', 'new_password']));
    } finally {
      setBusy(false);
    }
  };

  const input = (id: string, value: string, set: (v: string) => void, auto: string, err?: string) => (
    <input id={id} type="password" value={value} autoComplete={auto} aria-invalid={!!err} aria-describedby={err ? `${id}-error` : undefined}
      onInput={(e) => set(e.currentTarget.value)} />
  );
  return (
    <section class="card-section" aria-labelledby="password-title">
      <h2 id="password-title">Password</h2>
      <p class="muted small">Changing it signs you out everywhere else (other browsers, phones); this browser stays signed in.</p>
      <form class="stack settings-form" onSubmit={submit} noValidate>
        <Field id="pw-current" label="Current password" error={errors.current_password}>{input('pw-current', current, setCurrent, 'current-password', errors.current_password)}</Field>
        <Field id="pw-new" label="New password" error={errors.new_password} hint="At least 8 characters.">{input('pw-new', next, setNext, 'new-password', errors.new_password)}</Field>
        <Field id="pw-confirm" label="New password again" error={errors.confirm}>{input('pw-confirm', again, setAgain, 'new-password', errors.confirm)}</Field>
        {errors.form && <p class="form-error" role="alert">{errors.form}</p>}
        {done && <p class="notice" role="status">{done}</p>}
        <div class="row-actions"><button type="submit" class="btn btn-primary" disabled={busy}>{busy ? 'Changing…' : 'Change password'}</button></div>
      </form>
    </section>
  );
}
