// Settings > Canned replies: the list, and an editor with the variables a reply can use and a preview of
// what an agent will insert (lib/cannedVariables.ts fills them in the composer).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, errorMessage } from '../../api';
import { CANNED_VARIABLES, fillVariables, SAMPLE_CONTEXT } from '../../lib/cannedVariables';
import { useStore } from '../../lib/store';
import { directory, loadCanned } from '../../stores/directory';
import { session } from '../../stores/session';
import { toast } from '../../stores/toasts';
import type { CannedReply } from '../../../../shared/types';
import { Skeleton } from '../ui';

export function CannedSettings() {
  const canned = useStore(directory, (d) => d.canned);
  const who = useStore(session, (s) => (s.phase === 'ready' ? { agent: s.agent.name, workspace: s.workspace.name } : null));
  const [shortcut, setShortcut] = useState('');
  const [body, setBody] = useState('');
  const [editing, setEditing] = useState<CannedReply | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const area = useRef<HTMLTextAreaElement>(null);

  const load = () => {
    setState('loading');
    loadCanned().then(() => setState('ready'), () => setState('failed'));
  };
  useEffect(load, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const data = { shortcut: shortcut.trim().replace(/^\//, ''), body: body.trim() };
    try {
      if (editing) await api('PATCH', `/api/v1/canned_replies/${editing.id}`, data);
      else await api('POST', '/api/v1/canned_replies', data);
      await loadCanned();
      toast(editing ? 'Canned reply saved' : `/${data.shortcut} added`, 'success', 2500);
      setShortcut(''); setBody(''); setEditing(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const remove = async (c: CannedReply) => {
    try {
      await api('DELETE', `/api/v1/canned_replies/${c.id}`);
      await loadCanned();
      toast(`/${c.shortcut} deleted`, 'success', 2500);
    } catch (err) {
      toast(errorMessage(err), 'error');
    }
  };
  // Puts `{{name}}` at the caret, so an admin need not remember the syntax.
  const insertVariable = (name: string) => {
    const el = area.current;
    const at = el?.selectionStart ?? body.length;
    const end = el?.selectionEnd ?? at;
    const piece = `{{${name}}}`;
    setBody(body.slice(0, at) + piece + body.slice(end));
    requestAnimationFrame(() => { el?.focus(); el?.setSelectionRange(at + piece.length, at + piece.length); });
  };
  const preview = fillVariables(body, {
    ...SAMPLE_CONTEXT,
    agent: { name: who?.agent || SAMPLE_CONTEXT.agent.name },
    workspace: { name: who?.workspace || SAMPLE_CONTEXT.workspace.name },
  });

  return (
    <div>
      <h2>Canned replies</h2>
      <p class="muted">Answers you give often. In the composer, type <kbd class="kbd">/</kbd> and a few letters to insert one.</p>
      {state === 'loading' && canned.length === 0 ? <div role="status" aria-label="Loading canned replies"><Skeleton lines={3} /></div>
        : state === 'failed' ? (
          <p class="form-error" role="alert">Could not load the canned replies. <button type="button" class="btn btn-sm" onClick={load}>Retry</button></p>
        ) : (
          <ul class="canned-list">
            {canned.map((c) => (
              <li key={c.id}>
                <div><strong>/{c.shortcut}</strong><p>{c.body}</p></div>
                <div class="row-actions">
                  <button type="button" class="btn btn-sm" aria-label={`Edit /${c.shortcut}`} onClick={() => { setEditing(c); setShortcut(c.shortcut); setBody(c.body); area.current?.focus(); }}>Edit</button>
                  <button type="button" class="btn btn-sm danger" aria-label={`Delete /${c.shortcut}`} onClick={() => void remove(c)}>Delete</button>
                </div>
              </li>
            ))}
            {canned.length === 0 && <li class="muted">None yet: add your first below.</li>}
          </ul>
        )}
      <h3>{editing ? `Edit /${editing.shortcut}` : 'Add a canned reply'}</h3>
      <form class="stack settings-form" onSubmit={submit}>
        <label class="field"><span>Shortcut</span><input required value={shortcut} placeholder="refund" onInput={(e) => setShortcut(e.currentTarget.value)} /></label>
        <label class="field"><span>Text</span>
          <textarea ref={area} required rows={4} value={body} aria-describedby="canned-vars-help" onInput={(e) => setBody(e.currentTarget.value)} />
        </label>
        <div class="canned-vars" role="group" aria-labelledby="canned-vars-help">
          <p id="canned-vars-help" class="muted small">
            Variables are filled in when an agent inserts the reply. Add a fallback for unknown values:
            {' '}<code>{'{{contact.first_name | there}}'}</code>.
          </p>
          <div class="chips">
            {CANNED_VARIABLES.map((v) => (
              <button key={v.name} type="button" class="chip chip-btn" title={`Insert ${v.label}`}
                onClick={() => insertVariable(v.name)}>{`{{${v.name}}}`}</button>
            ))}
          </div>
        </div>
        {body.trim() && (
          <div class="canned-preview" aria-live="polite">
            <span class="muted small">Preview (for a visitor named {SAMPLE_CONTEXT.contact.name})</span>
            <p>{preview.text}</p>
            {preview.unknown.length > 0 && (
              <p class="form-error small">Not a variable: {preview.unknown.map((v) => `{{${v}}}`).join(', ')}. Check the spelling.</p>
            )}
          </div>
        )}
        {error && <p class="form-error" role="alert">{error}</p>}
        <div class="row-actions">
          <button class="btn btn-primary" type="submit">{editing ? 'Save' : 'Add'}</button>
          {editing && <button class="btn" type="button" onClick={() => { setEditing(null); setShortcut(''); setBody(''); }}>Cancel</button>}
        </div>
      </form>
    </div>
  );
}
