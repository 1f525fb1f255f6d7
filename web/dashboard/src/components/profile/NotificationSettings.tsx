import { useStore } from '../../lib/store';
import { askDesktopPermission, chime, notifyPrefs, setNotifyPref } from '../../stores/notify';
import type { NotificationPreferences } from '../../../../shared/types';

const EVENTS: { key: keyof NotificationPreferences; label: string; hint: string }[] = [
  { key: 'new_conversation', label: 'New conversation', hint: 'A visitor starts a chat that is unassigned or assigned to you.' },
  { key: 'new_message', label: 'New message in my conversations', hint: 'A visitor writes in a chat assigned to you or to nobody.' },
  { key: 'assigned', label: 'Assigned to me', hint: 'A teammate gives you a conversation.' },
];

/** Each switch saves at once (PATCH /api/v1/me/preferences); the same settings follow the agent to every browser. */
export function NotificationSettings() {
  const n = useStore(notifyPrefs);
  const p = n.prefs;
  return (
    <section class="card-section" aria-labelledby="notify-title">
      <h2 id="notify-title">Notifications</h2>
      {!n.loaded ? <p class="muted small" aria-busy="true">Loading your settings…</p> : (
        <div class="stack">
          <fieldset class="check-group">
            <legend>Notify me about</legend>
            {EVENTS.map((e) => (
              <label key={e.key} class="check check-block">
                <input type="checkbox" checked={p[e.key]} onChange={(ev) => void setNotifyPref(e.key, ev.currentTarget.checked)} />
                <span><span class="check-label">{e.label}</span><span class="muted small block">{e.hint}</span></span>
              </label>
            ))}
          </fieldset>
          <fieldset class="check-group">
            <legend>How</legend>
            <label class="check check-block">
              <input type="checkbox" checked={p.sound} onChange={(e) => void setNotifyPref('sound', e.currentTarget.checked)} />
              <span><span class="check-label">Play a sound</span></span>
            </label>
            {p.sound && <button type="button" class="btn btn-sm indent" onClick={() => chime()}>Play the sound</button>}
            <label class="check check-block">
              <input type="checkbox" checked={p.desktop} onChange={(e) => void setNotifyPref('desktop', e.currentTarget.checked)} />
              <span><span class="check-label">Desktop notifications</span>
                <span class="muted small block">
                  {n.permission === 'granted' ? 'This browser shows them.'
                    : n.permission === 'denied' ? 'Blocked in this browser: allow notifications for this site in its settings.'
                    : n.permission === 'unsupported' ? 'This browser cannot show them.'
                    : 'This browser has not been allowed yet.'}
                </span></span>
            </label>
            {p.desktop && n.permission === 'default' && (
              <button type="button" class="btn btn-sm indent" onClick={() => void askDesktopPermission()}>Allow in this browser</button>
            )}
          </fieldset>
          <fieldset class="check-group">
            <legend>By email</legend>
            <label class="check check-block">
              <input type="checkbox" checked={p.email === true} onChange={(e) => void setNotifyPref('email', e.currentTarget.checked)} />
              <span><span class="check-label">Email me about new conversations and replies in my chats while I'm offline</span>
                <span class="muted small block">Off unless you turn it on. What happens within 10 minutes comes in one email, to your login address.</span></span>
            </label>
          </fieldset>
        </div>
      )}
    </section>
  );
}
