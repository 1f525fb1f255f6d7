// Issue 16, item 1: how long the report queries take on a year of data. Seeds one workspace with
// N conversations of 10 messages each (1,000,000 messages by default) spread over 365 days, then
// times every ReportStore call and the whole overview for 7, 30 and 365 days, beside baselines
// run in the same process on the same data: a plain COUNT(*) of the workspace's messages and of
// its conversations. SQLite by default; --postgres URL for PostgreSQL (a database of its own).
//
//   parley_report_bench [--messages N] [--dir DIR] [--postgres URL]
//
// The seed is plain SQL (the same text on both backends), not the message path: this measures
// reading, and the message path has its own benchmark (scripts/bench).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "app/report_builder.h"
#include "domain/time_zone.h"
#include "store/postgres/pg_connection.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store.h"

using namespace parley;

namespace {

constexpr Millis kDayMs = 86'400'000;
constexpr Millis kYearStart = 1'735'689'600'000;  // 2025-01-01T00:00Z
constexpr int kMessagesPerConversation = 10;

// $1 workspace, $2 year start, $3 conversations, $4 first agent id, $5 first team id, $6 first contact id.
// Conversation i (1..N): created at minute (i * 7919) mod 525600 of the year (all distinct); one in
// ten never answered by an agent; the first agent reply after 1..90 minutes; four in five resolved
// after 30 minutes to a day; a third of those rated, a ninth with a comment; 20 agents, 4 teams.
const char* const kSeedContacts =
    "WITH RECURSIVE n(i) AS (SELECT CAST(1 AS BIGINT) UNION ALL SELECT i + 1 FROM n WHERE i < CAST($3 AS BIGINT)) "
    "INSERT INTO contacts(workspace_id, name, first_seen_at, last_seen_at) "
    "SELECT CAST($1 AS BIGINT), 'Visitor ' || i, CAST($2 AS BIGINT), CAST($2 AS BIGINT) FROM n ORDER BY i";
const char* const kSeedConversations =
    "INSERT INTO conversations(workspace_id, contact_id, status, assignee_id, team_id, last_seq, created_at, "
    "updated_at, first_reply_at, resolved_at, waiting_since, csat_score, csat_comment) "
    "SELECT CAST($1 AS BIGINT), id, CASE WHEN i % 5 <> 0 THEN 'resolved' ELSE 'open' END, CAST($4 AS BIGINT) + i % 20, CAST($5 AS BIGINT) + i % 4, 10, t, t, "
    "CASE WHEN i % 10 <> 0 THEN t + (1 + (i * 31) % 90) * 60000 END, "
    "CASE WHEN i % 5 <> 0 THEN t + (30 + (i * 17) % 1410) * 60000 + 600000 END, "
    "CASE WHEN i % 5 = 0 THEN t END, "
    "CASE WHEN i % 5 <> 0 AND i % 3 = 0 THEN 1 + i % 5 END, "
    "CASE WHEN i % 5 <> 0 AND i % 9 = 0 THEN 'comment ' || i END "
    "FROM (SELECT id, id - $6 + 1 AS i, CAST($2 AS BIGINT) + ((id - $6 + 1) * 7919 % 525600) * 60000 AS t FROM contacts "
    "WHERE workspace_id = $1 AND id >= $6 AND id - $6 < CAST($3 AS BIGINT)) s ORDER BY id";
// Message j (1..10): 1 the visitor; 2 the bot (every fourth conversation) or the visitor; 3, 5, 7, 9
// the agent (the visitor when never answered), from the first reply on; the others the visitor.
const char* const kSeedMessages =
    "WITH RECURSIVE j(k) AS (SELECT CAST(1 AS BIGINT) UNION ALL SELECT k + 1 FROM j WHERE k < 10) "
    "INSERT INTO messages(workspace_id, conversation_id, seq, visitor_seq, sender_type, sender_id, body, created_at) "
    "SELECT CAST($1 AS BIGINT), c.id, j.k, j.k, "
    "CASE WHEN j.k = 2 AND c.id % 4 = 0 THEN 'bot' WHEN j.k IN (3, 5, 7, 9) AND c.first_reply_at IS NOT NULL "
    "THEN 'agent' ELSE 'visitor' END, "
    "CASE WHEN j.k IN (3, 5, 7, 9) AND c.first_reply_at IS NOT NULL THEN c.assignee_id END, 'message ' || j.k, "
    "CASE WHEN j.k = 1 THEN c.created_at WHEN j.k = 2 THEN c.created_at + 20000 "
    "ELSE COALESCE(c.first_reply_at, c.created_at + 60000) + (j.k - 3) * 60000 END "
    "FROM conversations c, j WHERE c.workspace_id = $1";
const char* const kSeedBot =
    "INSERT INTO bot_conversations(conversation_id, workspace_id, stage, state, created_at, updated_at) "
    "SELECT id, workspace_id, CASE WHEN first_reply_at IS NULL THEN 'choosing' ELSE 'handed_off' END, '{}', "
    "created_at, created_at FROM conversations WHERE workspace_id = $1 AND id % 4 = 0";

using Clock = std::chrono::steady_clock;

double timeMs(const std::function<void()>& f, int runs = 3) {
  double best = 1e18;
  for (int r = 0; r < runs; ++r) {
    const auto t0 = Clock::now();
    f();
    best = std::min(best, std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  return best;
}

// One backend's raw SQL, for the seed and the baselines ($n placeholders on both).
struct RawSql {
  std::function<void(const std::string&, std::vector<std::int64_t>)> exec;
  std::function<std::int64_t(const std::string&, std::int64_t)> scalar;  // one integer, $1 bound
};

RawSql sqliteRaw(const std::string& path) {
  auto db = std::make_shared<sqlite::Db>(path);
  auto fix = [](std::string s) {
    for (auto& ch : s) if (ch == '$') ch = '?';
    return s;
  };
  return {[db, fix](const std::string& sql, std::vector<std::int64_t> args) {
            auto q = db->query(fix(sql));
            for (std::size_t i = 0; i < args.size(); ++i) q.bindAt(static_cast<int>(i + 1), args[i]);
            q.run();
          },
          [db, fix](const std::string& sql, std::int64_t a) {
            auto q = db->query(fix(sql));
            q.bind(a);
            return q.step() ? q.i64(0) : 0;
          }};
}

RawSql postgresRaw(const std::string& url) {
  auto c = std::make_shared<pg::Connection>(url);
  return {[c](const std::string& sql, std::vector<std::int64_t> a) {
            std::vector<pg::Param> params;
            for (auto v : a) params.push_back(pg::toParam(v));
            c->execParams(sql, params);
          },
          [c](const std::string& sql, std::int64_t a) { return c->exec(sql, a).i64(0, 0); }};
}

}  // namespace

int main(int argc, char** argv) {
  std::int64_t messages = 1'000'000;
  std::string dir, pg_url;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    if (k == "--messages") messages = std::atoll(argv[i + 1]);
    else if (k == "--dir") dir = argv[i + 1];
    else if (k == "--postgres") pg_url = argv[i + 1];
  }
  const std::int64_t conversations = messages / kMessagesPerConversation;
  std::unique_ptr<Store> store;
  RawSql raw;
  std::string backend;
  if (pg_url.empty()) {
    if (dir.empty()) dir = std::filesystem::temp_directory_path() / "parley-report-bench";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::string path = dir + "/parley.db";
    store = std::make_unique<SqliteStore>(path);
    raw = sqliteRaw(path);
    backend = "sqlite";
  } else {
    store = std::make_unique<PostgresStore>(pg_url);
    raw = postgresRaw(pg_url);
    backend = "postgres";
  }

  NewWorkspace nw;
  nw.name = "Bench";
  const Workspace ws = store->createWorkspace(nw, kYearStart);
  Id first_agent = 0, first_team = 0;
  for (int a = 0; a < 20; ++a) {
    Agent ag;
    ag.workspace_id = ws.id;
    ag.email = "agent" + std::to_string(a) + "@bench.example";
    ag.name = "Agent " + std::to_string(a);
    ag.password_hash = "$argon2id$stub";
    ag.created_at = kYearStart;
    const Id id = store->createAgent(ag).id;
    if (a == 0) first_agent = id;
    if (id != first_agent + a) { std::fprintf(stderr, "agent ids are not consecutive\n"); return 1; }
  }
  for (int t = 0; t < 4; ++t) {
    const Id id = store->createTeam(ws.id, "Team " + std::to_string(t)).id;
    if (t == 0) first_team = id;
    if (id != first_team + t) { std::fprintf(stderr, "team ids are not consecutive\n"); return 1; }
  }

  const auto seed_t0 = Clock::now();
  raw.exec("BEGIN", {});
  raw.exec(kSeedContacts, {ws.id, kYearStart, conversations});
  const std::int64_t first_contact = raw.scalar("SELECT MIN(id) FROM contacts WHERE workspace_id = $1", ws.id);
  raw.exec(kSeedConversations, {ws.id, kYearStart, conversations, first_agent, first_team, first_contact});
  raw.exec(kSeedMessages, {ws.id});
  raw.exec(kSeedBot, {ws.id});
  raw.exec("COMMIT", {});
  raw.exec("ANALYZE", {});
  const double seed_s = std::chrono::duration<double>(Clock::now() - seed_t0).count();
  const std::int64_t stored = raw.scalar("SELECT COUNT(*) FROM messages WHERE workspace_id = $1", ws.id);
  std::printf("backend %s: seeded %lld messages in %lld conversations over 365 days in %.1f s\n", backend.c_str(),
              static_cast<long long>(stored), static_cast<long long>(conversations), seed_s);

  std::printf("%-44s %10s %10s %10s\n", "query (best of 3, ms)", "7 days", "30 days", "365 days");
  auto row = [&](const char* name, const std::function<void(Millis, Millis)>& f) {
    std::printf("%-44s", name);
    for (int days : {7, 30, 365}) {
      const Millis to = kYearStart + 365 * kDayMs, from = to - days * kDayMs;
      std::printf(" %10.2f", timeMs([&] { f(from, to); }));
    }
    std::printf("\n");
  };
  const Id w = ws.id;
  row("baseline: COUNT(*) messages of the workspace",
      [&](Millis, Millis) { raw.scalar("SELECT COUNT(*) FROM messages WHERE workspace_id = $1", w); });
  row("baseline: COUNT(*) conversations of the ws.",
      [&](Millis, Millis) { raw.scalar("SELECT COUNT(*) FROM conversations WHERE workspace_id = $1", w); });
  row("reportCounts", [&](Millis f, Millis t) { store->reportCounts(w, f, t); });
  row("firstResponseSamples", [&](Millis f, Millis t) { store->firstResponseSamples(w, f, t, kMaxReportSamples); });
  row("resolutionSamples", [&](Millis f, Millis t) { store->resolutionSamples(w, f, t, kMaxReportSamples); });
  row("agentReportRows", [&](Millis f, Millis t) { store->agentReportRows(w, f, t, kMaxReportGroups); });
  row("teamReportRows", [&](Millis f, Millis t) { store->teamReportRows(w, f, t, kMaxReportGroups); });
  row("conversationBuckets", [&](Millis f, Millis t) { store->conversationBuckets(w, f, t); });
  row("csatComments (first page)", [&](Millis f, Millis t) { store->csatComments(w, f, t, 20, 0); });
  row("liveCounts", [&](Millis, Millis) { store->liveCounts(w); });
  BusinessHours hours;
  hours.enabled = true;
  hours.timezone = "Europe/Berlin";
  for (int d = 0; d < 5; ++d) hours.days[static_cast<std::size_t>(d)] = std::pair{9 * 60, 17 * 60};
  row("overview numbers (period + previous)", [&](Millis f, Millis t) {
    periodNumbers(*store, w, f, t, nullptr);
    periodNumbers(*store, w, f - (t - f), f, nullptr);
  });
  row("overview numbers, business hours", [&](Millis f, Millis t) {
    periodNumbers(*store, w, f, t, &hours);
    periodNumbers(*store, w, f - (t - f), f, &hours);
  });
  row("agents table (with medians)",
      [&](Millis f, Millis t) { reportTable(*store, ReportGrouping::Agent, w, f, t, nullptr); });
  if (pg_url.empty()) std::filesystem::remove_all(dir);
  return 0;
}
