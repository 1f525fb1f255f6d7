// Phones: the dashboard is one column at a time under 768 px, and the composer must stay above the
// on-screen keyboard. The keyboard shrinks the visual viewport (and on iOS scrolls it) without
// resizing the layout viewport, so the app's box follows window.visualViewport through two CSS
// variables (--vv-h, --vv-top; styles.css uses them under 768 px, 100dvh otherwise).
import { useEffect, useState } from 'preact/hooks';

export const PHONE_QUERY = '(max-width: 767px)';

/** True while the media query matches; follows changes (rotation, a resized window). */
export function useMedia(query: string): boolean {
  const get = () => typeof matchMedia === 'function' && matchMedia(query).matches;
  const [on, setOn] = useState(get);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const mq = matchMedia(query);
    const update = () => setOn(mq.matches);
    update();
    mq.addEventListener('change', update);
    return () => mq.removeEventListener('change', update);
  }, [query]);
  return on;
}

export function usePhone(): boolean {
  return useMedia(PHONE_QUERY);
}

/** Keeps --vv-h / --vv-top in step with the visual viewport; returns a stop function. */
export function trackVisualViewport(): () => void {
  const vv = typeof window !== 'undefined' ? window.visualViewport : null;
  if (!vv) return () => {};
  const root = document.documentElement;
  const set = () => {
    root.style.setProperty('--vv-h', `${Math.round(vv.height)}px`);
    root.style.setProperty('--vv-top', `${Math.round(vv.offsetTop)}px`);
  };
  set();
  vv.addEventListener('resize', set);
  vv.addEventListener('scroll', set);
  return () => {
    vv.removeEventListener('resize', set);
    vv.removeEventListener('scroll', set);
    root.style.removeProperty('--vv-h');
    root.style.removeProperty('--vv-top');
  };
}
