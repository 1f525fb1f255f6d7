import { useEffect, useRef, useState } from 'preact/hooks';
import type { T } from '../i18n';
import { EmojiPicker } from './EmojiPicker';
import { Icon } from './Icon';
import { paths } from '../icons';

const ACCEPT = 'image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,application/zip,.txt,.zip,.pdf';

export function Composer({ t, open, onSend, onTyping, onFile }: {
  t: T; open: boolean; onSend: (text: string) => void; onTyping: (draft: string) => void; onFile: (f: File) => void;
}) {
  const [text, setText] = useState('');
  const [emoji, setEmoji] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const file = useRef<HTMLInputElement>(null);

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

  return (
    <form class="comp" onSubmit={(e) => { e.preventDefault(); submit(); }}
      onKeyDown={(e) => { if (e.key === 'Escape' && emoji) { e.stopPropagation(); setEmoji(false); } }}>
      {emoji && <EmojiPicker onPick={insert} label={t('emoji')} />}
      <textarea ref={area} rows={1} value={text} placeholder={t('placeholder')} aria-label={t('placeholder')}
        maxLength={10000}
        onInput={(e) => { const v = (e.target as HTMLTextAreaElement).value; setText(v); onTyping(v); }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); submit(); }
        }} />
      <div class="tools">
        <button type="button" class="ib" aria-label={t('emoji')} title={t('emoji')} aria-expanded={emoji}
          onClick={() => setEmoji(!emoji)}><Icon d={paths.smile} /></button>
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
