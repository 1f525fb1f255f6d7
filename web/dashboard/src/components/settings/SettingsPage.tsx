import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, errorMessage } from '../../api';
import { useStore } from '../../lib/store';
import { buildHash, route } from '../../stores/router';
import { session, updateWorkspace } from '../../stores/session';
import { toast } from '../../stores/toasts';
import type { WidgetSettings, Workspace } from '../../../../shared/types';
import { EmptyState, Skeleton } from '../ui';
import type { SectionProps } from './section';
import { AgentsSettings, TeamsSettings } from './People';
import { ProactiveMessagesSettings } from './ProactiveMessages';
import { CampaignsSettings } from './Campaigns';
import { CannedSettings } from './CannedReplies';
import { BusinessHours, IdentitySettings, PrechatSettings } from './Content';
import { RoutingSettings } from './Routing';
import { ApiTokensSettings } from './ApiTokens';
import { AuditLogSettings } from './AuditLog';
import { BlockedSettings } from './Blocked';
import { workspaceTimeZone } from '../../lib/auditLog';
import { DataPrivacySettings } from './DataPrivacy';
import { BotAiPage } from './BotAi';
import { BotNumbersPage } from './BotNumbers';
import { BotSettingsPage } from './BotSettings';
import { SecuritySettings } from './Security';
import { WebhooksSettings } from './Webhooks';
import { EmailSettings } from './Email';
import { DomainsSettings, WidgetAppearance } from './Widget';

const SECTIONS = [
  { id: 'widget', label: 'Widget' },
  { id: 'domains', label: 'Allowed domains' },
  { id: 'agents', label: 'Agents' },
  { id: 'teams', label: 'Teams' },
  { id: 'proactive', label: 'Automation: Proactive messages' },
  { id: 'routing', label: 'Automation: Routing' },
  { id: 'bot', label: 'Automation: Bot' },
  { id: 'bot-ai', label: 'Automation: AI answers' },
  { id: 'bot-numbers', label: 'Automation: Bot numbers' },
  { id: 'campaigns', label: 'Campaigns' },
  { id: 'canned', label: 'Canned replies' },
  { id: 'hours', label: 'Business hours' },
  { id: 'prechat', label: 'Pre-chat form' },
  { id: 'identity', label: 'Identity verification' },
  { id: 'security', label: 'Security' },
  { id: 'email', label: 'Email' },
  { id: 'webhooks', label: 'Webhooks' },
  { id: 'api-tokens', label: 'API tokens' },
  { id: 'blocked', label: 'Blocked' },
  { id: 'audit-log', label: 'Audit log' },
  { id: 'privacy', label: 'Data & privacy' },
] as const;

export const DEFAULT_SETTINGS: Required<Pick<WidgetSettings, 'color' | 'position' | 'greeting' | 'team_intro' | 'launcher_icon' | 'show_agent_avatars' | 'dark_mode' | 'away_message' | 'offset_x' | 'offset_y' | 'locale'>> = {
  color: '#4f46e5', position: 'right', offset_x: 20, offset_y: 20, greeting: 'Hi there', team_intro: 'We typically reply in a few minutes',
  launcher_icon: 'chat', show_agent_avatars: true, dark_mode: false, locale: 'auto',
  away_message: 'We are away right now. Leave a message and we will get back to you here.',
};

export function SettingsPage() {
  const s = useStore(session);
  const r = useStore(route);
  const [ws, setWs] = useState<Workspace | null>(null);
  const [error, setError] = useState<string | null>(null);
  const section = r.path[1] ?? 'widget';
  const admin = s.phase === 'ready' && s.agent.role === 'admin';

  useEffect(() => {
    if (!admin) return;
    api<{ workspace: Workspace }>('GET', '/api/v1/workspace')
      .then((x) => setWs(x.workspace))
      .catch((err) => setError(err instanceof ApiError && err.status === 403 ? 'forbidden' : errorMessage(err)));
  }, [admin]);

  if (!admin || error === 'forbidden') {
    return (
      <div class="page">
        <EmptyState icon="lock" title="Settings are for admins">
          <p>Ask an admin of your workspace to change the widget, agents or teams.</p>
          <p><a href={buildHash(['inbox'])}>Back to the inbox</a></p>
        </EmptyState>
      </div>
    );
  }

  const settings: WidgetSettings = { ...DEFAULT_SETTINGS, ...(ws?.settings ?? {}) };
  const save: SectionProps['save'] = async (patch, okText = 'Saved') => {
    try {
      const body = patch.settings ? { ...patch, settings: { ...settings, ...patch.settings } } : patch;
      const res = await api<{ workspace: Workspace }>('PATCH', '/api/v1/workspace', body);
      setWs(res.workspace);
      updateWorkspace({ id: res.workspace.id, public_id: res.workspace.public_id, name: res.workspace.name });
      toast(okText, 'success', 2500);
      return true;
    } catch (err) {
      toast(`Not saved: ${errorMessage(err)}`, 'error', 8000);
      return false;
    }
  };

  return (
    <div class="settings">
      <nav class="settings-nav" aria-label="Settings">
        <h1>Settings</h1>
        <ul>
          {SECTIONS.map((x) => (
            <li key={x.id}>
              <a href={buildHash(['settings', x.id])} class={section === x.id ? 'active' : ''} aria-current={section === x.id ? 'page' : undefined}>{x.label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="settings-body">
        {error ? <p class="form-error" role="alert">{error}</p> : !ws ? <div aria-busy="true"><Skeleton lines={4} /><Skeleton lines={4} /></div> : (
          section === 'widget' ? <WidgetAppearance ws={ws} settings={settings} save={save} />
            : section === 'domains' ? <DomainsSettings ws={ws} settings={settings} save={save} />
            : section === 'agents' ? <AgentsSettings />
            : section === 'teams' ? <TeamsSettings />
            : section === 'proactive' ? <ProactiveMessagesSettings />
            : section === 'routing' ? <RoutingSettings />
            : section === 'bot' ? <BotSettingsPage />
            : section === 'bot-ai' ? <BotAiPage />
            : section === 'bot-numbers' ? <BotNumbersPage />
            : section === 'campaigns' ? <CampaignsSettings />
            : section === 'canned' ? <CannedSettings />
            : section === 'hours' ? <BusinessHours ws={ws} settings={settings} save={save} />
            : section === 'prechat' ? <PrechatSettings ws={ws} settings={settings} save={save} />
            : section === 'identity' ? <IdentitySettings ws={ws} settings={settings} save={save} />
            : section === 'security' ? <SecuritySettings ws={ws} settings={settings} save={save} />
            : section === 'email' ? <EmailSettings ws={ws} settings={settings} onSaved={setWs} />
            : section === 'webhooks' ? <WebhooksSettings />
            : section === 'api-tokens' ? <ApiTokensSettings />
            : section === 'blocked' ? <BlockedSettings />
            : section === 'audit-log' ? <AuditLogSettings timeZone={workspaceTimeZone(settings)} />
            : section === 'privacy' ? <DataPrivacySettings />
            : <p>Unknown section.</p>
        )}
      </div>
    </div>
  );
}
