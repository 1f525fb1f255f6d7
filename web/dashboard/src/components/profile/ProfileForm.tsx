import { useRef, useState } from 'preact/hooks';
import { api, uploadFile } from '../../api';
import { fieldErrorsOf, type FieldErrors } from '../../lib/fieldErrors';
import { useStore } from '../../lib/store';
import { loadAgents } from '../../stores/directory';
import { session, updateMe } from '../../stores/session';
import { toast } from '../../stores/toasts';
import type { Agent } from '../../../../shared/types';
import { Avatar, Icon } from '../ui';
import { Field } from './Field';

const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

/** Photo (POST /api/v1/uploads, then avatar_url), name and email. Changing the email asks for the password. */
export function ProfileForm() {
  const s = useStore(session);
  const agent = s.phase === 'ready' ? s.agent : null;
  const [name, setName] = useState(agent?.name ?? '');
  const [email, setEmail] = useState(agent?.email ?? '');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(false);
  const file = useRef<HTMLInputElement>(null);
  if (!agent) return null;
  const emailChanged = email.trim().toLowerCase() !== agent.email.toLowerCase();

  const patch = async (body: Record<string, unknown>): Promise<Agent> => {
    const r = await api<{ agent: Agent }>('PATCH', `/api/v1/agents/${agent.id}`, body);
    updateMe(r.agent);
    void loadAgents().catch(() => {});
    return r.agent;
  };

  const setPhoto = async (f: File | undefined) => {
    if (!f) return;
    if (!IMAGE_TYPES.includes(f.type)) { setErrors({ avatar_url: 'Choose a PNG, JPEG, GIF or WebP image.' }); return; }
    setUploading(true);
    setErrors({});
    try {
      const up = await uploadFile(f);
      await patch({ avatar_url: up.url });
      toast('Photo saved: visitors see it in the chat', 'success');
    } catch (err) {
      setErrors({ avatar_url: fieldErrorsOf(err, []).form });
    } finally {
      setUploading(false);
    }
  };

  const save = async (e: Event) => {
    e.preventDefault();
    const found: FieldErrors = {};
    if (!name.trim()) found.name = 'Enter your name.';
    if (!/^[^@\s]+@[^@\s]+$/.test(email.trim())) found.email = 'Enter an email address, like sam@example.com.';
    if (emailChanged && !password) found.current_password = 'Enter your current password to change your email.';
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await patch({ name: name.trim(), ...(emailChanged ? { email: email.trim(), current_password: password } : {}) });
      setPassword('');
      toast(emailChanged ? 'Saved. Sign in with your new email from now on.' : 'Profile saved', 'success');
    } catch (err) {
      setErrors(fieldErrorsOf(err, ['name', 'email', 'current_password']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card-section" aria-labelledby="profile-title">
      <h2 id="profile-title">Profile</h2>
      <div class="avatar-edit">
        <Avatar name={agent.name} url={agent.avatar_url} size={72} />
        <div class="stack-sm">
          <p class="muted small">Your photo shows next to your replies in the chat widget and in your team’s inbox.</p>
          <div class="row-actions">
            <button type="button" class="btn" disabled={uploading} onClick={() => file.current?.click()}>
              <Icon name="camera" size={16} /> {uploading ? 'Uploading…' : agent.avatar_url ? 'Change photo' : 'Upload a photo'}
            </button>
            {agent.avatar_url && <button type="button" class="btn danger" disabled={uploading} onClick={() => void patch({ avatar_url: '' }).then(() => toast('Photo removed', 'success'))}>Remove</button>}
          </div>
          <input ref={file} type="file" accept={IMAGE_TYPES.join(',')} hidden aria-label="Photo file" onChange={(e) => { void setPhoto(e.currentTarget.files?.[0]); e.currentTarget.value = ''; }} />
          {errors.avatar_url && <span class="field-error" role="alert">{errors.avatar_url}</span>}
        </div>
      </div>
      <form class="stack settings-form" onSubmit={save} noValidate>
        <Field id="profile-name" label="Name" error={errors.name}>
          <input id="profile-name" value={name} maxLength={100} autoComplete="name" aria-invalid={!!errors.name}
            aria-describedby={errors.name ? 'profile-name-error' : undefined} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field id="profile-email" label="Email" error={errors.email} hint="You sign in with this address.">
          <input id="profile-email" type="email" value={email} autoComplete="email" aria-invalid={!!errors.email}
            aria-describedby={errors.email ? 'profile-email-error' : 'profile-email-hint'} onInput={(e) => setEmail(e.currentTarget.value)} />
        </Field>
        {emailChanged && (
          <Field id="profile-email-password" label="Current password" error={errors.current_password} hint="Needed to change the address you sign in with.">
            <input id="profile-email-password" type="password" value={password} autoComplete="current-password" aria-invalid={!!errors.current_password}
              aria-describedby={errors.current_password ? 'profile-email-password-error' : 'profile-email-password-hint'} onInput={(e) => setPassword(e.currentTarget.value)} />
          </Field>
        )}
        {errors.form && <p class="form-error" role="alert">{errors.form}</p>}
        <div class="row-actions"><button type="submit" class="btn btn-primary" disabled={busy}>{busy ? 'Saving…' : 'Save profile'}</button></div>
      </form>
    </section>
  );
}
