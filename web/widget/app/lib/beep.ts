// A short two-tone beep through WebAudio. Browsers start an AudioContext suspended until the user interacts:
// we never force it; the first click or key press in the chat unlocks it, until then new messages are silent.
let ctx: AudioContext | null = null;

function context(): AudioContext | null {
  const AC = (window as any).AudioContext || (window as any).webkitAudioContext;
  if (!AC) return null;
  try { ctx = ctx || new AC(); } catch { return null; }
  return ctx;
}

export function unlockAudio(): void {
  const c = context();
  if (c && c.state === 'suspended') c.resume().catch(() => {});
}

export function beep(): void {
  const c = context();
  if (!c) return;
  if (c.state === 'running') return play(c);
  // Allowed when the host page delegated autoplay (allow="autoplay") and the user interacted with it;
  // otherwise resume() stays pending: a beep that comes late is dropped.
  const asked = Date.now();
  c.resume().then(() => { if (Date.now() - asked < 1000) play(c); }, () => {});
}

function play(c: AudioContext): void {
  const t = c.currentTime;
  const o = c.createOscillator();
  const g = c.createGain();
  o.frequency.setValueAtTime(880, t);
  o.frequency.setValueAtTime(1320, t + 0.09);
  g.gain.setValueAtTime(0.0001, t);
  g.gain.exponentialRampToValueAtTime(0.15, t + 0.02);
  g.gain.exponentialRampToValueAtTime(0.0001, t + 0.25);
  o.connect(g).connect(c.destination);
  o.start(t);
  o.stop(t + 0.26);
}
