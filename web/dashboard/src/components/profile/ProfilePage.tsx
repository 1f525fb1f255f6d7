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
