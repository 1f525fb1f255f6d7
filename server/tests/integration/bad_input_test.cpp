// Bad input gets a clear error and never stalls anyone else's chat.
#include <gtest/gtest.h>

#include "healthy_chat_fixture.h"
#include "test_server.h"

namespace bj = boost::json;
using namespace parley::test;

namespace {

using BadInput = HealthyChatTest;

}  // namespace

TEST_F(BadInput, MalformedJsonFrameGetsAnErrorAndTheSocketStays) {
  WsClient c(server.port());
  c.hello(agentToken);
  c.sendRaw("{not json");
  auto e = c.waitFor("error");
  ASSERT_TRUE(e);
  EXPECT_EQ(str(e->at("code")), "bad_json");
  c.send(bj::object{{"type", "ping"}, {"t", 7}});
  auto pong = c.waitFor("pong");
  ASSERT_TRUE(pong) << "the socket must survive a bad frame";
  EXPECT_EQ(pong->at("t").as_int64(), 7);
  expectChatStillWorks();
}

TEST_F(BadInput, UnknownFrameTypeAndBadFields) {
  WsClient c(server.port());
  c.hello(agentToken);
  c.send(bj::object{{"type", "launch.rockets"}});
  auto e = c.waitFor("error");
  ASSERT_TRUE(e);
  EXPECT_EQ(str(e->at("code")), "unknown_type");
  c.send(bj::object{{"type", "message.send"}, {"conversation_id", "seven"}, {"client_id", "x"}, {"body", "hi"}});
  e = c.waitFor("error");
  ASSERT_TRUE(e);
  EXPECT_EQ(str(e->at("field")), "conversation_id");
  c.send(bj::object{{"type", "message.send"}, {"conversation_id", 1}, {"body", "no client id"}});
  e = c.waitFor("error");
  ASSERT_TRUE(e);
  EXPECT_EQ(str(e->at("field")), "client_id");
  c.send(bj::object{{"type", "message.send"}, {"conversation_id", 1}, {"client_id", "x"}, {"body", "   "}});
  e = c.waitFor("error");
  ASSERT_TRUE(e);
  EXPECT_EQ(str(e->at("field")), "body");
  expectChatStillWorks();
}

TEST_F(BadInput, OversizedFrameClosesOnlyThatSocket) {
  WsClient c(server.port());
  c.hello(agentToken);
  c.sendRaw(std::string(70 * 1024, 'x'));
  EXPECT_FALSE(c.waitFor([](const bj::object&) { return false; }, std::chrono::milliseconds(2000)));
  EXPECT_TRUE(c.closed());
  EXPECT_EQ(c.closeCode(), 1009) << "close code 'message too big'";
  expectChatStillWorks();
}

TEST_F(BadInput, WrongTokensAreRefused) {
  WsClient c(server.port());
  auto w = c.hello("pa_not-a-real-token");
  EXPECT_EQ(str(w.at("type")), "error");
  EXPECT_EQ(str(w.at("code")), "unauthorized");
  EXPECT_FALSE(c.next(std::chrono::milliseconds(1000)));

  WsClient v(server.port());
  w = v.hello("pv_ws_nope.abc");
  EXPECT_EQ(str(w.at("code")), "unauthorized");

  WsClient early(server.port());
  early.send(bj::object{{"type", "message.send"}, {"client_id", "x"}, {"body", "before hello"}});
  auto e = early.next();
  ASSERT_TRUE(e);
  EXPECT_EQ(str(e->at("code")), "unauthorized");

  EXPECT_EQ(server.get("/api/v1/conversations", "pa_wrong").status, 401);
  EXPECT_EQ(server.get("/api/v1/conversations").status, 401);
  EXPECT_EQ(server.get("/api/v1/conversations", visitorToken).status, 401) << "a visitor token is no agent token";
  auto bad = server.post("/api/v1/auth/login", bj::object{{"email", "admin@test.local"}, {"password", "wrong"}});
  EXPECT_EQ(bad.status, 401);
  EXPECT_EQ(str(bad.json().at("error").at("code")), "invalid_credentials");
  expectChatStillWorks();
}

TEST_F(BadInput, RestErrorsNameTheField) {
  auto r = httpRequest(server.port(), "POST", "/api/v1/auth/login", "{\"email\": ");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(str(r.json().at("error").at("code")), "bad_json");

  r = server.post("/api/v1/auth/login", bj::object{{"email", "admin@test.local"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(str(r.json().at("error").at("field")), "password");

  r = server.get("/api/v1/conversations?status=exploded", agentToken);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(str(r.json().at("error").at("field")), "status");

  r = server.get("/api/v1/conversations?sort=oldest", agentToken);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(str(r.json().at("error").at("field")), "sort");

  r = server.get("/api/v1/conversations?limit=100000", agentToken);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(str(r.json().at("error").at("field")), "limit");

  r = httpRequest(server.port(), "POST", "/api/v1/auth/login", std::string(100 * 1024, ' '));
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(str(r.json().at("error").at("code")), "too_large");

  r = server.get("/api/v1/conversations/abc", agentToken);
  EXPECT_EQ(r.status, 404);
  r = server.get("/api/v1/no/such/thing", agentToken);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(str(r.json().at("error").at("code")), "not_found");
  expectChatStillWorks();
}

TEST_F(BadInput, PatchValidationKeepsTheConversationAsItWas) {
  visitor->send(bj::object{{"type", "message.send"}, {"client_id", "p"}, {"body", "hi"}});
  auto convId = visitor->waitFor("message.ack")->at("conversation_id").as_int64();
  auto path = "/api/v1/conversations/" + std::to_string(convId);
  auto r = server.patch(path, bj::object{{"priority", "high"}, {"status", "snoozed"}}, agentToken);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(str(r.json().at("error").at("field")), "snoozed_until");
  r = server.patch(path, bj::object{{"tags", bj::array{"ok", ""}}}, agentToken);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(str(r.json().at("error").at("field")), "tags");
  r = server.patch(path, bj::object{{"assignee_id", 999999}}, agentToken);
  EXPECT_EQ(r.status, 400);
  auto conv = server.get(path, agentToken).json().at("conversation");
  EXPECT_EQ(str(conv.at("priority")), "none") << "a rejected patch changes nothing";
  EXPECT_EQ(str(conv.at("status")), "open");
}

TEST_F(BadInput, VisitorRateLimitSaysHowLongToWait) {
  std::optional<bj::object> limited;
  std::int64_t convId = 0;
  for (int i = 0; i < 40 && !limited; ++i) {
    bj::object f{{"type", "message.send"}, {"client_id", "flood" + std::to_string(i)}, {"body", "spam"}};
    if (convId) f["conversation_id"] = convId;
    visitor->send(f);
    auto r = visitor->waitFor([](const bj::object& o) {
      auto t = str(o.at("type"));
      return t == "message.ack" || t == "error";
    });
    ASSERT_TRUE(r);
    if (str(r->at("type")) == "error") limited = r;
    else convId = r->at("conversation_id").as_int64();
  }
  ASSERT_TRUE(limited) << "40 messages at once must hit the limit";
  EXPECT_EQ(str(limited->at("code")), "rate_limited");
  EXPECT_NE(str(limited->at("message")).find("try again in"), std::string::npos);
}

TEST(LoginLimits, FailedLoginsAreLimitedButATeamCanLogInOften) {
  TestServer server;
  for (int i = 0; i < 25; ++i) ASSERT_EQ(server.post("/api/v1/auth/login",
                                                     bj::object{{"email", "admin@test.local"}, {"password", "admin-password"}})
                                             .status,
                                         200)
      << "successful login " << i;
  // One failure refills every 5 s, so on a busy machine (each check costs ~0.1 s of Argon2) a slot may
  // come back while the burst is being used up: count until the first refusal rather than exactly.
  int firstLimited = 0;
  for (int i = 0; i < 30 && !firstLimited; ++i) {
    auto r = server.post("/api/v1/auth/login", bj::object{{"email", "admin@test.local"}, {"password", "guess" + std::to_string(i)}});
    if (r.status == 429) {
      firstLimited = i + 1;
      EXPECT_NE(str(r.json().at("error").at("message")).find("try again in"), std::string::npos);
    } else {
      EXPECT_EQ(r.status, 401);
    }
  }
  EXPECT_GE(firstLimited, 11) << "a burst of 10 failures first";
  EXPECT_LE(firstLimited, 13) << "then the limit";
  // While limited, even the right password waits: the guesser cannot tell which one was right.
  EXPECT_EQ(server.post("/api/v1/auth/login", bj::object{{"email", "admin@test.local"}, {"password", "admin-password"}}).status, 429);
}
