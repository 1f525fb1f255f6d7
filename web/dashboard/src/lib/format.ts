// Small formatting helpers shared by components.
import { countryName } from './flag';
import type { Contact, ConversationContact } from '../../../shared/types';

export function clock(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export function fullTime(ms: number): string {
  return new Date(ms).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}

/** "now", "4m", "2h", "3d" — compact waiting times for the list. */
export function shortAgo(ms: number, now = Date.now()): string {
  const s = Math.max(0, Math.floor((now - ms) / 1000));
  if (s < 60) return 'now';
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

/** "just now", "4m ago", "3d ago": for "Last seen …". */
export function ago(ms: number, now = Date.now()): string {
  const t = shortAgo(ms, now);
  return t === 'now' ? 'just now' : `${t} ago`;
}

/** "45 s", "2 min", "1 h 5 min". */
export function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

/** The visitor's wall clock, e.g. "14:32", or '' for an unknown zone. */
export function localTimeIn(tz: string | null | undefined, now = Date.now()): string {
  if (!tz) return '';
  try {
    return new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit', timeZone: tz }).format(now);
  } catch {
    return '';
  }
}

export function dayLabel(ms: number, now = Date.now()): string {
  const d = new Date(ms);
  const n = new Date(now);
  const start = (x: Date) => new Date(x.getFullYear(), x.getMonth(), x.getDate()).getTime();
  const diff = Math.round((start(n) - start(d)) / 86400000);
  if (diff === 0) return 'Today';
  if (diff === 1) return 'Yesterday';
  return d.toLocaleDateString([], { weekday: 'long', day: 'numeric', month: 'long', year: d.getFullYear() === n.getFullYear() ? undefined : 'numeric' });
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10240 ? 1 : 0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function contactName(c: Pick<ConversationContact, 'name' | 'email' | 'country'> | Contact | null | undefined, id?: number): string {
  if (c?.name) return c.name;
  if (c?.email) return c.email;
  if (c?.country) return `Visitor from ${countryName(c.country)}`;
  return id ? `Visitor #${id}` : 'Visitor';
}

/**
 * Two letters for an avatar: "Mara Lindqvist" -> "ML", "Visitor from Germany" -> "VG". A name that ends in a
 * number is told apart by that number, not by its first digit: "Visitor #17" -> "#17" (it was "V1" for
 * #17, #18 and #19 alike).
 */
export function initials(name: string): string {
  const parts = name.replace(/[^\p{L}\p{N}\s]/gu, ' ').trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '?';
  const last = parts[parts.length - 1];
  if (/^\p{N}+$/u.test(last)) return parts.length > 1 || name.includes('#') ? `#${last}` : last;
  return ([...parts[0]][0] + (parts.length > 1 ? [...last][0] : '')).toUpperCase();
}

/** A stable hue for an avatar from a name or id. */
export function hue(seed: string | number): number {
  const s = String(seed);
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0;
  return h % 360;
}

/** A display path for a URL: "/pricing?plan=pro". */
export function shortUrl(url: string | null | undefined): string {
  if (!url) return '';
  try {
    const u = new URL(url);
    return (u.pathname + u.search) || '/';
  } catch {
    return url;
  }
}
