// "Email me this conversation" (issue 15, item 2), the entry of a lazy chunk (components/EmailSlot.tsx imports it
// when the visitor asks): a small form under the header, prefilled with the email the visitor gave, that asks the
// server to queue the transcript and then says where it went, or why not. Its strings and styles come with it.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Chat } from '../chat';
import type { TranscriptQueued } from '../../../shared/types';
import { emailTranslator, type EmailKey, type EmailT } from './i18n';
import { failureKey, plausibleEmail } from './outcome';
import css from './email.css?inline';

let styled = false;
type Phase = { k: 'edit' } | { k: 'busy' } | { k: 'sent'; to: string } | { k: 'err'; key: EmailKey };

export function EmailForm({ chat, id, onClose }: { chat: Chat; id: number; onClose: () => void }) {
  const [t, setT] = useState<EmailT | null>(null);
  const [email, setEmail] = useState(chat.email);
  const [phase, setPhase] = useState<Phase>({ k: 'edit' });
  const input = useRef<HTMLInputElement>(null);
  // Where the focus goes back to: the header's button that opened this.
  const [opener] = useState(() => document.activeElement as HTMLElement | null);

  useEffect(() => {
    if (!styled) {
      styled = true;
      const el = document.createElement('style');
      el.textContent = css;
      document.head.append(el);
    }
    void emailTranslator(chat.state.locale).then((tr) => setT(() => tr));
    return () => opener?.focus();
  }, []);
  useEffect(() => { if (t) input.current?.focus(); }, [t]);
  if (!t) return null;

  const submit = (e: Event) => {
    e.preventDefault();
    const to = email.trim();
    if (!plausibleEmail(to)) return setPhase({ k: 'err', key: 'invalid' });
    setPhase({ k: 'busy' });
    chat.call<TranscriptQueued>('POST', `/api/v1/widget/conversations/${id}/transcript`, { email: to }).then(
      (r) => setPhase({ k: 'sent', to: r.to || to }),
      (err) => setPhase({ k: 'err', key: failureKey(err) }));
  };
  const bad = phase.k === 'err' && phase.key === 'invalid';
  const note = phase.k === 'sent' ? t('sent', { to: phase.to }) : phase.k === 'err' ? t(phase.key)
    : phase.k === 'busy' ? t('sending') : '';

  return (
    <form class="em" aria-labelledby="em-h" noValidate onSubmit={submit}
      onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); onClose(); } }}>
      <h2 id="em-h" class="em-h">{chat.t('emailMe')}</h2>
      {phase.k !== 'sent' && (
        <div class="em-row">
          <label class="sr" for="em-in">{t('label')}</label>
          <input id="em-in" ref={input} type="email" autocomplete="email" inputMode="email" maxLength={254}
            placeholder={t('label')} value={email} aria-invalid={bad} aria-describedby="em-note"
            onInput={(e) => setEmail((e.target as HTMLInputElement).value)} />
          <button type="submit" class="em-go" disabled={phase.k === 'busy'}>{t('go')}</button>
        </div>
      )}
      <p id="em-note" class={'em-note' + (phase.k === 'err' ? ' em-bad' : '')} role="status" aria-live="polite">{note}</p>
      <button type="button" class="em-x" onClick={onClose}>{t('cancel')}</button>
    </form>
  );
}
