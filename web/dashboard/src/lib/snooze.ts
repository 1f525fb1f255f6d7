// Snooze choices -> the `snoozed_until` time (ms). Local time of the agent's browser.
export type SnoozeChoice = { kind: '1h' } | { kind: 'tomorrow' } | { kind: 'nextweek' } | { kind: 'date'; date: string; time?: string };

/** The hour a day-based snooze wakes at. */
export const WAKE_HOUR = 9;

export function snoozeUntil(choice: SnoozeChoice, now: Date = new Date()): number {
  switch (choice.kind) {
    case '1h':
      return now.getTime() + 60 * 60 * 1000;
    case 'tomorrow': {
      const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, WAKE_HOUR, 0, 0, 0);
      return d.getTime();
    }
    case 'nextweek': {
      // Next Monday 09:00 (a Monday snoozes to the Monday after).
      const days = ((8 - now.getDay()) % 7) || 7;
      return new Date(now.getFullYear(), now.getMonth(), now.getDate() + days, WAKE_HOUR, 0, 0, 0).getTime();
    }
    case 'date': {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(choice.date);
      if (!m) throw new Error('Pick a date');
      const t = /^(\d{1,2}):(\d{2})$/.exec(choice.time ?? '');
      const h = t ? Number(t[1]) : WAKE_HOUR;
      const min = t ? Number(t[2]) : 0;
      const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), h, min, 0, 0);
      if (d.getTime() <= now.getTime()) throw new Error('Pick a time in the future');
      return d.getTime();
    }
  }
}

/** "in 1 hour", "tomorrow 09:00", "Mon 3 Feb 09:00". */
export function describeSnooze(until: number, now: Date = new Date()): string {
  const d = new Date(until);
  const hm = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const sameDay = (a: Date, b: Date) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
  if (sameDay(d, now)) return `today ${hm}`;
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  if (sameDay(d, tomorrow)) return `tomorrow ${hm}`;
  return `${d.toLocaleDateString([], { weekday: 'short', day: 'numeric', month: 'short' })} ${hm}`;
}
