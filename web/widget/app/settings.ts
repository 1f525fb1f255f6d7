// The workspace's widget settings as the chat uses them: every key filled in from the server's defaults.
import type { PrechatField, WidgetSettings } from '../../shared/types';
import type { Key } from './i18n';

export type { PrechatField };
/** The settings the widget reads, each present (business hours, auto-assignment, the help center's domain and
 *  email are the server's business). */
type ServerOnly = 'business_hours' | 'auto_assign' | 'prechat' | 'help_center_domain' | 'email_sender_name'
  | 'email_reply_domain' | 'email_continuity' | 'email_continuity_minutes' | 'require_two_factor';
export type Settings = Required<Omit<WidgetSettings, ServerOnly>>
  & { prechat: NonNullable<WidgetSettings['prechat']> };

/** The server's defaults (server/src/http/widget_settings.cpp). Texts left at these are shown translated. */
export const DEFAULTS: Settings = {
  color: '#4f46e5', position: 'right', offset_x: 20, offset_y: 20, greeting: 'Hi there',
  team_intro: 'We typically reply in a few minutes', launcher_icon: 'chat', launcher_label: '', launcher_image: '',
  launcher_animation: 'pop', panel_animation: 'slide', background: 'none', background_image: '',
  show_agent_avatars: true, dark_mode: false, locale: 'auto',
  away_message: 'We are away right now. Leave a message and we will get back to you here.',
  prechat: { enabled: false, fields: [] },
};

/** The settings texts with a translated default: the English default and the string key. */
export const DEFAULT_TEXT: Record<string, [string, Key]> = {
  greeting: [DEFAULTS.greeting, 'greeting'], team_intro: [DEFAULTS.team_intro, 'teamIntro'],
  away_message: [DEFAULTS.away_message, 'awayMessage'], launcher_label: ['Chat with us', 'launcherLabel'],
};

export const DEFAULT_PRECHAT: PrechatField[] = [
  { name: 'name', type: 'text', required: false }, { name: 'email', type: 'email', required: true },
];
