import type { CSSProperties } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { WidgetSettings } from '../../types';
import { Icon } from '../ui';
import { CopyBox } from './CopyBox';
import type { SectionProps } from './SettingsPage';

export function snippetFor(origin: string, publicId: string): string {
  return `<script async src="${origin}/widget.js" data-workspace="${publicId}"></script>`;
}

/** White or near-black text, whichever reads better on the colour (WCAG relative luminance). */
export function textOn(hex: string): string {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return '#fff';
  const n = parseInt(m[1], 16);
  const lin = (c: number) => { const s = c / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
  const L = 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
  return (1.05 / (L + 0.05)) >= ((L + 0.05) / 0.05) ? '#ffffff' : '#111827';
}

export function WidgetAppearance({ ws, settings, save }: SectionProps) {
  const [draft, setDraft] = useState<WidgetSettings>(settings);
  useEffect(() => setDraft(settings), [ws]);
  const set = (k: keyof WidgetSettings, v: unknown) => setDraft((d) => ({ ...d, [k]: v }));
  const dirty = JSON.stringify(draft) !== JSON.stringify(settings);

  return (
    <div>
      <h2>Widget</h2>
      <p class="muted">How the chat looks on your site. The preview changes as you type; visitors see it after you save.</p>
      <div class="widget-settings">
        <form class="stack settings-form" onSubmit={(e) => { e.preventDefault(); void save({ settings: draft }, 'Widget saved'); }}>
          <div class="field-row">
            <label class="field"><span>Colour</span>
              <span class="color-input">
                <input type="color" value={draft.color} onInput={(e) => set('color', e.currentTarget.value)} aria-label="Colour picker" />
                <input value={draft.color} onInput={(e) => set('color', e.currentTarget.value)} pattern="#[0-9a-fA-F]{6}" aria-label="Colour hex code" />
              </span>
            </label>
            <fieldset class="field"><legend>Position</legend>
              <label class="radio"><input type="radio" name="pos" checked={draft.position !== 'left'} onChange={() => set('position', 'right')} /> Right</label>
              <label class="radio"><input type="radio" name="pos" checked={draft.position === 'left'} onChange={() => set('position', 'left')} /> Left</label>
            </fieldset>
          </div>
          <label class="field"><span>Greeting</span><input value={draft.greeting} maxLength={80} onInput={(e) => set('greeting', e.currentTarget.value)} /></label>
          <label class="field"><span>Team intro</span><input value={draft.team_intro} maxLength={140} onInput={(e) => set('team_intro', e.currentTarget.value)} /></label>
          <label class="field"><span>Away message</span><textarea rows={2} value={draft.away_message} onInput={(e) => set('away_message', e.currentTarget.value)} /></label>
          <div class="field-row">
            <label class="field"><span>Launcher icon</span>
              <select value={draft.launcher_icon} onChange={(e) => set('launcher_icon', e.currentTarget.value)}>
                <option value="chat">Chat bubble</option><option value="help">Question mark</option><option value="wave">Wave</option>
              </select>
            </label>
            <label class="field"><span>Distance from the edge (px)</span>
              <input type="number" min={0} max={200} value={draft.offset_x} onInput={(e) => { const n = Number(e.currentTarget.value); set('offset_x', n); set('offset_y', n); }} />
            </label>
          </div>
          <label class="check"><input type="checkbox" checked={!!draft.show_agent_avatars} onChange={(e) => set('show_agent_avatars', e.currentTarget.checked)} /> Show agent avatars in the header</label>
          <label class="check"><input type="checkbox" checked={!!draft.dark_mode} onChange={(e) => set('dark_mode', e.currentTarget.checked)} /> Dark mode</label>
          <div class="row-actions">
            <button class="btn btn-primary" type="submit" disabled={!dirty}>Save widget</button>
            {dirty && <button class="btn" type="button" onClick={() => setDraft(settings)}>Discard changes</button>}
          </div>
        </form>
        <WidgetPreview s={draft} />
      </div>
      <h3>Install on your site</h3>
      <p class="muted">Paste this before <code>&lt;/body&gt;</code> on every page where the chat should appear.</p>
      <CopyBox label="Widget snippet" text={snippetFor(location.origin, ws.public_id)} />
    </div>
  );
}

export function WidgetPreview({ s }: { s: WidgetSettings }) {
  const color = /^#[0-9a-f]{6}$/i.test(s.color ?? '') ? s.color! : '#4f46e5';
  const fg = textOn(color);
  const left = s.position === 'left';
  return (
    <figure class={`widget-preview ${s.dark_mode ? 'dark' : ''}`} aria-label="Widget preview" style={{ '--w-color': color, '--w-fg': fg } as CSSProperties}>
      <div class={`wp-panel ${left ? 'left' : ''}`}>
        <div class="wp-head">
          <div class="wp-greeting">{s.greeting || 'Hi there'}</div>
          <div class="wp-intro">{s.team_intro}</div>
          {s.show_agent_avatars && <div class="wp-avatars" aria-hidden="true"><span>A</span><span>M</span><span>K</span></div>}
        </div>
        <div class="wp-body">
          <div class="wp-msg in">Hello! How can we help?</div>
          <div class="wp-msg out">Do you ship to Norway?</div>
        </div>
        <div class="wp-composer">Write a message…</div>
      </div>
      <div class={`wp-launcher ${left ? 'left' : ''}`} aria-hidden="true">
        <Icon name={s.launcher_icon === 'help' ? 'search' : 'chat'} size={24} />
      </div>
      <figcaption class="sr-only">Preview of the chat widget with your colour and texts</figcaption>
    </figure>
  );
}

export function DomainsSettings({ ws, save }: SectionProps) {
  const [list, setList] = useState<string[]>(ws.allowed_origins ?? []);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setList(ws.allowed_origins ?? []), [ws]);
  const add = (e: Event) => {
    e.preventDefault();
    let v = value.trim();
    if (!v) return;
    if (!/^https?:\/\//.test(v)) v = `https://${v}`;
    try {
      const u = new URL(v);
      v = u.origin;
    } catch {
      setError('Enter an origin such as https://shop.example.com');
      return;
    }
    setError(null);
    if (!list.includes(v)) void save({ allowed_origins: [...list, v] }, `${v} allowed`).then((ok) => ok && setValue(''));
  };
  return (
    <div>
      <h2>Allowed domains</h2>
      <p class="muted">The widget only connects from these origins. With an empty list it works on any site — fine while you try Parley, not for production.</p>
      <ul class="plain-list">
        {list.map((o) => (
          <li key={o}><code>{o}</code>
            <button type="button" class="btn btn-sm" aria-label={`Remove ${o}`} onClick={() => void save({ allowed_origins: list.filter((x) => x !== o) }, `${o} removed`)}>Remove</button>
          </li>
        ))}
        {list.length === 0 && <li class="muted">Any site may load the widget.</li>}
      </ul>
      <form class="inline-form" onSubmit={add}>
        <label class="field"><span>Origin</span><input value={value} placeholder="https://shop.example.com" onInput={(e) => setValue(e.currentTarget.value)} aria-invalid={!!error} /></label>
        <button class="btn btn-primary" type="submit">Add</button>
      </form>
      {error && <p class="form-error" role="alert">{error}</p>}
    </div>
  );
}
