// #/profile: the signed-in agent's own settings: photo, name, email (with the current password),
// password (other sessions end), two-factor authentication, and which events notify them, how.
import { NotificationSettings } from './NotificationSettings';
import { PasswordForm } from './PasswordForm';
import { ProfileForm } from './ProfileForm';
import { TwoFactorSection } from './TwoFactorSection';

export function ProfilePage() {
  return (
    <div class="page profile-page">
      <header class="page-head"><h1>Your profile</h1><p class="muted">How your team and your visitors see you, and how Parley tells you about new chats.</p></header>
      <div class="profile-sections">
        <ProfileForm />
        <PasswordForm />
        <TwoFactorSection />
        <NotificationSettings />
      </div>
    </div>
  );
}

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
