// Where the public help center is (admins): its address on this server, to copy, and an optional custom domain
// (the workspace setting help_center_domain: requests whose Host is that name get the help center at "/").
import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../../api';
import { fieldErrorsOf } from '../../lib/fieldErrors';
import { helpCenterPath, isHostName, normaliseDomain } from '../../lib/helpCenter';
import { toast } from '../../stores/toasts';
import type { Workspace } from '../../../../shared/types';
import { CopyBox } from '../settings/CopyBox';
import { Dialog, Skeleton } from '../ui';

type Settings = Record<string, unknown>;

export function AddressDialog({ publicId, onClose }: { publicId: string; onClose: () => void }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [domain, setDomain] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api<{ workspace: Workspace }>('GET', '/api/v1/workspace').then((r) => {
      const s = (r.workspace.settings ?? {}) as Settings;
      setSettings(s);
      setDomain(typeof s.help_center_domain === 'string' ? s.help_center_domain : '');
    }, (err) => setError(`Could not load the settings: ${errorMessage(err)}`));
  }, []);

  const save = async (e: Event) => {
    e.preventDefault();
    if (busy || !settings) return;
    const host = normaliseDomain(domain);
    setDomain(host);
    if (!isHostName(host)) { setError('Enter a host name such as help.example.com (no port), or leave it empty.'); return; }
    setError('');
    setBusy(true);
    try {
      // The workspace's settings are written whole: the others go back as they came.
      const r = await api<{ workspace: Workspace }>('PATCH', '/api/v1/workspace', { settings: { ...settings, help_center_domain: host } });
      setSettings((r.workspace.settings ?? {}) as Settings);
      toast(host ? `The help center answers at ${host} once its DNS points here` : 'Custom domain removed', 'success', 4000);
    } catch (err) {
      const f = fieldErrorsOf(err, ['settings.help_center_domain']);
      setError(f['settings.help_center_domain'] ?? f.form);
    } finally {
      setBusy(false);
    }
  };

  const url = `${location.origin}${helpCenterPath(publicId)}`;
  return (
    <Dialog title="Help center address" onClose={onClose}>
      <p class="muted small">Your public help center, with the chat widget on every page. Link it from your site or your emails.</p>
      <CopyBox text={url} label="Help center address" />
      {!settings && !error ? <div aria-busy="true"><Skeleton lines={2} /></div> : (
        <form class="stack help-domain" onSubmit={(e) => void save(e)}>
          <label class="field"><span>Custom domain (optional)</span>
            <input value={domain} placeholder="help.example.com" spellcheck={false} autoCapitalize="off" inputMode="url"
              onInput={(e) => setDomain(e.currentTarget.value)} aria-invalid={error ? true : undefined}
              aria-describedby={`help-domain-help${error ? ' help-domain-err' : ''}`} />
            {error && <span class="field-error" id="help-domain-err">{error}</span>}
          </label>
          <p class="muted small" id="help-domain-help">Point the name at this server (a CNAME or A record, and a certificate on your proxy): requests for it get the help center at “/”.</p>
          <div class="row-actions"><button type="submit" class="btn btn-primary" aria-disabled={busy ? 'true' : undefined}>Save</button></div>
        </form>
      )}
    </Dialog>
  );
}
