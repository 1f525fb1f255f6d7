// Issue 16, item 1 over REST on a real server: a visitor answered and rated, another not answered;
// /api/v1/reports/* give the known numbers for a period around today (the workspace is on UTC),
// the previous period is empty, bad periods are refused naming the field, only admins (and an
// admin's read token) may read them.
#include <gtest/gtest.h>

#include <chrono>
#include <ctime>

#include "test_server.h"

namespace bj = boost::json;
using namespace parley::test;

namespace {

// "YYYY-MM-DD" of today + `days` (UTC).
std::string utcDate(int days) {
  const auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()) + days * 86400;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

class ReportsApi : public ::testing::Test {
 protected:
  void SetUp() override { admin = server.login(); }

  // A visitor's first message; returns the conversation id.
  std::int64_t visitorWrites(const std::string& body) {
    auto [token, ws] = server.newVisitor();
    WsClient visitor(server.port());
    visitor.hello(token);
    visitor.send(bj::object{{"type", "message.send"}, {"client_id", "c1"}, {"body", body}});
    auto ack = visitor.waitFor("message.ack");
    EXPECT_TRUE(ack);
    visitor_tokens.push_back(token);
    return ack ? ack->at("conversation_id").as_int64() : 0;
  }

  std::string period(int from_days = -1, int to_days = 2) {
    return "from=" + utcDate(from_days) + "&to=" + utcDate(to_days);
  }

  TestServer server;
  std::string admin;
  std::vector<std::string> visitor_tokens;
};

TEST_F(ReportsApi, SeededConversationsGiveTheKnownNumbers) {
  const auto answered = visitorWrites("Where is my order?");
  const auto path = "/api/v1/conversations/" + std::to_string(answered);
  ASSERT_EQ(server.post(path + "/messages", bj::object{{"body", "On its way"}}, admin).status, 201);
  ASSERT_EQ(server.patch(path, bj::object{{"status", "resolved"}}, admin).status, 200);
  ASSERT_EQ(server.post("/api/v1/widget/conversations/" + std::to_string(answered) + "/csat",
                        bj::object{{"score", 4}, {"comment", "Quick and kind"}}, visitor_tokens[0])
                .status,
            204);
  visitorWrites("Hello? Anyone?");

  auto r = server.get("/api/v1/reports/overview?" + period(), admin);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto o = r.json().as_object();
  EXPECT_EQ(o.at("period").at("days").as_int64(), 3);
  EXPECT_EQ(str(o.at("period").at("timezone")), "UTC");
  const auto& cur = o.at("current");
  EXPECT_EQ(cur.at("conversations").at("new").as_int64(), 2);
  EXPECT_EQ(cur.at("conversations").at("resolved").as_int64(), 1);
  EXPECT_EQ(cur.at("conversations").at("missed").as_int64(), 1);
  EXPECT_EQ(cur.at("messages").at("visitor").as_int64(), 2);
  EXPECT_EQ(cur.at("messages").at("agent").as_int64(), 1);
  EXPECT_EQ(cur.at("first_response").at("count").as_int64(), 1);
  EXPECT_GE(cur.at("first_response").at("median_ms").as_int64(), 0);
  EXPECT_EQ(cur.at("resolution").at("count").as_int64(), 1);
  EXPECT_EQ(cur.at("csat").at("count").as_int64(), 1);
  EXPECT_DOUBLE_EQ(cur.at("csat").at("average").as_double(), 4.0);
  EXPECT_EQ(cur.at("csat").at("distribution"), (bj::array{0, 0, 0, 1, 0}));
  EXPECT_EQ(o.at("previous").at("conversations").at("new").as_int64(), 0);
  EXPECT_TRUE(o.at("previous").at("first_response").at("median_ms").is_null());
  std::int64_t by_day = 0, heat = 0;
  ASSERT_EQ(o.at("by_day").as_array().size(), 3u);
  for (const auto& d : o.at("by_day").as_array()) by_day += d.at("count").as_int64();
  EXPECT_EQ(str(o.at("by_day").as_array()[1].at("date")), utcDate(0));
  EXPECT_EQ(o.at("by_day").as_array()[1].at("count").as_int64(), 2);
  ASSERT_EQ(o.at("heatmap").as_array().size(), 7u);
  for (const auto& day : o.at("heatmap").as_array()) {
    ASSERT_EQ(day.as_array().size(), 24u);
    for (const auto& n : day.as_array()) heat += n.as_int64();
  }
  EXPECT_EQ(by_day, 2);
  EXPECT_EQ(heat, 2);

  auto agents = server.get("/api/v1/reports/agents?" + period(), admin);
  ASSERT_EQ(agents.status, 200) << agents.body;
  std::int64_t replies = 0, conversations = 0;
  const auto agent_rows = agents.json();
  for (const auto& row : agent_rows.at("rows").as_array()) {
    replies += row.at("replies").as_int64();
    conversations += row.at("conversations").as_int64();
  }
  EXPECT_EQ(replies, 1);
  EXPECT_EQ(conversations, 2);
  auto teams = server.get("/api/v1/reports/teams?" + period(), admin);
  ASSERT_EQ(teams.status, 200) << teams.body;
  ASSERT_EQ(teams.json().at("rows").as_array().size(), 1u) << "no teams: one row";
  EXPECT_TRUE(teams.json().at("rows").as_array()[0].at("team_id").is_null());

  auto comments = server.get("/api/v1/reports/csat-comments?" + period(), admin);
  ASSERT_EQ(comments.status, 200) << comments.body;
  const auto comments_json = comments.json();
  const auto& list = comments_json.at("comments").as_array();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(str(list[0].at("comment")), "Quick and kind");
  EXPECT_EQ(list[0].at("score").as_int64(), 4);
  EXPECT_TRUE(comments.json().at("next_offset").is_null());

  auto live = server.get("/api/v1/reports/live", admin);
  ASSERT_EQ(live.status, 200) << live.body;
  EXPECT_EQ(live.json().at("open").as_int64(), 1);
  EXPECT_FALSE(live.json().at("longest_wait_ms").is_null());
}

TEST_F(ReportsApi, BadPeriodsAreRefusedNamingTheField) {
  struct Case {
    std::string query;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"to=" + utcDate(1), "from"},
      {"from=yesterday&to=" + utcDate(1), "from"},
      {"from=" + utcDate(0), "to"},
      {"from=" + utcDate(0) + "&to=" + utcDate(0), "to"},
      {"from=" + utcDate(0) + "&to=" + utcDate(-3), "to"},
      {"from=" + utcDate(-367) + "&to=" + utcDate(0), "to"},
      {period() + "&business_hours=sometimes", "business_hours"},
  };
  for (const auto& c : cases) {
    auto r = server.get("/api/v1/reports/overview?" + c.query, admin);
    EXPECT_EQ(r.status, 400) << c.query << ": " << r.body;
    EXPECT_EQ(str(r.json().at("error").at("field")), c.field) << c.query;
  }
  EXPECT_EQ(server.get("/api/v1/reports/csat-comments?" + period() + "&limit=1000", admin).status, 400);
  EXPECT_EQ(server.get("/api/v1/reports/overview?from=" + utcDate(-366) + "&to=" + utcDate(0), admin).status, 200);
}

TEST_F(ReportsApi, OnlyAdminsAndTheirReadTokensSeeReports) {
  EXPECT_EQ(server.get("/api/v1/reports/live").status, 401);
  auto made = server.post("/api/v1/agents",
                          bj::object{{"email", "sam@test.local"}, {"name", "Sam"}, {"password", "sam-password"},
                                     {"role", "agent"}},
                          admin);
  ASSERT_EQ(made.status, 201) << made.body;
  const auto sam = server.login("sam@test.local", "sam-password");
  EXPECT_EQ(server.get("/api/v1/reports/overview?" + period(), sam).status, 403);
  EXPECT_EQ(server.get("/api/v1/reports/live", sam).status, 403);
  auto token = server.post("/api/v1/api-tokens", bj::object{{"name", "BI"}, {"scope", "read"}}, admin);
  ASSERT_EQ(token.status, 201) << token.body;
  const auto read = str(token.json().at("token"));
  EXPECT_EQ(server.get("/api/v1/reports/overview?" + period(), read).status, 200);
  EXPECT_EQ(server.get("/api/v1/reports/agents?" + period(), read).status, 200);
}

}  // namespace
