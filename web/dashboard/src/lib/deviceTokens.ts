// Device tokens: the login answer's `device_token` proves "this browser signed in to this account before".
// Sent with the next login for the same email, the server limits failed logins on the device's own key, so a
// guesser elsewhere cannot lock the owner out. Kept per lower-cased email, the most recent last, at most
// MAX_DEVICES; they outlive logout (only the session token is dropped then).

export const MAX_DEVICES = 10;

/** email (lower case) -> device token, in least- to most-recently used order. */
export type DeviceTokens = Record<string, string>;

export const emailKey = (email: string) => email.trim().toLowerCase();

/** Parses the stored JSON; anything odd is dropped, never thrown. */
export function parseDevices(raw: string | null | undefined): DeviceTokens {
  const out: DeviceTokens = {};
  try {
    const v = JSON.parse(raw || '{}');
    if (!v || typeof v !== 'object' || Array.isArray(v)) return out;
    for (const [k, t] of Object.entries(v)) {
      if (k && typeof t === 'string' && t.length > 0 && t.length <= 512) out[k] = t;
    }
  } catch { /* corrupt: start over */ }
  return keepNewest(out);
}

export function deviceFor(map: DeviceTokens, email: string): string | undefined {
  return map[emailKey(email)] || undefined;
}

/** The map with `token` as the most recent entry for `email`, the oldest dropped beyond MAX_DEVICES. */
export function rememberDevice(map: DeviceTokens, email: string, token: string): DeviceTokens {
  const key = emailKey(email);
  const next: DeviceTokens = {};
  for (const [k, t] of Object.entries(map)) if (k !== key) next[k] = t;
  next[key] = token;
  return keepNewest(next);
}

function keepNewest(map: DeviceTokens): DeviceTokens {
  const entries = Object.entries(map);
  return entries.length <= MAX_DEVICES ? map : Object.fromEntries(entries.slice(-MAX_DEVICES));
}
