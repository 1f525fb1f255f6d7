// What the loader needs to draw the launcher on the host page, built from the workspace settings: the `ui`
// message {css, d, lo, lc}. The loader caches it (host localStorage) and paints it before the frame exists on the
// next page. `css` goes into a <style> inside the loader's shadow root, after the loader's own rules
// (web/widget/loader/loader.ts); every value in it is checked or escaped here, so the frame is the one place that
// turns settings into launcher CSS and the loader stays within its 2 KB.
import type { LauncherUi } from '../../../shared/bridge';
import { imageUrl } from '../../../shared/linkify';
import type { Settings } from '../settings';
import type { T } from '../i18n';
import { isRtl } from '../i18n';
import { launcherIcons } from '../icons';
import { theme } from './color';

const num = (v: unknown, d: number) => (typeof v === 'number' && v >= 0 && v <= 400 ? Math.round(v) : d);

/** A CSS string literal: everything but letters, digits and spaces as a hex escape, so no value can end it. */
export function cssString(s: string): string {
  let out = '"';
  for (const ch of s) out += /[A-Za-z0-9 ]/.test(ch) ? ch : `\\${ch.codePointAt(0)!.toString(16)} `;
  return out + '"';
}

// The teaser (app/teaser/teaser.tsx): while the chat is closed and the frame gave the iframe a height (--t, bridge
// `teaser`), the iframe shows at the card's size above the launcher with no panel chrome; under 480 px beside the
// launcher instead of over the whole page.
const T = '.w:not(.o) iframe[style*="--t"]';
const TEASER = `${T}{visibility:visible;opacity:1;translate:none;scale:none;width:320px;height:var(--t);background:none;` +
  'box-shadow:none;border-radius:0;color-scheme:normal}' +
  `@media(max-width:480px){${T}{inset:auto;bottom:var(--y);right:calc(var(--x) + 64px);width:calc(100% - var(--x)*2 - 64px);max-width:320px;height:var(--t)}}`;
const TEASER_LEFT = `@media(max-width:480px){${T}{right:auto;left:calc(var(--x) + 64px)}}`;

/**
 * The launcher for these settings. `label` is the text shown beside the icon ('' for a round button),
 * `origin` the Parley server's (uploads are served there, not by the host page).
 */
export function launcherUi(s: Settings, label: string, locale: string, t: T, origin: string): LauncherUi {
  const th = theme(s.color);
  const left = s.position === 'left';
  let css = `.w{--x:${num(s.offset_x, 20)}px;--y:${num(s.offset_y, 20)}px;--bg:${th.bg};--fg:${th.fg}}` + TEASER;
  if (left) css += 'button,iframe{right:auto;left:var(--x)}' + TEASER_LEFT;
  const text = (s.launcher_label || '').trim() ? label.trim() : '';
  if (text) {
    css += 'button{width:auto;padding:0 20px 0 16px;display:flex;align-items:center;gap:8px}' +
      `button::after{content:${cssString(text)};font:600 15px/1 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;white-space:nowrap}` +
      '.o button{width:60px;padding:0;justify-content:center}.o button::after{content:none}';
    if (isRtl(locale)) css += 'button{direction:rtl}';
  }
  const img = imageUrl(s.launcher_image, origin);
  if (img) {
    css += `svg{display:none}button::before{content:"";width:32px;height:32px;background:url(${cssString(img)}) center/contain no-repeat}` +
      '.o svg{display:block}.o button::before{content:none}';
  }
  // Motion, none of it under prefers-reduced-motion. The panel opens and closes with a transition between the
  // loader's hidden state (faded out, 16 px lower) and its open state; the launcher enters with an animation.
  const panel = s.panel_animation === 'none' ? '' : 'iframe{transition:.25s}';
  if (s.panel_animation === 'zoom') css += `iframe{translate:none;scale:.85;transform-origin:${left ? '0' : '100%'} 100%}.o iframe{scale:1}`;
  else if (s.panel_animation === 'fade') css += 'iframe{translate:none}';
  const entrance = s.launcher_animation === 'none' ? ''
    : s.launcher_animation === 'bounce' ? 'button{animation:b .9s cubic-bezier(.3,1.4,.6,1)}' : 'button{animation:p .35s}';
  if (panel || entrance) css += `@media(prefers-reduced-motion:no-preference){${panel}${entrance}}`;
  if (s.launcher_animation === 'bounce') css += '@keyframes b{0%{translate:0 calc(100% + var(--y))}60%{translate:0 -12px}80%{translate:0 4px}}';
  else if (entrance) css += '@keyframes p{0%{scale:0}}';
  return {
    css,
    d: launcherIcons[s.launcher_icon] || launcherIcons.chat,
    lo: text || t('open'),
    lc: t('close'),
  };
}
