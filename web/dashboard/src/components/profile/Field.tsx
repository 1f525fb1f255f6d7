// The profile forms' labelled input (PasswordForm, ProfileForm, TwoFactorSection).
/** An input with its label and, when there is one, its error (announced, and tied to the input). */
export function Field({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: string; children: preact.ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {hint && !error && <span class="muted small" id={`${id}-hint`}>{hint}</span>}
      {error && <span class="field-error" id={`${id}-error`} role="alert">{error}</span>}
    </div>
  );
}
