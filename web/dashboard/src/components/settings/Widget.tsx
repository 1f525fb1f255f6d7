import type { CSSProperties } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { WidgetSettings } from '../../../../shared/types';
import { isImageUrl } from '../../../../shared/linkify';
import { uploadFile, errorMessage } from '../../api';
import { CopyBox } from './CopyBox';
import type { SectionProps } from './section';

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

/** The widget's locales (web/widget/app/i18n), each named in its own language. */
export const WIDGET_LOCALES: [string, string][] = [
  ['en', 'English'], ['de', 'Deutsch'], ['es', 'Español'], ['fr', 'Français'], ['it', 'Italiano'], ['pt', 'Português'],
  ['nl', 'Nederlands'], ['pl', 'Polski'], ['sv', 'Svenska'], ['tr', 'Türkçe'], ['uk', 'Українська'], ['ja', '日本語'],
  ['ar', 'العربية'], ['he', 'עברית'],
];
const ICONS: [string, string][] = [['chat', 'Chat bubble'], ['bubbles', 'Two bubbles'], ['message', 'Envelope'],
  ['help', 'Question mark'], ['wave', 'Waving hand']];
const BACKGROUNDS: [string, string][] = [['none', 'None'], ['dots', 'Dots'], ['grid', 'Grid'], ['diagonal', 'Lines'],
  ['waves', 'Waves'], ['image', 'Image']];
/** The launcher icons as the widget draws them (web/widget/app/icons.ts), for the preview. */
const ICON_PATHS: Record<string, string> = {
  chat: 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z',
  help: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 17h-2v-2h2v2zm2-7.3-.9.9A3 3 0 0 0 13 15h-2v-.5a4 4 0 0 1 1.2-2.8l1.2-1.3a2 2 0 1 0-3.4-1.4H8a4 4 0 1 1 7 2.7z',
  message: 'M4 4h16a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm0 4v10h16V8l-8 5-8-5zm1-2 7 4.4L19 6H5z',
  bubbles: 'M3 3h12a2 2 0 0 1 2 2v7a2 2 0 0 1-2 2H8l-4 3v-3H3a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm16 5h2a2 2 0 0 1 2 2v7a2 2 0 0 1-2 2h-1v3l-4-3h-5a2 2 0 0 1-2-2v-1h7a3 3 0 0 0 3-3V8z',
  wave: 'M7 5.5a1.5 1.5 0 0 1 3 0V13H7zm3.5-1a1.5 1.5 0 0 1 3 0V13h-3zM14 5.5a1.5 1.5 0 0 1 3 0V13h-3zm3.5 2.75a1.25 1.25 0 0 1 2.5 0V14h-2.5zM7 12h13v4a6 6 0 0 1-6 6h-1a6 6 0 0 1-6-6zm0 4-3.4-3.9a1.5 1.5 0 0 1 2.2-2L8.5 13z',
};
export const DEFAULT_AWAY = 'We are away right now. Leave a message and we will get back to you here.';


export function WidgetAppearance({ ws, settings, save }: SectionProps) {
  const normal = (x: WidgetSettings): WidgetSettings => ({
    ...x, locale: x.locale || 'auto',
    launcher_icon: ICONS.some(([k]) => k === x.launcher_icon) ? x.launcher_icon : 'chat',
  });
  const [draft, setDraft] = useState<WidgetSettings>(normal(settings));
  const [replay, setReplay] = useState(0);
  useEffect(() => setDraft(normal(settings)), [ws]);
  const set = (k: keyof WidgetSettings, v: unknown) => setDraft((d) => ({ ...d, [k]: v }));
  const dirty = JSON.stringify(draft) !== JSON.stringify(normal(settings));
  const imgErr = (v?: string) => (v && !isImageUrl(v) ? 'Use an https:// address or upload an image.' : null);
  const launcherImgErr = imgErr(draft.launcher_image);
  const bgImgErr = draft.background !== 'image' ? null
    : !draft.background_image ? 'Upload an image or enter its https:// address.' : imgErr(draft.background_image);

  return (
    <div>
      <h2>Widget</h2>
      <p class="muted">How the chat looks on your site. The preview changes as you type; visitors see it after you save.</p>
      <div class="widget-settings">
        <form class="stack settings-form" onSubmit={(e) => {
          e.preventDefault();
          if (launcherImgErr || bgImgErr) return;
          // An image typed for a background that is no longer chosen is not kept unless it is valid.
          const out = draft.background !== 'image' && imgErr(draft.background_image) ? { ...draft, background_image: '' } : draft;
          void save({ settings: out }, 'Widget saved');
        }}>
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
          <div class="field"><label for="w-locale">Language</label>
            <select id="w-locale" value={draft.locale} onChange={(e) => set('locale', e.currentTarget.value)} aria-describedby="w-locale-help">
              <option value="auto">Automatic (visitor's browser)</option>
              {WIDGET_LOCALES.map(([k, name]) => <option key={k} value={k} lang={k}>{name}</option>)}
            </select>
            <small id="w-locale-help" class="muted">Automatic speaks each visitor's language when the widget has it, else English. A site can still choose with <code>Parley('locale', 'de')</code>.</small>
          </div>
          <label class="field"><span>Greeting</span><input value={draft.greeting} maxLength={80} onInput={(e) => set('greeting', e.currentTarget.value)} /></label>
          <label class="field"><span>Team intro</span><input value={draft.team_intro} maxLength={140} onInput={(e) => set('team_intro', e.currentTarget.value)} /></label>
          <div class="field"><label for="w-away">Away message</label>
            <textarea id="w-away" rows={2} value={draft.away_message} placeholder={DEFAULT_AWAY} maxLength={500} aria-describedby="w-away-help"
              onInput={(e) => set('away_message', e.currentTarget.value)} />
            <small id="w-away-help" class="muted">Shown when nobody is online, above a form for a message and an email address. You answer in the inbox; the visitor sees your answer in the widget when they come back. Parley does not send email yet, so do not promise an email reply. Left as the default, it is shown in the visitor's language.</small>
          </div>

          <fieldset class="check-group"><legend>Launcher</legend>
            <div class="field-row">
              <label class="field"><span>Icon</span>
                <select value={draft.launcher_icon} onChange={(e) => set('launcher_icon', e.currentTarget.value)}>
                  {ICONS.map(([k, label]) => <option key={k} value={k}>{label}</option>)}
                </select>
              </label>
              <label class="field"><span>Distance from the edge (px)</span>
                <input type="number" min={0} max={200} value={draft.offset_x} onInput={(e) => { const n = Number(e.currentTarget.value); set('offset_x', n); set('offset_y', n); }} />
              </label>
            </div>
            <div class="field"><label for="w-label">Label beside the icon</label>
              <input id="w-label" value={draft.launcher_label ?? ''} maxLength={40} placeholder="Chat with us" aria-describedby="w-label-help"
                onInput={(e) => set('launcher_label', e.currentTarget.value)} />
              <small id="w-label-help" class="muted">Empty: a round button. "Chat with us" is shown in the visitor's language.</small>
            </div>
            <ImageField label="Custom icon image" value={draft.launcher_image ?? ''} error={launcherImgErr} swatch={draft.color}
              help="Replaces the icon on the button (PNG, JPEG, GIF or WebP; a square image with a transparent background works best)."
              onChange={(v) => set('launcher_image', v)} />
            <label class="field"><span>Entrance animation</span>
              <select value={draft.launcher_animation ?? 'pop'} onChange={(e) => { set('launcher_animation', e.currentTarget.value); setReplay((n) => n + 1); }}>
                <option value="pop">Pop in</option><option value="bounce">Bounce up</option><option value="none">None</option>
              </select>
            </label>
          </fieldset>

          <fieldset class="check-group"><legend>Chat window</legend>
            <fieldset class="field" style={{ flexWrap: 'wrap', rowGap: 8 }}><legend>Background</legend>
              {BACKGROUNDS.map(([k, label]) => (
                <label key={k} class="radio"><input type="radio" name="bg" checked={(draft.background ?? 'none') === k}
                  onChange={() => set('background', k)} /> {label}</label>
              ))}
            </fieldset>
            {draft.background === 'image' && (
              <ImageField label="Background image" value={draft.background_image ?? ''} error={bgImgErr}
                help="Shown softly behind the messages, under a veil that keeps every text readable."
                onChange={(v) => set('background_image', v)} />
            )}
            <div class="field"><label for="w-panel-anim">Open and close animation</label>
              <select id="w-panel-anim" aria-describedby="w-motion-help" value={draft.panel_animation ?? 'slide'} onChange={(e) => { set('panel_animation', e.currentTarget.value); setReplay((n) => n + 1); }}>
                <option value="slide">Slide up</option><option value="zoom">Zoom from the launcher</option><option value="fade">Fade</option><option value="none">None</option>
              </select>
              <small id="w-motion-help" class="muted">Visitors who ask their system for reduced motion see no animation.</small>
            </div>
            <label class="check"><input type="checkbox" checked={!!draft.show_agent_avatars} onChange={(e) => set('show_agent_avatars', e.currentTarget.checked)} /> Show agent avatars in the header</label>
            <label class="check"><input type="checkbox" checked={!!draft.dark_mode} onChange={(e) => set('dark_mode', e.currentTarget.checked)} /> Dark mode</label>
          </fieldset>
          <div class="row-actions">
            <button class="btn btn-primary" type="submit" disabled={!dirty || !!launcherImgErr || !!bgImgErr}>Save widget</button>
            {dirty && <button class="btn" type="button" onClick={() => setDraft(normal(settings))}>Discard changes</button>}
            <button class="btn" type="button" onClick={() => setReplay((n) => n + 1)}>Replay animations</button>
          </div>
        </form>
        <WidgetPreview s={draft} replay={replay} />
      </div>
      <h3>Install on your site</h3>
      <p class="muted">Paste this before <code>&lt;/body&gt;</code> on every page where the chat should appear.</p>
      <CopyBox label="Widget snippet" text={snippetFor(location.origin, ws.public_id)} />
    </div>
  );
}

/** An image setting: upload (POST /api/v1/uploads) or an https address; remove to go back to the default. */
function ImageField({ label, value, error, help, swatch, onChange }: {
  label: string; value: string; error: string | null; help: string; swatch?: string; onChange: (v: string) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const id = label.toLowerCase().replace(/\W+/g, '-');
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <div class="row-actions">
        {value && isImageUrl(value) && <img src={value} alt="" width={32} height={32}
          style={{ objectFit: 'contain', borderRadius: 6, border: '1px solid var(--c-border)', padding: 2, background: swatch || 'transparent' }} />}
        <input id={id} value={value} placeholder="https://… or upload" style={{ flex: 1 }} aria-invalid={!!error}
          aria-describedby={`${id}-help${error ? ` ${id}-err` : ''}`} onInput={(e) => onChange(e.currentTarget.value.trim())} />
        <label class="btn">
          {busy ? 'Uploading…' : 'Upload'}
          <input type="file" accept="image/png,image/jpeg,image/gif,image/webp" class="sr-only" disabled={busy}
            onChange={async (e) => {
              const f = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (!f) return;
              setBusy(true);
              setFailed(null);
              try { onChange((await uploadFile(f)).url); } catch (err) { setFailed(errorMessage(err)); } finally { setBusy(false); }
            }} />
        </label>
        {value && <button type="button" class="btn" onClick={() => onChange('')}>Remove</button>}
      </div>
      <small id={`${id}-help`} class="muted">{help}</small>
      {(error || failed) && <p id={`${id}-err`} class="field-error" role="alert">{error || `Upload failed: ${failed}`}</p>}
    </div>
  );
}

/** The chat's background for the preview, as the widget draws it (web/widget/app/styles.css). */
function wallpaper(kind: string | undefined, image: string | undefined, color: string, dark: boolean): CSSProperties {
  const pat = `color-mix(in srgb, ${color} ${dark ? 30 : 13}%, transparent)`;
  const veil = dark ? 'rgba(15, 23, 42, .88)' : 'rgba(255, 255, 255, .88)';
  switch (kind) {
    case 'dots': return { background: `radial-gradient(${pat} 1.5px, transparent 2px) 0 0 / 18px 18px` };
    case 'grid': return { background: `linear-gradient(${pat} 1px, transparent 1px) 0 0 / 22px 22px, linear-gradient(90deg, ${pat} 1px, transparent 1px) 0 0 / 22px 22px` };
    case 'diagonal': return { background: `repeating-linear-gradient(45deg, ${pat} 0 1.5px, transparent 1.5px 14px)` };
    case 'waves': return { background: `radial-gradient(circle at 50% 100%, transparent 8px, ${pat} 9px 10.5px, transparent 11.5px) 0 0 / 24px 12px` };
    case 'image': return image && isImageUrl(image) ? { background: `linear-gradient(${veil}, ${veil}), url("${image}") center / cover no-repeat` } : {};
    default: return {};
  }
}

const PREVIEW_CSS = `
@keyframes wpx-pop { from { scale: 0; } }
@keyframes wpx-bounce { 0% { translate: 0 90px; } 60% { translate: 0 -12px; } 80% { translate: 0 4px; } }
@keyframes wpx-slide { from { opacity: 0; translate: 0 16px; } }
@keyframes wpx-zoom { from { opacity: 0; scale: .85; } }
@keyframes wpx-fade { from { opacity: 0; } }
@media (prefers-reduced-motion: reduce) { .widget-preview * { animation: none !important; } }
`;

export function WidgetPreview({ s, replay = 0 }: { s: WidgetSettings; replay?: number }) {
  const color = /^#[0-9a-f]{6}$/i.test(s.color ?? '') ? s.color! : '#4f46e5';
  const fg = textOn(color);
  const left = s.position === 'left';
  const rtl = s.locale === 'ar' || s.locale === 'he';
  const label = (s.launcher_label ?? '').trim();
  const img = s.launcher_image && isImageUrl(s.launcher_image) ? s.launcher_image : '';
  const panelAnim = s.panel_animation === 'none' ? undefined : `wpx-${s.panel_animation ?? 'slide'} .25s ease-out`;
  const launcherAnim = s.launcher_animation === 'none' ? undefined
    : s.launcher_animation === 'bounce' ? 'wpx-bounce .9s cubic-bezier(.3,1.4,.6,1)' : 'wpx-pop .35s';
  return (
    <figure class={`widget-preview ${s.dark_mode ? 'dark' : ''}`} aria-label="Widget preview"
      style={{ '--w-color': color, '--w-fg': fg, position: 'sticky', top: 16 } as CSSProperties}>
      <style>{PREVIEW_CSS}</style>
      <div key={`p${replay}`} class={`wp-panel ${left ? 'left' : ''}`} dir={rtl ? 'rtl' : undefined}
        style={{ animation: panelAnim, transformOrigin: left ? '0 100%' : '100% 100%' }}>
        <div class="wp-head">
          <div class="wp-greeting">{s.greeting || 'Hi there'}</div>
          <div class="wp-intro">{s.team_intro}</div>
          {s.show_agent_avatars && <div class="wp-avatars" aria-hidden="true"><span>A</span><span>M</span><span>K</span></div>}
        </div>
        <div class="wp-body" style={wallpaper(s.background, s.background_image, color, !!s.dark_mode)}>
          <div class="wp-msg in">Hello! How can we help?</div>
          <div class="wp-msg out">Do you ship to Norway?</div>
        </div>
        <div class="wp-composer" style={{ color: s.dark_mode ? '#9ca3af' : '#5b6472' }}>Write a message…</div>
      </div>
      <div key={`l${replay}`} class={`wp-launcher ${left ? 'left' : ''}`} aria-hidden="true"
        style={{ animation: launcherAnim, ...(label ? { width: 'auto', borderRadius: 28, padding: '0 18px 0 14px', gap: 8, display: 'flex', alignItems: 'center' } : {}) }}>
        {img ? <img src={img} alt="" width={30} height={30} style={{ objectFit: 'contain' }} />
          : <svg viewBox="0 0 24 24" width={26} height={26} fill="currentColor"><path d={ICON_PATHS[s.launcher_icon ?? 'chat'] ?? ICON_PATHS.chat} /></svg>}
        {label && <span style={{ fontWeight: 600, fontSize: 14, whiteSpace: 'nowrap' }}>{label}</span>}
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
