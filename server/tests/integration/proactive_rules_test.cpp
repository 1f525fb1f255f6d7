// Proactive rules on a real server: the admin API and its limits, the widget's session carrying the rules a
// visitor may get, the server's re-check when the widget asks for a message (twice, and at once from two
// tabs: one message), the workspace-wide cap, and the shown/opened/replied counts.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "test_server.h"

namespace bj = boost::json;
using namespace parley::test;

namespace {

class ProactiveRules : public ::testing::Test {
 protected:
  void SetUp() override { admin = server.login(); }

  bj::object createRule(const bj::object& rule) {
    auto r = server.post("/api/v1/proactive-rules", rule, admin);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().at("rule").as_object();
  }
  bj::object ruleNamed(const std::string& name, int priority = 0, bj::array conditions = {}) {
    return createRule(bj::object{{"name", name}, {"body", "Need a hand with " + name + "?"}, {"priority", priority},
                                 {"conditions", std::move(conditions)}});
  }
  HttpResult show(std::int64_t ruleId, const std::string& visitor) {
    return server.post("/api/v1/widget/proactive-rules/" + std::to_string(ruleId) + "/show", bj::object{}, visitor);
  }
  bj::object stats(std::int64_t ruleId) {
    auto r = server.get("/api/v1/proactive-rules/" + std::to_string(ruleId), admin);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().at("rule").at("stats").as_object();
  }
  static std::string code(const HttpResult& r) { return str(r.json().at("error").at("code")); }

  TestServer server;
  std::string admin;
};

}  // namespace

TEST_F(ProactiveRules, AdminApiChecksItsInputAndLimits) {
  auto bad = [&](const bj::object& body, const std::string& field) {
    auto r = server.post("/api/v1/proactive-rules", body, admin);
    EXPECT_EQ(r.status, 400) << r.body;
    if (r.status == 400) EXPECT_EQ(str(r.json().at("error").at("field")), field) << r.body;
  };
  bad(bj::object{{"body", "hi"}}, "name");
  bad(bj::object{{"name", "x"}}, "body");
  bad(bj::object{{"name", std::string(101, 'n')}, {"body", "hi"}}, "name");
  bad(bj::object{{"name", "x"}, {"body", std::string(2001, 'b')}}, "body");
  bad(bj::object{{"name", "x"}, {"body", "hi"}, {"priority", -1}}, "priority");
  bad(bj::object{{"name", "x"}, {"body", "hi"}, {"sender_agent_id", 999}}, "sender_agent_id");
  bad(bj::object{{"name", "x"}, {"body", "hi"}, {"conditions", bj::array{bj::object{{"type", "time_on_page"}, {"seconds", 99999}}}}},
      "conditions[0].seconds");
  EXPECT_EQ(server.post("/api/v1/proactive-rules", bj::object{{"name", "x"}, {"body", "hi"}}).status, 401);

  auto me = server.get("/api/v1/me", admin).json();
  auto agentId = me.at("agent").at("id").as_int64();
  auto rule = createRule(bj::object{{"name", "Pricing help"}, {"body", "Questions about plans?"}, {"sender_agent_id", agentId},
                                    {"conditions", bj::array{bj::object{{"type", "page_url"}, {"values", bj::array{"/pricing*"}}}}}});
  EXPECT_EQ(rule.at("sender_agent_id").as_int64(), agentId);
  EXPECT_TRUE(rule.at("enabled").as_bool());
  auto id = std::to_string(rule.at("id").as_int64());
  auto patched = server.patch("/api/v1/proactive-rules/" + id, bj::object{{"enabled", false}, {"sender_agent_id", nullptr}}, admin);
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_FALSE(patched.json().at("rule").at("enabled").as_bool());
  EXPECT_TRUE(patched.json().at("rule").at("sender_agent_id").is_null());
  EXPECT_EQ(str(patched.json().at("rule").at("name")), "Pricing help");

  for (int i = 1; i < 50; ++i) ruleNamed("r" + std::to_string(i));
  auto over = server.post("/api/v1/proactive-rules", bj::object{{"name", "one too many"}, {"body", "hi"}}, admin);
  EXPECT_EQ(over.status, 409) << over.body;
  EXPECT_EQ(server.get("/api/v1/proactive-rules", admin).json().at("rules").as_array().size(), 50u);
  EXPECT_EQ(httpRequest(server.port(), "DELETE", "/api/v1/proactive-rules/" + id, {}, admin).status, 204);
  EXPECT_EQ(server.get("/api/v1/proactive-rules/" + id, admin).status, 404);

  EXPECT_EQ(server.patch("/api/v1/proactive-settings", bj::object{{"cap_hours", 24 * 31}}, admin).status, 400);
  EXPECT_EQ(server.patch("/api/v1/proactive-settings", bj::object{{"cap_hours", 0}}, admin).status, 200);
  EXPECT_EQ(server.get("/api/v1/proactive-settings", admin).json().at("cap_hours").as_int64(), 0);
}

TEST_F(ProactiveRules, TheSessionCarriesOnlyWhatTheFrameEvaluates) {
  ruleNamed("Product page", 5,
            bj::array{bj::object{{"type", "page_url"}, {"values", bj::array{"*/product*"}}},
                      bj::object{{"type", "time_on_page"}, {"seconds", 2}},
                      bj::object{{"type", "identified"}, {"value", false}}});
  ruleNamed("Customers only", 9, bj::array{bj::object{{"type", "identified"}, {"value", true}}});
  auto [token, ws] = server.newVisitor();
  auto s = server.post("/api/v1/widget/sessions", bj::object{{"workspace_id", ws}, {"visitor_token", token}});
  ASSERT_EQ(s.status, 200) << s.body;
  auto rules = s.json().at("proactive_rules").as_array();
  ASSERT_EQ(rules.size(), 1u) << s.body;  // the identified-only rule is not for this anonymous visitor
  EXPECT_EQ(bj::serialize(rules[0].at("conditions")),
            R"([{"type":"page_url","values":["*/product*"]},{"type":"time_on_page","seconds":2}])");
  EXPECT_FALSE(rules[0].as_object().contains("body"));
}

TEST_F(ProactiveRules, ShownOnceCappedAndCounted) {
  auto first = ruleNamed("first", 2);
  auto second = ruleNamed("second", 1);
  auto [token, ws] = server.newVisitor();
  WsClient tab(server.port());
  tab.hello(token);

  auto sent = show(first.at("id").as_int64(), token);
  ASSERT_EQ(sent.status, 201) << sent.body;
  EXPECT_EQ(str(sent.json().at("message").at("sender_type")), "bot");  // sent as the workspace
  EXPECT_EQ(str(sent.json().at("message").at("client_id")), "proactive-" + std::to_string(first.at("id").as_int64()));
  auto live = tab.waitFor("message.created");
  ASSERT_TRUE(live);
  EXPECT_EQ(str(live->at("message").at("body")), "Need a hand with first?");
  auto convId = live->at("message").at("conversation_id").as_int64();

  auto again = show(first.at("id").as_int64(), token);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(code(again), "already_shown");
  auto capped = show(second.at("id").as_int64(), token);
  EXPECT_EQ(capped.status, 409);
  EXPECT_EQ(code(capped), "capped");
  auto session = server.post("/api/v1/widget/sessions", bj::object{{"workspace_id", ws}, {"visitor_token", token}});
  EXPECT_TRUE(session.json().at("proactive_rules").as_array().empty()) << "inside the cap the widget gets no rules";

  // Opened, then a reply in that conversation: each counted once.
  auto opened = "/api/v1/widget/proactive-rules/" + std::to_string(first.at("id").as_int64()) + "/opened";
  EXPECT_EQ(server.post(opened, bj::object{}, token).status, 204);
  EXPECT_EQ(server.post(opened, bj::object{}, token).status, 204);
  for (const char* id : {"v1", "v2"}) {
    tab.send(bj::object{{"type", "message.send"}, {"client_id", id}, {"conversation_id", convId}, {"body", "yes please"}});
    ASSERT_TRUE(tab.waitFor("message.ack"));
  }
  bj::object counts;
  for (int i = 0; i < 50; ++i) {  // the reply is counted after the commit, on another thread
    counts = stats(first.at("id").as_int64());
    if (counts.at("replied").as_int64() == 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(counts.at("shown").as_int64(), 1);
  EXPECT_EQ(counts.at("opened").as_int64(), 1);
  EXPECT_EQ(counts.at("replied").as_int64(), 1);
  EXPECT_EQ(stats(second.at("id").as_int64()).at("shown").as_int64(), 0);

  // With the cap off, the second rule may follow (once).
  ASSERT_EQ(server.patch("/api/v1/proactive-settings", bj::object{{"cap_hours", 0}}, admin).status, 200);
  EXPECT_EQ(show(second.at("id").as_int64(), token).status, 201);
  EXPECT_EQ(show(second.at("id").as_int64(), token).status, 409);
}

TEST_F(ProactiveRules, TwoTabsAskingAtOnceGetOneMessage) {
  auto rule = ruleNamed("race");
  for (int round = 0; round < 5; ++round) {
    auto [token, ws] = server.newVisitor();
    std::atomic<int> created{0}, refused{0};
    std::vector<std::thread> tabs;
    for (int t = 0; t < 2; ++t)
      tabs.emplace_back([&, token = token] {
        auto r = show(rule.at("id").as_int64(), token);
        (r.status == 201 ? created : refused)++;
      });
    for (auto& t : tabs) t.join();
    EXPECT_EQ(created.load(), 1);
    EXPECT_EQ(refused.load(), 1);
  }
  EXPECT_EQ(stats(rule.at("id").as_int64()).at("shown").as_int64(), 5);
}

TEST_F(ProactiveRules, TheServerRechecksWhatItKnows) {
  auto needsAgents = ruleNamed("agents", 0, bj::array{bj::object{{"type", "agents_online"}, {"value", true}}});
  auto [token, ws] = server.newVisitor();
  auto r = show(needsAgents.at("id").as_int64(), token);
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(code(r), "not_matching");
  // An agent comes online: now it holds, and the message comes from that agent when the rule names them.
  auto agentId = server.get("/api/v1/me", admin).json().at("agent").at("id").as_int64();
  ASSERT_EQ(server.patch("/api/v1/proactive-rules/" + std::to_string(needsAgents.at("id").as_int64()),
                         bj::object{{"sender_agent_id", agentId}}, admin).status, 200);
  WsClient agent(server.port());
  agent.hello(admin);
  auto ok = show(needsAgents.at("id").as_int64(), token);
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(str(ok.json().at("message").at("sender_type")), "agent");
  EXPECT_FALSE(ok.json().at("message").at("sender").is_null());
  // Disabled or another workspace's: not found.
  auto off = ruleNamed("off");
  server.patch("/api/v1/proactive-rules/" + std::to_string(off.at("id").as_int64()), bj::object{{"enabled", false}}, admin);
  EXPECT_EQ(show(off.at("id").as_int64(), token).status, 404);
  EXPECT_EQ(show(999999, token).status, 404);
  EXPECT_EQ(show(off.at("id").as_int64(), "").status, 401);
}

TEST_F(ProactiveRules, AskingCostsThePageViewBudget) {
  auto rule = ruleNamed("needs agents", 0, bj::array{bj::object{{"type", "agents_online"}, {"value", true}}});
  auto [token, ws] = server.newVisitor();
  int limited = 0;
  for (int i = 0; i < 40 && !limited; ++i)
    if (show(rule.at("id").as_int64(), token).status == 429) limited = i + 1;
  EXPECT_GT(limited, 20) << "the budget allows a burst";
  EXPECT_LE(limited, 31) << "a widget asking in a loop is stopped";
}
