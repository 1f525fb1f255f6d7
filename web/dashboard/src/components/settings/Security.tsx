// Settings > Security: "Require two-factor authentication". On: every agent without it can only set it up (and sign
// out) until they have; their open sessions are held at the set-up too (docs/security.md). The admin turns it on
// for themselves first (the server refuses otherwise, with a link to the profile here).
import { useState } from 'preact/hooks';
import { buildHash } from '../../stores/router';
import type { SectionProps } from './section';
import '../profile/two-factor.css';

export function SecuritySettings({ settings, save }: SectionProps) {
  const on = !!settings.require_two_factor;
  const [busy, setBusy] = useState(false);
  const toggle = async () => {
    setBusy(true);
    await save({ settings: { require_two_factor: !on } }, on ? 'Two-factor authentication is optional' : 'Two-factor authentication is required');
    setBusy(false);
  };
  return (
    <div class="stack">
      <h2>Security</h2>
      <div class="card-section stack">
        <div class="switch-row">
          <div>
            <h3 id="req-2fa-label">Require two-factor authentication</h3>
            <p class="muted small" id="req-2fa-help">Every agent signs in with a code from an authenticator app as well as their password.
              Agents who have not set it up are asked to do so before anything else, including those signed in now.
              API tokens keep working.</p>
          </div>
          <button type="button" role="switch" class={`switch ${on ? 'on' : ''}`} aria-checked={on} aria-labelledby="req-2fa-label"
            aria-describedby="req-2fa-help" disabled={busy} onClick={() => void toggle()}>
            <span class="switch-knob" aria-hidden="true" />
          </button>
        </div>
        {!on && <p class="muted small">Turn it on for yourself first, in <a href={buildHash(['profile'])}>your profile</a>.</p>}
      </div>
    </div>
  );
}
