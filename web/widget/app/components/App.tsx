import { useEffect, useState } from 'preact/hooks';
import type { Chat } from '../chat';
import { DEFAULT_PRECHAT, type PrechatField } from '../settings';
import { theme } from '../lib/color';
import { isRtl } from '../i18n';
import { cssString } from '../lib/launcher';
import { imageUrl } from '../../../shared/linkify';
import { useChat } from './useChat';
import { Header } from './Header';
import { Banners } from './Banners';
import { MessageList } from './MessageList';
import { Composer } from './Composer';
import { FormCard } from './Prechat';
import { Csat } from './Csat';
import { HelpSlot } from './HelpSlot';
import { EmailSlot } from './EmailSlot';

const OFFLINE_FIELDS: PrechatField[] = [
  { name: 'name', type: 'text', required: false },
  { name: 'email', type: 'email', required: true },
  { name: 'message', type: 'textarea', required: true },
];

export function App({ chat }: { chat: Chat }) {
  const s = useChat(chat);
  const t = chat.t;
  const [drag, setDrag] = useState(false);
  const [mail, setMail] = useState(false);
  const st = s.settings;
  const th = theme(st.color);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape' && !e.defaultPrevented) chat.requestClose(); };
    const onVis = () => chat.markRead();
    addEventListener('keydown', onKey);
    document.addEventListener('visibilitychange', onVis);
    return () => { removeEventListener('keydown', onKey); document.removeEventListener('visibilitychange', onVis); };
  }, [chat]);
  useEffect(() => {
    document.documentElement.lang = s.locale;
    document.documentElement.dir = isRtl(s.locale) ? 'rtl' : 'ltr';
  }, [s.locale]);

  const conv = s.conversation;
  const closedConv = !conv || conv.status === 'resolved';
  const showOffline = s.phase === 'ready' && !s.online && closedConv && !s.offlineSent;
  const fields = st.prechat?.fields?.length ? st.prechat.fields : DEFAULT_PRECHAT;
  const showPrechat = s.phase === 'ready' && !showOffline && !!st.prechat?.enabled && !s.prechatDone && !conv
    && !s.pending.length;
  const showComposer = s.phase === 'ready' && !showOffline && !showPrechat;
  // The chat's background: a built-in pattern in the workspace colour, or an image under a veil that keeps
  // the text on it readable.
  const wall = st.background === 'image' ? imageUrl(st.background_image, location.origin) : null;
  const bg = wall ? ' bg-image' : /^(dots|grid|diagonal|waves)$/.test(st.background) ? ' bg-' + st.background : '';

  return (
    <div class={'pw' + (st.dark_mode ? ' dark' : '') + bg} role="dialog"
      aria-label={t('chatWith', { name: s.workspaceName || chat.text('greeting') })}
      style={{ '--pc': th.bg, '--pf': th.fg, ...(wall ? { '--wall': `url(${cssString(wall)})` } : {}) } as any}
      onDragOver={(e) => { if (showComposer && e.dataTransfer?.types.includes('Files')) { e.preventDefault(); setDrag(true); } }}
      onDragLeave={(e) => { if (e.target === e.currentTarget) setDrag(false); }}
      onDrop={(e) => {
        if (!showComposer) return;
        e.preventDefault();
        setDrag(false);
        for (const f of Array.from(e.dataTransfer?.files || [])) chat.sendFile(f);
      }}>
      <Header s={s} t={t} text={(k) => chat.text(k)} onClose={() => chat.requestClose()}
        onMail={s.phase === 'ready' && conv ? () => setMail(!mail) : undefined} />
      <Banners s={s} t={t} onDismiss={() => chat.dismissError()} />
      {mail && conv && <EmailSlot chat={chat} id={conv.id} onClose={() => setMail(false)} />}
      {s.phase === 'ready' && <HelpSlot chat={chat} show={s.open} />}
      <MessageList s={s} t={t} onRetry={(c) => chat.retry(c)}
        onPress={(m, id, label) => chat.send(label, [], { message_id: m.id, option_id: id })}>
        {s.phase === 'boot' && <div class="load" role="status"><i /><i /><i /><span class="sr">{t('loading')}</span></div>}
        {s.phase === 'ready' && !s.messages.length && !s.pending.length && !showOffline && (
          <div class="row"><div class="col"><div class="bub">{t('askAway')}</div></div></div>
        )}
        {s.csat !== 'none' && conv && <Csat t={t} done={s.csat === 'done'} onSubmit={(n, c) => chat.submitCsat(n, c)} />}
        {showPrechat && <FormCard id="prechat" title={t('prechatTitle')} intro={t('prechatIntro')} fields={fields}
          submit={t('startChat')} t={t} onSubmit={(v) => chat.submitPrechat(v)} />}
        {(showOffline || s.offlineSent) && <FormCard id="offline" title={t('offlineTitle')} intro={t('offlineIntro')}
          fields={OFFLINE_FIELDS} submit={t('sendMessage')} t={t} done={s.offlineSent ? t('offlineSent') : undefined}
          onSubmit={(v) => chat.submitOffline({ name: v.name, email: v.email, message: v.message })} />}
      </MessageList>
      {showComposer && <Composer t={t} open={s.open} locale={s.locale} recent={s.recentEmoji}
        onSend={(x) => chat.send(x)} onTyping={(d) => chat.typing(d)} onFile={(f) => chat.sendFile(f)}
        onEmoji={(e) => chat.usedEmoji(e)} />}
      {drag && <div class="drop" aria-hidden="true">{t('dropHere')}</div>}
    </div>
  );
}
