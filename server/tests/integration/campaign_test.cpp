// Campaigns on a real server (issue 13): a campaign reaches a visitor who is online at once and
// one who is away on their next visit, a reply continues a normal conversation, and a server
// killed mid-campaign (SIGKILL) and restarted reaches everyone else exactly once.
#include <gtest/gtest.h>

#include <map>
#include <thread>

#include "test_server.h"

namespace bj = boost::json;
using namespace parley::test;

namespace {

const std::vector<std::string> kFastCampaigns = {"--campaign-tick-ms", "100", "--campaign-lease-ms", "1000"};

bool isCampaignMessage(const bj::object& f, const std::string& body) {
  return str(f.at("type")) == "message.created" && str(f.at("message").at("body")) == body;
}

std::int64_t agentId(TestServer& server, const std::string& token) {
  return server.get("/api/v1/me", token).json().at("agent").at("id").as_int64();
}

std::int64_t campaignToEveryone(TestServer& server, const std::string& token, const std::string& body) {
  auto seg = server.post("/api/v1/segments", bj::object{{"name", "Everyone"}, {"conditions", bj::array{}}}, token);
  EXPECT_EQ(seg.status, 201) << seg.body;
  auto c = server.post("/api/v1/campaigns",
                       bj::object{{"name", "Launch"},
                                  {"segment_id", seg.json().at("segment").at("id")},
                                  {"sender_agent_id", agentId(server, token)},
                                  {"body", body},
                                  {"send", "now"}},
                       token);
  EXPECT_EQ(c.status, 201) << c.body;
  EXPECT_EQ(str(c.json().at("campaign").at("state")), "scheduled");
  return c.json().at("campaign").at("id").as_int64();
}

bj::object campaignOf(TestServer& server, const std::string& token, std::int64_t id) {
  return server.get("/api/v1/campaigns/" + std::to_string(id), token).json().at("campaign").as_object();
}

// Polls until the campaign's statistic reaches `n` (or 5 s pass); returns the campaign.
bj::object waitForStat(TestServer& server, const std::string& token, std::int64_t id, const char* stat, std::int64_t n) {
  bj::object c;
  for (int i = 0; i < 100; ++i) {
    c = campaignOf(server, token, id);
    if (c.at("stats").at(stat).as_int64() >= n) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return c;
}

// The campaign's messages per conversation, over every conversation of the workspace.
std::map<std::int64_t, int> campaignMessagesPerConversation(TestServer& server, const std::string& token,
                                                            const std::string& body) {
  std::map<std::int64_t, int> out;
  auto list = server.get("/api/v1/conversations?limit=100", token);
  EXPECT_EQ(list.status, 200) << list.body;
  const auto convs = list.json();
  for (const auto& conv : convs.at("conversations").as_array()) {
    const auto id = conv.at("id").as_int64();
    const auto msgs = server.get("/api/v1/conversations/" + std::to_string(id) + "/messages?limit=500", token).json();
    for (const auto& m : msgs.at("messages").as_array())
      if (str(m.at("body")) == body) out[id]++;
  }
  return out;
}

}  // namespace

TEST(Campaigns, OnlineVisitorAtOnceAwayVisitorOnTheNextVisitAndARepliesContinue) {
  TestServer server(kFastCampaigns);
  auto token = server.login();
  auto [onlineToken, ws] = server.newVisitor();
  auto awayToken = server.newVisitor().first;
  WsClient online(server.port());
  online.hello(onlineToken);

  const auto id = campaignToEveryone(server, token, "Our summer sale starts now");
  auto got = online.waitFor([](const bj::object& f) { return isCampaignMessage(f, "Our summer sale starts now"); });
  ASSERT_TRUE(got) << "the online visitor did not get the campaign";
  EXPECT_EQ(str(got->at("message").at("sender_type")), "agent");
  auto c = waitForStat(server, token, id, "delivered", 1);
  EXPECT_EQ(c.at("stats").at("targeted").as_int64(), 2);
  EXPECT_EQ(c.at("stats").at("delivered").as_int64(), 1);
  EXPECT_EQ(str(c.at("state")), "sending");

  // The away visitor comes back.
  WsClient away(server.port());
  away.hello(awayToken);
  auto later = away.waitFor([](const bj::object& f) { return isCampaignMessage(f, "Our summer sale starts now"); });
  ASSERT_TRUE(later) << "the returning visitor did not get the campaign";
  c = waitForStat(server, token, id, "delivered", 2);
  EXPECT_EQ(c.at("stats").at("delivered").as_int64(), 2);

  // Seen and replied: the visitor reads it and answers in the same conversation.
  const auto conv = later->at("message").at("conversation_id").as_int64();
  const auto seq = later->at("message").at("seq").as_int64();
  away.send(bj::object{{"type", "read"}, {"conversation_id", conv}, {"seq", seq}});
  away.send(bj::object{{"type", "message.send"}, {"conversation_id", conv}, {"client_id", "r1"}, {"body", "Shoes too?"}});
  auto ack = away.waitFor("message.ack");
  ASSERT_TRUE(ack);
  EXPECT_EQ(ack->at("conversation_id").as_int64(), conv) << "a reply continues the campaign's conversation";
  c = waitForStat(server, token, id, "replied", 1);
  EXPECT_EQ(c.at("stats").at("replied").as_int64(), 1);
  EXPECT_EQ(c.at("stats").at("seen").as_int64(), 1);
  // Everyone reached: sent.
  for (int i = 0; i < 40 && str(c.at("state")) != "sent"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    c = campaignOf(server, token, id);
  }
  EXPECT_EQ(str(c.at("state")), "sent");
}

TEST(Campaigns, AServerKilledMidCampaignReachesEveryoneElseOnceAfterTheRestart) {
  TestServer server(kFastCampaigns);
  auto token = server.login();
  std::vector<std::string> visitors;
  for (int i = 0; i < 6; ++i) visitors.push_back(server.newVisitor().first);
  const std::string body = "Free shipping this weekend";
  std::int64_t id = 0;
  {
    std::vector<std::unique_ptr<WsClient>> first;
    for (int i = 0; i < 3; ++i) {
      first.push_back(std::make_unique<WsClient>(server.port()));
      first.back()->hello(visitors[i]);
    }
    id = campaignToEveryone(server, token, body);
    for (auto& v : first)
      ASSERT_TRUE(v->waitFor([&](const bj::object& f) { return isCampaignMessage(f, body); })) << "online visitor";
    server.crash();  // SIGKILL with three recipients still to reach
  }
  server.start();
  token = server.login();
  EXPECT_EQ(str(campaignOf(server, token, id).at("state")), "sending");

  // Everyone comes back, the first three included: only the other three get it now.
  std::vector<std::unique_ptr<WsClient>> again;
  for (const auto& v : visitors) {
    again.push_back(std::make_unique<WsClient>(server.port()));
    again.back()->hello(v);
  }
  for (int i = 3; i < 6; ++i)
    ASSERT_TRUE(again[i]->waitFor([&](const bj::object& f) { return isCampaignMessage(f, body); }, std::chrono::seconds(5)))
        << "visitor " << i << " skipped";
  for (int i = 0; i < 3; ++i)
    EXPECT_FALSE(again[i]->waitFor([&](const bj::object& f) { return isCampaignMessage(f, body); },
                                   std::chrono::milliseconds(300)))
        << "visitor " << i << " got it twice";
  auto c = waitForStat(server, token, id, "delivered", 6);
  EXPECT_EQ(c.at("stats").at("targeted").as_int64(), 6);
  EXPECT_EQ(c.at("stats").at("delivered").as_int64(), 6);
  auto perConversation = campaignMessagesPerConversation(server, token, body);
  EXPECT_EQ(perConversation.size(), 6u);
  for (auto [conv, n] : perConversation) EXPECT_EQ(n, 1) << "conversation " << conv;
}

TEST(Campaigns, BadInputIsRefusedNamingTheField) {
  TestServer server;
  auto token = server.login();
  auto tooMany = bj::array{};
  for (int i = 0; i < 21; ++i) tooMany.push_back(bj::object{{"field", "identified"}, {"op", "is"}});
  auto r = server.post("/api/v1/segments", bj::object{{"name", "x"}, {"conditions", tooMany}}, token);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(str(r.json().at("error").at("field")), "conditions");
  r = server.post("/api/v1/segments/count",
                  bj::object{{"conditions", bj::array{bj::object{{"field", "country"}, {"op", "is"}, {"value", "Germany"}}}}},
                  token);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(str(r.json().at("error").at("field")), "conditions[0].value");
  r = server.post("/api/v1/segments", bj::object{{"name", std::string(101, 'n')}, {"conditions", bj::array{}}}, token);
  EXPECT_EQ(str(r.json().at("error").at("field")), "name");
  auto seg = server.post("/api/v1/segments", bj::object{{"name", "All"}, {"conditions", bj::array{}}}, token);
  const auto segId = seg.json().at("segment").at("id").as_int64();
  bj::object campaign{{"name", "C"}, {"segment_id", segId}, {"sender_agent_id", agentId(server, token)}, {"body", "Hi"},
                      {"send", "later"}, {"scheduled_local", "2020-01-01T10:00"}};
  r = server.post("/api/v1/campaigns", campaign, token);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(str(r.json().at("error").at("field")), "scheduled_local");
  campaign["scheduled_local"] = "tomorrow";
  EXPECT_EQ(str(server.post("/api/v1/campaigns", campaign, token).json().at("error").at("field")), "scheduled_local");
  campaign["send"] = "now";
  campaign["sender_agent_id"] = 999999;
  EXPECT_EQ(str(server.post("/api/v1/campaigns", campaign, token).json().at("error").at("field")), "sender_agent_id");
  auto count = server.post("/api/v1/segments/count", bj::object{{"conditions", bj::array{}}}, token);
  EXPECT_EQ(count.status, 200);
  EXPECT_EQ(count.json().at("count").as_int64(), 0);
  EXPECT_EQ(server.get("/api/v1/campaigns").status, 401);
}
