#include "fuzz_env.h"

#include <signal.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "domain/clock.h"
#include "http/all_routes.h"
#include "realtime/realtime_wiring.h"
#include "app/auto_assigner.h"
#include "app/webhook_deliverer.h"
#include "security/password.h"
#include "security/token.h"
#include "store/sqlite/sqlite_store.h"

namespace parley::fuzz {

namespace fs = std::filesystem;

namespace {

// Restoring the seeded copy costs a few milliseconds; every 2,000 inputs keeps that under 1 % of
// the run while the database never grows past a few thousand rows. PARLEY_FUZZ_RESET_EVERY=1
// gives every input a fresh database (slow, but each crash then reproduces on its own).
unsigned long resetEvery() {
  static const unsigned long n = [] {
    const char* v = std::getenv("PARLEY_FUZZ_RESET_EVERY");
    unsigned long parsed = v ? std::strtoul(v, nullptr, 10) : 0;
    return parsed ? parsed : 2000UL;
  }();
  return n;
}

// Far beyond any real wait: a writer round trip takes well under a millisecond on tmpfs, but the
// machine may be busy compiling.
constexpr auto kHangTimeout = std::chrono::seconds(30);
constexpr Millis kT0 = 1'700'000'000'000;       // seeded rows are from Nov 2023
constexpr Millis kFarFuture = 4'000'000'000'000;  // seeded sessions never expire

std::string g_dir_to_remove;

void removeWorkDir() {
  std::error_code ec;
  if (!g_dir_to_remove.empty()) fs::remove_all(g_dir_to_remove, ec);
}

// A fuzzer killed by a crash cannot clean up; the next one removes directories of dead processes.
void removeStaleDirs(const fs::path& base) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(base, ec)) {
    auto name = e.path().filename().string();
    if (name.rfind("parley-fuzz-", 0) != 0) continue;
    long pid = std::strtol(name.c_str() + 12, nullptr, 10);
    if (pid > 0 && kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) fs::remove_all(e.path(), ec);
  }
}

void writeFile(const fs::path& p, std::string_view text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

std::string hashOf(std::string_view token) { return sha256Hex(token); }

Agent makeAgent(Id ws, std::string_view email, std::string name, AgentRole role, const std::string& hash) {
  Agent a;
  a.workspace_id = ws;
  a.email = std::string(email);
  a.name = std::move(name);
  a.role = role;
  a.password_hash = hash;
  a.created_at = kT0;
  return a;
}

NewMessage visitorMessage(Id ws, Id contact, std::string body, Millis at, std::string client_id) {
  NewMessage m;
  m.workspace_id = ws;
  m.contact_id = contact;
  m.sender_type = SenderType::Visitor;
  m.body = std::move(body);
  m.client_id = std::move(client_id);
  m.created_at = at;
  return m;
}

}  // namespace

// ---- PostedWork ----

void PostedWork::post(std::function<void()> f) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back(std::move(f));
  }
  cv_.notify_one();
}

void PostedWork::runReady() {
  for (;;) {
    std::function<void()> f;
    {
      std::lock_guard lock(mu_);
      if (queue_.empty()) return;
      f = std::move(queue_.front());
      queue_.pop_front();
    }
    f();
  }
}

bool PostedWork::runUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    runReady();
    if (done()) return true;
    std::unique_lock lock(mu_);
    if (!cv_.wait_until(lock, deadline, [this] { return !queue_.empty(); })) {
      lock.unlock();
      runReady();
      return done();
    }
  }
}

// ---- FuzzServer ----

// Wired like serve() in server/src/cli/serve_command.cpp, minus the sockets and the background timers. Members
// are destroyed in reverse: the writer stops (and joins its threads) before the store it writes to
// goes away.
struct FuzzServer::Instance {
  Instance(const std::string& db_path, const ServerConfig& config, CountryLookup& geo, PostedWork& posted)
      : store(db_path),
        bus(hub),
        events(bus),
        writer(store),
        sessions(store, hub),
        assigner(store, presence, events),
        blocks(store),
        messages(writer, afterCommit, visitorLimits, &blocks),
        conversations(store, store, events),
        webhooks(store, store, store),
        email(EmailChannelOptions{.uploads_dir = config.data_dir + "/uploads"}, store, messages),
        ctx{config,   store,     hub,
            bus,      presence,  events,   geo,
            sessions, passwords, exports, store.installationSecret("device"), messages,
            conversations, visitorLimits, webhooks, email, blocks},
        protocol(realtimeDeps(ctx)) {
    afterCommit.add("fan-out", [this](const AppendResult& r) { events.messageCreated(r); });
    afterCommit.add("auto-assign", [this](const AppendResult& r) {
      if (r.conversation_created && r.message.sender_type == SenderType::Visitor) assigner.onConversationCreated(r.conversation);
    });
    // Never started, and stopped at once: no thread, no outbound request; "Send test" and "Redeliver"
    // are answered 503 busy at once instead of waiting for a worker (a hang to the fuzzer).
    webhooks.stop();
    registerAllRoutes(router, ctx);
    writer.setDispatcher([&posted](std::function<void()> f) { posted.post(std::move(f)); });
  }

  SqliteStore store;
  Hub hub;
  LocalBus bus;
  PresenceTracker presence;
  EventPublisher events;
  MessageWriter writer;
  // No SessionWatcher: it only notices changes made by other processes, and its timer thread
  // would close sockets at moments no input chose.
  SessionRevoker sessions;
  BoundedWorkers passwords{1, 32};
  BoundedWorkers exports{1, 2};  // the http_router target waits for the export's late reply
  AutoAssigner assigner;
  AfterCommit afterCommit;
  VisitorLimits visitorLimits;
  VisitorBlocks blocks;  // none made by the seed; the fuzzers may add some through /api/v1/blocks
  MessageSender messages;
  ConversationActions conversations;
  WebhookDeliverer webhooks;
  EmailChannel email;  // no --smtp or --imap: no thread, nothing sent, transcripts answer 503
  AppContext ctx;
  Router router;
  RealtimeProtocol protocol;
};

FuzzServer& FuzzServer::get() {
  static FuzzServer* server = new FuzzServer();  // leaked on purpose: see the header
  return *server;
}

FuzzServer::FuzzServer() {
  // Handlers log what they refuse; at millions of inputs a second that is only noise. Errors stay.
  spdlog::set_level(spdlog::level::err);
  // The seeded admin logs in with a cheap Argon2id hash, and POST /agents hashes at minimum cost:
  // the interactive cost (64 MiB, 0.1 s per hash) would make those inputs 1,000 times slower.
  setPasswordHashingCost(true);

  fs::path base = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
  removeStaleDirs(base);
  dir_ = (base / ("parley-fuzz-" + std::to_string(getpid()))).string();
  fs::remove_all(dir_);
  fs::create_directories(fs::path(dir_) / "data" / "uploads");
  g_dir_to_remove = dir_;
  std::atexit(removeWorkDir);

  template_ = (fs::path(dir_) / "seed.db").string();
  db_path_ = (fs::path(dir_) / "data" / "parley.db").string();
  config_.host = "127.0.0.1";
  config_.port = 0;
  config_.threads = 1;
  config_.data_dir = (fs::path(dir_) / "data").string();
  config_.web_dir = (fs::path(dir_) / "web").string();
  config_.trusted_proxies = {std::string(Seed::kPeer)};

  // A miniature web/ and docs/ for the static routes (index.html carries the placeholder the
  // demo route fills in; frame.html gets the CSP header).
  const fs::path web(config_.web_dir);
  writeFile(web / "demo" / "index.html", "<html><body data-ws=\"__PARLEY_WORKSPACE__\">shop</body></html>");
  writeFile(web / "demo" / "style.css", "body{}");
  writeFile(web / "dist" / "widget" / "widget.js", "/* widget */");
  writeFile(web / "dist" / "widget" / "frame.html", "<html>frame</html>");
  writeFile(web / "dist" / "dashboard" / "index.html", "<html>app</html>");
  writeFile(web / "dist" / "dashboard" / "assets" / "app.js", "/* app */");
  writeFile(fs::path(dir_) / "docs" / "openapi.json", "{\"openapi\":\"3.0.3\"}");

  geo_ = CountryLookup::open("");
  createTemplate();
  restore();
}

void FuzzServer::createTemplate() {
  SqliteStore s(template_);
  NewWorkspace nw{"Fuzz Shop", std::string(Seed::kWorkspace), std::string(Seed::kHmacSecret)};
  auto ws = s.createWorkspace(nw, kT0);
  ws.allowed_origins_json = R"(["https://shop.example.com","*.example.org"])";
  ws.settings_json =
      R"({"greeting":"Hello","business_hours":{"enabled":true,"timezone":"Europe/Berlin",)"
      R"("days":{"mon":["09:00","17:00"],"sat":["22:00","02:00"],"sun":null}}})";
  s.updateWorkspace(ws);
  auto other = s.createWorkspace(NewWorkspace{"Other Co", std::string(Seed::kOtherWorkspace), "othersecret"}, kT0);

  const auto hash = hashPassword(Seed::kPassword);
  auto admin = s.createAgent(makeAgent(ws.id, Seed::kAdminEmail, "Ada Admin", AgentRole::Admin, hash));
  auto agent = s.createAgent(makeAgent(ws.id, Seed::kAgentEmail, "Sam Agent", AgentRole::Agent, hash));
  auto otherAdmin = s.createAgent(makeAgent(other.id, "other@fuzz.test", "Olga Other", AgentRole::Admin, hash));
  s.createAgentSession(hashOf(Seed::kAdminToken), admin.id, kFarFuture);
  s.createAgentSession(hashOf(Seed::kAgentToken), agent.id, kFarFuture);
  s.createAgentSession(hashOf(Seed::kOtherAdminToken), otherAdmin.id, kFarFuture);

  auto team = s.createTeam(ws.id, "Billing");
  s.setTeamMembers(ws.id, team.id, {admin.id, agent.id});
  s.createCannedReply(ws.id, "hi", "Hello! How can I help?");

  Contact c;
  c.workspace_id = ws.id;
  c.first_seen_at = c.last_seen_at = kT0;
  c.name = "Vera Visitor";
  auto visitor = s.createContact(c, hashOf(Seed::kVisitorToken));
  Contact known = c;
  known.name = "Known User";
  known.external_id = std::string(Seed::kKnownUser);
  known.email = "known@example.com";
  auto knownContact = s.createContact(known, "");
  Contact foreign = c;
  foreign.workspace_id = other.id;
  auto otherVisitor = s.createContact(foreign, hashOf(Seed::kOtherVisitorToken));

  // The visitor's open conversation (id 1) with a reply and a private note.
  auto first = s.appendMessages(std::vector<NewMessage>{visitorMessage(ws.id, visitor.id, "Where is my order?", kT0, "v-1")});
  const Id conv = first.at(0).conversation.id;
  NewMessage reply;
  reply.workspace_id = ws.id;
  reply.conversation_id = conv;
  reply.sender_type = SenderType::Agent;
  reply.sender_id = agent.id;
  reply.body = "Let me check.";
  reply.client_id = "a-1";
  reply.created_at = kT0 + 1000;
  NewMessage note = reply;
  note.body = "customer since 2019";
  note.is_private = true;
  note.client_id = "a-2";
  note.created_at = kT0 + 2000;
  s.appendMessages(std::vector<NewMessage>{reply, note});
  s.appendMessages(std::vector<NewMessage>{visitorMessage(other.id, otherVisitor.id, "other workspace", kT0, "o-1")});
  s.appendMessages(std::vector<NewMessage>{visitorMessage(ws.id, knownContact.id, "known user here", kT0 + 500, "k-1")});

  // A dozen more conversations with mixed states, priorities, tags and equal timestamps, so the
  // inbox list has several pages under every sort order (the cursor target pages through them).
  static const auto kPriorities = allValues<Priority>();
  static const ConversationStatus kStatuses[] = {ConversationStatus::Open, ConversationStatus::Pending,
                                                 ConversationStatus::Resolved, ConversationStatus::Open};
  for (int i = 0; i < 12; ++i) {
    Contact extra = c;
    extra.name = "Visitor " + std::to_string(i);
    auto e = s.createContact(extra, "");
    const Millis at = kT0 + 10'000 * (i / 3);  // three conversations share each timestamp
    auto r = s.appendMessages(std::vector<NewMessage>{visitorMessage(ws.id, e.id, "question " + std::to_string(i), at, "x")});
    ConversationPatch p;
    p.priority = kPriorities[i % 5];
    p.status = kStatuses[i % 4];
    if (i % 3 == 0) p.tags = std::vector<std::string>{"vip", "billing"};
    if (i % 2 == 0) p.assignee_id = std::optional<Id>{agent.id};
    if (i % 4 == 1) p.team_id = std::optional<Id>{team.id};
    s.updateConversation(ws.id, r.at(0).conversation.id, p, at + 1);
  }
  PageView pv;
  pv.workspace_id = ws.id;
  pv.contact_id = visitor.id;
  pv.url = "https://shop.example.com/cart";
  pv.title = "Cart";
  pv.created_at = kT0;
  s.addPageView(pv);
}

void FuzzServer::restore() {
  instance_.reset();
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db_path_ + suffix, ec);
  fs::copy_file(template_, db_path_);
  if (fs::exists(template_ + "-wal")) fs::copy_file(template_ + "-wal", db_path_ + "-wal");
  // Uploads of earlier inputs go too (the seeded one comes back).
  const auto uploads = fs::path(config_.data_dir) / "uploads";
  fs::remove_all(uploads, ec);
  writeFile(uploads / (std::string(Seed::kUploadName) + ".png"), "\x89PNG\r\n\x1a\n");
  instance_ = std::make_unique<Instance>(db_path_, config_, *geo_, posted_);
  settled_at_ = 0;
  ++generation_;
}

bool FuzzServer::seedIntact() {
  static const std::string admin = hashOf(Seed::kAdminToken), agent = hashOf(Seed::kAgentToken),
                           other = hashOf(Seed::kOtherAdminToken), visitor = hashOf(Seed::kVisitorToken),
                           otherVisitor = hashOf(Seed::kOtherVisitorToken);
  auto& s = store();
  const auto now = nowMillis();
  auto a = s.agentBySession(admin, now);
  if (!a || a->role != AgentRole::Admin || a->email != Seed::kAdminEmail) return false;
  auto b = s.agentBySession(agent, now);
  if (!b || b->role != AgentRole::Agent) return false;
  if (!s.agentBySession(other, now)) return false;
  return s.contactByVisitorToken(workspaceId(), visitor) && s.contactByVisitorToken(otherWorkspaceId(), otherVisitor);
}

void FuzzServer::beginInput(bool seed_may_break) {
  if (++inputs_since_reset_ >= resetEvery() || (seed_may_break && !seedIntact())) {
    settle();
    restore();
    inputs_since_reset_ = 0;
  }
}

void FuzzServer::settle() {
  // Nothing sent since the last barrier: nothing can be in flight. Skipping the barrier saves two
  // cross-thread wake-ups per input, which were most of a REST input's time.
  if (instance_->writer.submitted() == settled_at_) return;
  auto done = std::make_shared<std::atomic<bool>>(false);
  auto status = std::make_shared<std::atomic<int>>(-1);
  NewMessage barrier;
  // A visitor message without its visitor is refused before any write: it only marks a place in the queue.
  barrier.sender_type = SenderType::Visitor;
  barrier.contact_id = 0;
  instance_->writer.submit(std::move(barrier), [done, status](const AppendResult& r) {
    status->store(static_cast<int>(r.status));
    done->store(true);
  });
  if (!posted_.runUntil([&] { return done->load(); }, kHangTimeout))
    fail("hang", "the message writer did not answer within 30 s");
  if (status->load() != static_cast<int>(AppendResult::Status::Invalid))
    fail("message batch failed", "the writer's batch threw (see the error logged above)");
  settled_at_ = instance_->writer.submitted();
}

AppContext& FuzzServer::ctx() { return instance_->ctx; }
Store& FuzzServer::store() { return instance_->store; }
Router& FuzzServer::router() { return instance_->router; }
RealtimeProtocol& FuzzServer::protocol() { return instance_->protocol; }

}  // namespace parley::fuzz
