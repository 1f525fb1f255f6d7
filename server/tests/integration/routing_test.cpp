// Routing without a dispatcher on a real server (issue 13, item 4): a rule sends a new chat to a
// team and an online member gets it; the team's fallback when none of them is online; a chat
// handed back when its agent goes offline; capacity held when two chats arrive at once; the
// REST API's limits and errors. Short routing ticks (--routing-tick-ms, --offline-grace-ms).
#include <gtest/gtest.h>

#include <thread>

#include "test_server.h"

namespace bj = boost::json;
using namespace parley::test;

namespace {

class RoutingApi : public ::testing::Test {
 protected:
  RoutingApi() : server({"--routing-tick-ms", "50", "--offline-grace-ms", "200"}) {}

  void SetUp() override {
    admin = server.login();
    samId = addAgent("sam");
    kimId = addAgent("kim");
    leeId = addAgent("lee");
    auto t = server.post("/api/v1/teams", bj::object{{"name", "Billing"}, {"member_ids", bj::array{samId, kimId}}}, admin);
    ASSERT_EQ(t.status, 201) << t.body;
    teamId = t.json().at("team").at("id").as_int64();
    auto r = server.post("/api/v1/routing-rules",
                         bj::object{{"name", "Billing questions"},
                                    {"conditions", bj::array{bj::object{{"field", "field"}, {"key", "Topic"}, {"value", "Billing"}}}},
                                    {"team_id", teamId},
                                    {"priority", "high"},
                                    {"tags", bj::array{"billing"}}},
                         admin);
    ASSERT_EQ(r.status, 201) << r.body;
  }

  std::int64_t addAgent(const std::string& name, int capacity = 5) {
    auto r = server.post("/api/v1/agents",
                         bj::object{{"email", name + "@test.local"}, {"name", name}, {"password", name + "-password"},
                                    {"role", "agent"}, {"capacity", capacity}},
                         admin);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.json().at("agent").at("id").as_int64() : 0;
  }

  // The agent's socket: online while it is open.
  std::unique_ptr<WsClient> online(const std::string& name) {
    auto ws = std::make_unique<WsClient>(server.port());
    ws->hello(server.login(name + "@test.local", name + "-password"));
    return ws;
  }

  struct Visitor {
    std::unique_ptr<WsClient> ws;
    std::int64_t conversation = 0;
  };
  // A visitor answers the pre-chat form ("Topic") and writes; returns once the message is stored.
  Visitor chat(const std::string& topic) {
    auto [token, wsId] = server.newVisitor();
    auto p = server.patch("/api/v1/widget/visitor", bj::object{{"attributes", bj::object{{"Topic", topic}}}}, token);
    EXPECT_EQ(p.status, 200) << p.body;
    Visitor v{std::make_unique<WsClient>(server.port())};
    v.ws->hello(token);
    v.ws->send(bj::object{{"type", "message.send"}, {"client_id", "c1"}, {"body", "About my invoice"}});
    auto ack = v.ws->waitFor("message.ack");
    EXPECT_TRUE(ack);
    if (ack) v.conversation = ack->at("conversation_id").as_int64();
    return v;
  }

  bj::object conversation(std::int64_t id) {
    return server.get("/api/v1/conversations/" + std::to_string(id), admin).json().at("conversation").as_object();
  }

  // Polls until `pred` holds for the conversation (routing and assignment follow the ack).
  bj::object waitUntil(std::int64_t id, const std::function<bool(const bj::object&)>& pred, int ms = 3000) {
    bj::object c;
    for (int waited = 0; waited < ms; waited += 20) {
      c = conversation(id);
      if (pred(c)) return c;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return c;
  }

  static std::int64_t assignee(const bj::object& c) {
    return c.at("assignee_id").is_null() ? 0 : c.at("assignee_id").as_int64();
  }

  TestServer server;
  std::string admin;
  std::int64_t samId = 0, kimId = 0, leeId = 0, teamId = 0;
};

TEST_F(RoutingApi, ARuleRoutesANewChatToTheTeamAndAnOnlineMemberGetsIt) {
  auto lee = online("lee");
  auto kim = online("kim");
  auto v = chat("Billing");
  auto c = waitUntil(v.conversation, [](const bj::object& c) { return assignee(c) != 0; });
  EXPECT_EQ(c.at("team_id").as_int64(), teamId);
  EXPECT_EQ(str(c.at("priority")), "high");
  EXPECT_EQ(c.at("tags").as_array().size(), 1u);
  EXPECT_EQ(assignee(c), kimId) << "the team's online member, not lee";
  // Kim's screen saw it live.
  auto live = kim->waitFor([&](const bj::object& f) {
    return str(f.at("type")) == "conversation.updated" && f.at("conversation").at("id").as_int64() == v.conversation &&
           !f.at("conversation").at("assignee_id").is_null();
  });
  ASSERT_TRUE(live);
  EXPECT_EQ(live->at("conversation").at("team_id").as_int64(), teamId);

  auto other = chat("Shipping");
  auto o = waitUntil(other.conversation, [](const bj::object& c) { return assignee(c) != 0; });
  EXPECT_TRUE(o.at("team_id").is_null()) << "no rule matched";
}

// A chat an agent began (Start chat; a proactive rule or a campaign alike) waits unrouted and
// unassigned until the visitor answers; then the agent who began it gets it when online, and the
// routing rules apply as to a new chat.
TEST_F(RoutingApi, AVisitorsAnswerToAnAgentsStartChatIsRoutedAndGoesToThatAgent) {
  auto lee = online("lee");
  auto kim = online("kim");
  auto outreach = [&](const std::string& agent) {
    auto [token, wsId] = server.newVisitor();
    auto p = server.patch("/api/v1/widget/visitor", bj::object{{"attributes", bj::object{{"Topic", "Billing"}}}}, token);
    EXPECT_EQ(p.status, 200) << p.body;
    Visitor v{std::make_unique<WsClient>(server.port())};
    const auto contactId = v.ws->hello(token).at("visitor").at("id").as_int64();
    auto r = server.post("/api/v1/contacts/" + std::to_string(contactId) + "/messages",
                         bj::object{{"body", "Can I help with your invoice?"}},
                         server.login(agent + "@test.local", agent + "-password"));
    EXPECT_EQ(r.status, 201) << r.body;
    v.conversation = r.json().at("conversation").at("id").as_int64();
    EXPECT_TRUE(v.ws->waitFor("message.created"));
    return v;
  };
  auto v = outreach("lee");
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  auto before = conversation(v.conversation);
  EXPECT_EQ(assignee(before), 0) << "nobody needs to answer yet";
  EXPECT_TRUE(before.at("team_id").is_null());

  v.ws->send(bj::object{{"type", "message.send"}, {"conversation_id", v.conversation}, {"client_id", "a1"}, {"body", "Yes please"}});
  ASSERT_TRUE(v.ws->waitFor("message.ack"));
  auto c = waitUntil(v.conversation, [](const bj::object& c) { return assignee(c) != 0; });
  EXPECT_EQ(assignee(c), leeId) << "the visitor answers lee, who is online (though not of the team)";
  EXPECT_EQ(c.at("team_id").as_int64(), teamId) << "routed as a new chat would be";
  EXPECT_EQ(str(c.at("priority")), "high");

  // The starter offline: the routed team's online member gets it instead.
  lee.reset();
  waitUntil(v.conversation, [&](const bj::object&) {
    auto agents = server.get("/api/v1/agents", admin).json().at("agents").as_array();
    for (const auto& a : agents)
      if (a.at("id").as_int64() == leeId) return str(a.at("presence")) == "offline";
    return false;
  });
  auto w = outreach("lee");
  w.ws->send(bj::object{{"type", "message.send"}, {"conversation_id", w.conversation}, {"client_id", "a1"}, {"body", "Hi"}});
  ASSERT_TRUE(w.ws->waitFor("message.ack"));
  auto d = waitUntil(w.conversation, [](const bj::object& c) { return assignee(c) != 0; });
  EXPECT_EQ(assignee(d), kimId);

  // Later answers in an assigned chat change nothing.
  w.ws->send(bj::object{{"type", "message.send"}, {"conversation_id", w.conversation}, {"client_id", "a2"}, {"body", "Still there?"}});
  ASSERT_TRUE(w.ws->waitFor("message.ack"));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(assignee(conversation(w.conversation)), kimId);
}

TEST_F(RoutingApi, AChatThatCameWhileNobodyWasOnlineGoesToTheFirstAgentWhoComes) {
  auto v = chat("Shipping");
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(assignee(conversation(v.conversation)), 0) << "nobody online";
  auto lee = online("lee");
  auto c = waitUntil(v.conversation, [](const bj::object& c) { return assignee(c) != 0; });
  EXPECT_EQ(assignee(c), leeId);
}

TEST_F(RoutingApi, NobodyOfTheTeamOnlineFallsBackToTheWorkspaceUnlessTheTeamKeepsAQueue) {
  auto lee = online("lee");
  auto v = chat("Billing");
  auto c = waitUntil(v.conversation, [](const bj::object& c) { return assignee(c) != 0; });
  EXPECT_EQ(assignee(c), leeId) << "fallback: workspace (the default)";

  auto set = server.patch("/api/v1/team-routing", bj::object{{"team_id", teamId}, {"fallback", "queue"}}, admin);
  ASSERT_EQ(set.status, 200) << set.body;
  auto q = chat("Billing");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto queued = conversation(q.conversation);
  EXPECT_EQ(queued.at("team_id").as_int64(), teamId);
  EXPECT_EQ(assignee(queued), 0) << "waits in the team's queue";
}

TEST_F(RoutingApi, AChatGoesToTheNextAgentWhenItsAgentGoesOffline) {
  ASSERT_EQ(server.patch("/api/v1/team-routing", bj::object{{"team_id", teamId}, {"reassign_offline", true}}, admin).status, 200);
  auto sam = online("sam");
  auto v = chat("Billing");
  auto c = waitUntil(v.conversation, [](const bj::object& c) { return assignee(c) != 0; });
  ASSERT_EQ(assignee(c), samId);
  auto kim = online("kim");
  sam->close();
  sam.reset();
  auto moved = waitUntil(v.conversation, [&](const bj::object& c) { return assignee(c) == kimId; });
  EXPECT_EQ(assignee(moved), kimId) << "handed back after the grace and on to kim";
  EXPECT_NE(server.logText().find("handed back"), std::string::npos);
}

TEST_F(RoutingApi, CapacityHoldsUnderTwoSimultaneousNewChats) {
  auto solo = addAgent("solo", 1);
  ASSERT_EQ(server.patch("/api/v1/teams/" + std::to_string(teamId), bj::object{{"member_ids", bj::array{solo}}}, admin).status, 200);
  ASSERT_EQ(server.patch("/api/v1/team-routing", bj::object{{"team_id", teamId}, {"fallback", "queue"}}, admin).status, 200);
  auto s = online("solo");
  Visitor a, b;
  std::thread ta([&] { a = chat("Billing"); });
  std::thread tb([&] { b = chat("Billing"); });
  ta.join();
  tb.join();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const int assigned = (assignee(conversation(a.conversation)) == solo) + (assignee(conversation(b.conversation)) == solo);
  EXPECT_EQ(assigned, 1) << "capacity 1: one chat assigned, the other waits in the team's queue";
}

TEST_F(RoutingApi, RulesAreListedReorderedAndCheckedWithTheFieldNamed) {
  auto second = server.post("/api/v1/routing-rules",
                            bj::object{{"name", "Austria"}, {"conditions", bj::array{bj::object{{"field", "country"}, {"value", "AT"}}}},
                                       {"priority", "urgent"}},
                            admin);
  ASSERT_EQ(second.status, 201) << second.body;
  auto rules = server.get("/api/v1/routing-rules", admin).json().at("rules").as_array();
  ASSERT_EQ(rules.size(), 2u);
  const auto first = rules[0].at("id").as_int64(), other = rules[1].at("id").as_int64();
  auto put = httpRequest(server.port(), "PUT", "/api/v1/routing-rules/order",
                         bj::serialize(bj::object{{"ids", bj::array{other, first}}}), admin);
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.json().at("rules").as_array()[0].at("id").as_int64(), other);
  EXPECT_EQ(httpRequest(server.port(), "PUT", "/api/v1/routing-rules/order", R"({"ids":[1]})", admin).status, 400);

  auto field = [&](const bj::object& body) {
    auto r = server.post("/api/v1/routing-rules", body, admin);
    EXPECT_EQ(r.status, 400) << r.body;
    return r.status == 400 ? str(r.json().at("error").at("field")) : std::string();
  };
  EXPECT_EQ(field({{"name", ""}, {"priority", "high"}}), "name");
  EXPECT_EQ(field({{"name", "x"}}), "team_id") << "a rule needs an action";
  EXPECT_EQ(field({{"name", "x"}, {"priority", "whenever"}}), "priority");
  EXPECT_EQ(field({{"name", "x"}, {"team_id", 999999}}), "team_id");
  EXPECT_EQ(field({{"name", "x"}, {"priority", "low"}, {"conditions", bj::array{bj::object{{"field", "moon"}, {"value", "x"}}}}}),
            "conditions[0].field");
  EXPECT_EQ(field({{"name", "x"}, {"priority", "low"}, {"conditions", bj::array{bj::object{{"field", "country"}, {"value", "Austria"}}}}}),
            "conditions[0].value");
  EXPECT_EQ(field({{"name", "x"}, {"priority", "low"}, {"conditions", bj::array{bj::object{{"field", "field"}, {"value", "x"}}}}}),
            "conditions[0].key");
  bj::array eleven;
  for (int i = 0; i < 11; ++i) eleven.push_back(bj::object{{"field", "country"}, {"value", "AT"}});
  EXPECT_EQ(field({{"name", "x"}, {"priority", "low"}, {"conditions", eleven}}), "conditions");
  EXPECT_EQ(field({{"name", "x"}, {"tags", bj::array{"no/slashes"}}}), "tags");
  EXPECT_EQ(server.patch("/api/v1/team-routing", bj::object{{"team_id", teamId}, {"reassign_after_minutes", 99999}}, admin)
                .json().at("error").at("field").as_string(), "reassign_after_minutes");

  auto sam = server.login("sam@test.local", "sam-password");
  EXPECT_EQ(server.get("/api/v1/routing-rules", sam).status, 403) << "admins only";
  EXPECT_EQ(server.get("/api/v1/team-routing", sam).status, 200) << "agents read the reminder times";
  EXPECT_EQ(httpRequest(server.port(), "DELETE", "/api/v1/routing-rules/" + std::to_string(first), "", admin).status, 204);
  EXPECT_EQ(httpRequest(server.port(), "DELETE", "/api/v1/routing-rules/" + std::to_string(first), "", admin).status, 404);
}

TEST_F(RoutingApi, AtMostOneHundredRules) {
  for (int i = 1; i < 100; ++i)
    ASSERT_EQ(server.post("/api/v1/routing-rules", bj::object{{"name", "r" + std::to_string(i)}, {"priority", "low"}}, admin).status, 201);
  auto r = server.post("/api/v1/routing-rules", bj::object{{"name", "one too many"}, {"priority", "low"}}, admin);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(str(r.json().at("error").at("field")), "rules");
}

}  // namespace
