// Block a visitor (issue 16, item 4), from the conversation's "More options" and the contact page:
// this contact, or an address or range typed in (Parley does not keep visitors' addresses). The
// visitor's widget then says only "You can't send messages in this chat."; the history stays here.
// Unblocking is in Settings > Blocked (admins).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { fieldErrorsOf, type FieldErrors } from '../../lib/fieldErrors';
import { buildHash } from '../../stores/router';
import type { Block } from '../../../../shared/types';
import { Dialog } from '../ui';

export function BlockDialog({ contactId, name, onClose, onBlocked }: {
  contactId: number; name: string; onClose: () => void; onBlocked: (b: Block) => void;
}) {
  const [kind, setKind] = useState<'contact' | 'ip'>('contact');
  const [ip, setIp] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [existing, setExisting] = useState<Block | null | undefined>(undefined);

  useEffect(() => {
    api<{ blocks: Block[] }>('GET', `/api/v1/blocks?contact_id=${contactId}`)
      .then((r) => setExisting(r.blocks[0] ?? null), () => setExisting(null));
  }, [contactId]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setErrors({});
    setBusy(true);
    try {
      const body = kind === 'contact' ? { contact_id: contactId, reason: reason.trim() } : { ip: ip.trim(), reason: reason.trim() };
      const r = await api<{ block: Block }>('POST', '/api/v1/blocks', body);
      onBlocked(r.block);
    } catch (err) {
      setErrors(fieldErrorsOf(err, ['ip', 'reason']));
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Block ${name}?`} onClose={onClose}>
      <form class="stack" onSubmit={submit} noValidate>
        {existing && kind === 'contact' && (
          <p class="muted" role="status">{name} is already blocked. <a href={buildHash(['settings', 'blocked'])}>See the blocked list</a>.</p>
        )}
        <p>They will no longer be able to send messages, files or the offline form. They are only told that they can't send
          messages in this chat. Their conversations stay here.</p>
        <fieldset class="scope-choice">
          <legend>Block</legend>
          <label class="radio"><input type="radio" name="block-kind" checked={kind === 'contact'} onChange={() => setKind('contact')} /> <span>This visitor</span></label>
          <label class="radio"><input type="radio" name="block-kind" checked={kind === 'ip'} onChange={() => setKind('ip')} /> <span>An IP address or range</span></label>
        </fieldset>
        {kind === 'ip' && (
          <label class="field"><span>Address or range</span>
            <input value={ip} placeholder="203.0.113.7 or 203.0.113.0/24" maxLength={64} autoComplete="off" spellcheck={false}
              aria-invalid={errors.ip ? 'true' : undefined} aria-describedby={errors.ip ? 'block-ip-error' : undefined}
              onInput={(e) => setIp(e.currentTarget.value)} />
          </label>
        )}
        {errors.ip && <p id="block-ip-error" class="form-error small" role="alert">{errors.ip}</p>}
        <label class="field"><span>Reason <span class="muted">(optional, only agents see it)</span></span>
          <textarea rows={2} value={reason} maxLength={500} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
        {errors.reason && <p class="form-error small" role="alert">{errors.reason}</p>}
        {errors.form && <p class="form-error" role="alert">{errors.form}</p>}
        <div class="row-actions dialog-actions">
          <button type="submit" class="btn danger" disabled={busy || (kind === 'contact' && !!existing)}>{busy ? 'Blocking…' : 'Block'}</button>
          <button type="button" class="btn" onClick={onClose}>Cancel</button>
        </div>
      </form>
    </Dialog>
  );
}
