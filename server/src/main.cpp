// parley: serve | agent add | agent password | migrate | store copy. One binary for the whole product.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <sched.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/audit_recorder.h"
#include "app/app_context.h"
#include "app/proactive_messages.h"
#include "bus/bus.h"
#include "bus/redis_bus.h"
#include "bus/redis_presence_sync.h"
#include "bus/redis_token_buckets.h"
#include "bus/resume_requester.h"
#include "domain/clock.h"
#include "domain/host_port.h"
#include "geo/country_lookup.h"
#include "http/net_server.h"
#include "http/all_routes.h"
#include "http/routes.h"
#include "observability/json_log_formatter.h"
#include "app/auto_assigner.h"
#include "app/ai_answerer.h"
#include "app/bot_responder.h"
#include "domain/message_effects.h"
#include "app/campaign_runner.h"
#include "app/webhook_deliverer.h"
#include "outbound/mail_in_client.h"
#include "app/conversation_router.h"
#include "app/routing_timers.h"
#include "realtime/realtime_wiring.h"
#include "app/snooze_waker.h"
#include "app/retention_job.h"
#include "security/log_throttle.h"
#include "security/password.h"
#include "security/token.h"
#include "store/copy/store_copy.h"
#include "store/sqlite/sqlite_backup.h"
#include "store/sqlite/sqlite_migrations.h"
#include "store/store_location.h"

namespace fs = std::filesystem;
using namespace parley;

namespace {

Workspace ensureWorkspace(Store& store) {
  if (auto ws = store.firstWorkspace()) return *ws;
  return store.createWorkspace(NewWorkspace{"Demo", "", ""}, nowMillis());
}

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

// A named workspace's public id is its slug, so `--workspace "Other Co"` finds it again next time.
std::string slug(const std::string& name) {
  std::string out;
  for (char ch : name) {
    if (std::isalnum(static_cast<unsigned char>(ch))) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
    else if (!out.empty() && out.back() != '-') out.push_back('-');
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "workspace" : out;
}

// Who acts from the command line: whoever can run the binary on the server (the audit log's "system").
AuditActor cliAuditActor() { return {AuditActorType::System, 0, "command line"}; }

int addAgent(const StoreLocation& where, const std::string& workspace, const std::string& email, const std::string& name,
             const std::string& password, const std::string& role, int capacity) {
  auto opened = openStore(where);
  Store& store = *opened;
  Workspace ws;
  if (workspace.empty()) {
    ws = ensureWorkspace(store);
  } else if (auto found = store.workspaceByPublicId(slug(workspace))) {
    ws = *found;
  } else {
    ws = store.createWorkspace(NewWorkspace{workspace, slug(workspace), ""}, nowMillis());
  }
  Agent a;
  a.workspace_id = ws.id;
  a.email = email;
  a.name = name;
  a.role = parseAgentRole(role).value();  // the CLI option only lets the words through
  a.capacity = capacity;
  a.password_hash = hashPassword(password);
  a.created_at = nowMillis();
  try {
    auto created = store.createAgent(a);
    AuditRecorder(store).record(ws.id, cliAuditActor(), "", audit_action::kAgentCreated,
                                {"agent", created.id, created.email}, R"({"via":"parley agent add"})");
    std::cout << "added " << created.role << " " << created.email << " (id " << created.id << ") to workspace "
              << ws.name << "\n";
    return 0;
  } catch (const StoreConflict&) {
    std::cerr << "an agent with email " << email << " already exists\n";
    return 1;
  }
}

// For the admin who lost the login `serve` printed once.
int mailIn(const std::string& url, std::string token, const std::string& token_file) {
  if (!token_file.empty()) {
    std::ifstream in(token_file);
    std::getline(in, token);
  }
  if (token.empty()) {
    std::cerr << "mail-in: --token or --token-file is required\n";
    return kMailInNoPermission;
  }
  // One email, at most the server's upload limit and a little: read a byte more to know it is more.
  std::string raw;
  raw.resize(kMaxInboundEmailBytes + 1);
  std::cin.read(raw.data(), static_cast<std::streamsize>(raw.size()));
  raw.resize(static_cast<std::size_t>(std::cin.gcount()));
  if (raw.size() > kMaxInboundEmailBytes) {
    std::cerr << "mail-in: the email is larger than " << kMaxInboundEmailBytes << " bytes\n";
    return kMailInDataError;
  }
  auto r = postInboundEmail(url, token, raw);
  (r.exit_code == kMailInTaken ? std::cout : std::cerr) << "mail-in: " << r.message << "\n";
  return r.exit_code;
}

int setPassword(const StoreLocation& where, const std::string& email, const std::string& password) {
  auto opened = openStore(where);
  Store& store = *opened;
  auto agent = store.agentByEmail(email);
  if (!agent) {
    std::cerr << "no agent with email " << email << "\n";
    return 1;
  }
  agent->password_hash = hashPassword(password);
  store.updateAgent(*agent);
  // Whoever had the old password is signed out; a running server closes their sockets too
  // (it notices this process's commit within a second).
  auto ended = store.deleteAgentSessions(agent->id);
  AuditRecorder(store).record(agent->workspace_id, cliAuditActor(), "", audit_action::kAgentPasswordChanged,
                              {"agent", agent->id, agent->email}, R"({"via":"parley agent password"})");
  std::cout << "password of " << agent->email << " changed; " << ended << " session(s) ended\n";
  return 0;
}

// Exit code 1 (and nothing copied) for a refused or failed copy, with the reason on stderr.
int copyStore(const std::string& from, const std::string& to) {
  StoreCopyOptions options;
  options.on_table = [](const CopiedTableCount& t) { std::cout << "  " << t.table << ": " << t.rows << " rows\n" << std::flush; };
  try {
    std::cout << "copying " << from << " into " << describeStore(StoreLocation{to, from}) << " ...\n" << std::flush;
    std::cout << describeStoreCopy(copySqliteToPostgres(from, to, options));
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "store copy: " << e.what() << "\n";
    return 1;
  }
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
  PasswordWorkers passwordWorkers(std::max(1, cfg.threads / 2), 32);
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
                 passwordWorkers, store.installationSecret("device"), messages,
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

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Parley: self-hosted live chat"};
  app.require_subcommand(1);

  ServerConfig cfg;
  cfg.web_dir = defaultWebDir();
  cfg.threads = usableCpus();
  auto* serveCmd = app.add_subcommand("serve", "run the chat server");
  serveCmd->add_option("--host", cfg.host, "address to listen on");
  serveCmd->add_option("--port", cfg.port, "port to listen on (0: any free port)");
  serveCmd->add_option("--data", cfg.data_dir, "data directory (SQLite database, uploads)");
  serveCmd->add_option("--web", cfg.web_dir, "web directory (demo/, dist/)");
  serveCmd->add_option("--threads", cfg.threads, "I/O threads")->check(CLI::Range(1, 64));
  serveCmd->add_option("--trusted-proxy", cfg.trusted_proxies, "peer whose X-Forwarded-For is believed (repeatable)");
  serveCmd->add_option("--geoip", cfg.geoip_mmdb, "MaxMind/DB-IP country .mmdb (default: Debian's geoip-database)");
  serveCmd->add_option("--ws-tick-ms", cfg.ws_tick_ms,
                       "WebSocket keep-alive tick: hello within 2 ticks, ping after 6 silent ticks, drop after 12")
      ->check(CLI::Range(20, 60000));
  serveCmd->add_option("--campaign-tick-ms", cfg.campaign_tick_ms,
                       "how often campaigns start when due and reach the recipients on the site")
      ->check(CLI::Range(20, 600000));
  serveCmd->add_option("--campaign-lease-ms", cfg.campaign_lease_ms,
                       "how long a recipient claimed by a node that died waits before another node delivers")
      ->check(CLI::Range(100, 3600000));
  serveCmd->add_option("--routing-tick-ms", cfg.routing_tick_ms,
                       "how often chats are checked for hand-back and unattended reminders")
      ->check(CLI::Range(20, 600000));
  serveCmd->add_option("--offline-grace-ms", cfg.offline_grace_ms,
                       "how long an agent is offline before their chats are handed back (when the team says so)")
      ->check(CLI::Range(0, 3600000));
  serveCmd->add_flag("--allow-private-webhooks", cfg.allow_private_webhooks,
                     "let webhooks reach loopback, private and link-local addresses (tests, a trusted network)");
  serveCmd->add_option("--webhook-tick-ms", cfg.webhook_tick_ms, "how often due webhooks are looked at")
      ->check(CLI::Range(10, 600000))
      ->group("");
  serveCmd->add_option("--webhook-lease-ms", cfg.webhook_lease_ms,
                       "how long a node that died keeps the webhooks it was delivering")
      ->check(CLI::Range(100, 3600000))
      ->group("");
  serveCmd->add_option("--webhook-retry-window-ms", cfg.webhook_retry_window_ms,
                       "how long a failing webhook is retried before it is paused")
      ->check(CLI::Range(0, 7 * 86400000))
      ->group("");
  serveCmd->add_option("--webhook-retry-base-ms", cfg.webhook_retry_base_ms, "the first retry's wait (doubling)")
      ->check(CLI::Range(10, 600000))
      ->group("");
  serveCmd->add_option("--smtp", cfg.smtp_url,
                       "send email through this server: smtp://USER:PASS@HOST:PORT (STARTTLS when offered) or smtps://...");
  serveCmd->add_option("--mail-from", cfg.mail_from, "the sender of Parley's emails, e.g. \"Acme <support@acme.com>\"");
  serveCmd->add_option("--imap", cfg.imap_url,
                       "read replies by email from this mailbox: imap://USER:PASS@HOST:PORT/INBOX or imaps://...");
  serveCmd->add_option("--mail-tick-ms", cfg.mail_tick_ms, "how often the email outbox is looked at")
      ->check(CLI::Range(10, 600'000))
      ->group("");
  serveCmd->add_option("--continuity-tick-ms", cfg.continuity_tick_ms, "how often unseen replies are looked at")
      ->check(CLI::Range(10, 600'000))
      ->group("");
  serveCmd->add_option("--imap-poll-ms", cfg.imap_poll_ms, "how often the IMAP mailbox is read")
      ->check(CLI::Range(10, 3'600'000))
      ->group("");
  serveCmd->add_option("--mail-retry-base-ms", cfg.mail_retry_base_ms, "the first email retry's wait (doubling)")
      ->check(CLI::Range(10, 3'600'000))
      ->group("");
  serveCmd->add_option("--agent-digest-ms", cfg.agent_digest_ms,
                       "agents' notification emails: how long items are batched before one email")
      ->check(CLI::Range(static_cast<std::int64_t>(10), static_cast<std::int64_t>(86'400'000)))
      ->group("");
  serveCmd->add_option("--public-url", cfg.public_urls,
                       "URL the server is reached at, e.g. https://chat.example.com (repeatable); other Host "
                       "headers are refused (DNS rebinding)")
      ->envname("PARLEY_PUBLIC_URL")
      ->delimiter(',');
  serveCmd->add_option("--bus", cfg.bus_url,
                       "redis://HOST[:PORT]: fan frames out to the other nodes through Redis (default: this "
                       "process only)")
      ->envname("PARLEY_BUS")
      ->check([](const std::string& url) {
        std::string host;
        int port = 0;
        try {
          parseRedisUrl(url, host, port);
          return std::string{};
        } catch (const std::invalid_argument& e) {
          return std::string(e.what());
        }
      });
  serveCmd->add_option("--max-connections", cfg.max_connections,
                       "open connections in all (default: the descriptor limit less a reserve)");
  serveCmd->add_option("--max-connections-per-ip", cfg.max_connections_per_ip, "open connections per client address")
      ->check(CLI::Range(1, 1000000));
  std::size_t socketBuffersMb = cfg.max_socket_buffers >> 20;
  serveCmd->add_option("--max-socket-buffers-mb", socketBuffersMb,
                       "MiB all WebSockets together may hold unsent or half-read")
      ->check(CLI::Range(1, 1 << 20));

  serveCmd->add_option("--metrics-token", cfg.metrics_token,
                       "serve GET /metrics (Prometheus) to requests with Authorization: Bearer TOKEN (default: off)")
      ->envname("PARLEY_METRICS_TOKEN");
  serveCmd->add_option("--metrics-address", cfg.metrics_address,
                       "HOST:PORT: serve GET /metrics on a listener of its own (with --metrics-token, it asks for the "
                       "token too); the main port then has no /metrics")
      ->envname("PARLEY_METRICS_ADDRESS")
      ->check([](const std::string& text) {
        return parseHostPort(text) ? std::string{} : std::string("--metrics-address must be HOST:PORT, e.g. 127.0.0.1:9100");
      });
  std::string logFormat = "text";
  serveCmd->add_option("--log-format", logFormat, "text (default) or json: one JSON object per log line")
      ->envname("PARLEY_LOG_FORMAT")
      ->check(CLI::IsMember({"text", "json"}));

  std::string storeUrl;
  const auto storeOption = [&storeUrl](CLI::App* cmd) {
    cmd->add_option("--store", storeUrl,
                    "postgresql://USER@HOST:PORT/DB: keep the data in PostgreSQL, shared by several nodes "
                    "(default: SQLite in --data)")
        ->envname("PARLEY_STORE")
        ->check([](const std::string& url) { return checkStoreUrl(url); });
  };
  storeOption(serveCmd);
  std::string dataDir = "./data", workspace, email, name, password, role = "agent";
  int capacity = 5;
  auto* agentCmd = app.add_subcommand("agent", "manage agents");
  agentCmd->require_subcommand(1);
  auto* addCmd = agentCmd->add_subcommand("add", "add an agent (creates workspace Demo if none exists)");
  addCmd->add_option("--data", dataDir, "data directory");
  storeOption(addCmd);
  addCmd->add_option("--workspace", workspace, "workspace name (created when new; default: the first one)");
  addCmd->add_option("--email", email, "login email")->required();
  addCmd->add_option("--name", name, "display name")->required();
  addCmd->add_option("--password", password, "password (8+ characters)")->required()->check([](const std::string& p) {
    return p.size() >= 8 ? std::string{} : std::string("password must be at least 8 characters");
  });
  const auto& roles = EnumNames<AgentRole>::names;
  addCmd->add_option("--role", role, "admin or agent")
      ->check(CLI::IsMember(std::vector<std::string>(roles.begin(), roles.end())));
  addCmd->add_option("--capacity", capacity, "open conversations auto-assignment may give")->check(CLI::Range(0, 1000));

  auto* passwordCmd = agentCmd->add_subcommand("password", "set an agent's password (e.g. a lost admin login)");
  passwordCmd->add_option("--data", dataDir, "data directory");
  storeOption(passwordCmd);
  passwordCmd->add_option("--email", email, "login email")->required();
  passwordCmd->add_option("--password", password, "new password (8+ characters)")->required()->check([](const std::string& p) {
    return p.size() >= 8 ? std::string{} : std::string("password must be at least 8 characters");
  });

  auto* migrateCmd = app.add_subcommand("migrate", "create or upgrade the database");
  migrateCmd->add_option("--data", dataDir, "data directory");
  storeOption(migrateCmd);

  // SQLite to PostgreSQL (docs/scaling.md, "Moving up from SQLite"); the code is store/copy/.
  std::string copyFrom = "./data", copyTo;
  auto* storeCmd = app.add_subcommand("store", "move an installation's data");
  storeCmd->require_subcommand(1);
  auto* copyCmd = storeCmd->add_subcommand(
      "copy", "copy a SQLite installation into an empty PostgreSQL database (uploads stay files in --from)");
  copyCmd->add_option("--from", copyFrom, "data directory of the SQLite installation (holds parley.db)");
  copyCmd->add_option("--to", copyTo, "postgresql://USER@HOST:PORT/DB: an empty database (default: PARLEY_STORE)")
      ->envname("PARLEY_STORE")
      ->required()
      ->check([](const std::string& url) {
        return isPostgresUrl(url) ? std::string{} : std::string("--to must be a postgresql://USER@HOST:PORT/DB URL");
      });

  // Replies by email (issue 15, item 3): the MTA pipes one email in; the running server posts it.
  auto* mailInCmd = app.add_subcommand("mail-in", "post one email read from stdin to the server (for an MTA pipe)");
  std::string mailInUrl = "http://127.0.0.1:8080", mailInToken, mailInTokenFile;
  mailInCmd->add_option("--url", mailInUrl, "the Parley server");
  mailInCmd->add_option("--token", mailInToken, "an API token of the workspace (write scope)")->envname("PARLEY_TOKEN");
  mailInCmd->add_option("--token-file", mailInTokenFile, "a file holding the API token (keeps it out of ps)");

  // Backups of the SQLite store (issue 17, item 4; store/sqlite/sqlite_backup.h). PostgreSQL has pg_dump.
  std::string backupOut, restoreFrom;
  bool restoreForce = false;
  auto* backupCmd = app.add_subcommand("backup", "copy the SQLite database, consistent while the server runs");
  backupCmd->add_option("--data", dataDir, "data directory (holds parley.db)");
  backupCmd->add_option("--out", backupOut, "the backup file to write (replaced whole, never half written)")->required();
  auto* restoreCmd = app.add_subcommand("restore", "put a backup in place of the SQLite database (server stopped)");
  restoreCmd->add_option("--data", dataDir, "data directory to restore into");
  restoreCmd->add_option("--from", restoreFrom, "a file written by `parley backup`")->required();
  restoreCmd->add_flag("--force", restoreForce, "replace the database that is there");

  CLI11_PARSE(app, argc, argv);
  try {
    if (*serveCmd) {
      if (logFormat == "json") spdlog::set_formatter(std::make_unique<JsonLogFormatter>());
      cfg.max_socket_buffers = socketBuffersMb << 20;
      return serve(cfg, storeUrl, logFormat == "json");
    }
    if (*copyCmd) return copyStore(copyFrom, copyTo);
    if (*mailInCmd) return mailIn(mailInUrl, mailInToken, mailInTokenFile);
    if (*backupCmd || *restoreCmd) {
      const auto db = (fs::path(dataDir) / "parley.db").string();
      const auto info = *backupCmd ? backupSqliteDatabase(db, backupOut)
                                   : restoreSqliteDatabase(restoreFrom, db, sqliteMigrations().back().first, restoreForce);
      std::cout << (*backupCmd ? "backed up " : "restored ") << info.messages << " messages (schema version "
                << info.schema_version << ", " << info.bytes << " bytes) " << (*backupCmd ? "to " + backupOut : "into " + db)
                << "\n";
      return 0;
    }
    const StoreLocation where{storeUrl, dataDir};
    if (*passwordCmd) return setPassword(where, email, password);
    if (*addCmd) return addAgent(where, workspace, email, name, password, role, capacity);
    if (*migrateCmd) {
      int v = migrateStore(where);
      std::cout << "database at schema version " << v << "\n";
      return 0;
    }
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    return 1;
  }
  return 0;
}
