import { safeUrl } from '../lib/linkify';

export function Avatar({ name, url, size = 28 }: { name: string; url?: string | null; size?: number }) {
  const src = safeUrl(url);
  const initials = name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0]).join('').toUpperCase() || '?';
  return (
    <span class="av" style={{ width: `${size}px`, height: `${size}px`, fontSize: `${Math.round(size * 0.4)}px` }} aria-hidden="true">
      {src ? <img src={src} alt="" width={size} height={size} referrerpolicy="no-referrer" /> : initials}
    </span>
  );
}
