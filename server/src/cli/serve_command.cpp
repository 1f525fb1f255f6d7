#include "cli/serve_command.h"

#include <spdlog/spdlog.h>

#include <sched.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>

#include "app/ai_answerer.h"
#include "app/app_context.h"
#include "app/audit_recorder.h"
#include "app/auto_assigner.h"
#include "app/bot_responder.h"
#include "app/campaign_runner.h"
#include "app/conversation_router.h"
#include "app/proactive_messages.h"
#include "app/retention_job.h"
#include "app/routing_timers.h"
#include "app/snooze_waker.h"
#include "app/webhook_deliverer.h"
#include "bus/bus.h"
#include "bus/redis_bus.h"
#include "bus/redis_presence_sync.h"
#include "bus/redis_token_buckets.h"
#include "bus/resume_requester.h"
#include "cli/agent_commands.h"
#include "domain/clock.h"
#include "domain/host_port.h"
#include "domain/message_effects.h"
#include "geo/country_lookup.h"
#include "http/all_routes.h"
#include "http/net_server.h"
#include "http/routes.h"
#include "realtime/realtime_wiring.h"
#include "security/log_throttle.h"
#include "security/password.h"
#include "security/token.h"
#include "store/store_location.h"

namespace fs = std::filesystem;

namespace parley {

// I/O threads default to the CPUs this process may run on: more threads than cores (e.g. under
// taskset) only trade work for context switches and lock hand-offs.
int usableCpus() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof(set), &set) != 0) return 2;
  return std::clamp(CPU_COUNT(&set), 1, 16);
}

// The web assets (demo/, dist/): ./web in a checkout; share/parley/web beside an installed binary's
// bin/ (cmake --install, the .deb: /usr/bin/parley -> /usr/share/parley/web); else the source tree
// this binary was built from.
std::string defaultWebDir() {
  if (fs::exists("web/demo")) return fs::absolute("web").string();
  std::error_code ec;
  const auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto installed = exe.parent_path().parent_path() / "share" / "parley" / "web";
    if (fs::exists(installed / "dist", ec)) return installed.string();
  }
  return std::string(PARLEY_SOURCE_DIR) + "/web";
}

int serve(ServerConfig cfg, const std::string& storeUrl, bool jsonLogs) {
  auto started = std::chrono::steady_clock::now();
  const StoreLocation where{storeUrl, cfg.data_dir};
  auto opened = openStore(where);
  Store& store = *opened;
  spdlog::info("store: {}", describeStore(where));
  auto ws = ensureWorkspace(store);
  if (store.countAgents() == 0) {
    auto password = randomHex(8);
    Agent a;
    a.workspace_id = ws.id;
    a.email = "admin@parley.local";
    a.name = "Admin";
    a.role = AgentRole::Admin;
    a.password_hash = hashPassword(password);
    a.created_at = nowMillis();
    store.createAgent(a);
    // With --log-format json every line is a JSON object, this one too (a log reader shows it).
    if (jsonLogs) {
      spdlog::warn("first start: created workspace \"{}\" and its admin {} with password {} (shown once: `parley "
                   "agent password` sets a new one)",
                   ws.name, a.email, password);
    } else {
      std::cout << "\n  First start: created workspace \"" << ws.name << "\" and its admin.\n"
                << "  Log in at http://localhost:" << cfg.port << "/app\n"
                << "    email:    " << a.email << "\n"
                << "    password: " << password << "\n"
                << "  (shown once: `parley agent password` sets a new one; `parley agent add` adds agents)\n\n"
                << std::flush;
    }
  }
  Hub hub;
  // One node by default. With --bus the frames also reach the other nodes through Redis.
  std::unique_ptr<Bus> bus;
  RedisBus* redisBus = nullptr;
  LogThrottle gapWarnings(60'000);
  if (cfg.bus_url.empty()) {
    bus = std::make_unique<LocalBus>(hub);
  } else {
    auto redis = std::make_unique<RedisBus>(hub, RedisBusOptions{.url = cfg.bus_url});
    redisBus = redis.get();
    bus = std::move(redis);
  }
  PresenceTracker presence;
  EventPublisher events(*bus);
  // With several nodes presence is cluster-wide (bus/redis_presence_sync.h). When another node dies
  // nobody tells its agents' and visitors' going offline; each node tells its own sockets only.
  // (Made only with --bus: an EventPublisher runs a batching thread.)
  LocalBus thisNodeOnly(hub);
  std::unique_ptr<EventPublisher> thisNodeEvents;
  std::atomic<ResumeRequester*> gapRepair{nullptr};  // set once the server exists (below)
  std::unique_ptr<RedisPresenceSync> presenceSync;
  if (redisBus) {
    thisNodeEvents = std::make_unique<EventPublisher>(thisNodeOnly);
    presenceSync = std::make_unique<RedisPresenceSync>(
        presence, RedisPresenceOptions{.url = cfg.bus_url, .node_id = redisBus->nodeId()});
    presenceSync->onVanished([&presence, &gapRepair, local = thisNodeEvents.get()](const RedisPresenceSync::Vanished& gone) {
      // A node that left may have committed events it never published: repaired like any bus gap.
      if (auto* repair = gapRepair.load(); repair && !gone.nodes.empty()) repair->request();
      for (auto [workspace, agent] : gone.agents)
        local->agentPresence(workspace, agent, presence.agentPresence(agent), presence.agentsOnline(workspace));
      for (auto [workspace, contact] : gone.visitors) local->visitorPresence(workspace, contact, false, "", "");
    });
  }
  MessageWriter writer(store);
  auto geo = CountryLookup::open(cfg.geoip_mmdb);
  SessionRevoker sessions(store, hub);
  SessionWatcher sessionWatcher(store, sessions);
  // One Argon2 at a time per spare core, at most 32 waiting: a login spray is answered "busy", not queued.
  BoundedWorkers passwordWorkers(std::max(1, cfg.threads / 2), 32);
  // Contact exports (an admin's action, rare and heavy): one built at a time, two waiting.
  BoundedWorkers exportWorkers(1, 2);
  // What follows every stored message, in this order (a new feature adds one line here).
  ConversationActions conversations(store, store, events);
  AutoAssigner assigner(store, presence, events);
  ConversationRouter conversationRouter(store, store, conversations);
  AfterCommit afterCommit;
  afterCommit.add("fan-out", [&events](const AppendResult& r) { events.messageCreated(r); });
  // Routing rules give a new chat its team, priority and tags; auto-assignment then picks an agent
  // of that team (issue 13, item 4).
  // A chat the rule-based bot takes (issue 14) is routed and assigned when the bot hands it over.
  std::unique_ptr<BotResponder> bot;
  afterCommit.add("route-and-auto-assign", [&assigner, &conversationRouter, &bot](const AppendResult& r) {
    if (r.conversation_created && r.message.sender_type == SenderType::Visitor && bot && bot->takesNewConversation(r))
      return;
    if (r.conversation_created && r.message.sender_type == SenderType::Visitor)
      assigner.onConversationCreated(conversationRouter.route(r.conversation));
    // A chat an agent, a rule or a campaign began is routed and assigned when the visitor answers.
    else if (!r.conversation_created && isAnswerToOutreach(r.conversation, r.message))
      assigner.onAnswerToOutreach(conversationRouter.route(r.conversation));
  });
  VisitorLimits visitorLimits;
  VisitorBlocks visitorBlocks(store);  // issue 16, item 4: refused before any budget is charged
  MessageSender messages(writer, afterCommit, visitorLimits, &visitorBlocks);
  // Webhooks (issue 15, item 5): delivered from the event log on their own thread.
  WebhookDeliverer webhooks(store, store, store,
                            {.tick = std::chrono::milliseconds(cfg.webhook_tick_ms),
                             .lease_ms = cfg.webhook_lease_ms,
                             .retry_window_ms = cfg.webhook_retry_window_ms,
                             .first_retry_ms = cfg.webhook_retry_base_ms,
                             .allow_private = cfg.allow_private_webhooks});
  afterCommit.add("webhooks", [&webhooks](const AppendResult&) { webhooks.wake(); });
  // Email (issue 15): continuity, transcripts, the offline form's confirmation, replies by email.
  EmailChannel email({.smtp_url = cfg.smtp_url,
                      .mail_from = cfg.mail_from,
                      .imap_url = cfg.imap_url,
                      .public_url = cfg.public_urls.empty() ? "" : cfg.public_urls.front(),
                      .uploads_dir = uploadsDir(cfg),
                      .max_upload = cfg.max_upload,
                      .mail_tick_ms = cfg.mail_tick_ms,
                      .continuity_tick_ms = cfg.continuity_tick_ms,
                      .imap_poll_ms = cfg.imap_poll_ms,
                      .mail_retry_base_ms = cfg.mail_retry_base_ms,
                      .agent_digest_ms = cfg.agent_digest_ms},
                     store, messages, &presence);
  afterCommit.add("email", [&email](const AppendResult& r) { email.onStoredMessage(r); });
  AppContext ctx{cfg,      store,
                 hub,      *bus,            presence,
                 events,   *geo,            sessions,
                 passwordWorkers, exportWorkers, store.installationSecret("device"), messages,
                 conversations, visitorLimits, webhooks, email, visitorBlocks};
  // Last of the steps after a stored message: a visitor's reply to a proactive rule's message is counted.
  afterCommit.add("proactive-replies", [&store](const AppendResult& r) { countProactiveReply(store, r); });
  // The rule-based bot (issue 14): answers visitors in the chats it took, on its own thread.
  // Its AI answers (item 6) are asked on their own threads: a slow model delays no other chat.
  AiAnswerer aiAnswerer([] { return nowMillis(); });
  bot = std::make_unique<BotResponder>(BotResponderDeps{
      store, store, store, store, presence, messages,
      [&assigner, &conversationRouter](const Conversation& c) { assigner.onConversationCreated(conversationRouter.route(c)); },
      &store, &aiAnswerer});
  afterCommit.add("bot", [&bot](const AppendResult& r) { bot->onMessageStored(r); });
  ctx.bot_settings_changed = [&bot](Id workspace_id) { bot->settingsChanged(workspace_id); };
  // With several nodes the per-address limits (new visitor sessions, failed logins) are the cluster's:
  // behind a round-robin balancer per-node buckets would give one budget per node.
  if (redisBus) {
    auto shared = std::make_shared<RedisTokenBuckets>(RedisBucketsOptions{.url = cfg.bus_url});
    ctx.sessions_per_ip.shareThrough(shared, "sessions_per_ip");
    ctx.failed_logins.shareThrough(shared, "failed_logins");
    ctx.api_token_requests.shareThrough(shared, "api_token_requests");
    ctx.visitor_transcripts.shareThrough(shared, "visitor_transcripts");
  }
  SnoozeWaker snoozeWaker(store, events);
  // Retention (issue 16, item 3): each workspace's rules, one node per workspace and run.
  RetentionJob retention(store, uploadsDir(cfg), {}, [] { return nowMillis(); });
  // Campaigns to segments (issue 13): started once in a cluster, delivered to who is on the site.
  auto campaignRunner = std::make_unique<CampaignRunner>(
      store, store, store, presence, messages,
      CampaignRunnerOptions{.tick = std::chrono::milliseconds(cfg.campaign_tick_ms), .lease_ms = cfg.campaign_lease_ms});
  RoutingTimers routingTimers(store, presence, assigner, events,
                              {.period = std::chrono::milliseconds(cfg.routing_tick_ms),
                               .offline_grace = cfg.offline_grace_ms});
  Router router;
  registerAllRoutes(router, ctx);
  RealtimeProtocol protocol(realtimeDeps(ctx));
  NetServer server(ctx.config, hub, router, protocol);
  writer.setDispatcher([&server](std::function<void()> f) { server.post(std::move(f)); });
  // After a Redis outage (or frames another node dropped) every socket here is asked to resume:
  // the event log repairs what the bus missed (bus/resume_requester.h).
  ResumeRequester resumeRequester(hub, [&server](std::function<void()> f) { server.post(std::move(f)); });
  gapRepair.store(&resumeRequester);
  if (redisBus)
    redisBus->onResubscribed([&resumeRequester, &gapWarnings] {
      resumeRequester.request();
      if (auto quiet = gapWarnings.occurred(nowMillis()))
        spdlog::warn("redis bus: frames of other nodes may have been missed ({} more times since the last line); "
                     "this node's sockets were asked to resume from the event log",
                     *quiet);
    });
  webhooks.start();
  int port = server.listen();
  // --metrics-address: /metrics on a listener of its own (e.g. loopback or a private network only).
  Router metricsRouter;
  if (auto at = parseHostPort(cfg.metrics_address)) {
    registerMetricsRoutes(metricsRouter, {true, cfg.metrics_token});
    server.listenMetrics(at->host, at->port, metricsRouter);
  }
  if (cfg.public_urls.empty()) email.outbox().setPublicUrl("http://localhost:" + std::to_string(port));
  email.start();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  spdlog::info("parley listening on http://{}:{} (data {}, web {}, ready in {} ms)", cfg.host, port, cfg.data_dir,
               cfg.web_dir, ms);
  server.run();
  // No more frames from other nodes into sockets whose server is going away.
  if (presenceSync) presenceSync->stop();
  if (redisBus) redisBus->stop();
  // Work that holds requests finishes while the server's connection budgets still exist.
  passwordWorkers.stop();
  exportWorkers.stop();
  campaignRunner.reset();  // sends through the writer: stopped first
  webhooks.stop();         // waits for a request in flight, gives up its leases
  email.stop();            // its IMAP poll posts through the writer
  aiAnswerer.stop();       // its answers go to the bot's queue: stopped before the bot
  bot->stop();             // sends through the writer, like the campaigns
  writer.stop();
  spdlog::info("parley stopped: {} messages in {} commits, {} fsyncs", writer.committed(), writer.batches(),
               writer.syncs());
  return 0;
}

}  // namespace parley
