// The contact page's data protection actions (admins; issue 16, item 3; docs/privacy.md): "Export data"
// downloads everything about the contact as a ZIP archive; "Erase…" deletes the contact for good after
// the admin types the contact's name (or "erase") in a dialog.
import { useState } from 'preact/hooks';
import { api, downloadFile, errorMessage } from '../../api';
import { eraseConfirmed, saveBlob } from '../../lib/download';
import { invalidateContacts } from '../../stores/contactList';
import { buildHash, navigate } from '../../stores/router';
import { toast } from '../../stores/toasts';
import { Dialog, Icon } from '../ui';

export function PrivacyActions({ id, name }: { id: number; name: string }) {
  const [exporting, setExporting] = useState(false);
  const [erasing, setErasing] = useState(false);

  const exportData = async () => {
    setExporting(true);
    try {
      const file = await downloadFile(`/api/v1/contacts/${id}/export`);
      saveBlob(file.blob, file.filename);
      toast('Export downloaded', 'success', 2500);
    } catch (err) {
      toast(`Export failed: ${errorMessage(err)}`, 'error', 8000);
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <button type="button" class="btn" onClick={() => void exportData()} disabled={exporting} aria-busy={exporting || undefined}>
        <Icon name="download" size={16} /> {exporting ? 'Exporting…' : 'Export data'}
      </button>
      <button type="button" class="btn danger" onClick={() => setErasing(true)}>Erase…</button>
      {erasing && <EraseDialog id={id} name={name} onClose={() => setErasing(false)} />}
    </>
  );
}

function EraseDialog({ id, name, onClose }: { id: number; name: string; onClose: () => void }) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const ok = eraseConfirmed(typed, name);

  const erase = async (e: Event) => {
    e.preventDefault();
    if (!ok) return;
    setBusy(true);
    setError('');
    try {
      await api('POST', `/api/v1/contacts/${id}/erase`, { confirm: 'erase' });
      invalidateContacts();
      toast(`${name} erased`, 'success', 4000);
      onClose();
      navigate(buildHash(['contacts']));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Erase ${name}?`} onClose={onClose}>
      <form class="stack" onSubmit={erase} noValidate>
        <p>
          This deletes the contact for good: their profile, every conversation and message (private notes too),
          page views, attachment files and emails. It cannot be undone; backups keep it until they expire.
          Export their data first if they asked for it.
        </p>
        <label class="field"><span>Type <strong>{name}</strong> or <strong>erase</strong> to confirm</span>
          <input value={typed} autoComplete="off" spellcheck={false} aria-describedby={error ? 'erase-error' : undefined}
            onInput={(e) => setTyped(e.currentTarget.value)} />
        </label>
        {error && <p id="erase-error" class="form-error" role="alert">{error}</p>}
        <div class="row-actions dialog-actions">
          <button type="submit" class="btn danger" disabled={!ok || busy}>{busy ? 'Erasing…' : 'Erase for good'}</button>
          <button type="button" class="btn" onClick={onClose}>Cancel</button>
        </div>
      </form>
    </Dialog>
  );
}
