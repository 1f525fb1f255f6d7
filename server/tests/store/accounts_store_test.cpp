// Workspaces, agents, sessions, teams, canned replies, installation secrets: the same tests on
// every backend (accounts_backends.h). The PostgreSQL instances need PARLEY_TEST_PG (a server
// URL; each test gets a database of its own) and are skipped without it, or fail with
// PARLEY_REQUIRE_PG=1 as scripts/test sets.
#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <thread>

#include "accounts_backends.h"
#include "pg_test_database.h"
#include "store/store_errors.h"

namespace parley::test {
namespace {

class AccountsTest : public ::testing::TestWithParam<AccountsBackend> {
 protected:
  void SetUp() override {
    if (GetParam().needs_postgres) PARLEY_NEED_TEST_POSTGRES();
    database_ = GetParam().make_database();
    s = database_->open();
    ws = workspace("Acme", 1000);
  }

  void TearDown() override {
    s = {};  // the instance goes before its database
    database_.reset();
  }

  // Another instance on the same database: another process or node, or this one restarted.
  AccountsStores another() { return database_->open(); }

  Workspace workspace(const std::string& name, Millis at = 2000) {
    NewWorkspace w;
    w.name = name;
    return s.workspaces->createWorkspace(w, at);
  }

  Agent agent(const std::string& email, Id workspace_id = 0) {
    Agent a;
    a.workspace_id = workspace_id ? workspace_id : ws.id;
    a.email = email;
    a.name = "Agent " + email;
    a.password_hash = "$argon2id$stub";
    a.created_at = 1000;
    return s.agents->createAgent(a);
  }

  std::unique_ptr<AccountsDatabase> database_;
  AccountsStores s;
  Workspace ws;
};

TEST_P(AccountsTest, WorkspaceGetsPublicIdAndSecret) {
  EXPECT_EQ(ws.public_id.rfind("ws_", 0), 0u);
  EXPECT_EQ(ws.public_id.size(), 3u + 16u);
  EXPECT_EQ(ws.hmac_secret.size(), 64u);
  EXPECT_EQ(ws.hmac_secret.find_first_not_of("0123456789abcdef"), std::string::npos);
  auto other = workspace("Other", 2000);
  EXPECT_NE(other.public_id, ws.public_id);
  EXPECT_NE(other.hmac_secret, ws.hmac_secret);

  NewWorkspace nw;
  nw.name = "Given";
  nw.public_id = "ws_given";
  nw.hmac_secret = "s3cret";
  auto given = s.workspaces->createWorkspace(nw, 3000);
  EXPECT_EQ(s.workspaces->workspaceByPublicId("ws_given")->hmac_secret, "s3cret");
  nw.hmac_secret.clear();
  EXPECT_THROW(s.workspaces->createWorkspace(nw, 4000), StoreConflict);

  EXPECT_EQ(s.workspaces->firstWorkspace()->id, ws.id);
  Workspace w = *s.workspaces->workspaceById(ws.id);
  EXPECT_EQ(w.name, "Acme");
  EXPECT_EQ(w.created_at, 1000);
  w.name = "Acme Inc";
  w.settings_json = R"({"color":"#000"})";
  w.allowed_origins_json = R"(["https://acme.test"])";
  s.workspaces->updateWorkspace(w);
  auto again = s.workspaces->workspaceByPublicId(ws.public_id);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->name, "Acme Inc");
  EXPECT_EQ(again->settings_json, R"({"color":"#000"})");
  EXPECT_EQ(again->allowed_origins_json, R"(["https://acme.test"])");
  EXPECT_FALSE(s.workspaces->workspaceByPublicId("ws_nope"));
  EXPECT_FALSE(s.workspaces->workspaceById(given.id + 100));
}

TEST_P(AccountsTest, AgentLifecycleAndCaseInsensitiveEmail) {
  EXPECT_EQ(s.agents->countAgents(), 0u);
  Agent a = agent("Alice@Example.COM");
  EXPECT_GT(a.id, 0);
  EXPECT_EQ(a.email, "alice@example.com");
  EXPECT_EQ(s.agents->countAgents(), 1u);
  auto found = s.agents->agentByEmail("ALICE@example.com");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, a.id);
  EXPECT_EQ(found->role, AgentRole::Agent);
  EXPECT_EQ(found->capacity, 5);
  EXPECT_TRUE(found->active);

  EXPECT_THROW(agent("alice@EXAMPLE.com"), StoreConflict);
  auto other_ws = workspace("Other", 2000);
  EXPECT_THROW(agent("alice@example.com", other_ws.id), StoreConflict) << "emails are unique store-wide";

  Agent b = agent("bob@example.com");
  b.email = "ALICE@example.com";
  EXPECT_THROW(s.agents->updateAgent(b), StoreConflict);
  b.email = "Robert@Example.com";
  b.role = AgentRole::Admin;
  b.presence = AgentPresence::Online;
  b.avatar_url = "https://x/y.png";
  s.agents->updateAgent(b);
  auto b2 = s.agents->agentById(ws.id, b.id);
  ASSERT_TRUE(b2);
  EXPECT_EQ(b2->email, "robert@example.com");
  EXPECT_EQ(b2->role, AgentRole::Admin);
  EXPECT_EQ(b2->presence, AgentPresence::Online);
  EXPECT_FALSE(s.agents->agentById(other_ws.id, b.id)) << "scoped by workspace";

  auto list = s.agents->listAgents(ws.id);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, a.id);
  EXPECT_TRUE(s.agents->listAgents(other_ws.id).empty());
}

TEST_P(AccountsTest, SessionsExpireAndCanBeDeleted) {
  Agent a = agent("a@example.com");
  s.sessions->createAgentSession("hash1", a.id, 5000);
  EXPECT_EQ(s.sessions->agentBySession("hash1", 4999)->id, a.id);
  EXPECT_FALSE(s.sessions->agentBySession("hash1", 5000)) << "expired at expires_at";
  EXPECT_FALSE(s.sessions->agentBySession("other", 1000));
  EXPECT_THROW(s.sessions->createAgentSession("hash1", a.id, 9000), StoreConflict);

  s.sessions->createAgentSession("hash2", a.id, 9000);
  a.active = false;
  s.agents->updateAgent(a);
  EXPECT_FALSE(s.sessions->agentBySession("hash2", 1000)) << "a deactivated agent's sessions stop working";
  a.active = true;
  s.agents->updateAgent(a);
  EXPECT_TRUE(s.sessions->agentBySession("hash2", 1000));
  s.sessions->deleteAgentSession("hash2");
  EXPECT_FALSE(s.sessions->agentBySession("hash2", 1000));
}

TEST_P(AccountsTest, TeamsAndMembers) {
  Agent a = agent("a@example.com");
  Agent b = agent("b@example.com");
  auto other_ws = workspace("Other", 2000);
  Agent stranger = agent("c@example.com", other_ws.id);

  Team sales = s.teams->createTeam(ws.id, "Sales");
  Team support = s.teams->createTeam(ws.id, "Support");
  s.teams->setTeamMembers(ws.id, sales.id, {b.id, a.id, a.id, stranger.id});
  auto teams = s.teams->listTeams(ws.id);
  ASSERT_EQ(teams.size(), 2u);
  EXPECT_EQ(teams[0].name, "Sales");
  EXPECT_EQ(teams[0].member_ids, (std::vector<Id>{a.id, b.id})) << "no repeats, no foreign agents";
  EXPECT_TRUE(teams[1].member_ids.empty());

  auto renamed = s.teams->updateTeam(ws.id, support.id, "Helpdesk", std::vector<Id>{b.id});
  ASSERT_TRUE(renamed);
  EXPECT_EQ(renamed->name, "Helpdesk");
  EXPECT_EQ(renamed->member_ids, std::vector<Id>{b.id});
  auto same = s.teams->updateTeam(ws.id, sales.id, std::nullopt, std::nullopt);
  EXPECT_EQ(same->member_ids.size(), 2u);
  EXPECT_FALSE(s.teams->updateTeam(other_ws.id, sales.id, "Stolen", std::nullopt));
  EXPECT_EQ(s.teams->listTeams(ws.id)[0].name, "Sales");
  EXPECT_TRUE(s.teams->listTeams(other_ws.id).empty());
}

TEST_P(AccountsTest, CannedReplies) {
  auto hi = s.canned->createCannedReply(ws.id, "hi", "Hello! How can I help?");
  auto bye = s.canned->createCannedReply(ws.id, "bye", "Have a nice day");
  EXPECT_THROW(s.canned->createCannedReply(ws.id, "hi", "again"), StoreConflict);
  auto other_ws = workspace("Other", 2000);
  s.canned->createCannedReply(other_ws.id, "hi", "separate namespace");

  auto list = s.canned->listCannedReplies(ws.id);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].shortcut, "bye");
  EXPECT_EQ(list[1].body, "Hello! How can I help?");

  hi.body = "Hi there";
  EXPECT_EQ(s.canned->updateCannedReply(hi)->body, "Hi there");
  CannedReply foreign = hi;
  foreign.workspace_id = other_ws.id;
  EXPECT_FALSE(s.canned->updateCannedReply(foreign));
  hi.shortcut = "bye";
  EXPECT_THROW(s.canned->updateCannedReply(hi), StoreConflict);

  EXPECT_FALSE(s.canned->deleteCannedReply(other_ws.id, bye.id));
  EXPECT_TRUE(s.canned->deleteCannedReply(ws.id, bye.id));
  EXPECT_FALSE(s.canned->deleteCannedReply(ws.id, bye.id));
  EXPECT_EQ(s.canned->listCannedReplies(ws.id).size(), 1u);
}


TEST_P(AccountsTest, AgentPreferencesPasswordHashAndSessions) {
  auto a = agent("pref@example.com");
  auto other_ws = workspace("Other", 2000);
  EXPECT_EQ(s.agents->agentPreferences(ws.id, a.id), "{}");
  EXPECT_TRUE(s.agents->setAgentPreferences(ws.id, a.id, R"({"notifications":{"sound":false}})"));
  EXPECT_EQ(s.agents->agentPreferences(ws.id, a.id), R"({"notifications":{"sound":false}})");
  EXPECT_FALSE(s.agents->setAgentPreferences(other_ws.id, a.id, "{}"));
  EXPECT_EQ(s.agents->agentPreferences(other_ws.id, a.id), "{}");
  // A PATCH of the agent (updateAgent) leaves the preferences alone.
  a.name = "Renamed";
  s.agents->updateAgent(a);
  EXPECT_EQ(s.agents->agentPreferences(ws.id, a.id), R"({"notifications":{"sound":false}})");

  EXPECT_TRUE(s.agents->setAgentPasswordHash(ws.id, a.id, "$argon2id$new"));
  EXPECT_EQ(s.agents->agentById(ws.id, a.id)->password_hash, "$argon2id$new");
  EXPECT_FALSE(s.agents->setAgentPasswordHash(other_ws.id, a.id, "$argon2id$evil"));
  EXPECT_EQ(s.agents->agentById(ws.id, a.id)->password_hash, "$argon2id$new");

  s.sessions->createAgentSession("s1", a.id, 5000);
  s.sessions->createAgentSession("s2", a.id, 9000);
  auto hashes = s.sessions->agentSessionHashes(a.id, 6000);
  EXPECT_EQ(hashes, (std::vector<std::string>{"s2"})) << "expired sessions are not listed";
}

TEST_P(AccountsTest, EndingAnAgentsSessionsEndsThemAll) {
  auto a = agent("ann@example.com");
  auto b = agent("bob@example.com");
  s.sessions->createAgentSession("h1", a.id, 1'000'000);
  s.sessions->createAgentSession("h2", a.id, 1'000'000);
  s.sessions->createAgentSession("h3", b.id, 1'000'000);
  EXPECT_EQ(s.sessions->deleteAgentSessions(a.id), 2u);
  EXPECT_FALSE(s.sessions->agentBySession("h1", 10));
  EXPECT_FALSE(s.sessions->agentBySession("h2", 10));
  EXPECT_TRUE(s.sessions->agentBySession("h3", 10)) << "other agents keep theirs";
  EXPECT_EQ(s.sessions->deleteAgentSessions(a.id), 0u);
}

TEST_P(AccountsTest, AnInstallationSecretIsMadeOnceAndKept) {
  auto secret = s.installation->installationSecret("device");
  EXPECT_EQ(secret.size(), 64u);
  EXPECT_EQ(s.installation->installationSecret("device"), secret);
  EXPECT_NE(s.installation->installationSecret("other"), secret);
  s = {};
  s = another();
  EXPECT_EQ(s.installation->installationSecret("device"), secret) << "kept across restarts";
}

// Two instances on one database (two processes, or two nodes) race to create agents with the same
// emails: for each email exactly one wins and the other hears StoreConflict, never a second row.
TEST_P(AccountsTest, TwoInstancesRacingForOneEmailMakeOneAgent) {
  AccountsStores second = another();
  constexpr int kEmails = 25;
  std::barrier start_together(2);
  std::atomic<int> wins[2] = {0, 0};
  std::atomic<int> conflicts[2] = {0, 0};
  std::vector<std::string> other_errors[2];
  auto race = [&](int who, AgentStore& agents) {
    for (int i = 0; i < kEmails; ++i) {
      Agent a;
      a.workspace_id = ws.id;
      // Different case on each side: the emails are equal once folded.
      a.email = (who == 0 ? "Race" : "race") + std::to_string(i) + "@Example.com";
      a.name = "Racer " + std::to_string(who);
      a.password_hash = "$argon2id$stub";
      a.created_at = 1000;
      start_together.arrive_and_wait();
      try {
        agents.createAgent(a);
        ++wins[who];
      } catch (const StoreConflict& e) {
        ++conflicts[who];
        EXPECT_EQ(e.field, "email");
      } catch (const std::exception& e) {
        other_errors[who].push_back(e.what());
      }
    }
  };
  std::thread first([&] { race(0, *s.agents); });
  std::thread other([&] { race(1, *second.agents); });
  first.join();
  other.join();
  EXPECT_TRUE(other_errors[0].empty()) << other_errors[0].front();
  EXPECT_TRUE(other_errors[1].empty()) << other_errors[1].front();
  EXPECT_EQ(wins[0] + wins[1], kEmails) << "one winner per email";
  EXPECT_EQ(conflicts[0] + conflicts[1], kEmails) << "one conflict per email";
  EXPECT_EQ(s.agents->countAgents(), static_cast<std::size_t>(kEmails));
  for (int i = 0; i < kEmails; ++i) {
    auto found = second.agents->agentByEmail("RACE" + std::to_string(i) + "@example.com");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->email, "race" + std::to_string(i) + "@example.com");
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountsTest, ::testing::Values(sqliteAccounts(), postgresAccounts()),
                         [](const ::testing::TestParamInfo<AccountsBackend>& info) { return info.param.name; });

}  // namespace
}  // namespace parley::test
