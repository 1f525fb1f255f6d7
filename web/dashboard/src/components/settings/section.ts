// What each settings section is given by SettingsPage.
import type { WidgetSettings, Workspace } from '../../../../shared/types';

export interface SectionProps {
  ws: Workspace;
  settings: WidgetSettings;
  /** PATCH /api/v1/workspace; resolves true on success (a toast tells failures). */
  save: (patch: { settings?: WidgetSettings; allowed_origins?: string[]; name?: string }, okText?: string) => Promise<boolean>;
}
