import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { uploadFile } from '../../api';
import { applyCanned, cannedQuery, searchCanned } from '../../lib/canned';
import { fillVariables, variablesIn, type CannedContext } from '../../lib/cannedVariables';
import { bytes } from '../../lib/format';
import { useStore } from '../../lib/store';
import { session } from '../../stores/session';
import { directory } from '../../stores/directory';
import { sendMessage, sendTyping } from '../../stores/messages';
import { toastError } from '../../stores/toasts';
import type { Attachment, Conversation } from '../../../../shared/types';
import { Icon, Menu } from '../ui';

const EMOJI = ['😀', '😊', '😂', '😉', '😍', '🤔', '😅', '😢', '😮', '🙏', '👍', '👎', '👋', '👏', '🙌', '💪', '🎉', '✨', '🔥', '❤️', '💙', '✅', '❌', '⚠️', '⏱️', '📦', '🚚', '💳', '🔒', '📎', '📧', '📞', '🛒', '🎁', '☕', '🌟'];

type Mode = 'reply' | 'note';
const drafts = new Map<number, { text: string; mode: Mode }>();

export function Composer({ conv }: { conv: Conversation }) {
  const saved = drafts.get(conv.id);
  const [text, setText] = useState(saved?.text ?? '');
  const [mode, setMode] = useState<Mode>(saved?.mode ?? 'reply');
  const [files, setFiles] = useState<Attachment[]>([]);
  const [uploading, setUploading] = useState(0);
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const [dragging, setDragging] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const canned = useStore(directory, (d) => d.canned);
  const who = useStore(session, (s) => (s.phase === 'ready' ? { agent: s.agent.name, workspace: s.workspace.name } : null));
  // What a canned reply's variables become in this conversation (lib/cannedVariables.ts).
  const cannedCtx: CannedContext = {
    contact: { name: conv.contact.name, email: conv.contact.email },
    agent: { name: who?.agent ?? '' },
    workspace: { name: who?.workspace ?? '' },
  };

  useEffect(() => { drafts.set(conv.id, { text, mode }); }, [text, mode, conv.id]);
  useEffect(() => () => sendTyping(conv.id, false), [conv.id]);

  useEffect(() => {
    const on = (e: Event) => {
      setMode((e as CustomEvent<Mode>).detail);
      area.current?.focus();
    };
    document.addEventListener('parley:compose', on);
    return () => document.removeEventListener('parley:compose', on);
  }, []);

  // Auto-grow up to a limit.
  useEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(240, el.scrollHeight)}px`;
  }, [text]);

  const cq = cannedQuery(text, caret);
  const cannedOpen = !!cq && dismissed !== cq.start;
  const results = useMemo(() => (cannedOpen ? searchCanned(canned, cq!.query) : []), [cannedOpen, cq?.query, canned]);

  const pickCanned = (i: number) => {
    const r = results[i];
    if (!r || !cq) return;
    const next = applyCanned(text, cq.start, caret, fillVariables(r.body, cannedCtx).text);
    setText(next.text);
    setCaret(next.caret);
    requestAnimationFrame(() => { area.current?.setSelectionRange(next.caret, next.caret); area.current?.focus(); });
  };

  // Variables a picked reply could not fill (no value, no fallback) stay visible until the agent edits them.
  const unfilled = variablesIn(text);
  const canSend = (text.trim().length > 0 || files.length > 0) && uploading === 0;
  const submit = () => {
    if (!canSend) return;
    sendMessage(conv.id, { body: text.trim(), private: mode === 'note', attachments: files });
    setText('');
    setFiles([]);
    setCaret(0);
    sendTyping(conv.id, false);
  };

  const upload = async (list: FileList | File[]) => {
    for (const f of Array.from(list)) {
      setUploading((n) => n + 1);
      try {
        const a = await uploadFile(f);
        setFiles((x) => [...x, a]);
      } catch (err) {
        toastError(err, `Could not upload ${f.name}`);
      } finally {
        setUploading((n) => n - 1);
      }
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.isComposing) return; // an IME is composing: Enter confirms the word, it does not send
    if (cannedOpen && results.length) {
      if (e.key === 'ArrowDown') { setActive((a) => (a + 1) % results.length); e.preventDefault(); return; }
      if (e.key === 'ArrowUp') { setActive((a) => (a - 1 + results.length) % results.length); e.preventDefault(); return; }
      if (e.key === 'Enter' || e.key === 'Tab') { pickCanned(active); e.preventDefault(); return; }
    }
    if (e.key === 'Escape') {
      if (cannedOpen) { setDismissed(cq!.start); e.preventDefault(); e.stopPropagation(); return; }
      (e.target as HTMLElement).blur();
      return;
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey || !e.shiftKey)) {
      e.preventDefault();
      submit();
    }
  };

  const onInput = (e: Event) => {
    const el = e.currentTarget as HTMLTextAreaElement;
    setText(el.value);
    setCaret(el.selectionStart ?? el.value.length);
    setActive(0);
    if (mode === 'reply') sendTyping(conv.id, el.value.length > 0);
  };

  const insert = (s: string) => {
    const el = area.current;
    const at = el?.selectionStart ?? text.length;
    const next = text.slice(0, at) + s + text.slice(el?.selectionEnd ?? at);
    setText(next);
    requestAnimationFrame(() => { el?.focus(); el?.setSelectionRange(at + s.length, at + s.length); });
  };

  const note = mode === 'note';
  return (
    <div class={`composer ${note ? 'composer-note' : ''} ${dragging ? 'dragging' : ''}`}
      onDragOver={(e) => { if (e.dataTransfer?.types.includes('Files')) { e.preventDefault(); setDragging(true); } }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => { e.preventDefault(); setDragging(false); if (e.dataTransfer?.files.length) void upload(e.dataTransfer.files); }}>
      <div class="composer-tabs" role="tablist" aria-label="Message type">
        <button type="button" role="tab" aria-selected={!note} class={!note ? 'active' : ''} onClick={() => { setMode('reply'); area.current?.focus(); }}>Reply</button>
        <button type="button" role="tab" aria-selected={note} class={note ? 'active' : ''} onClick={() => { setMode('note'); sendTyping(conv.id, false); area.current?.focus(); }}>
          <Icon name="lock" size={13} /> Private note
        </button>
        <span class="composer-hint muted small">{note ? 'Only your team sees notes' : '/ for canned replies · Enter sends'}</span>
      </div>
      {cannedOpen && (
        <div class="canned-pop" role="listbox" id="canned-list" aria-label="Canned replies">
          {results.length === 0 ? (
            <p class="menu-note">{canned.length ? `No canned reply matches “${cq!.query}”.` : 'No canned replies yet. Admins add them in Settings → Canned replies.'}</p>
          ) : results.map((r, i) => (
            <div key={r.id} id={`canned-${r.id}`} role="option" aria-selected={i === active} class={`canned-item ${i === active ? 'active' : ''}`}
              onMouseDown={(e) => { e.preventDefault(); pickCanned(i); }} onMouseEnter={() => setActive(i)}>
              <strong>/{r.shortcut}</strong> <span class="muted">{fillVariables(r.body, cannedCtx).text}</span>
            </div>
          ))}
        </div>
      )}
      {unfilled.length > 0 && (
        <p class="composer-warning small" role="status">
          No value for {unfilled.map((v) => `{{${v}}}`).join(', ')}: replace it before sending.
        </p>
      )}
      {files.length > 0 && (
        <ul class="composer-files" aria-label="Attachments">
          {files.map((f) => (
            <li key={f.url} class="chip">
              <Icon name="clip" size={12} /> {f.name} <span class="muted">{bytes(f.size)}</span>
              <button type="button" class="chip-x" aria-label={`Remove ${f.name}`} onClick={() => setFiles((x) => x.filter((y) => y !== f))}><Icon name="x" size={12} /></button>
            </li>
          ))}
        </ul>
      )}
      <label class="sr-only" for="composer-input">{note ? 'Private note' : 'Reply'}</label>
      <textarea id="composer-input" ref={area} rows={2} value={text} placeholder={note ? 'Write a private note for your team…' : 'Write a reply…'}
        onInput={onInput} onKeyDown={onKeyDown} onClick={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
        onKeyUp={(e) => { if (e.key.startsWith('Arrow') && !cannedOpen) setCaret(e.currentTarget.selectionStart ?? 0); }}
        onBlur={() => sendTyping(conv.id, false)}
        onPaste={(e) => { const fl = e.clipboardData?.files; if (fl && fl.length) { e.preventDefault(); void upload(fl); } }}
        aria-controls={cannedOpen ? 'canned-list' : undefined} aria-autocomplete="list"
        aria-activedescendant={cannedOpen && results[active] ? `canned-${results[active].id}` : undefined} />
      <div class="composer-bar">
        <Menu label="Insert emoji" button={<Icon name="smile" />} triggerClass="icon-btn">
          {(close) => (
            <div class="emoji-grid">
              {EMOJI.map((em) => <button key={em} type="button" role="menuitem" class="emoji" aria-label={`Insert ${em}`} onClick={() => { insert(em); close(); }}>{em}</button>)}
            </div>
          )}
        </Menu>
        <button type="button" class="btn icon-btn" aria-label="Attach a file" title="Attach a file" onClick={() => fileInput.current?.click()}>
          <Icon name="clip" />
        </button>
        <input ref={fileInput} type="file" multiple hidden onChange={(e) => { const fl = e.currentTarget.files; if (fl) void upload(fl); e.currentTarget.value = ''; }} />
        {uploading > 0 && <span class="muted small" role="status">Uploading…</span>}
        <span class="spacer" />
        <button type="button" class={`btn ${note ? 'btn-note' : 'btn-primary'}`} disabled={!canSend} onClick={submit}>
          <Icon name={note ? 'note' : 'send'} size={16} /> {note ? 'Add note' : 'Send'}
        </button>
      </div>
    </div>
  );
}
