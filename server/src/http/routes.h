// Each group of endpoints registers itself with the few parts of the server it uses, named in its
// dependencies below: what a handler can read or change is visible here, not hidden in one
// context that holds everything. registerAllRoutes (all_routes.h) builds them from AppContext.
// The structs hold references (and a few strings) and are copied into each handler.
#pragma once

#include <functional>
#include <string>

#include "app/audit_recorder.h"
#include "app/conversation_actions.h"
#include "app/email_outbox.h"
#include "app/inbound_mail.h"
#include "app/message_sender.h"
#include "app/visitor_blocks.h"
#include "app/webhook_deliverer.h"
#include "bus/event_publisher.h"
#include "bus/hub.h"
#include "bus/presence.h"
#include "bus/session_revoker.h"
#include "geo/country_lookup.h"
#include "http/api_support.h"
#include "http/password_check.h"
#include "http/router.h"
#include "security/rate_limiter.h"
#include "security/visitor_limits.h"
#include "store/store.h"

namespace parley {

// Login, logout, the signed-in agent (auth_routes.cpp).
struct AuthRouteDeps {
  RequestAuth auth;
  AgentStore& agents;
  AgentSessionStore& agent_sessions;
  WorkspaceStore& workspaces;
  PresenceTracker& presence;
  SessionRevoker& sessions;
  PasswordCheck passwords;
  std::string device_key;  // signs login device tokens, the two-factor challenge and remembered devices
  TwoFactorStore& two_factor;
  AuditRecorder audit;  // issue 16: what this group changes is logged
};
void registerAuthRoutes(Router& r, AuthRouteDeps deps);

// An agent's own two-factor authentication: set up, confirm, recovery codes, turn off
// (two_factor_routes.cpp; the login's second step is in auth_routes.cpp).
struct TwoFactorRouteDeps {
  RequestAuth auth;
  TwoFactorStore& two_factor;
  PasswordCheck passwords;
  std::string key;  // the login device key: seals TOTP secrets
  AuditRecorder audit;  // turning it on or off and new recovery codes are logged
};
void registerTwoFactorRoutes(Router& r, TwoFactorRouteDeps deps);

// An agent's own password and an admin's reset of another's (password_routes.cpp).
struct PasswordRouteDeps {
  RequestAuth auth;
  AgentStore& agents;
  AgentSessionStore& agent_sessions;
  SessionRevoker& sessions;
  PasswordCheck passwords;
  AuditRecorder audit;  // issue 16: what this group changes is logged
};
void registerPasswordRoutes(Router& r, PasswordRouteDeps deps);

// Notification preferences (preference_routes.cpp).
struct PreferenceRouteDeps {
  RequestAuth auth;
  AgentStore& agents;
};
void registerPreferenceRoutes(Router& r, PreferenceRouteDeps deps);

// Agents and teams (agent_routes.cpp).
struct AgentRouteDeps {
  RequestAuth auth;
  AgentStore& agents;
  TeamStore& teams;
  PresenceTracker& presence;
  EventPublisher& events;
  SessionRevoker& sessions;
  PasswordCheck passwords;
  AuditRecorder audit;  // issue 16: what this group changes is logged
};
void registerAgentRoutes(Router& r, AgentRouteDeps deps);

// The inbox: list, one conversation, its messages, patches and read markers (conversation_routes.cpp).
struct ConversationRouteDeps {
  RequestAuth auth;
  ConversationStore& conversation_store;
  MessageLog& message_log;
  ConversationActions& conversations;
  MessageSender& messages;
  std::string uploads_dir;
};
void registerConversationRoutes(Router& r, ConversationRouteDeps deps);

// One contact: profile, attributes, history, page views (contact_routes.cpp).
struct ContactRouteDeps {
  RequestAuth auth;
  ContactStore& contacts;
  ConversationStore& conversation_store;
  PresenceTracker& presence;
};
void registerContactRoutes(Router& r, ContactRouteDeps deps);

// The contacts page: the paged, searchable list and the merge of a duplicate (contact_directory_routes.cpp).
struct ContactDirectoryRouteDeps {
  RequestAuth auth;
  ContactStore& contacts;
  PresenceTracker& presence;
  ConversationActions& conversations;
};
void registerContactDirectoryRoutes(Router& r, ContactDirectoryRouteDeps deps);

// Search, canned replies, tags, teams' members, starting a chat with a contact (inbox_tool_routes.cpp).
struct InboxToolRouteDeps {
  RequestAuth auth;
  AgentStore& agents;
  TeamStore& teams;
  ContactStore& contacts;
  ConversationStore& conversation_store;
  SearchIndex& search;
  CannedReplyStore& canned_replies;
  PresenceTracker& presence;
  MessageSender& messages;
  std::string uploads_dir;
};
void registerInboxToolRoutes(Router& r, InboxToolRouteDeps deps);

// The widget's session, history and page views (widget_routes.cpp).
struct WidgetRouteDeps {
  RequestAuth auth;
  WorkspaceStore& workspaces;
  AgentStore& agents;
  ContactStore& contacts;
  ConversationStore& conversation_store;
  MessageLog& message_log;
  EventLog& event_log;
  PresenceTracker& presence;
  EventPublisher& events;
  CountryLookup& geo;
  RateLimiter& sessions_per_ip;
  VisitorLimits& visitors;
  ProactiveRuleStore& proactive_rules;  // the session carries the visitor's rules
  const EmailOutbox& email;  // its key checks an email's conversation link (resume_token)
};
void registerWidgetRoutes(Router& r, WidgetRouteDeps deps);

// The widget's identify, contact details, offline form and rating (widget_identity_routes.cpp).
struct WidgetIdentityRouteDeps {
  RequestAuth auth;
  ContactStore& contacts;
  ConversationStore& conversation_store;
  PresenceTracker& presence;
  ConversationActions& conversations;
  MessageSender& messages;
  EmailOutbox& email;  // the offline form's confirmation
};
void registerWidgetIdentityRoutes(Router& r, WidgetIdentityRouteDeps deps);

// Proactive rules and their cap, for admins (proactive_rule_routes.cpp).
struct ProactiveRuleRouteDeps {
  RequestAuth auth;
  ProactiveRuleStore& rules;
  AgentStore& agents;
};
void registerProactiveRuleRoutes(Router& r, ProactiveRuleRouteDeps deps);

// The widget asks for a proactive rule's message and reports it opened (widget_proactive_routes.cpp).
struct WidgetProactiveRouteDeps {
  RequestAuth auth;
  ProactiveRuleStore& rules;
  AgentStore& agents;
  PresenceTracker& presence;
  MessageSender& messages;
  VisitorLimits& visitors;  // a show costs a page view
};
void registerWidgetProactiveRoutes(Router& r, WidgetProactiveRouteDeps deps);

// Segments of contacts and their live count, for campaigns (segment_routes.cpp).
struct SegmentRouteDeps {
  RequestAuth auth;
  SegmentStore& segments;
};
void registerSegmentRoutes(Router& r, SegmentRouteDeps deps);

// Campaigns: a message from an agent to a segment, now or scheduled (campaign_routes.cpp).
struct CampaignRouteDeps {
  RequestAuth auth;
  CampaignStore& campaigns;
  SegmentStore& segments;
  AgentStore& agents;
};
void registerCampaignRoutes(Router& r, CampaignRouteDeps deps);

// Workspace settings (workspace_routes.cpp).
struct WorkspaceRouteDeps {
  RequestAuth auth;
  WorkspaceStore& workspaces;
  AuditRecorder audit;  // issue 16: what this group changes is logged
};
void registerWorkspaceRoutes(Router& r, WorkspaceRouteDeps deps);

// Routing rules and team routing settings (routing_routes.cpp).
struct RoutingRouteDeps {
  RequestAuth auth;
  RoutingRuleStore& routing;
  TeamStore& teams;
};
void registerRoutingRoutes(Router& r, RoutingRouteDeps deps);

// Settings > Bot (bot_routes.cpp, issue 14).
struct BotRouteDeps {
  RequestAuth auth;
  BotStore& bots;
  ArticleStore& articles;  // an option's article must exist
  std::function<void(Id)> settings_changed;  // the bot's cache on this node
};
void registerBotRoutes(Router& r, BotRouteDeps deps);

// Settings > API tokens (api_token_routes.cpp, issue 15 item 6).
struct ApiTokenRouteDeps {
  RequestAuth auth;
  ApiTokenStore& tokens;
  AuditRecorder audit;  // issue 16: what this group changes is logged
};
void registerApiTokenRoutes(Router& r, ApiTokenRouteDeps deps);

// The bot's and the help center's numbers (bot_report_routes.cpp, issue 14 item 7).
struct BotReportRouteDeps {
  RequestAuth auth;
  BotReportStore& report;
  ArticleStore& articles;
};
void registerBotReportRoutes(Router& r, BotReportRouteDeps deps);

// Reports: the period's numbers, per agent and team tables, CSAT comments, the live panel
// (report_routes.cpp, issue 16 item 1).
struct ReportRouteDeps {
  RequestAuth auth;
  ReportStore& reports;
  AgentStore& agents;
  TeamStore& teams;
  PresenceTracker& presence;
};
void registerReportRoutes(Router& r, ReportRouteDeps deps);

// Webhooks: subscriptions, delivery log, test and redeliver (webhook_routes.cpp, issue 15 item 5).
struct WebhookRouteDeps {
  RequestAuth auth;
  WebhookStore& webhooks;
  EventLog& events;  // a new subscription starts at the log's last offset
  WebhookDeliverer& deliverer;
  AuditRecorder audit;  // issue 16: what this group changes is logged
};
void registerWebhookRoutes(Router& r, WebhookRouteDeps deps);

// Settings > Audit log: the list and its CSV (audit_log_routes.cpp, issue 16 item 2).
struct AuditLogRouteDeps {
  RequestAuth auth;
  AuditStore& audit_log;
};
void registerAuditLogRoutes(Router& r, AuditLogRouteDeps deps);

// Blocked contacts and address ranges (block_routes.cpp, issue 16 item 4).
struct BlockRouteDeps {
  RequestAuth auth;
  BlockStore& blocks;
  ContactStore& contacts;
  AgentStore& agents;
  VisitorBlocks& cache;  // forgets the workspace's list on each change
  AuditRecorder audit;
};
void registerBlockRoutes(Router& r, BlockRouteDeps deps);
// Data protection: a contact's export and erasure, retention settings (privacy_routes.cpp, issue 16 item 3).
struct PrivacyRouteDeps {
  RequestAuth auth;
  ContactStore& contacts;
  ConversationStore& conversations;
  MessageLog& messages;
  PrivacyStore& privacy;
  Bus& bus;                 // an erased visitor's sockets are closed, on every node
  std::string uploads_dir;  // attachments: read by the export, removed by the erasure
  std::string work_dir;     // where export archives are built before they are streamed
  AuditRecorder audit;      // exports, erasures and retention changes are logged
  BoundedWorkers& export_workers;  // archives are built here, not on the I/O thread (503 busy when full)
};
void registerPrivacyRoutes(Router& r, PrivacyRouteDeps deps);

// Replies by email piped in by `parley mail-in` (inbound_mail_routes.cpp, issue 15, item 3).
struct InboundMailRouteDeps {
  RequestAuth auth;
  InboundMail& inbound;
};
void registerInboundMailRoutes(Router& r, InboundMailRouteDeps deps);
// Settings > Email's status and outbox log, and transcripts asked for by an agent or a visitor
// (email_routes.cpp, issue 15 items 1-2).
struct EmailRouteDeps {
  RequestAuth auth;
  EmailOutbox& email;
  MailOutboxStore& outbox;
  ConversationStore& conversation_store;
  ContactStore& contacts;  // a transcript's default address is the contact's email
  RateLimiter& visitor_transcripts;  // per contact
};
void registerEmailRoutes(Router& r, EmailRouteDeps deps);

// /chat/{public id}: the page an email's link opens, the widget full height (chat_page_routes.cpp).
struct ChatPageRouteDeps {
  WorkspaceStore& workspaces;
};
void registerChatPageRoutes(Router& r, ChatPageRouteDeps deps);

// GET /metrics in the Prometheus text format (metrics_routes.cpp; observability/metrics_registry.h).
// Not enabled: 404, as if there were no such path. With a token: `Authorization: Bearer TOKEN` or 401.
struct MetricsRouteDeps {
  bool enabled = false;
  std::string token;  // empty: no token asked (only on the separate --metrics-address listener)
};
void registerMetricsRoutes(Router& r, MetricsRouteDeps deps);

// The knowledge base for agents: articles and categories (article_routes.cpp, issue 14).
struct ArticleRouteDeps {
  RequestAuth auth;
  ArticleStore& articles;
};
void registerArticleRoutes(Router& r, ArticleRouteDeps deps);

// Help inside the widget: search, open and rate published articles (widget_article_routes.cpp).
struct WidgetArticleRouteDeps {
  RequestAuth auth;
  ArticleStore& articles;
  VisitorLimits& visitors;  // help: searches, views and votes per visitor
};
void registerWidgetArticleRoutes(Router& r, WidgetArticleRouteDeps deps);

// The public help center's pages, also by Host on a workspace's help domain (help_center_routes.cpp);
// registered after the static files, whose fallback it wraps.
struct HelpCenterRouteDeps {
  WorkspaceStore& workspaces;
  ArticleStore& articles;
};
void registerHelpCenterRoutes(Router& r, HelpCenterRouteDeps deps);

// Attachments sent by visitors and agents (upload_routes.cpp).
struct UploadRouteDeps {
  RequestAuth auth;
  VisitorLimits& visitors;
  std::string uploads_dir;
  VisitorBlocks& blocks;  // a blocked visitor uploads nothing (issue 16)
};
void registerUploadRoutes(Router& r, UploadRouteDeps deps);

// The demo shop, widget, dashboard, docs and uploaded files (static_routes.cpp).
struct StaticRouteDeps {
  WorkspaceStore& workspaces;
  std::string web_dir;
  std::string data_dir;
};
void registerStaticRoutes(Router& r, StaticRouteDeps deps);

}  // namespace parley
