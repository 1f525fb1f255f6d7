// The agents' REST tools: roles, search, canned replies, teams, tags, filters, assignment.
#include <gtest/gtest.h>

#include <set>

#include "test_server.h"

namespace bj = boost::json;
using namespace parley::test;

namespace {

class InboxApi : public ::testing::Test {
 protected:
  void SetUp() override {
    admin = server.login();
    auto r = server.post("/api/v1/agents",
                         bj::object{{"email", "sam@test.local"}, {"name", "Sam Agent"}, {"password", "sam-password"}, {"role", "agent"}},
                         admin);
    ASSERT_EQ(r.status, 201) << r.body;
    samId = r.json().at("agent").at("id").as_int64();
    sam = server.login("sam@test.local", "sam-password");
  }

  std::int64_t visitorConversation(const std::string& body) {
    auto [token, ws] = server.newVisitor();
    WsClient v(server.port());
    v.hello(token);
    v.send(bj::object{{"type", "message.send"}, {"client_id", "x"}, {"body", body}});
    return v.waitFor("message.ack")->at("conversation_id").as_int64();
  }

  TestServer server;
  std::string admin, sam;
  std::int64_t samId = 0;
};

}  // namespace

TEST_F(InboxApi, AgentsCannotUseAdminEndpoints) {
  EXPECT_EQ(server.post("/api/v1/agents", bj::object{{"email", "x@y.z"}, {"name", "X"}, {"password", "12345678"}}, sam).status, 403);
  EXPECT_EQ(server.patch("/api/v1/workspace", bj::object{{"name", "Mine now"}}, sam).status, 403);
  EXPECT_EQ(server.post("/api/v1/canned_replies", bj::object{{"shortcut", "hi"}, {"body", "Hello"}}, sam).status, 403);
  EXPECT_EQ(server.post("/api/v1/teams", bj::object{{"name", "Sales"}}, sam).status, 403);
  EXPECT_EQ(server.patch("/api/v1/agents/" + std::to_string(samId), bj::object{{"role", "admin"}}, sam).status, 403);
  EXPECT_EQ(server.patch("/api/v1/agents/" + std::to_string(samId), bj::object{{"name", "Samuel"}}, sam).status, 200);
  auto ws = server.get("/api/v1/workspace", sam).json().at("workspace");
  EXPECT_FALSE(ws.as_object().contains("hmac_secret")) << "the identity secret is for admins only";
  auto dup = server.post("/api/v1/agents", bj::object{{"email", "SAM@test.local"}, {"name", "Dup"}, {"password", "12345678"}}, admin);
  EXPECT_EQ(dup.status, 409);
}

TEST_F(InboxApi, DeactivatedAgentsLoseAccessAtOnce) {
  ASSERT_EQ(server.patch("/api/v1/agents/" + std::to_string(samId), bj::object{{"active", false}}, admin).status, 200);
  EXPECT_EQ(server.get("/api/v1/me", sam).status, 401);
  EXPECT_EQ(server.post("/api/v1/auth/login", bj::object{{"email", "sam@test.local"}, {"password", "sam-password"}}).status, 401);
}

TEST_F(InboxApi, SearchFindsMessagesAndContacts) {
  auto conv = visitorConversation("My parcel with tracking ZX9876 never arrived");
  visitorConversation("Unrelated question about colours");
  auto r = server.get("/api/v1/search?q=parcel", sam);
  ASSERT_EQ(r.status, 200) << r.body;
  auto hits = r.json().at("messages").as_array();
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].at("conversation_id").as_int64(), conv);
  EXPECT_NE(str(hits[0].at("snippet")).find("parcel"), std::string::npos);
  EXPECT_EQ(server.get("/api/v1/search?q=%22foo*%20AND%20(", sam).status, 200) << "FTS syntax in user text is plain words";
  EXPECT_EQ(server.get("/api/v1/search", sam).status, 400);
}

TEST_F(InboxApi, CannedRepliesTeamsAndTags) {
  auto c = server.post("/api/v1/canned_replies", bj::object{{"shortcut", "refund"}, {"body", "Refunds take 5 days."}}, admin);
  ASSERT_EQ(c.status, 201) << c.body;
  auto id = c.json().at("canned_reply").at("id").as_int64();
  EXPECT_EQ(server.post("/api/v1/canned_replies", bj::object{{"shortcut", "refund"}, {"body", "again"}}, admin).status, 409);
  EXPECT_EQ(server.get("/api/v1/canned_replies", sam).json().at("canned_replies").as_array().size(), 1u);
  EXPECT_EQ(server.patch("/api/v1/canned_replies/" + std::to_string(id), bj::object{{"body", "Refunds take 3 days."}}, admin).status, 200);
  EXPECT_EQ(httpRequest(server.port(), "DELETE", "/api/v1/canned_replies/" + std::to_string(id), "", admin).status, 204);

  auto t = server.post("/api/v1/teams", bj::object{{"name", "Billing"}, {"member_ids", bj::array{samId}}}, admin);
  ASSERT_EQ(t.status, 201) << t.body;
  auto teamId = t.json().at("team").at("id").as_int64();

  auto conv = visitorConversation("invoice wrong");
  auto path = "/api/v1/conversations/" + std::to_string(conv);
  auto p = server.patch(path, bj::object{{"team_id", teamId}, {"tags", bj::array{"Billing", "vip"}}, {"priority", "urgent"}, {"assignee_id", samId}}, admin);
  ASSERT_EQ(p.status, 200) << p.body;
  EXPECT_EQ(str(p.json().at("conversation").at("tags").at(0)), "billing") << "tags are normalised";

  auto byTeam = server.get("/api/v1/conversations?team=" + std::to_string(teamId), sam).json().at("conversations").as_array();
  ASSERT_EQ(byTeam.size(), 1u);
  auto mine = server.get("/api/v1/conversations?assignee=me", sam).json().at("conversations").as_array();
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(server.get("/api/v1/conversations?assignee=me", admin).json().at("conversations").as_array().size(), 0u);
  EXPECT_EQ(server.get("/api/v1/conversations?tag=vip", sam).json().at("conversations").as_array().size(), 1u);
  // The filter is normalised as the tags are: case and surrounding spaces do not matter.
  EXPECT_EQ(server.get("/api/v1/conversations?tag=%20VIP%20", sam).json().at("conversations").as_array().size(), 1u);
  EXPECT_EQ(server.get("/api/v1/conversations?tag=%3Cb%3E", sam).status, 400);
  EXPECT_EQ(server.get("/api/v1/conversations?priority=urgent", sam).json().at("conversations").as_array().size(), 1u);
  auto tags = server.get("/api/v1/tags", sam).json().at("tags").as_array();
  EXPECT_EQ(tags.size(), 2u);
}

TEST_F(InboxApi, PaginationVisitsEveryConversationOnce) {
  for (int i = 0; i < 7; ++i) visitorConversation("hello " + std::to_string(i));
  std::set<std::int64_t> seen;
  std::string cursor;
  int pages = 0;
  do {
    auto r = server.get("/api/v1/conversations?limit=3" + (cursor.empty() ? "" : "&cursor=" + cursor), sam);
    ASSERT_EQ(r.status, 200) << r.body;
    auto j = r.json();
    for (const auto& c : j.at("conversations").as_array()) EXPECT_TRUE(seen.insert(c.at("id").as_int64()).second);
    cursor = j.at("next_cursor").is_null() ? "" : str(j.at("next_cursor"));
    ++pages;
  } while (!cursor.empty() && pages < 10);
  EXPECT_EQ(seen.size(), 7u);
  EXPECT_EQ(server.get("/api/v1/conversations?cursor=garbage!!", sam).status, 400);
}

TEST_F(InboxApi, NewChatsGoRoundRobinToOnlineAgentsWithRoom) {
  WsClient adminWs(server.port());
  adminWs.hello(admin);
  WsClient samWs(server.port());
  samWs.hello(sam);
  std::map<std::int64_t, int> counts;
  for (int i = 0; i < 4; ++i) {
    auto conv = visitorConversation("need help " + std::to_string(i));
    auto updated = adminWs.waitFor([&](const bj::object& f) {
      return str(f.at("type")) == "conversation.updated" && f.at("conversation").at("id").as_int64() == conv;
    });
    ASSERT_TRUE(updated) << "conversation " << conv << " was not assigned";
    counts[updated->at("conversation").at("assignee_id").as_int64()]++;
  }
  ASSERT_EQ(counts.size(), 2u) << "both online agents get chats";
  for (auto& [agent, n] : counts) EXPECT_EQ(n, 2);
}

TEST_F(InboxApi, ProactiveMessageOpensAChatInTheVisitorsWidget) {
  auto [token, ws] = server.newVisitor();
  WsClient visitor(server.port());
  auto welcome = visitor.hello(token);
  auto contactId = welcome.at("visitor").at("id").as_int64();
  auto online = server.get("/api/v1/visitors/online", sam).json().at("visitors").as_array();
  ASSERT_EQ(online.size(), 1u);
  EXPECT_EQ(online[0].at("id").as_int64(), contactId);
  auto r = server.post("/api/v1/contacts/" + std::to_string(contactId) + "/messages", bj::object{{"body", "Can I help you find a size?"}}, sam);
  ASSERT_EQ(r.status, 201) << r.body;
  auto m = visitor.waitFor("message.created");
  ASSERT_TRUE(m);
  EXPECT_EQ(str(m->at("message").at("body")), "Can I help you find a size?");
  EXPECT_EQ(str(m->at("message").at("sender").at("name")), "Sam Agent");
}

TEST(Cli, AgentPasswordResetsALostLogin) {
  TestServer server;
  server.stop();
  EXPECT_EQ(server.runCli({"agent", "password", "--data", server.dataDir(), "--email", "admin@test.local", "--password",
                           "a-new-password"}),
            0);
  EXPECT_NE(server.runCli({"agent", "password", "--data", server.dataDir(), "--email", "nobody@test.local", "--password",
                           "whatever-123"}),
            0);
  server.start();
  EXPECT_EQ(server.post("/api/v1/auth/login", bj::object{{"email", "admin@test.local"}, {"password", "admin-password"}}).status, 401);
  EXPECT_EQ(server.post("/api/v1/auth/login", bj::object{{"email", "admin@test.local"}, {"password", "a-new-password"}}).status, 200);
}
