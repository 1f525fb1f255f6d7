// Workspaces, agents, sessions, teams, canned replies.
#include "store_fixture.h"

namespace parley::test {
namespace {

using AccountsTest = StoreTest;

TEST_F(AccountsTest, WorkspaceGetsPublicIdAndSecret) {
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
  auto given = store->createWorkspace(nw, 3000);
  EXPECT_EQ(store->workspaceByPublicId("ws_given")->hmac_secret, "s3cret");
  nw.hmac_secret.clear();
  EXPECT_THROW(store->createWorkspace(nw, 4000), StoreConflict);

  EXPECT_EQ(store->firstWorkspace()->id, ws.id);
  Workspace w = *store->workspaceById(ws.id);
  EXPECT_EQ(w.name, "Acme");
  EXPECT_EQ(w.created_at, 1000);
  w.name = "Acme Inc";
  w.settings_json = R"({"color":"#000"})";
  w.allowed_origins_json = R"(["https://acme.test"])";
  store->updateWorkspace(w);
  auto again = store->workspaceByPublicId(ws.public_id);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->name, "Acme Inc");
  EXPECT_EQ(again->settings_json, R"({"color":"#000"})");
  EXPECT_EQ(again->allowed_origins_json, R"(["https://acme.test"])");
  EXPECT_FALSE(store->workspaceByPublicId("ws_nope"));
  EXPECT_FALSE(store->workspaceById(given.id + 100));
}

TEST_F(AccountsTest, AgentLifecycleAndCaseInsensitiveEmail) {
  EXPECT_EQ(store->countAgents(), 0u);
  Agent a = agent("Alice@Example.COM");
  EXPECT_GT(a.id, 0);
  EXPECT_EQ(a.email, "alice@example.com");
  EXPECT_EQ(store->countAgents(), 1u);
  auto found = store->agentByEmail("ALICE@example.com");
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
  EXPECT_THROW(store->updateAgent(b), StoreConflict);
  b.email = "Robert@Example.com";
  b.role = AgentRole::Admin;
  b.presence = "online";
  b.avatar_url = "https://x/y.png";
  store->updateAgent(b);
  auto b2 = store->agentById(ws.id, b.id);
  ASSERT_TRUE(b2);
  EXPECT_EQ(b2->email, "robert@example.com");
  EXPECT_EQ(b2->role, AgentRole::Admin);
  EXPECT_EQ(b2->presence, "online");
  EXPECT_FALSE(store->agentById(other_ws.id, b.id)) << "scoped by workspace";

  auto list = store->listAgents(ws.id);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, a.id);
  EXPECT_TRUE(store->listAgents(other_ws.id).empty());
}

TEST_F(AccountsTest, SessionsExpireAndCanBeDeleted) {
  Agent a = agent("a@example.com");
  store->createAgentSession("hash1", a.id, 5000);
  EXPECT_EQ(store->agentBySession("hash1", 4999)->id, a.id);
  EXPECT_FALSE(store->agentBySession("hash1", 5000)) << "expired at expires_at";
  EXPECT_FALSE(store->agentBySession("other", 1000));
  EXPECT_THROW(store->createAgentSession("hash1", a.id, 9000), StoreConflict);

  store->createAgentSession("hash2", a.id, 9000);
  a.active = false;
  store->updateAgent(a);
  EXPECT_FALSE(store->agentBySession("hash2", 1000)) << "a deactivated agent's sessions stop working";
  a.active = true;
  store->updateAgent(a);
  EXPECT_TRUE(store->agentBySession("hash2", 1000));
  store->deleteAgentSession("hash2");
  EXPECT_FALSE(store->agentBySession("hash2", 1000));
}

TEST_F(AccountsTest, TeamsAndMembers) {
  Agent a = agent("a@example.com");
  Agent b = agent("b@example.com");
  auto other_ws = workspace("Other", 2000);
  Agent stranger = agent("c@example.com", other_ws.id);

  Team sales = store->createTeam(ws.id, "Sales");
  Team support = store->createTeam(ws.id, "Support");
  store->setTeamMembers(ws.id, sales.id, {b.id, a.id, a.id, stranger.id});
  auto teams = store->listTeams(ws.id);
  ASSERT_EQ(teams.size(), 2u);
  EXPECT_EQ(teams[0].name, "Sales");
  EXPECT_EQ(teams[0].member_ids, (std::vector<Id>{a.id, b.id})) << "no repeats, no foreign agents";
  EXPECT_TRUE(teams[1].member_ids.empty());

  auto renamed = store->updateTeam(ws.id, support.id, "Helpdesk", std::vector<Id>{b.id});
  ASSERT_TRUE(renamed);
  EXPECT_EQ(renamed->name, "Helpdesk");
  EXPECT_EQ(renamed->member_ids, std::vector<Id>{b.id});
  auto same = store->updateTeam(ws.id, sales.id, std::nullopt, std::nullopt);
  EXPECT_EQ(same->member_ids.size(), 2u);
  EXPECT_FALSE(store->updateTeam(other_ws.id, sales.id, "Stolen", std::nullopt));
  EXPECT_EQ(store->listTeams(ws.id)[0].name, "Sales");
  EXPECT_TRUE(store->listTeams(other_ws.id).empty());
}

TEST_F(AccountsTest, CannedReplies) {
  auto hi = store->createCannedReply(ws.id, "hi", "Hello! How can I help?");
  auto bye = store->createCannedReply(ws.id, "bye", "Have a nice day");
  EXPECT_THROW(store->createCannedReply(ws.id, "hi", "again"), StoreConflict);
  auto other_ws = workspace("Other", 2000);
  store->createCannedReply(other_ws.id, "hi", "separate namespace");

  auto list = store->listCannedReplies(ws.id);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].shortcut, "bye");
  EXPECT_EQ(list[1].body, "Hello! How can I help?");

  hi.body = "Hi there";
  EXPECT_EQ(store->updateCannedReply(hi)->body, "Hi there");
  CannedReply foreign = hi;
  foreign.workspace_id = other_ws.id;
  EXPECT_FALSE(store->updateCannedReply(foreign));
  hi.shortcut = "bye";
  EXPECT_THROW(store->updateCannedReply(hi), StoreConflict);

  EXPECT_FALSE(store->deleteCannedReply(other_ws.id, bye.id));
  EXPECT_TRUE(store->deleteCannedReply(ws.id, bye.id));
  EXPECT_FALSE(store->deleteCannedReply(ws.id, bye.id));
  EXPECT_EQ(store->listCannedReplies(ws.id).size(), 1u);
}

}  // namespace
}  // namespace parley::test
