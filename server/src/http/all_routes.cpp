#include "http/all_routes.h"

#include "http/routes.h"

namespace parley {

void registerAllRoutes(Router& r, AppContext& ctx) {
  Store& s = ctx.store;
  const RequestAuth auth{s, s, s, ctx.presence, s, s, ctx.api_token_requests, &s};
  const PasswordCheck passwords{ctx.password_workers, ctx.failed_logins};
  const auto uploads = uploadsDir(ctx.config);
  const AuditRecorder audit(s);
  registerAuthRoutes(r, {auth, s, s, s, ctx.presence, ctx.sessions, passwords, ctx.device_key, s, audit});
  registerTwoFactorRoutes(r, {auth, s, passwords, ctx.device_key, audit});
  registerPasswordRoutes(r, {auth, s, s, ctx.sessions, passwords, audit});
  registerPreferenceRoutes(r, {auth, s});
  registerAgentRoutes(r, {auth, s, s, ctx.presence, ctx.events, ctx.sessions, passwords, audit});
  registerConversationRoutes(r, {auth, s, s, ctx.conversations, ctx.messages, uploads});
  registerContactRoutes(r, {auth, s, s, ctx.presence});
  registerContactDirectoryRoutes(r, {auth, s, ctx.presence, ctx.conversations});
  registerInboxToolRoutes(r, {auth, s, s, s, s, s, s, ctx.presence, ctx.messages, uploads});
  registerProactiveRuleRoutes(r, {auth, s, s});
  registerWidgetProactiveRoutes(r, {auth, s, s, ctx.presence, ctx.messages, ctx.visitors});
  registerWidgetRoutes(r, {auth, s, s, s, s, s, s, ctx.presence, ctx.events, ctx.geo, ctx.sessions_per_ip, ctx.visitors, s,
                           ctx.email.outbox()});
  registerWidgetIdentityRoutes(r, {auth, s, s, ctx.presence, ctx.conversations, ctx.messages, ctx.email.outbox()});
  registerWorkspaceRoutes(r, {auth, s, audit});
  registerSegmentRoutes(r, {auth, s});
  registerCampaignRoutes(r, {auth, s, s, s});
  registerArticleRoutes(r, {auth, s});
  registerWidgetArticleRoutes(r, {auth, s, ctx.visitors});
  registerUploadRoutes(r, {auth, ctx.visitors, uploads, ctx.blocks});
  registerRoutingRoutes(r, {auth, s, s});
  registerBotRoutes(r, {auth, s, s, ctx.bot_settings_changed});
  registerBotReportRoutes(r, {auth, s, s});
  registerReportRoutes(r, {auth, s, s, s, ctx.presence});
  registerApiTokenRoutes(r, {auth, s, audit});
  registerAuditLogRoutes(r, {auth, s});
  registerBlockRoutes(r, {auth, s, s, s, ctx.blocks, audit});
  registerWebhookRoutes(r, {auth, s, s, ctx.webhooks, audit});
  registerPrivacyRoutes(r, {auth, s, s, s, s, ctx.bus, uploads, ctx.config.data_dir + "/exports", audit,
                            ctx.export_workers});
  registerInboundMailRoutes(r, {auth, ctx.email.inbound()});
  registerEmailRoutes(r, {auth, ctx.email.outbox(), s, s, s, ctx.visitor_transcripts});
  registerChatPageRoutes(r, {s});
  // On this listener only when a token guards it and no separate --metrics-address listener serves it.
  registerMetricsRoutes(r, {!ctx.config.metrics_token.empty() && ctx.config.metrics_address.empty(),
                            ctx.config.metrics_token});
  registerStaticRoutes(r, {s, ctx.config.web_dir, ctx.config.data_dir});
  registerHelpCenterRoutes(r, {s, s});  // after the static files: it wraps their fallback
}

}  // namespace parley
