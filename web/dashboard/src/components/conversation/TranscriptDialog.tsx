// "Send transcript" (issue 15, item 2), from a conversation's menu: the whole conversation by email, to the contact's
// address unless the agent types another. The server queues it (202) and the mail worker sends it; a bad address is
// named next to the field, anything else (email off on this server, a full outbox) is a toast.
import { useState } from 'preact/hooks';
import { api, ApiError } from '../../api';
import { fieldErrorsOf } from '../../lib/fieldErrors';
import { toast, toastError } from '../../stores/toasts';
import type { Conversation, TranscriptQueued } from '../../../../shared/types';
import { Dialog } from '../ui';

export function TranscriptDialog({ conv, onClose }: { conv: Conversation; onClose: () => void }) {
  const [email, setEmail] = useState(conv.contact?.email ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const to = email.trim();
      const r = await api<TranscriptQueued>('POST', `/api/v1/conversations/${conv.id}/transcript`, to ? { email: to } : {});
      toast(`Transcript queued to ${r.to}`, 'success', 4000);
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.field === 'email') setError(fieldErrorsOf(err, ['email']).email);
      else { toastError(err, 'Transcript not sent'); onClose(); }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Send transcript" onClose={onClose}>
      <form class="stack" onSubmit={send} noValidate>
        <p class="muted">The whole conversation, as an email to this address.</p>
        <label class="field"><span>Send to</span>
          <input type="email" autoComplete="email" inputMode="email" maxLength={254} value={email} placeholder="jo@example.com"
            aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'transcript-email-error' : undefined}
            onInput={(e) => setEmail(e.currentTarget.value)} />
        </label>
        {error && <p id="transcript-email-error" class="form-error small" role="alert">{error}</p>}
        <div class="row-actions dialog-actions">
          <button class="btn btn-primary" type="submit" disabled={busy}>{busy ? 'Sending…' : 'Send transcript'}</button>
          <button class="btn" type="button" onClick={onClose}>Cancel</button>
        </div>
      </form>
    </Dialog>
  );
}
