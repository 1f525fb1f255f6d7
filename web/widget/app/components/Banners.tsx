import type { State } from '../chat';
import type { T } from '../i18n';

export function Banners({ s, t, onDismiss }: { s: State; t: T; onDismiss: () => void }) {
  return (
    <>
      {s.reconnecting && s.phase === 'ready' && <div class="bar" role="status">{t('reconnecting')}</div>}
      {s.error && (
        <div class="err" role="alert">
          <span>{s.error}</span>
          <button type="button" onClick={onDismiss} aria-label={t('dismiss')}>×</button>
        </div>
      )}
    </>
  );
}
