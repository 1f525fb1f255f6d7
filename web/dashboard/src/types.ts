// Shapes of the REST and WebSocket objects (docs/protocol.md, "Objects").

export type Role = 'admin' | 'agent';
export type Presence = 'online' | 'away' | 'offline';
export type Status = 'open' | 'pending' | 'snoozed' | 'resolved';
export type Priority = 'none' | 'low' | 'medium' | 'high' | 'urgent';
export type SortKey = 'newest' | 'waiting' | 'priority';
export type SenderType = 'visitor' | 'agent' | 'bot' | 'system';

export interface Agent {
  id: number;
  email: string;
  name: string;
  role: Role;
  capacity: number;
  presence: Presence;
  avatar_url: string;
  active: boolean;
}

export interface Workspace {
  id: number;
  public_id: string;
  name: string;
  settings?: WidgetSettings;
  allowed_origins?: string[];
  hmac_secret?: string;
}

export interface PrechatField {
  name: string;
  label: string;
  type: 'text' | 'email' | 'textarea';
  required: boolean;
}

export interface WidgetSettings {
  color?: string;
  position?: 'left' | 'right';
  offset_x?: number;
  offset_y?: number;
  greeting?: string;
  team_intro?: string;
  launcher_icon?: string;
  show_agent_avatars?: boolean;
  dark_mode?: boolean;
  locale?: string;
  away_message?: string;
  prechat?: { enabled: boolean; fields: PrechatField[] };
  business_hours?: { enabled: boolean; timezone?: string; days: Record<string, [string, string] | string[] | null> };
  [key: string]: unknown;
}

export interface ContactSummary {
  id: number;
  name: string | null;
  email: string | null;
  country: string | null;
}

export interface LastMessage {
  body: string;
  sender_type: SenderType;
  created_at: number;
}

export interface Conversation {
  id: number;
  contact_id: number;
  status: Status;
  priority: Priority;
  assignee_id: number | null;
  team_id: number | null;
  tags: string[];
  last_seq: number;
  created_at: number;
  updated_at: number;
  first_reply_at: number | null;
  resolved_at: number | null;
  waiting_since: number | null;
  snoozed_until: number | null;
  visitor_last_read_seq: number;
  agent_last_read_seq: number;
  last_message: LastMessage | null;
  /** The visitor's rating after resolve: 1..5 stars and an optional comment. */
  csat_score?: number | null;
  csat_comment?: string | null;
  contact?: ContactSummary | null;
}

export interface Attachment {
  url: string;
  name: string;
  size: number;
  content_type: string;
}

export interface Message {
  id: number;
  conversation_id: number;
  seq: number;
  sender_type: SenderType;
  sender_id: number | null;
  sender: { name: string; avatar_url: string } | null;
  body: string;
  private: boolean;
  client_id: string | null;
  attachments: Attachment[];
  created_at: number;
}

export interface Contact {
  id: number;
  external_id: string | null;
  name: string | null;
  email: string | null;
  attributes: Record<string, unknown>;
  country: string | null;
  timezone: string | null;
  language: string | null;
  browser: string | null;
  os: string | null;
  first_seen_at: number;
  last_seen_at: number;
  current_url: string | null;
  current_title: string | null;
  online: boolean;
  online_since?: number;
}

/** A row of the contacts page (GET /api/v1/contacts). */
export interface ContactListItem extends Contact {
  conversation_count: number;
}

export type ContactSegment = 'all' | 'known' | 'chatted';

/** Notification settings kept per agent on the server (GET/PATCH /api/v1/me/preferences). */
export interface NotificationPrefs {
  sound: boolean;
  desktop: boolean;
  new_conversation: boolean;
  new_message: boolean;
  assigned: boolean;
}

export interface Preferences {
  notifications: NotificationPrefs;
}

export interface PageView {
  url: string;
  title: string;
  referrer: string;
  created_at: number;
}

export interface Team {
  id: number;
  name: string;
  member_ids: number[];
}

export interface CannedReply {
  id: number;
  shortcut: string;
  body: string;
}

export interface TagCount {
  name: string;
  count: number;
}

export interface SearchMessageHit {
  conversation_id: number;
  message_id: number;
  seq: number;
  snippet: string;
  created_at: number;
}

// Server -> client WebSocket frames the dashboard handles.
export type ServerFrame =
  | { type: 'welcome'; role: 'agent'; agent: Agent; workspace: Workspace; epoch: string; offset: number; server_time: number }
  | { type: 'message.ack'; client_id: string; id: number; seq: number; conversation_id: number; created_at: number; duplicate: boolean }
  | { type: 'message.created'; message: Message; conversation: Conversation; offset?: number }
  | { type: 'conversation.created'; conversation: Conversation; offset?: number }
  | { type: 'conversation.updated'; conversation: Conversation; offset?: number }
  | { type: 'typing'; conversation_id: number; sender_type: SenderType; sender_id: number | null; name?: string; typing: boolean; draft?: string }
  | { type: 'read'; conversation_id: number; reader_type: 'visitor' | 'agent'; seq: number }
  | { type: 'presence'; agent_id?: number; status?: Presence; contact_id?: number; online?: boolean; url?: string; title?: string }
  | { type: 'presence.visitors'; visitors: { contact_id: number; online: boolean; url?: string; title?: string }[] }
  | { type: 'resume.done'; offset: number }
  | { type: 'resume.reset'; reason: string }
  | { type: 'pong'; t?: number }
  | { type: 'error'; code: string; message: string; field?: string; client_id?: string };

export type LogEventFrame = Extract<ServerFrame, { type: 'message.created' | 'conversation.created' | 'conversation.updated' }>;
