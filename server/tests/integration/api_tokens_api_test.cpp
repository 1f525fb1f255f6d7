// Issue 15 item 6 on a real server: API tokens made by a signed-in admin, shown once, used as
// `Authorization: Bearer` within their scope (read: GET only; write: every method of an agent's
// endpoints; admin: also the admin's), 401 once revoked or when their maker is deactivated, never
// able to make or revoke tokens themselves, and limited per token.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "test_server.h"

namespace bj = boost::json;
using namespace parley::test;

namespace {

class ApiTokensApi : public ::testing::Test {
 protected:
  void SetUp() override { admin = server.login(); }

  HttpResult del(const std::string& target, const std::string& token) {
    return httpRequest(server.port(), "DELETE", target, {}, token);
  }
  // Makes a token; returns {id, token}.
  std::pair<std::int64_t, std::string> make(const std::string& name, const std::string& scope,
                                            const std::string& as = {}) {
    auto r = server.post("/api/v1/api-tokens", bj::object{{"name", name}, {"scope", scope}}, as.empty() ? admin : as);
    EXPECT_EQ(r.status, 201) << r.body;
    auto j = r.json().as_object();
    return {j.at("api_token").at("id").as_int64(), str(j.at("token"))};
  }

  TestServer server;
  std::string admin;
};

TEST_F(ApiTokensApi, EachScopeGetsWhatItAllowsAndTheRest403) {
  auto [readId, read] = make("Reporting", "read");
  auto [writeId, write] = make("Zapier", "write");
  auto [adminId, adminToken] = make("Provisioning", "admin");
  EXPECT_EQ(read.rfind("pk_", 0), 0u);
  EXPECT_EQ(read.size(), 3u + 43u);
  const bj::object prefs{{"notifications", bj::object{{"sound", false}}}};
  const bj::object settings{{"name", "Acme Support"}};

  for (const auto& t : {read, write, adminToken}) {
    EXPECT_EQ(server.get("/api/v1/conversations", t).status, 200) << t;
    EXPECT_EQ(server.get("/api/v1/me", t).status, 200) << t;
  }
  auto r = server.patch("/api/v1/me/preferences", prefs, read);
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_NE(r.body.find("only read"), std::string::npos) << r.body;
  EXPECT_EQ(server.patch("/api/v1/me/preferences", prefs, write).status, 200);
  EXPECT_EQ(server.patch("/api/v1/me/preferences", prefs, adminToken).status, 200);

  // Admin endpoints: only the admin scope, GET included.
  for (const auto& t : {read, write}) {
    EXPECT_EQ(server.get("/api/v1/api-tokens", t).status, 403) << t;
    EXPECT_EQ(server.patch("/api/v1/workspace", settings, t).status, 403) << t;
  }
  EXPECT_EQ(server.get("/api/v1/api-tokens", adminToken).status, 200);
  EXPECT_EQ(server.patch("/api/v1/workspace", settings, adminToken).status, 200);
  // Below the admin scope the token is an agent: the workspace's admin view (its secrets) stays hidden.
  auto ws = server.get("/api/v1/workspace", write).json().as_object();
  auto wsAdmin = server.get("/api/v1/workspace", adminToken).json().as_object();
  EXPECT_LT(bj::serialize(ws).size(), bj::serialize(wsAdmin).size()) << bj::serialize(ws);

  // No token makes or revokes tokens, not even an admin one.
  r = server.post("/api/v1/api-tokens", bj::object{{"name", "successor"}, {"scope", "admin"}}, adminToken);
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(del("/api/v1/api-tokens/" + std::to_string(readId), adminToken).status, 403);
  // The realtime socket takes sessions only.
  WsClient ws1(server.port());
  ws1.send(bj::object{{"type", "hello"}, {"token", write}});
  auto answer = ws1.next();
  EXPECT_TRUE(!answer || answer->at("type") != "welcome") << "an API token opened a realtime session";
}

TEST_F(ApiTokensApi, TheTokenIsShownOnceAndTheListNeverHoldsIt) {
  auto [id, token] = make("Zapier", "write");
  EXPECT_EQ(server.get("/api/v1/me", token).status, 200);
  auto list = server.get("/api/v1/api-tokens", admin);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.body.find(token), std::string::npos);
  EXPECT_EQ(list.body.find(token.substr(3, 20)), std::string::npos);
  auto tokens = list.json().at("api_tokens").as_array();
  ASSERT_EQ(tokens.size(), 1u);
  auto t = tokens[0].as_object();
  EXPECT_EQ(t.at("id").as_int64(), id);
  EXPECT_EQ(str(t.at("name")), "Zapier");
  EXPECT_EQ(str(t.at("scope")), "write");
  EXPECT_EQ(str(t.at("hint")), "…" + token.substr(token.size() - 4));
  EXPECT_TRUE(t.at("last_used_at").is_int64()) << "used once above: " << bj::serialize(t);
  EXPECT_FALSE(t.contains("token"));
  EXPECT_FALSE(t.contains("token_hash"));
}

TEST_F(ApiTokensApi, ARevokedTokenAndADeactivatedMakersTokenGet401) {
  auto [id, token] = make("Old", "admin");
  EXPECT_EQ(server.get("/api/v1/me", token).status, 200);
  EXPECT_EQ(del("/api/v1/api-tokens/" + std::to_string(id), admin).status, 204);
  auto r = server.get("/api/v1/me", token);
  EXPECT_EQ(r.status, 401) << r.body;
  EXPECT_EQ(del("/api/v1/api-tokens/" + std::to_string(id), admin).status, 404);
  EXPECT_EQ(server.get("/api/v1/me", "pk_" + std::string(43, 'A')).status, 401) << "an unknown token";

  // A token acts as its maker: when the maker is deactivated, the token stops.
  auto made = server.post("/api/v1/agents",
                          bj::object{{"email", "ops@test.local"}, {"name", "Ops"}, {"password", "ops-password"},
                                     {"role", "admin"}},
                          admin);
  ASSERT_EQ(made.status, 201) << made.body;
  const auto opsId = made.json().at("agent").at("id").as_int64();
  auto ops = server.login("ops@test.local", "ops-password");
  auto [opsTokenId, opsToken] = make("Ops script", "write", ops);
  EXPECT_EQ(server.get("/api/v1/me", opsToken).status, 200);
  ASSERT_EQ(server.patch("/api/v1/agents/" + std::to_string(opsId), bj::object{{"active", false}}, admin).status, 200);
  EXPECT_EQ(server.get("/api/v1/me", opsToken).status, 401);
}

TEST_F(ApiTokensApi, BadInputIsRefusedNamingTheField) {
  struct Case {
    bj::object body;
    std::string field;
  };
  const std::vector<Case> cases = {
      {bj::object{{"scope", "read"}}, "name"},
      {bj::object{{"name", "   "}, {"scope", "read"}}, "name"},
      {bj::object{{"name", std::string(81, 'x')}, {"scope", "read"}}, "name"},
      {bj::object{{"name", 5}, {"scope", "read"}}, "name"},
      {bj::object{{"name", "x"}}, "scope"},
      {bj::object{{"name", "x"}, {"scope", "owner"}}, "scope"},
  };
  for (const auto& c : cases) {
    auto r = server.post("/api/v1/api-tokens", c.body, admin);
    EXPECT_EQ(r.status, 400) << bj::serialize(c.body) << " " << r.body;
    if (r.status == 400) EXPECT_EQ(str(r.json().at("error").at("field")), c.field) << r.body;
  }
  EXPECT_EQ(server.get("/api/v1/api-tokens", admin).json().at("api_tokens").as_array().size(), 0u) << "nothing made";
  // An agent (not an admin) may not make one.
  ASSERT_EQ(server.post("/api/v1/agents",
                        bj::object{{"email", "sam@test.local"}, {"name", "Sam"}, {"password", "sam-password"}}, admin)
                .status,
            201);
  auto sam = server.login("sam@test.local", "sam-password");
  EXPECT_EQ(server.post("/api/v1/api-tokens", bj::object{{"name", "x"}, {"scope", "read"}}, sam).status, 403);
}

TEST_F(ApiTokensApi, AWorkspaceHasAtMost50Tokens) {
  for (int i = 0; i < 50; ++i) make("t" + std::to_string(i), "read");
  auto r = server.post("/api/v1/api-tokens", bj::object{{"name", "one more"}, {"scope", "read"}}, admin);
  EXPECT_EQ(r.status, 409) << r.body;
}

TEST_F(ApiTokensApi, ATokenHasItsOwnRateLimit) {
  auto [id, busy] = make("Busy", "read");
  auto [id2, calm] = make("Calm", "read");
  int ok = 0;
  HttpResult last;
  for (int i = 0; i < 400 && last.status != 429; ++i) {
    last = server.get("/api/v1/me", busy);
    if (last.status == 200) ++ok;
  }
  ASSERT_EQ(last.status, 429) << "after " << ok << " requests";
  EXPECT_GE(ok, 200) << "the burst";
  EXPECT_TRUE(last.headers.count("retry-after"));
  EXPECT_EQ(server.get("/api/v1/me", calm).status, 200) << "another token's budget is its own";
  EXPECT_EQ(server.get("/api/v1/me", admin).status, 200) << "and the maker's session is not limited by it";
}

}  // namespace
