import type { State } from '../chat';
import type { T } from '../i18n';
import { Avatar } from './Avatar';
import { Icon } from './Icon';
import { paths } from '../icons';

export function Header({ s, t, onClose }: { s: State; t: T; onClose: () => void }) {
  const st = s.settings;
  return (
    <header class="hd">
      <div class="hd-top">
        {st.show_agent_avatars && s.agents.length > 0 && (
          <div class="hd-avs">{s.agents.map((a, i) => <Avatar key={i} name={a.name} url={a.avatar_url} size={36} />)}</div>
        )}
        <button type="button" class="hd-x" aria-label={t('close')} title={t('close')} onClick={onClose}>
          <Icon d={paths.close} />
        </button>
      </div>
      <h1 class="hd-greet">{st.greeting}</h1>
      <p class="hd-intro">
        <span class={'dot' + (s.online ? ' on' : '')} aria-hidden="true" />
        <span class="sr">{s.online ? t('online') : t('away')}: </span>
        {s.online ? st.team_intro : st.away_message}
      </p>
    </header>
  );
}
