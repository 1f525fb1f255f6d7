import { useEffect, useRef, useState } from 'preact/hooks';
import type { T } from '../i18n';
import { Icon } from './Icon';
import { paths } from '../icons';

const ACCEPT = 'image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,application/zip,.txt,.zip,.pdf';

type Picker = typeof import('./EmojiPicker').EmojiPicker;
let pickerChunk: Promise<Picker> | null = null;
const pickerModule = () => import('./EmojiPicker');

export function Composer({ t, open, locale, recent, onSend, onTyping, onFile, onEmoji }: {
  t: T; open: boolean; locale: string; recent: string[]; onSend: (text: string) => void;
  onTyping: (draft: string) => void; onFile: (f: File) => void; onEmoji: (e: string) => void;
}) {
  const [text, setText] = useState('');
  const [emoji, setEmoji] = useState(false);
  const [Picker, setPicker] = useState<{ c: Picker } | null>(null);
  const [pickerFailed, setPickerFailed] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const file = useRef<HTMLInputElement>(null);
  const emojiButton = useRef<HTMLButtonElement>(null);
  const form = useRef<HTMLFormElement>(null);

  // The picker is its own chunk, fetched the first time it opens.
  const openPicker = () => {
    setEmoji(true);
    setPickerFailed(false);
    if (Picker) return;
    pickerChunk = pickerChunk || pickerModule().then((m) => m.EmojiPicker);
    pickerChunk.then((c) => setPicker({ c }), () => { pickerChunk = null; setPickerFailed(true); });
  };
  const closePicker = (focusButton: boolean) => {
    setEmoji(false);
    if (focusButton) emojiButton.current?.focus();
  };
  // A click outside the picker closes it.
  useEffect(() => {
    if (!emoji) return;
    const onDown = (e: PointerEvent) => {
      const el = form.current?.querySelector('.emoji');
      if (el && !el.contains(e.target as Node) && !emojiButton.current?.contains(e.target as Node)) setEmoji(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [emoji]);

  useEffect(() => { if (open) area.current?.focus(); }, [open]);
  useEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = Math.min(el.scrollHeight, 120) + 'px';
  }, [text]);

  const submit = () => {
    if (!text.trim()) return;
    onSend(text);
    setText('');
    setEmoji(false);
    area.current?.focus();
  };
  const insert = (e: string) => {
    const el = area.current;
    const at = el ? el.selectionStart : text.length;
    const next = text.slice(0, at) + e + text.slice(el ? el.selectionEnd : at);
    setText(next);
    onTyping(next);
    requestAnimationFrame(() => { el?.focus(); el?.setSelectionRange(at + e.length, at + e.length); });
  };
  const pick = (e: string) => {
    onEmoji(e);
    setEmoji(false);
    insert(e);
  };

  return (
    <form ref={form} class="comp" onSubmit={(e) => { e.preventDefault(); submit(); }}
      onKeyDown={(e) => { if (e.key === 'Escape' && emoji) { e.preventDefault(); e.stopPropagation(); closePicker(true); } }}>
      {emoji && (Picker ? <Picker.c t={t} locale={locale} recent={recent} onPick={pick} />
        : (
          <div class="emoji" role="dialog" aria-label={t('emoji')}>
            {pickerFailed
              ? <div class="emoji-msg" role="alert">{t('emojiFailed')} <button type="button" class="link" onClick={openPicker}>{t('tryAgain')}</button></div>
              : <div class="emoji-msg" role="status">{t('emojiLoading')}</div>}
          </div>
        ))}
      <textarea ref={area} rows={1} value={text} placeholder={t('placeholder')} aria-label={t('placeholder')}
        maxLength={10000}
        onInput={(e) => { const v = (e.target as HTMLTextAreaElement).value; setText(v); onTyping(v); }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); submit(); }
        }} />
      <div class="tools">
        <button ref={emojiButton} type="button" class="ib" aria-label={t('emoji')} title={t('emoji')} aria-expanded={emoji}
          aria-haspopup="dialog" onClick={() => (emoji ? closePicker(false) : openPicker())}><Icon d={paths.smile} /></button>
        <button type="button" class="ib" aria-label={t('attach')} title={t('attach')} onClick={() => file.current?.click()}>
          <Icon d={paths.clip} />
        </button>
        <input ref={file} type="file" accept={ACCEPT} hidden multiple
          onChange={(e) => {
            const el = e.target as HTMLInputElement;
            for (const f of Array.from(el.files || [])) onFile(f);
            el.value = '';
          }} />
        <button type="submit" class="send" aria-label={t('send')} title={t('send')} disabled={!text.trim()}>
          <Icon d={paths.send} />
        </button>
      </div>
    </form>
  );
}
