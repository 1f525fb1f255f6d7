// A message's client_id (docs/protocol.md, `message.send`: 1..64 characters, unique per sender and conversation,
// the same on every resend so the server stores it once).
export function newClientId(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
