import { useEffect, useState } from 'preact/hooks';
import { defaultTimeZone, timeZoneOptions } from '../../lib/timeZones';
import type { PrechatField } from '../../../../shared/types';
import { CopyBox } from './CopyBox';
import type { SectionProps } from './section';

const DAYS: [string, string][] = [['mon', 'Monday'], ['tue', 'Tuesday'], ['wed', 'Wednesday'], ['thu', 'Thursday'], ['fri', 'Friday'], ['sat', 'Saturday'], ['sun', 'Sunday']];

export function BusinessHours({ ws, settings, save }: SectionProps) {
  const init = () => {
    const bh = settings.business_hours;
    return {
      enabled: !!bh?.enabled,
      timezone: bh?.timezone || defaultTimeZone(),
      days: Object.fromEntries(DAYS.map(([d]) => {
        const v = bh?.days?.[d];
        return [d, Array.isArray(v) && v.length === 2 ? [v[0], v[1]] : null];
      })) as Record<string, [string, string] | null>,
    };
  };
  const [bh, setBh] = useState(init);
  useEffect(() => setBh(init()), [ws]);
  const setDay = (d: string, v: [string, string] | null) => setBh((x) => ({ ...x, days: { ...x.days, [d]: v } }));
  return (
    <form onSubmit={(e) => { e.preventDefault(); void save({ settings: { business_hours: { ...bh, days: Object.fromEntries(Object.entries(bh.days).filter(([, v]) => v)) as Record<string, [string, string]> } } }, 'Business hours saved'); }}>
      <h2>Business hours</h2>
      <p class="muted">Outside these hours the widget shows the away message and an offline form instead of a live chat.</p>
      <label class="check"><input type="checkbox" checked={bh.enabled} onChange={(e) => setBh({ ...bh, enabled: e.currentTarget.checked })} /> Use business hours</label>
      <fieldset disabled={!bh.enabled} class="hours">
        <label class="field"><span>Time zone</span>
          <select value={bh.timezone} onChange={(e) => setBh({ ...bh, timezone: e.currentTarget.value })}>
            {timeZoneOptions(bh.timezone).map((z) => <option key={z} value={z}>{z}</option>)}
          </select>
        </label>
        <table class="table hours-table">
          <tbody>
            {DAYS.map(([d, label]) => {
              const v = bh.days[d];
              return (
                <tr key={d}>
                  <th scope="row"><label class="check"><input type="checkbox" checked={!!v} onChange={(e) => setDay(d, e.currentTarget.checked ? ['09:00', '17:00'] : null)} /> {label}</label></th>
                  <td>{v ? (
                    <span class="time-range">
                      <input type="time" aria-label={`${label} opens`} value={v[0]} onInput={(e) => setDay(d, [e.currentTarget.value, v[1]])} />
                      –
                      <input type="time" aria-label={`${label} closes`} value={v[1]} onInput={(e) => setDay(d, [v[0], e.currentTarget.value])} />
                    </span>
                  ) : <span class="muted">Closed</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </fieldset>
      <button class="btn btn-primary" type="submit">Save business hours</button>
    </form>
  );
}

export function PrechatSettings({ ws, settings, save }: SectionProps) {
  const init = () => ({ enabled: !!settings.prechat?.enabled, fields: settings.prechat?.fields?.length ? settings.prechat.fields : [
    { name: 'name', label: 'Your name', type: 'text', required: false },
    { name: 'email', label: 'Your email', type: 'email', required: true },
  ] as PrechatField[] });
  const [p, setP] = useState(init);
  useEffect(() => setP(init()), [ws]);
  const setField = (i: number, f: Partial<PrechatField>) => setP((x) => ({ ...x, fields: x.fields.map((y, j) => (j === i ? { ...y, ...f } : y)) }));
  return (
    <form onSubmit={(e) => { e.preventDefault(); void save({ settings: { prechat: p } }, 'Pre-chat form saved'); }}>
      <h2>Pre-chat form</h2>
      <p class="muted">Questions a visitor answers before the first message. Answers land on the contact (name, email, and attributes for the rest).</p>
      <label class="check"><input type="checkbox" checked={p.enabled} onChange={(e) => setP({ ...p, enabled: e.currentTarget.checked })} /> Ask before the chat starts</label>
      <table class="table">
        <thead><tr><th scope="col">Label</th><th scope="col">Key</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col"><span class="sr-only">Remove</span></th></tr></thead>
        <tbody>
          {p.fields.map((f, i) => (
            <tr key={i}>
              <td><input aria-label="Label" value={f.label} onInput={(e) => setField(i, { label: e.currentTarget.value })} required /></td>
              <td><input aria-label="Key" value={f.name} pattern="[a-z0-9_]+" onInput={(e) => setField(i, { name: e.currentTarget.value })} required /></td>
              <td><select aria-label="Type" value={f.type} onChange={(e) => setField(i, { type: e.currentTarget.value as PrechatField['type'] })}>
                <option value="text">Text</option><option value="email">Email</option><option value="textarea">Long text</option>
              </select></td>
              <td><input type="checkbox" aria-label="Required" checked={f.required} onChange={(e) => setField(i, { required: e.currentTarget.checked })} /></td>
              <td><button type="button" class="btn btn-sm" onClick={() => setP({ ...p, fields: p.fields.filter((_, j) => j !== i) })}>Remove</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="row-actions">
        <button type="button" class="btn" onClick={() => setP({ ...p, fields: [...p.fields, { name: `field_${p.fields.length + 1}`, label: 'Question', type: 'text', required: false }] })}>Add a field</button>
        <button class="btn btn-primary" type="submit">Save pre-chat form</button>
      </div>
    </form>
  );
}

const EXAMPLES: Record<string, (secret: string) => string> = {
  'Node.js': (s) => `const crypto = require('crypto');

// On your server, for the signed-in user:
const userHash = crypto
  .createHmac('sha256', process.env.PARLEY_SECRET) // ${s.slice(0, 6)}…
  .update(String(user.id))
  .digest('hex');`,
  PHP: (s) => `<?php
// On your server, for the signed-in user:
$userHash = hash_hmac('sha256', (string) $user->id, getenv('PARLEY_SECRET')); // ${s.slice(0, 6)}…`,
  Python: (s) => `import hashlib, hmac, os

# On your server, for the signed-in user:
user_hash = hmac.new(
    os.environ["PARLEY_SECRET"].encode(),  # ${s.slice(0, 6)}…
    str(user.id).encode(),
    hashlib.sha256,
).hexdigest()`,
};

export function IdentitySettings({ ws }: SectionProps) {
  const [lang, setLang] = useState('Node.js');
  const [shown, setShown] = useState(false);
  const secret = ws.hmac_secret ?? '';
  return (
    <div>
      <h2>Identity verification</h2>
      <p class="muted">Prove to Parley who a signed-in visitor is, so their history follows them across devices and nobody can pose as them.
        Your server computes <code>user_hash = HMAC-SHA256(secret, user_id)</code> (hex) and the page passes it to the widget. Keep the secret on your server only.</p>
      <div class="secret-row">
        <label class="field"><span>Secret</span>
          <input readOnly value={shown ? secret : '•'.repeat(Math.min(40, secret.length || 32))} class="mono" aria-label="Identity verification secret" />
        </label>
        <button type="button" class="btn" onClick={() => setShown(!shown)} aria-pressed={shown}>{shown ? 'Hide' : 'Reveal'}</button>
      </div>
      {shown && <CopyBox label="Secret" text={secret} />}
      <h3>1. Compute the hash on your server</h3>
      <div class="tabs" role="tablist" aria-label="Language">
        {Object.keys(EXAMPLES).map((l) => (
          <button key={l} type="button" role="tab" aria-selected={lang === l} class={lang === l ? 'active' : ''} onClick={() => setLang(l)}>{l}</button>
        ))}
      </div>
      <CopyBox label={`${lang} example`} text={EXAMPLES[lang](secret)} />
      <h3>2. Pass it to the widget</h3>
      <CopyBox label="Identify call" text={`<script>
  window.Parley = window.Parley || function () { (Parley.q = Parley.q || []).push(arguments); };
  Parley('identify', {
    user_id: 'USER_ID',        // your user's id, as a string
    user_hash: 'USER_HASH',    // from step 1
    name: 'Ann Example',
    email: 'ann@example.com',
  });
</script>`} />
    </div>
  );
}
