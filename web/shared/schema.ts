// Every property of the REST types (types.ts) and every frame type (frames.ts), as lists the tests compare with the
// documents: schema.test.ts holds SCHEMAS and ENUMS to docs/openapi.json and the frame types to docs/protocol.md.
// The compiler holds each list to its TS type: a property missing or extra, required where the type says optional
// (or the other way round), or null where the type does not allow it, does not compile. So a type cannot drift from
// the document without a failing build or test. Only the tests import this module.
import type * as T from './types';
import type { AgentFrame, ClientFrame, VisitorFrame } from './frames';

/** How a property appears: always ('required') or not ('optional'); 'nullable' is required and may be null. */
type Presence<O, K extends keyof O> = {} extends Pick<O, K>
  ? (null extends O[K] ? 'optional nullable' : 'optional')
  : (null extends O[K] ? 'nullable' : 'required');
type Shape<O> = { [K in keyof O]-?: Presence<O, K> };
/** Every value of a string union, once. */
type Every<U extends string> = Record<U, true>;
type EverySetting<K extends keyof T.WidgetSettings> = Every<Extract<T.WidgetSettings[K], string>>;

const R = 'required' as const;
const O = 'optional' as const;
const N = 'nullable' as const;
const ON = 'optional nullable' as const;

export const SCHEMAS = {
  BotReport: { days: R, bot: R, unanswered: R, articles: R } satisfies Shape<T.BotReport>,
  Agent: { id: R, email: R, name: R, role: R, capacity: R, presence: R, avatar_url: R, active: R } satisfies Shape<T.Agent>,
  Workspace: { id: R, public_id: R, name: R, settings: O, allowed_origins: O, hmac_secret: O } satisfies Shape<T.Workspace>,
  PrechatField: { name: R, label: O, type: O, required: O } satisfies Shape<T.PrechatField>,
  PrechatSettings: { enabled: O, fields: O } satisfies Shape<T.PrechatSettings>,
  BusinessHours: { enabled: O, timezone: O, days: O } satisfies Shape<T.BusinessHours>,
  WidgetSettings: {
    color: O, position: O, offset_x: O, offset_y: O, greeting: O, team_intro: O, launcher_icon: O, launcher_label: O,
    launcher_image: O, launcher_animation: O, panel_animation: O, background: O, background_image: O,
    show_agent_avatars: O, dark_mode: O, locale: O, away_message: O, prechat: O, business_hours: O, auto_assign: O,
    help_center_domain: O, email_sender_name: O, email_reply_domain: O, email_continuity: O, email_continuity_minutes: O,
    require_two_factor: O,
  } satisfies Shape<T.WidgetSettings>,
  Team: { id: R, name: R, member_ids: R } satisfies Shape<T.Team>,
  CannedReply: { id: R, shortcut: R, body: R } satisfies Shape<T.CannedReply>,
  ApiToken: { id: R, name: R, scope: R, created_by: R, created_at: R, last_used_at: N, hint: R } satisfies Shape<T.ApiToken>,
  AuditEntry: { id: R, at: R, actor: R, address: R, action: R, target: R, details: R } satisfies Shape<T.AuditEntry>,
  Block: {
    id: R, kind: R, contact_id: N, ip: N, label: R, reason: R, created_by: R, created_by_name: R, created_at: R,
  } satisfies Shape<T.Block>,
  OutboxEmail: {
    id: R, kind: R, conversation_id: N, to: R, subject: R, state: R, attempt: R, last_error: R, created_at: R, sent_at: N,
    next_attempt_at: R,
  } satisfies Shape<T.OutboxEmail>,
  EmailStatus: { enabled: R, from: R, default_reply_domain: R, outbox: R } satisfies Shape<T.EmailStatus>,
  TranscriptRequest: { email: O } satisfies Shape<T.TranscriptRequest>,
  TranscriptQueued: { to: R } satisfies Shape<T.TranscriptQueued>,
  Webhook: {
    id: R, url: R, events: R, active: R, paused_at: N, pause_reason: N, failures: R, failing_since: N, next_attempt_at: N,
    secret_hint: R, secret: O, created_at: R, updated_at: R,
  } satisfies Shape<T.Webhook>,
  WebhookDelivery: {
    id: R, event_id: R, event_type: R, kind: R, attempt: R, ok: R, status: N, error: N, response_excerpt: R, request_body: R,
    duration_ms: R, created_at: R,
  } satisfies Shape<T.WebhookDelivery>,
  RoutingCondition: { field: R, key: O, value: R } satisfies Shape<T.RoutingCondition>,
  RoutingRule: {
    id: R, position: R, name: R, enabled: R, conditions: R, team_id: N, priority: N, tags: R, created_at: R,
  } satisfies Shape<T.RoutingRule>,
  NewRoutingRule: { name: R, enabled: O, conditions: O, team_id: ON, priority: ON, tags: O } satisfies Shape<T.NewRoutingRule>,
  RoutingRulePatch: { name: O, enabled: O, conditions: O, team_id: ON, priority: ON, tags: O } satisfies Shape<T.RoutingRulePatch>,
  RoutingRuleOrder: { ids: R } satisfies Shape<T.RoutingRuleOrder>,
  TeamRouting: {
    team_id: N, fallback: R, reassign_offline: R, reassign_after_minutes: R, remind_after_seconds: R,
  } satisfies Shape<T.TeamRouting>,
  TeamRoutingPatch: {
    team_id: N, fallback: O, reassign_offline: O, reassign_after_minutes: O, remind_after_seconds: O,
  } satisfies Shape<T.TeamRoutingPatch>,
  TagCount: { name: R, count: R } satisfies Shape<T.TagCount>,
  Contact: {
    id: R, external_id: N, name: N, email: N, attributes: R, country: N, timezone: N, language: N, browser: N, os: N,
    first_seen_at: R, last_seen_at: R, current_url: N, current_title: N, online: R,
  } satisfies Shape<T.Contact>,
  ConversationLastMessage: { body: R, sender_type: R, created_at: R } satisfies Shape<T.ConversationLastMessage>,
  ConversationContact: { id: R, name: N, email: N, country: N } satisfies Shape<T.ConversationContact>,
  Conversation: {
    id: R, contact_id: R, status: R, priority: R, assignee_id: N, team_id: N, tags: R, last_seq: R, created_at: R,
    updated_at: R, first_reply_at: N, resolved_at: N, waiting_since: N, snoozed_until: N, visitor_last_read_seq: R,
    agent_last_read_seq: R, last_message: N, csat_score: N, csat_comment: N, contact: R,
  } satisfies Shape<T.Conversation>,
  VisitorConversation: {
    id: R, status: R, last_seq: R, created_at: R, updated_at: R, visitor_last_read_seq: R, agent_last_read_seq: R,
    csat_score: N,
  } satisfies Shape<T.VisitorConversation>,
  MessageSender: { name: R, avatar_url: R } satisfies Shape<T.MessageSender>,
  Message: {
    id: R, conversation_id: R, seq: R, sender_type: R, sender_id: N, sender: N, body: R, private: R, client_id: N,
    attachments: R, created_at: R, content: O, reply_to_option: O,
  } satisfies Shape<T.Message>,
  QuickReplyOption: { id: R, label: R } satisfies Shape<T.QuickReplyOption>,
  ArticleCard: { id: R, title: R, excerpt: R, url: R } satisfies Shape<T.ArticleCard>,
  MessageContent: { type: R, options: O, articles: O, ai: O } satisfies Shape<T.MessageContent>,
  ReplyToOption: { message_id: R, option_id: R } satisfies Shape<T.ReplyToOption>,
  BotOption: {
    id: R, label: R, action: R, text: O, article_id: O, field: O, question: O,
  } satisfies Shape<T.BotOption>,
  BotAiSettings: {
    enabled: R, base_url: R, model: R, api_key_set: R, timeout_ms: R, max_per_hour: R,
  } satisfies Shape<T.BotAiSettings>,
  BotSettings: {
    enabled: R, when: R, greeting: R, options: R, handoff_text: R, offline_text: R, ai: R,
  } satisfies Shape<T.BotSettings>,
  BotSettingsPatch: {
    enabled: O, when: O, greeting: O, options: O, handoff_text: O, offline_text: O, ai: O,
  } satisfies Shape<T.BotSettingsPatch>,
  PageView: { url: R, title: R, referrer: R, created_at: R } satisfies Shape<T.PageView>,
  SearchHit: { conversation_id: R, message_id: R, seq: R, snippet: R, created_at: R } satisfies Shape<T.SearchHit>,
  Upload: { url: R, name: R, size: R, content_type: R } satisfies Shape<T.Upload>,
  OnlineAgent: { name: R, avatar_url: R } satisfies Shape<T.OnlineAgent>,
  LoginResult: {
    token: R, agent: R, workspace: R, device_token: R, two_factor_setup_required: O, two_factor_device: O, recovery_codes_left: O,
  } satisfies Shape<T.LoginResult>,
  MeResult: { agent: R, workspace: R, two_factor: R } satisfies Shape<T.MeResult>,
  TwoFactorChallenge: { two_factor_required: R, challenge: R } satisfies Shape<T.TwoFactorChallenge>,
  TwoFactorStatus: { enabled: R, pending: R, required: R, recovery_codes_left: R } satisfies Shape<T.TwoFactorStatus>,
  RecoveryCodes: { recovery_codes: R } satisfies Shape<T.RecoveryCodes>,
  WidgetSession: {
    visitor_token: R, visitor: R, conversation: N, settings: R, agents_online: R, online: R, agents: R, epoch: R,
    proactive_rules: R, open_conversation_id: O,
  } satisfies Shape<T.WidgetSession>,
  IdentifyResult: { visitor_token: R, visitor: R, conversation: N } satisfies Shape<T.IdentifyResult>,
  NotificationPreferences: {
    sound: O, desktop: O, new_conversation: O, new_message: O, assigned: O, email: O,
  } satisfies Shape<T.NotificationPreferences>,
  Preferences: { notifications: R } satisfies Shape<T.Preferences>,
  LoginRequest: { email: R, password: R, device_token: O, two_factor_device: O } satisfies Shape<T.LoginRequest>,
  SessionRequest: {
    workspace_id: R, visitor_token: O, language: O, timezone: O, url: O, title: O, referrer: O, embed_origin: O, resume_token: O,
  } satisfies Shape<T.SessionRequest>,
  PageViewRequest: { url: R, title: O, referrer: O } satisfies Shape<T.PageViewRequest>,
  ContactPatch: { name: ON, email: ON, attributes: O } satisfies Shape<T.ContactPatch>,
  IdentifyRequest: { user_id: R, user_hash: R, name: ON, email: ON, attributes: O } satisfies Shape<T.IdentifyRequest>,
  OfflineRequest: { email: R, message: R, name: O, client_id: R } satisfies Shape<T.OfflineRequest>,
  CsatRequest: { score: R, comment: O } satisfies Shape<T.CsatRequest>,
  // allOf: Contact and these.
  OnlineVisitor: { online_since: R } satisfies Shape<Omit<T.OnlineVisitor, keyof T.Contact>>,
  ContactListItem: { conversation_count: R } satisfies Shape<Omit<T.ContactListItem, keyof T.Contact>>,
  ProactiveCondition: {
    type: R, values: O, seconds: O, op: O, count: O, contains: O, key: O, value: O,
  } satisfies Shape<T.ProactiveCondition>,
  ProactiveRuleStats: { shown: R, opened: R, replied: R } satisfies Shape<T.ProactiveRuleStats>,
  ProactiveRule: {
    id: R, name: R, enabled: R, priority: R, conditions: R, sender_agent_id: N, body: R, stats: R, created_at: R,
    updated_at: R,
  } satisfies Shape<T.ProactiveRule>,
  NewProactiveRule: {
    name: R, enabled: O, priority: O, conditions: O, sender_agent_id: ON, body: R,
  } satisfies Shape<T.NewProactiveRule>,
  ProactiveRulePatch: {
    name: O, enabled: O, priority: O, conditions: O, sender_agent_id: ON, body: O,
  } satisfies Shape<T.ProactiveRulePatch>,
  WidgetProactiveRule: { id: R, priority: R, conditions: R } satisfies Shape<T.WidgetProactiveRule>,
  ProactiveSettings: { cap_hours: R } satisfies Shape<T.ProactiveSettings>,
  SegmentCondition: { field: R, op: R, key: O, value: R } satisfies Shape<T.SegmentCondition>,
  SegmentDefinition: { match: O, conditions: R } satisfies Shape<T.SegmentDefinition>,
  Segment: { id: R, name: R, match: R, conditions: R, created_at: R, updated_at: R } satisfies Shape<T.Segment>,
  NewSegment: { match: O, conditions: R, name: R } satisfies Shape<T.NewSegment>,
  SegmentPatch: { name: O, match: O, conditions: O } satisfies Shape<T.SegmentPatch>,
  CampaignStats: { targeted: R, delivered: R, seen: R, replied: R } satisfies Shape<T.CampaignStats>,
  Campaign: {
    id: R, name: R, segment_id: N, sender_agent_id: N, body: R, state: R, scheduled_at: N, scheduled_local: N,
    started_at: N, finished_at: N, created_at: R, updated_at: R, stats: R,
  } satisfies Shape<T.Campaign>,
  NewCampaign: {
    name: R, segment_id: R, sender_agent_id: R, body: R, send: O, scheduled_local: O,
  } satisfies Shape<T.NewCampaign>,
  CampaignPatch: {
    name: O, segment_id: O, sender_agent_id: O, body: O, send: O, scheduled_local: O,
  } satisfies Shape<T.CampaignPatch>,
  Article: {
    id: R, title: R, slug: R, body_markdown: R, body_html: R, excerpt: R, category_id: N, status: R, created_at: R,
    updated_at: R, published_at: N, views: R, helpful_yes: R, helpful_no: R, url: R,
  } satisfies Shape<T.Article>,
  NewArticle: { title: R, body_markdown: R, category_id: ON, status: O, slug: O } satisfies Shape<T.NewArticle>,
  ArticlePatch: { title: O, body_markdown: O, category_id: ON, status: O, slug: O } satisfies Shape<T.ArticlePatch>,
  ArticlePage: { items: R, next_cursor: N } satisfies Shape<T.ArticlePage>,
  ArticleCategory: {
    id: R, name: R, slug: R, description: R, position: R, article_count: R,
  } satisfies Shape<T.ArticleCategory>,
  NewArticleCategory: { name: R, description: O, position: O } satisfies Shape<T.NewArticleCategory>,
  ArticleCategoryPatch: { name: O, description: O, position: O } satisfies Shape<T.ArticleCategoryPatch>,
  WidgetArticleHit: { id: R, title: R, excerpt: R, url: R } satisfies Shape<T.WidgetArticleHit>,
  WidgetArticle: { id: R, title: R, body_html: R, url: R, updated_at: R } satisfies Shape<T.WidgetArticle>,
};

/** The string enums, by schema and property: each TS union's values, once. */
export const ENUMS: Record<string, Record<string, true>> = {
  'Agent.role': { admin: true, agent: true } satisfies Every<T.Role>,
  'Agent.presence': { online: true, away: true, offline: true } satisfies Every<T.Presence>,
  'ApiToken.scope': { read: true, write: true, admin: true } satisfies Every<T.ApiTokenScope>,
  'AuditEntry.action': {
    'agent.login': true, 'agent.login_failed': true, 'agent.created': true, 'agent.updated': true, 'agent.deactivated': true,
    'agent.role_changed': true, 'agent.password_changed': true, 'settings.updated': true, 'api_token.created': true,
    'api_token.revoked': true, 'webhook.created': true, 'webhook.updated': true, 'webhook.deleted': true, 'block.created': true,
    'block.removed': true, 'contact.exported': true, 'contact.erased': true, 'two_factor.enabled': true,
    'two_factor.disabled': true, 'two_factor.recovery_code_used': true,
    'two_factor.recovery_codes_replaced': true, 'two_factor.required_changed': true,
  } satisfies Every<T.AuditAction>,
  'Block.kind': { contact: true, ip: true } satisfies Every<T.BlockKind>,
  'OutboxEmail.state': { queued: true, sent: true, failed: true } satisfies Every<T.OutboxEmail['state']>,
  'WebhookDelivery.kind': { event: true, test: true, redeliver: true } satisfies Every<T.WebhookDelivery['kind']>,
  'Conversation.status': { open: true, pending: true, snoozed: true, resolved: true } satisfies Every<T.Status>,
  'Conversation.priority': { none: true, low: true, medium: true, high: true, urgent: true } satisfies Every<T.Priority>,
  'RoutingCondition.field': { page_url: true, field: true, language: true, country: true, identified: true } satisfies Every<T.RoutingField>,
  'RoutingRule.priority': { low: true, medium: true, high: true, urgent: true } satisfies Every<NonNullable<T.RoutingRule['priority']>>,
  'TeamRouting.fallback': { workspace: true, queue: true } satisfies Every<T.TeamFallback>,
  'Message.sender_type': { visitor: true, agent: true, bot: true, system: true } satisfies Every<T.SenderType>,
  'MessageContent.type': { quick_replies: true, articles: true } satisfies Every<T.MessageContentType>,
  'BotSettings.when': { always: true, outside_hours: true, nobody_online: true } satisfies Every<T.BotWhen>,
  'BotSettingsPatch.when': { always: true, outside_hours: true, nobody_online: true } satisfies Every<T.BotWhen>,
  'BotOption.action': { answer: true, article: true, ask: true, human: true } satisfies Every<T.BotAction>,
  'BotOption.field': { email: true, name: true, order_number: true } satisfies Every<T.BotField>,
  'PrechatField.type': { text: true, email: true, textarea: true } satisfies Every<NonNullable<T.PrechatField['type']>>,
  'WidgetSettings.position': { left: true, right: true } satisfies EverySetting<'position'>,
  'WidgetSettings.launcher_icon': { chat: true, bubbles: true, message: true, help: true, wave: true } satisfies EverySetting<'launcher_icon'>,
  'WidgetSettings.launcher_animation': { pop: true, bounce: true, none: true } satisfies EverySetting<'launcher_animation'>,
  'WidgetSettings.panel_animation': { slide: true, zoom: true, fade: true, none: true } satisfies EverySetting<'panel_animation'>,
  'ProactiveCondition.type': {
    page_url: true, time_on_page: true, visits: true, referrer: true, language: true, country: true, identified: true,
    attribute: true, business_hours: true, agents_online: true,
  } satisfies Every<T.ProactiveConditionType>,
  'ProactiveCondition.op': {
    at_least: true, at_most: true, exactly: true, equals: true, contains: true, exists: true,
  } satisfies Every<T.ProactiveOp>,
  'Article.status': { draft: true, published: true } satisfies Every<T.ArticleStatus>,
  'Campaign.state': { draft: true, scheduled: true, sending: true, sent: true, cancelled: true } satisfies Every<T.CampaignState>,
  'SegmentCondition.field': {
    identified: true, email_known: true, open_conversation: true, country: true, language: true, last_seen: true,
    first_seen: true, visited_url: true, attribute: true,
  } satisfies Every<T.SegmentField>,
  'SegmentCondition.op': {
    is: true, is_not: true, within_days: true, more_than_days: true, before: true, since: true, glob: true,
    contains: true, equals: true,
  } satisfies Every<T.SegmentOp>,
  'WidgetSettings.background': { none: true, dots: true, grid: true, diagonal: true, waves: true, image: true } satisfies EverySetting<'background'>,
};

/** The `type` of every frame a client sends (docs/protocol.md, "Client -> server"). */
export const CLIENT_FRAME_TYPES = {
  hello: true, 'message.send': true, typing: true, read: true, resume: true, 'presence.set': true, pageview: true,
  ping: true,
} satisfies Every<ClientFrame['type']>;

/** The `type` of every frame the server sends (docs/protocol.md, "Server -> client"), to agents or visitors. */
export const SERVER_FRAME_TYPES = {
  welcome: true, 'message.ack': true, 'message.created': true, 'conversation.created': true,
  'conversation.updated': true, typing: true, read: true, presence: true, 'presence.visitors': true,
  'resume.done': true, 'resume.reset': true, 'resume.needed': true, pong: true, error: true,
  'conversation.unattended': true,
} satisfies Every<AgentFrame['type'] | VisitorFrame['type']>;

/** The webhook event types (a schema of its own in the document, not a property). */
export const WEBHOOK_EVENT_TYPES = {
  'conversation.created': true, 'conversation.updated': true, 'conversation.resolved': true, 'message.created': true,
  'contact.created': true, 'contact.updated': true, 'csat.submitted': true,
} satisfies Every<T.WebhookEventType>;
