// The time zones the business-hours form offers. Chromium's Intl.supportedValuesOf('timeZone') lists
// canonical IANA zones only and leaves out "UTC" — the default of a server or container — so a select
// whose value was "UTC" showed a blank (issue 10). UTC always comes first, and the saved zone is always
// an option, whatever this browser knows.
export function timeZoneOptions(current: string | null | undefined, known: () => string[] = supportedZones): string[] {
  let list: string[];
  try {
    list = known();
  } catch {
    list = [];
  }
  const out = ['UTC', ...list.filter((z) => z !== 'UTC' && z !== 'Etc/UTC')];
  if (current && !out.includes(current)) out.splice(1, 0, current);
  return out;
}

function supportedZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  if (typeof intl.supportedValuesOf === 'function') return intl.supportedValuesOf('timeZone');
  return ['Europe/Berlin', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo'];
}

/** The zone a new business-hours setting starts with: this browser's, or UTC. */
export function defaultTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
