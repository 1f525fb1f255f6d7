import { describe, expect, it } from 'vitest';
import { DEFAULTS, type Settings } from '../settings';
import { translator } from '../i18n';
import { cssString, launcherUi } from './launcher';
import { imageUrl } from '../../../shared/linkify';

const t = translator('en');
const ui = (s: Partial<Settings>, label = s.launcher_label || '') =>
  launcherUi({ ...DEFAULTS, ...s }, label, 'en', t, 'https://chat.example.com');

describe('launcher look', () => {
  it('a round icon button by default, popping in and sliding the panel, both only without reduced motion', () => {
    const u = ui({});
    expect(u.lo).toBe('Open chat');
    expect(u.css).not.toContain('::after');
    expect(u.css).toMatch(/@media\(prefers-reduced-motion:no-preference\)\{iframe\{transition:\.25s\}button\{animation:p \.35s\}\}/);
    expect(ui({ launcher_animation: 'none', panel_animation: 'none' }).css).not.toContain('animation');
    expect(ui({ launcher_animation: 'none', panel_animation: 'none' }).css).not.toContain('transition');
  });

  it('a label becomes the button text and its accessible name', () => {
    const u = ui({ launcher_label: 'Chat with us' });
    expect(u.lo).toBe('Chat with us');
    expect(u.css).toContain('button::after{content:"Chat with us"');
    expect(u.css).toContain('.o button::after{content:none}');
  });

  it('no label text can leave its CSS string', () => {
    const evil = '"}*{display:none}\\"; </style><script>';
    const u = ui({ launcher_label: evil });
    const m = /content:("(?:[^"\\]|\\.)*")/.exec(u.css)!;
    expect(m[1]).toBe(cssString(evil));
    expect(m[1]).not.toMatch(/[{}<>;]/);
    expect(u.css).not.toContain('display:none}\\');
    expect(cssString('تحدث')).toBe('"\\62a \\62d \\62f \\62b "');
  });

  it('an image replaces the icon; uploads are served by Parley, not the host page', () => {
    const up = ui({ launcher_image: '/uploads/0123456789abcdef0123456789abcdef.png' });
    expect(up.css).toContain(`url(${cssString('https://chat.example.com/uploads/0123456789abcdef0123456789abcdef.png')})`);
    expect(up.css).toContain('svg{display:none}');
    for (const bad of ['javascript:alert(1)', 'http://x.example/a.png', 'https://x.example/a.png")', '/uploads/../x.png', '//evil/x.png']) {
      expect(ui({ launcher_image: bad }).css, bad).not.toContain('url(');
      expect(imageUrl(bad, 'https://chat.example.com'), bad).toBeNull();
    }
  });

  it('colours and offsets only as checked values', () => {
    const u = ui({ color: 'red;}*{x:y', offset_x: -5 as any, offset_y: '9px' as any });
    expect(u.css.startsWith('.w{--x:20px;--y:20px;--bg:#4f46e5;--fg:#ffffff}')).toBe(true);
    expect(ui({ position: 'left' }).css).toContain('button,iframe{right:auto;left:var(--x)}');
    expect(ui({ launcher_icon: 'nope' as any }).d).toBe(ui({}).d);
  });
});
