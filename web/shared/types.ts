// The REST objects of docs/openapi.json (components/schemas), one TS type each, named as the document names them.
// Written by hand and held to the document: schema.ts lists every property of each type (the compiler checks that
// list against the type) and schema.test.ts checks the lists against docs/openapi.json. Types only: nothing here
// reaches a bundle.

export type Role = 'admin' | 'agent';
export type Presence = 'online' | 'away' | 'offline';
export type Status = 'open' | 'pending' | 'snoozed' | 'resolved';
export type Priority = 'none' | 'low' | 'medium' | 'high' | 'urgent';
export type SenderType = 'visitor' | 'agent' | 'bot' | 'system';
/** GET /api/v1/conversations `sort`. */
export type ConversationSort = 'newest' | 'waiting' | 'priority';
/** GET /api/v1/contacts `segment`. */
export type ContactSegment = 'all' | 'known' | 'chatted';
/** A contact attribute: text, a number or true/false. */
export type AttributeValue = string | number | boolean;

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

/** Everyone sees id, public_id and name; admins also settings, allowed_origins and hmac_secret. */
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
  label?: string;
  type?: 'text' | 'email' | 'textarea';
  required?: boolean;
}

export interface PrechatSettings {
  enabled?: boolean;
  fields?: PrechatField[];
}

export interface BusinessHours {
  enabled?: boolean;
  timezone?: string;
  /** mon..sun: [open, close] as HH:MM; [] or null (or missing) when closed. */
  days?: Record<string, string[] | null>;
}

/** The widget's settings; every key optional (the server's defaults apply, see the widget's DEFAULTS). */
export interface WidgetSettings {
  color?: string;
  position?: 'left' | 'right';
  offset_x?: number;
  offset_y?: number;
  greeting?: string;
  team_intro?: string;
  launcher_icon?: 'chat' | 'bubbles' | 'message' | 'help' | 'wave';
  launcher_label?: string;
  launcher_image?: string;
  launcher_animation?: 'pop' | 'bounce' | 'none';
  panel_animation?: 'slide' | 'zoom' | 'fade' | 'none';
  background?: 'none' | 'dots' | 'grid' | 'diagonal' | 'waves' | 'image';
  background_image?: string;
  show_agent_avatars?: boolean;
  dark_mode?: boolean;
  locale?: string;
  away_message?: string;
  prechat?: PrechatSettings;
  business_hours?: BusinessHours;
  auto_assign?: boolean;
  /** Settings > Security: every agent needs two-factor authentication (the admin first). */
  require_two_factor?: boolean;
  /** A host name whose requests get the help center at "/" (issue 14); empty: none. */
  help_center_domain?: string;
  /** Settings > Email (issue 15): the name in From; empty: the workspace's name. One line, at most 80 bytes. */
  email_sender_name?: string;
  /** The reply address's domain (reply+TOKEN@domain); empty: --mail-from's domain. */
  email_reply_domain?: string;
  /** Email the replies a visitor has not seen, after email_continuity_minutes (1..1440). */
  email_continuity?: boolean;
  email_continuity_minutes?: number;
}

export interface Team {
  id: number;
  name: string;
  member_ids: number[];
}

/** Routing (issue 13, item 4): rules evaluated in order when a conversation is created. */
export type RoutingField = 'page_url' | 'field' | 'language' | 'country' | 'identified';
export interface RoutingCondition {
  field: RoutingField;
  /** The pre-chat field's name (field only). */
  key?: string;
  value: string;
}
export interface RoutingRule {
  id: number;
  position: number;
  name: string;
  enabled: boolean;
  conditions: RoutingCondition[];
  team_id: number | null;
  priority: Exclude<Priority, 'none'> | null;
  tags: string[];
  created_at: number;
}
export interface NewRoutingRule {
  name: string;
  enabled?: boolean;
  conditions?: RoutingCondition[];
  team_id?: number | null;
  priority?: Exclude<Priority, 'none'> | null;
  tags?: string[];
}
export type RoutingRulePatch = Partial<NewRoutingRule>;
export interface RoutingRuleOrder { ids: number[] }
export type TeamFallback = 'workspace' | 'queue';
/** A team's routing settings; team_id null: conversations without a team. */
export interface TeamRouting {
  team_id: number | null;
  fallback: TeamFallback;
  reassign_offline: boolean;
  reassign_after_minutes: number;
  remind_after_seconds: number;
}
export type TeamRoutingPatch = { team_id: number | null } & Partial<Omit<TeamRouting, 'team_id'>>;

export interface CannedReply {
  id: number;
  shortcut: string;
  body: string;
}

/** Settings > Webhooks (GET /api/v1/webhooks; docs/webhooks.md). */
export type WebhookEventType = 'conversation.created' | 'conversation.updated' | 'conversation.resolved' | 'message.created'
  | 'contact.created' | 'contact.updated' | 'csat.submitted';
export interface Webhook {
  id: number;
  url: string;
  events: WebhookEventType[];
  active: boolean;
  paused_at: number | null;
  pause_reason: string | null;
  failures: number;
  failing_since: number | null;
  next_attempt_at: number | null;
  secret_hint: string;
  /** Only in the answer to POST: shown once. */
  secret?: string;
  created_at: number;
  updated_at: number;
}
export interface WebhookDelivery {
  id: number;
  event_id: string;
  event_type: string;
  kind: 'event' | 'test' | 'redeliver';
  attempt: number;
  ok: boolean;
  status: number | null;
  error: string | null;
  response_excerpt: string;
  request_body: string;
  duration_ms: number;
  created_at: number;
}

/** Settings > API tokens (GET /api/v1/api-tokens): never the token's text, which POST returns once. */
export type ApiTokenScope = 'read' | 'write' | 'admin';
export interface ApiToken {
  id: number;
  name: string;
  scope: ApiTokenScope;
  created_by: number;
  created_at: number;
  last_used_at: number | null;
  /** "…" and the token's last 4 characters. */
  hint: string;
}

/** Settings > Audit log (GET /api/v1/audit-log, issue 16): one append-only entry. */
export type AuditActorType = 'agent' | 'api_token' | 'system';
export type AuditAction =
  | 'agent.login' | 'agent.login_failed' | 'agent.created' | 'agent.updated' | 'agent.deactivated' | 'agent.role_changed'
  | 'agent.password_changed' | 'settings.updated' | 'api_token.created' | 'api_token.revoked' | 'webhook.created'
  | 'webhook.updated' | 'webhook.deleted' | 'block.created' | 'block.removed' | 'contact.exported' | 'contact.erased'
  | 'two_factor.enabled' | 'two_factor.disabled' | 'two_factor.recovery_code_used'
  | 'two_factor.recovery_codes_replaced' | 'two_factor.required_changed';
export interface AuditEntry {
  id: number;
  at: number;
  actor: { type: AuditActorType; id: number; name: string };
  /** The client's address; "" for the command line and jobs. */
  address: string;
  action: AuditAction;
  target: { type: string; id: number; label: string };
  details: Record<string, unknown>;
}

/** A blocked contact or address range (GET /api/v1/blocks, issue 16). */
export type BlockKind = 'contact' | 'ip';
export interface Block {
  id: number;
  kind: BlockKind;
  contact_id: number | null;
  ip: string | null;
  label: string;
  reason: string;
  created_by: number;
  created_by_name: string;
  created_at: number;
}

export interface TagCount {
  name: string;
  count: number;
}

export interface Contact {
  id: number;
  external_id: string | null;
  name: string | null;
  email: string | null;
  attributes: Record<string, AttributeValue>;
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
}

/** GET /api/v1/visitors/online: a contact on the site now. */
export interface OnlineVisitor extends Contact {
  online_since: number;
}

/** A row of GET /api/v1/contacts. */
export interface ContactListItem extends Contact {
  conversation_count: number;
}

export interface ConversationLastMessage {
  body: string;
  sender_type: SenderType;
  created_at: number;
}

export interface ConversationContact {
  id: number;
  name: string | null;
  email: string | null;
  country: string | null;
}

/** A conversation as agents see it. */
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
  last_message: ConversationLastMessage | null;
  /** The visitor's rating after resolve: 1..5 stars and an optional comment. */
  csat_score: number | null;
  csat_comment: string | null;
  contact: ConversationContact;
}

/** What a visitor may see of a conversation: no assignee, team, tags or priority. */
export interface VisitorConversation {
  id: number;
  status: Status;
  last_seq: number;
  created_at: number;
  updated_at: number;
  visitor_last_read_seq: number;
  agent_last_read_seq: number;
  csat_score: number | null;
}

export interface Attachment {
  url: string;
  name: string;
  size: number;
  content_type: string;
}

export interface MessageSender {
  name: string;
  avatar_url: string;
}

export interface Message {
  id: number;
  conversation_id: number;
  seq: number;
  sender_type: SenderType;
  sender_id: number | null;
  sender: MessageSender | null;
  body: string;
  private: boolean;
  client_id: string | null;
  attachments: Attachment[];
  created_at: number;
  /** Structured content (issue 14): quick-reply buttons or article cards shown with the body. */
  content?: MessageContent;
  /** A visitor's press of a quick reply (the body is the option's label). */
  reply_to_option?: ReplyToOption;
}

export interface QuickReplyOption {
  id: string;
  label: string;
}

export interface ArticleCard {
  id: number;
  title: string;
  excerpt: string;
  url: string;
}

export type MessageContentType = 'quick_replies' | 'articles';

/** One object for both kinds, as docs/openapi.json writes it: `options` with quick_replies, `articles` with articles. */
export interface MessageContent {
  type: MessageContentType;
  options?: QuickReplyOption[];
  articles?: ArticleCard[];
  /** Written by the AI answerer. */
  ai?: boolean;
}

export interface ReplyToOption {
  message_id: number;
  option_id: string;
}

export type BotWhen = 'always' | 'outside_hours' | 'nobody_online';
export type BotAction = 'answer' | 'article' | 'ask' | 'human';
export type BotField = 'email' | 'name' | 'order_number';

/** A quick reply of the bot's greeting and what pressing it does. */
export interface BotOption {
  id: string;
  label: string;
  action: BotAction;
  text?: string;
  article_id?: number;
  field?: BotField;
  question?: string;
}

export interface BotAiSettings {
  enabled: boolean;
  base_url: string;
  model: string;
  api_key_set: boolean;
  timeout_ms: number;
  max_per_hour: number;
}

/** Settings > Bot (GET/PUT /api/v1/bot). */
export interface BotSettings {
  enabled: boolean;
  when: BotWhen;
  greeting: string;
  options: BotOption[];
  handoff_text: string;
  offline_text: string;
  ai: BotAiSettings;
}

/** PUT /api/v1/bot: any of BotSettings' fields; ai.api_key is write-only. */
export interface BotSettingsPatch {
  enabled?: boolean;
  when?: BotWhen;
  greeting?: string;
  options?: BotOption[];
  handoff_text?: string;
  offline_text?: string;
  ai?: { enabled?: boolean; base_url?: string; model?: string; api_key?: string; timeout_ms?: number; max_per_hour?: number };
}

export interface PageView {
  url: string;
  title: string;
  referrer: string;
  created_at: number;
}

/** A message found by GET /api/v1/search. */
export interface SearchHit {
  conversation_id: number;
  message_id: number;
  seq: number;
  snippet: string;
  created_at: number;
}

/** The answer of both upload endpoints: an Attachment to send. */
export type Upload = Attachment;

export interface OnlineAgent {
  name: string;
  avatar_url: string;
}

export interface LoginResult {
  token: string;
  agent: Agent;
  workspace: Workspace;
  device_token: string;
  /** The workspace requires two-factor authentication this agent has not set up: the session reaches only the set-up. */
  two_factor_setup_required?: boolean;
  /** The second step with remember_device: send it as two_factor_device with the next login for this email. */
  two_factor_device?: string;
  /** The second step with a recovery code: how many are left. */
  recovery_codes_left?: number;
}

/** POST /api/v1/auth/login for an agent with two-factor authentication: no session yet, a code is asked. */
export interface TwoFactorChallenge {
  two_factor_required: true;
  challenge: string;
}

/** GET /api/v1/me/two-factor. */
export interface TwoFactorStatus {
  enabled: boolean;
  pending: boolean;
  required: boolean;
  recovery_codes_left: number;
}

/** POST /api/v1/me/two-factor/confirm and /recovery-codes: shown once. */
export interface RecoveryCodes {
  recovery_codes: string[];
}

export interface MeResult {
  agent: Agent;
  workspace: Workspace;
  two_factor: { enabled: boolean; required: boolean; setup_required: boolean };
}

/** POST /api/v1/widget/sessions. */
export interface WidgetSession {
  visitor_token: string;
  visitor: Contact;
  conversation: VisitorConversation | null;
  settings: WidgetSettings;
  agents_online: number;
  online: boolean;
  agents: OnlineAgent[];
  epoch: string;
  proactive_rules: WidgetProactiveRule[];
  /** Only after a resume_token (an email's link): the conversation it named. */
  open_conversation_id?: number;
}

/** POST /api/v1/widget/identify. */
export interface IdentifyResult {
  visitor_token: string;
  visitor: Contact;
  conversation: VisitorConversation | null;
}

/** Notification settings kept per agent on the server (GET/PATCH /api/v1/me/preferences). */
export interface NotificationPreferences {
  sound?: boolean;
  desktop?: boolean;
  new_conversation?: boolean;
  new_message?: boolean;
  assigned?: boolean;
  /** Email me about new conversations and replies in my chats while I'm offline (batched). Off unless turned on. */
  email?: boolean;
}

export interface Preferences {
  notifications: NotificationPreferences;
}

// Request bodies the apps send.

export interface LoginRequest {
  email: string;
  password: string;
  device_token?: string;
  /** From an earlier second step with remember_device (30 days). */
  two_factor_device?: string;
}

export interface SessionRequest {
  workspace_id: string;
  visitor_token?: string;
  language?: string;
  timezone?: string;
  url?: string;
  title?: string;
  referrer?: string;
  embed_origin?: string;
  /** An email's conversation link token (docs/email.md): that contact's session. */
  resume_token?: string;
}

export interface PageViewRequest {
  url: string;
  title?: string;
  referrer?: string;
}

export interface ContactPatch {
  name?: string | null;
  email?: string | null;
  attributes?: Record<string, AttributeValue>;
}

export interface IdentifyRequest {
  user_id: string;
  user_hash: string;
  name?: string | null;
  email?: string | null;
  attributes?: Record<string, AttributeValue>;
}

export interface OfflineRequest {
  email: string;
  message: string;
  name?: string;
  client_id: string;
}

export interface CsatRequest {
  score: number;
  comment?: string;
}

// ---- Proactive messages by rule (Settings > Automation > Proactive messages; /api/v1/proactive-rules) ----

export type ProactiveConditionType =
  | 'page_url' | 'time_on_page' | 'visits' | 'referrer' | 'language' | 'country' | 'identified' | 'attribute'
  | 'business_hours' | 'agents_online';
export type ProactiveOp = 'at_least' | 'at_most' | 'exactly' | 'equals' | 'contains' | 'exists';

/** One condition; which fields it has depends on `type` (docs/openapi.json, ProactiveCondition). */
export interface ProactiveCondition {
  type: ProactiveConditionType;
  values?: string[];
  seconds?: number;
  op?: ProactiveOp;
  count?: number;
  contains?: string;
  key?: string;
  value?: boolean | string;
}

export interface ProactiveRuleStats { shown: number; opened: number; replied: number }

export interface ProactiveRule {
  id: number;
  name: string;
  enabled: boolean;
  priority: number;
  conditions: ProactiveCondition[];
  /** null: sent as the workspace. */
  sender_agent_id: number | null;
  body: string;
  stats: ProactiveRuleStats;
  created_at: number;
  updated_at: number;
}

export interface NewProactiveRule {
  name: string;
  enabled?: boolean;
  priority?: number;
  conditions?: ProactiveCondition[];
  sender_agent_id?: number | null;
  body: string;
}

export type ProactiveRulePatch = Partial<NewProactiveRule>;

/** What the widget's session holds of a rule: the conditions the frame evaluates. */
export interface WidgetProactiveRule {
  id: number;
  priority: number;
  conditions: ProactiveCondition[];
}

export interface ProactiveSettings { cap_hours: number }

// Campaigns to segments (issue 13; docs/openapi.json "campaigns").
export type SegmentField =
  | 'identified' | 'email_known' | 'open_conversation' | 'country' | 'language' | 'last_seen' | 'first_seen'
  | 'visited_url' | 'attribute';
export type SegmentOp =
  | 'is' | 'is_not' | 'within_days' | 'more_than_days' | 'before' | 'since' | 'glob' | 'contains' | 'equals';
export interface SegmentCondition {
  field: SegmentField;
  op: SegmentOp;
  key?: string;
  value: string;
}
export interface SegmentDefinition {
  match?: 'all' | 'any';
  conditions: SegmentCondition[];
}
export interface Segment {
  id: number;
  name: string;
  match: 'all' | 'any';
  conditions: SegmentCondition[];
  created_at: number;
  updated_at: number;
}
export type NewSegment = SegmentDefinition & { name: string };
export interface SegmentPatch {
  name?: string;
  match?: 'all' | 'any';
  conditions?: SegmentCondition[];
}
export type CampaignState = 'draft' | 'scheduled' | 'sending' | 'sent' | 'cancelled';
export interface CampaignStats {
  targeted: number;
  delivered: number;
  seen: number;
  replied: number;
}
export interface Campaign {
  id: number;
  name: string;
  segment_id: number | null;
  sender_agent_id: number | null;
  body: string;
  state: CampaignState;
  scheduled_at: number | null;
  /** scheduled_at on the workspace's wall clock, YYYY-MM-DDTHH:MM */
  scheduled_local: string | null;
  started_at: number | null;
  finished_at: number | null;
  created_at: number;
  updated_at: number;
  stats: CampaignStats;
}
export type CampaignSend = 'draft' | 'now' | 'later';
export interface NewCampaign {
  name: string;
  segment_id: number;
  sender_agent_id: number;
  body: string;
  send?: CampaignSend;
  scheduled_local?: string;
}
export type CampaignPatch = Partial<NewCampaign>;

// Knowledge base (issue 14; docs/openapi.json "articles"): articles in Markdown rendered by the server, their
// categories, and what the widget's help search shows a visitor (published articles only).
export type ArticleStatus = 'draft' | 'published';
export interface Article {
  id: number;
  title: string;
  slug: string;
  body_markdown: string;
  /** Rendered on the server (cmark-gfm, raw HTML and unsafe links dropped): safe to insert. */
  body_html: string;
  excerpt: string;
  category_id: number | null;
  status: ArticleStatus;
  created_at: number;
  updated_at: number;
  published_at: number | null;
  views: number;
  helpful_yes: number;
  helpful_no: number;
  /** The public help-center path, /help/{public_id}/articles/{slug}. */
  url: string;
}
export interface NewArticle {
  title: string;
  body_markdown: string;
  category_id?: number | null;
  status?: ArticleStatus;
  slug?: string;
}
export type ArticlePatch = Partial<NewArticle>;
export interface ArticleCategory {
  id: number;
  name: string;
  slug: string;
  description: string;
  position: number;
  article_count: number;
}
/** An article as the widget's help search lists it. */
export interface WidgetArticleHit {
  id: number;
  title: string;
  excerpt: string;
  url: string;
}
/** GET /api/v1/widget/articles/{id}. */
export interface WidgetArticle {
  id: number;
  title: string;
  body_html: string;
  url: string;
  updated_at: number;
}
/** GET /api/v1/articles: a page; next_cursor is null on the last one. */
export interface ArticlePage {
  items: Article[];
  next_cursor: string | null;
}
export interface NewArticleCategory {
  name: string;
  description?: string;
  position?: number;
}
export type ArticleCategoryPatch = Partial<NewArticleCategory>;

/** GET /api/v1/bot/report?days= (issue 14 item 7): the bot's and the help center's numbers of a period. */
export interface BotReport {
  days: number;
  bot: { handled: number; resolved_alone: number; handed_off: number };
  /** Questions that matched no article, most asked first (at most 20). */
  unanswered: { question: string; count: number; last_at: number }[];
  /** Published articles, most viewed first (at most 10). */
  articles: { id: number; title: string; views: number; helpful_yes: number; helpful_no: number }[];
}

/** One email of the outbox log (GET /api/v1/email, Settings > Email). */
export interface OutboxEmail {
  id: number;
  kind: string;
  conversation_id: number | null;
  to: string[];
  subject: string;
  /** queued with attempt > 0: a retry is due at next_attempt_at. */
  state: 'queued' | 'sent' | 'failed';
  attempt: number;
  last_error: string;
  created_at: number;
  sent_at: number | null;
  next_attempt_at: number;
}

/** GET /api/v1/email: sending on or off, From, and the newest emails. */
export interface EmailStatus {
  enabled: boolean;
  from: { name: string; address: string };
  default_reply_domain: string;
  outbox: OutboxEmail[];
}

/** POST .../transcript (agent: email defaults to the contact's; widget: required). */
export interface TranscriptRequest { email?: string }
/** 202: queued to this address. */
export interface TranscriptQueued { to: string }

/** GET /api/v1/reports/* (issue 16): a period in the workspace's time zone, to exclusive. */
export interface ReportPeriod {
  from: string;
  to: string;
  days: number;
  timezone: string;
  from_ms: number;
  to_ms: number;
  previous_from_ms: number;
  business_hours: boolean;
}

export interface ReportDuration { count: number; median_ms: number | null; p90_ms: number | null }

export interface ReportNumbers {
  conversations: { new: number; resolved: number; missed: number };
  first_response: ReportDuration;
  resolution: ReportDuration;
  messages: { visitor: number; agent: number; bot: number };
  csat: { count: number; average: number | null; distribution: number[] };
  bot: { handled: number; resolved_alone: number; handed_off: number };
  truncated: boolean;
}

export interface ReportOverview {
  period: ReportPeriod;
  current: ReportNumbers;
  previous: ReportNumbers;
  by_day: { date: string; count: number }[];
  /** 7 rows (Monday first) of 24 local hours. */
  heatmap: number[][];
}

export interface ReportTableRow {
  agent_id?: number | null;
  team_id?: number | null;
  name: string | null;
  conversations: number;
  replies: number;
  first_response_median_ms: number | null;
  resolution_median_ms: number | null;
  csat_average: number | null;
  csat_count: number;
}

export interface ReportCsatComment {
  conversation_id: number;
  score: number;
  comment: string;
  created_at: number;
  agent_id: number | null;
  agent_name: string | null;
}

export interface ReportLive {
  open: number;
  waiting_unassigned: number;
  longest_wait_ms: number | null;
  agents_online: number;
  at: number;
  timezone: string;
}
