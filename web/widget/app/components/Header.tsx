import type { State } from '../chat';
import type { T } from '../i18n';
import { Avatar } from './Avatar';
import { Icon } from './Icon';
import { launcherIcons, paths } from '../icons';

export function Header({ s, t, text, onClose, onMail }: {
  s: State; t: T; text: (k: 'greeting' | 'team_intro' | 'away_message') => string; onClose: () => void;
  /** "Email me this conversation" (app/email/, a lazy chunk); absent while there is no conversation. */
  onMail?: () => void;
}) {
  const st = s.settings;
  const boot = s.phase === 'boot';
  return (
    <header class="hd">
      <div class="hd-top">
        {st.show_agent_avatars && s.agents.length > 0 && (
          <div class="hd-avs">{s.agents.map((a, i) => <Avatar key={i} name={a.name} url={a.avatar_url} size={36} />)}</div>
        )}
        {onMail && (
          <button type="button" class="hd-m" aria-label={t('emailMe')} title={t('emailMe')} onClick={onMail}>
            <Icon d={launcherIcons.message} />
          </button>
        )}
        <button type="button" class="hd-x" aria-label={t('close')} title={t('close')} onClick={onClose}>
          <Icon d={paths.close} />
        </button>
      </div>
      {boot ? (
        // Until the workspace's texts and language are known: no English flash, a calm placeholder.
        <div class="hd-skel" aria-hidden="true"><i /><i /></div>
      ) : (
        <>
          <h1 class="hd-greet">{text('greeting')}</h1>
          <p class="hd-intro">
            <span class={'dot' + (s.online ? ' on' : '')} aria-hidden="true" />
            <span class="sr">{s.online ? t('online') : t('away')}: </span>
            {s.online ? text('team_intro') : text('away_message')}
          </p>
        </>
      )}
    </header>
  );
}
