import { safeUrl } from '../../../shared/linkify';

/**
 * Up to two initials: the first letter of the first and of the last word that has a letter. Code points, not
 * UTF-16 halves (an emoji or 𝒜 stays whole); punctuation and numbers are skipped ("Visitor #17" is "V", not
 * "V#" or "V1"); a name without letters shows its digits ("#17" is "17").
 */
export function initials(name: string): string {
  const words = name.split(/\s+/).map((w) => Array.from(w).find((c) => /\p{L}/u.test(c))).filter(Boolean) as string[];
  if (words.length) return (words[0] + (words.length > 1 ? words[words.length - 1] : '')).toLocaleUpperCase();
  const digits = name.replace(/\D/g, '');
  return digits ? digits.slice(-2) : '?';
}

export function Avatar({ name, url, size = 28 }: { name: string; url?: string | null; size?: number }) {
  const src = safeUrl(url);
  return (
    <span class="av" style={{ width: `${size}px`, height: `${size}px`, fontSize: `${Math.round(size * 0.4)}px` }} aria-hidden="true">
      {src ? <img src={src} alt="" width={size} height={size} referrerpolicy="no-referrer" /> : initials(name)}
    </span>
  );
}
