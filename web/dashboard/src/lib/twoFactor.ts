// Two-factor authentication helpers for the login's code step and the profile's set-up: what a typed
// code is, the manual key in readable groups, the recovery codes as a file to keep, and the remembered
// devices ("remember this device for 30 days"), kept per email like the login device tokens.
import { deviceFor, parseDevices, rememberDevice, type DeviceTokens } from './deviceTokens';

/** The code without spaces (apps show "123 456"); recovery codes keep their hyphen. */
export function cleanCode(input: string): string {
  return input.replace(/\s+/g, '');
}

/** Six digits from the app. */
export function isAppCode(input: string): boolean {
  return /^\d{6}$/.test(cleanCode(input));
}

/** Six digits, or a recovery code ("abcde-fghij", case and hyphen free). */
export function looksLikeCode(input: string): boolean {
  const c = cleanCode(input);
  return isAppCode(c) || /^[a-z2-7]{5}-?[a-z2-7]{5}$/i.test(c);
}

/** "JBSWY3DPEHPK3PXP" -> "JBSW Y3DP EHPK 3PXP": easier to type into an app by hand. */
export function groupKey(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/** The text of the recovery codes file. */
export function recoveryCodesText(codes: string[], account: string, workspace: string, when = new Date()): string {
  return [
    `Parley recovery codes for ${account} (${workspace})`,
    `Made ${when.toISOString().slice(0, 10)}. Each code signs you in once when you cannot use your authenticator app.`,
    '',
    ...codes,
    '',
  ].join('\n');
}

/** The QR code's SVG (from the server) as an image URL. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

export const REMEMBERED_KEY = 'parley.2fa-devices';

export function readRemembered(raw: string | null | undefined, email: string): string | undefined {
  return deviceFor(parseDevices(raw), email);
}

export function withRemembered(raw: string | null | undefined, email: string, token: string): DeviceTokens {
  return rememberDevice(parseDevices(raw), email, token);
}
