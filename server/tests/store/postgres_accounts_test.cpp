// What only the PostgreSQL backend has to prove: text PostgreSQL cannot store is the caller's
// input, instances starting together migrate once, concurrent writers of one team take turns, and
// a server it cannot reach is the store's own failure. Needs PARLEY_TEST_PG (pg_test_database.h).
#include <gtest/gtest.h>

#include <barrier>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "pg_test_database.h"
#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_migrations.h"
#include "store/postgres/postgres_accounts.h"
#include "store/store_errors.h"
#include "store/store_errors.h"

namespace parley::test {
namespace {

class PostgresAccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    PARLEY_NEED_TEST_POSTGRES();
    db_ = std::make_unique<PgTestDatabase>(*testPostgresServer());
  }
  void TearDown() override { db_.reset(); }

  Workspace workspace(PostgresAccounts& store) {
    NewWorkspace w;
    w.name = "Acme";
    return store.createWorkspace(w, 1000);
  }

  Agent agentIn(const Workspace& ws, const std::string& email, const std::string& name) {
    Agent a;
    a.workspace_id = ws.id;
    a.email = email;
    a.name = name;
    a.password_hash = "$argon2id$stub";
    a.created_at = 1000;
    return a;
  }

  std::unique_ptr<PgTestDatabase> db_;
};

TEST_F(PostgresAccountsTest, TextPostgresCannotHoldIsTheCallersInput) {
  PostgresAccounts store(db_->url());
  auto ws = workspace(store);
  // libpq passes text as C strings: a NUL would silently cut the value, so it is refused.
  EXPECT_THROW(store.createAgent(agentIn(ws, "nul@example.com", std::string("Ann\0Evil", 8))), std::invalid_argument);
  EXPECT_THROW(store.createAgent(agentIn(ws, "utf8@example.com", "Ann \xff\xfe")), std::invalid_argument);
  EXPECT_THROW(store.createCannedReply(ws.id, "bad", "\xc3("), std::invalid_argument);
  EXPECT_EQ(store.countAgents(), 0u) << "nothing written";
  EXPECT_TRUE(store.listCannedReplies(ws.id).empty());
  auto fine = store.createAgent(agentIn(ws, "ok@example.com", "Zoë 🙂"));
  EXPECT_EQ(store.agentById(ws.id, fine.id)->name, "Zoë 🙂") << "UTF-8 round-trips";
}

TEST_F(PostgresAccountsTest, InstancesStartingTogetherMigrateOnce) {
  constexpr int kInstances = 4;
  std::barrier start_together(kInstances);
  std::vector<std::string> errors(kInstances);
  std::vector<std::thread> threads;
  for (int i = 0; i < kInstances; ++i) {
    threads.emplace_back([&, i] {
      start_together.arrive_and_wait();
      try {
        PostgresAccounts store(db_->url(), 1);
      } catch (const std::exception& e) {
        errors[i] = e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& e : errors) EXPECT_EQ(e, "");
  pg::Connection c(db_->url());
  auto versions = c.exec("SELECT version, count(*) FROM schema_migrations GROUP BY version ORDER BY version");
  ASSERT_EQ(versions.rows(), static_cast<int>(postgresMigrations().size()));
  for (int i = 0; i < versions.rows(); ++i) EXPECT_EQ(versions.i64(i, 1), 1) << "version " << versions.i64(i, 0);
  EXPECT_EQ(applyPostgresMigrations(c), postgresMigrations().back().first) << "nothing left to apply";
}

// Without the team's row lock, the second writer's DELETE misses the rows the first one just
// inserted and its INSERT collides with them.
TEST_F(PostgresAccountsTest, ConcurrentWritersOfOneTeamTakeTurns) {
  PostgresAccounts first(db_->url());
  PostgresAccounts second(db_->url());
  auto ws = workspace(first);
  std::vector<Id> agents;
  for (int i = 0; i < 4; ++i) agents.push_back(first.createAgent(agentIn(ws, "a" + std::to_string(i) + "@x.test", "A")).id);
  auto team = first.createTeam(ws.id, "Support");
  const std::vector<Id> left{agents[0], agents[1], agents[2]};
  const std::vector<Id> right{agents[1], agents[2], agents[3]};
  constexpr int kRounds = 30;
  std::barrier start_together(2);
  std::vector<std::string> errors;
  std::mutex errors_mu;
  auto write = [&](PostgresAccounts& store, const std::vector<Id>& members, bool use_update) {
    for (int i = 0; i < kRounds; ++i) {
      start_together.arrive_and_wait();
      try {
        if (use_update) store.updateTeam(ws.id, team.id, std::nullopt, members);
        else store.setTeamMembers(ws.id, team.id, members);
      } catch (const std::exception& e) {
        std::lock_guard lock(errors_mu);
        errors.push_back(e.what());
      }
    }
  };
  std::thread a([&] { write(first, left, false); });
  std::thread b([&] { write(second, right, true); });
  a.join();
  b.join();
  EXPECT_TRUE(errors.empty()) << errors.front();
  auto teams = first.listTeams(ws.id);
  ASSERT_EQ(teams.size(), 1u);
  EXPECT_TRUE(teams[0].member_ids == left || teams[0].member_ids == right) << "one writer's list, whole";
}

TEST_F(PostgresAccountsTest, AServerItCannotReachIsTheStoresOwnFailure) {
  // Port 1 on loopback: nothing listens, so the connection is refused at once.
  // StoreUnavailable: REST answers 503 `unavailable` with Retry-After (the chaos tests stop PostgreSQL
  // under a running cluster, tests/chaos).
  EXPECT_THROW(PostgresAccounts("postgresql://postgres@127.0.0.1:1/parley?connect_timeout=2"), StoreUnavailable);
}

}  // namespace
}  // namespace parley::test
