// Small shared pieces: icons, avatar, skeletons, empty states, popover menus, dialogs, toasts.
import type { ComponentChildren, CSSProperties } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { flagEmoji } from '../lib/flag';
import { hue, initials } from '../lib/format';
import { useStore } from '../lib/store';
import { dismiss, toasts } from '../stores/toasts';

const PATHS: Record<string, string> = {
  inbox: 'M3 13h4l2 3h6l2-3h4M5 5h14l2 8v6H3v-6z',
  visitors: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-8 9a8 8 0 0 1 16 0',
  settings: 'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm7.4-3a7.4 7.4 0 0 0-.1-1.2l2-1.6-2-3.4-2.4 1a7 7 0 0 0-2-1.2L14.5 3h-4l-.4 2.6a7 7 0 0 0-2 1.2l-2.4-1-2 3.4 2 1.6a7.4 7.4 0 0 0 0 2.4l-2 1.6 2 3.4 2.4-1a7 7 0 0 0 2 1.2l.4 2.6h4l.4-2.6a7 7 0 0 0 2-1.2l2.4 1 2-3.4-2-1.6c.1-.4.1-.8.1-1.2z',
  search: 'M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zm10 3-5-5',
  send: 'M4 20 21 12 4 4l2 8zm2-8h8',
  clip: 'M21 11.5 12.5 20a5 5 0 0 1-7-7L14 4.5a3.5 3.5 0 0 1 5 5L10.5 18a2 2 0 0 1-3-3L15 7.5',
  smile: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM8 14s1.5 2 4 2 4-2 4-2M9 9h.01M15 9h.01',
  bell: 'M18 16V11a6 6 0 0 0-12 0v5l-2 2h16zM10 21h4',
  check: 'M5 12l5 5L20 7',
  x: 'M6 6l12 12M18 6 6 18',
  clock: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zm0-13v5l3 2',
  user: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-7 9a7 7 0 0 1 14 0',
  panel: 'M4 4h16v16H4zM15 4v16',
  lock: 'M6 11h12v10H6zm2 0V7a4 4 0 0 1 8 0v4',
  chevron: 'M6 9l6 6 6-6',
  logout: 'M15 4h4v16h-4M10 17l5-5-5-5M15 12H3',
  tag: 'M3 12V3h9l9 9-9 9zM7.5 7.5h.01',
  flag: 'M5 21V4h11l-2 4 2 4H5',
  team: 'M9 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm8 0a3 3 0 1 0 0-6M2 20a7 7 0 0 1 14 0m1-6a6 6 0 0 1 5 6',
  copy: 'M8 8h12v12H8zM4 16V4h12',
  chat: 'M4 5h16v11H9l-5 4z',
  keyboard: 'M3 6h18v12H3zM7 10h.01M11 10h.01M15 10h.01M7 14h10',
  refresh: 'M20 12a8 8 0 1 1-2.3-5.7M20 4v5h-5',
  external: 'M14 4h6v6M20 4l-9 9M18 14v6H4V6h6',
  trash: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13',
  plus: 'M12 5v14M5 12h14',
  note: 'M5 4h14v12l-4 4H5zM15 20v-4h4',
  globe: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM3 12h18M12 3c2.5 2.5 3.5 5.5 3.5 9s-1 6.5-3.5 9c-2.5-2.5-3.5-5.5-3.5-9s1-6.5 3.5-9z',
  monitor: 'M3 4h18v12H3zM8 20h8M12 16v4',
  book: 'M5 4h11a3 3 0 0 1 3 3v13H8a3 3 0 0 1-3-3zM5 17a3 3 0 0 1 3-3h11M9 8h6',
  back: 'M15 5l-7 7 7 7',
  star: 'M12 3l2.8 5.8 6.2.9-4.5 4.4 1 6.2L12 17.4 6.5 20.3l1-6.2L3 9.7l6.2-.9z',
  camera: 'M4 8h3l2-3h6l2 3h3v11H4zM12 17a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7z',
  merge: 'M6 3v6a6 6 0 0 0 6 6h6M15 12l3 3-3 3M6 21v-6',
  download: 'M12 4v11M7 10l5 5 5-5M5 20h14',
  help: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM9.5 9.5a2.5 2.5 0 1 1 3.4 2.3c-.6.3-.9.8-.9 1.4v.5M12 17h.01',
  chart: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
};

export function Icon({ name, size = 18, title }: { name: keyof typeof PATHS | string; size?: number; title?: string }) {
  return (
    <svg class="icon" width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2"
      stroke-linecap="round" stroke-linejoin="round" aria-hidden={title ? undefined : 'true'} role={title ? 'img' : undefined}>
      {title && <title>{title}</title>}
      <path d={PATHS[name] ?? ''} />
    </svg>
  );
}

export function Avatar({ name, url, country, size = 32, online }: { name: string; url?: string | null; country?: string | null; size?: number; online?: boolean }) {
  const flag = flagEmoji(country);
  const text = initials(name);
  // "#17" and "#1234" fit the circle: longer initials get a smaller type. The letters are drawn by CSS
  // (::before from data-initials): decoration, not text, so a button holding an avatar ("Account") keeps
  // its label as its whole name.
  const scale = text.length <= 2 ? 0.4 : text.length === 3 ? 0.34 : 0.27;
  return (
    <span class="avatar" style={{ width: `${size}px`, height: `${size}px`, '--avatar-hue': String(hue(name)) } as CSSProperties} aria-hidden="true">
      {url ? <img src={url} alt="" /> : <span class="avatar-initials" data-initials={text} style={{ fontSize: `${Math.round(size * scale)}px` }} />}
      {flag && <span class="avatar-flag">{flag}</span>}
      {online !== undefined && <span class={`avatar-dot ${online ? 'on' : ''}`} />}
    </span>
  );
}

export function Skeleton({ lines = 3, avatar = false }: { lines?: number; avatar?: boolean }) {
  return (
    <div class="skeleton" aria-hidden="true">
      {avatar && <span class="sk sk-avatar" />}
      <div class="sk-lines">
        {Array.from({ length: lines }, (_, i) => <span key={i} class="sk sk-line" style={{ width: `${90 - i * 18}%` }} />)}
      </div>
    </div>
  );
}

export function EmptyState({ icon, title, children }: { icon: string; title: string; children?: ComponentChildren }) {
  return (
    <div class="empty">
      <span class="empty-icon"><Icon name={icon} size={28} /></span>
      <h3>{title}</h3>
      {children && <div class="empty-body">{children}</div>}
    </div>
  );
}

/** A button that opens a popover menu; closes on Escape, outside click and after a choice. */
export function Menu({ label, button, children, align = 'left', class: cls = '', triggerId, triggerClass = '' }: {
  label: string;
  triggerId?: string;
  triggerClass?: string;
  button: ComponentChildren;
  children: (close: () => void) => ComponentChildren;
  align?: 'left' | 'right';
  class?: string;
}) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const btn = useRef<HTMLButtonElement>(null);
  const id = useId();
  useEffect(() => {
    if (!open) return;
    const onDown = (e: Event) => { if (!ref.current?.contains(e.target as Node)) setOpen(false); };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') { e.stopPropagation(); setOpen(false); btn.current?.focus(); }
    };
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('keydown', onKey, true);
    const first = ref.current?.querySelector<HTMLElement>('[role=menuitem],[role=menuitemradio],input,button:not(.menu-trigger)');
    first?.focus();
    return () => {
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [open]);
  const onMenuKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role=menuitem],[role=menuitemradio]') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLElement);
    const next = items[(i + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length];
    next?.focus();
    e.preventDefault();
  };
  return (
    <div class={`menu-wrap ${cls}`} ref={ref}>
      <button ref={btn} id={triggerId} type="button" class={`btn menu-trigger ${triggerClass}`} aria-haspopup="menu" aria-expanded={open} aria-controls={id}
        aria-label={label} title={label} onClick={() => setOpen(!open)}>
        {button}
      </button>
      {open && (
        <div class={`menu menu-${align}`} role="menu" id={id} aria-label={label} onKeyDown={onMenuKey}>
          {children(() => { setOpen(false); btn.current?.focus(); })}
        </div>
      )}
    </div>
  );
}

export function MenuItem({ onSelect, children, checked, danger }: { onSelect: () => void; children: ComponentChildren; checked?: boolean; danger?: boolean }) {
  return (
    <button type="button" role={checked === undefined ? 'menuitem' : 'menuitemradio'} aria-checked={checked}
      class={`menu-item ${danger ? 'danger' : ''}`} onClick={onSelect}>
      <span class="menu-check">{checked ? <Icon name="check" size={14} /> : null}</span>
      {children}
    </button>
  );
}

export function Dialog({ title, onClose, children, wide }: { title: string; onClose: () => void; children: ComponentChildren; wide?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const id = useId();
  useEffect(() => {
    const prev = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>('input,textarea,select,button:not(.dialog-close)') ?? ref.current?.querySelector<HTMLElement>('button');
    first?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') { e.stopPropagation(); onClose(); }
      if (e.key === 'Tab' && ref.current) {
        const f = [...ref.current.querySelectorAll<HTMLElement>('button,input,select,textarea,a[href],[tabindex="0"]')].filter((x) => !x.hasAttribute('disabled'));
        if (f.length === 0) return;
        if (e.shiftKey && document.activeElement === f[0]) { f[f.length - 1].focus(); e.preventDefault(); }
        else if (!e.shiftKey && document.activeElement === f[f.length - 1]) { f[0].focus(); e.preventDefault(); }
      }
    };
    document.addEventListener('keydown', onKey, true);
    return () => { document.removeEventListener('keydown', onKey, true); prev?.focus?.(); };
  }, []);
  return (
    <div class="dialog-backdrop" onPointerDown={(e) => { if (e.target === e.currentTarget) onClose(); }}>
      <div class={`dialog ${wide ? 'wide' : ''}`} role="dialog" aria-modal="true" aria-labelledby={id} ref={ref}>
        <header class="dialog-head">
          <h2 id={id}>{title}</h2>
          <button type="button" class="btn icon-btn dialog-close" aria-label="Close" onClick={onClose}><Icon name="x" /></button>
        </header>
        <div class="dialog-body">{children}</div>
      </div>
    </div>
  );
}

export function Toasts() {
  const list = useStore(toasts);
  return (
    <div class="toasts" role="status" aria-live="polite">
      {list.map((t) => (
        <div key={t.id} class={`toast toast-${t.kind}`} role={t.kind === 'error' ? 'alert' : undefined}>
          <span>{t.text}</span>
          <button type="button" class="btn icon-btn" aria-label="Dismiss" onClick={() => dismiss(t.id)}><Icon name="x" size={14} /></button>
        </div>
      ))}
    </div>
  );
}

/** Re-renders every `ms` (for "2 min on page", waiting times, local clocks). */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

export function Kbd({ children }: { children: ComponentChildren }) {
  return <kbd class="kbd">{children}</kbd>;
}
