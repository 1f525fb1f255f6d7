// `parley serve --store postgresql://...` (also PARLEY_STORE): the same server on PostgreSQL. The
// CLI commands that open the store (agent add, migrate) take the same option, so the harness's
// `agent add` and `serve` both land in the test's database when PARLEY_STORE is set.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "store/pg_test_database.h"
#include "test_server.h"

namespace bj = boost::json;
using namespace parley::test;

namespace {

// PARLEY_STORE for the children this test starts, removed again at the end.
class StoreEnv {
 public:
  explicit StoreEnv(const std::string& url) { setenv("PARLEY_STORE", url.c_str(), 1); }
  ~StoreEnv() { unsetenv("PARLEY_STORE"); }
};

bj::object send(WsClient& ws, const std::string& clientId, const std::string& body,
                std::optional<std::int64_t> conversation = std::nullopt) {
  bj::object f{{"type", "message.send"}, {"client_id", clientId}, {"body", body}};
  if (conversation) f["conversation_id"] = *conversation;
  ws.send(f);
  auto ack = ws.waitFor("message.ack");
  if (!ack) throw std::runtime_error("no ack for " + clientId);
  return *ack;
}

}  // namespace

TEST(ServeOnPostgres, ChatWorksAndSurvivesARestart) {
  PARLEY_NEED_TEST_POSTGRES();
  PgTestDatabase db(*testPostgresServer());
  StoreEnv env(db.url());
  TestServer server;
  EXPECT_NE(server.logText().find("store: PostgreSQL"), std::string::npos) << server.logText();
  EXPECT_FALSE(std::filesystem::exists(std::filesystem::path(server.dataDir()) / "parley.db"))
      << "with --store nothing may go to SQLite";

  auto agentToken = server.login();
  WsClient agent(server.port());
  ASSERT_EQ(str(agent.hello(agentToken).at("type")), "welcome");
  auto [visitorToken, ws] = server.newVisitor();
  std::int64_t conv = 0;
  {
    WsClient visitor(server.port());
    ASSERT_EQ(str(visitor.hello(visitorToken).at("type")), "welcome");
    auto ack = send(visitor, "v-1", "Hello from PostgreSQL");
    EXPECT_EQ(ack.at("seq").as_int64(), 1);
    conv = ack.at("conversation_id").as_int64();
    auto seen = agent.waitFor("message.created");
    ASSERT_TRUE(seen);
    EXPECT_EQ(str(seen->at("message").at("body")), "Hello from PostgreSQL");
    EXPECT_EQ(send(agent, "a-1", "Hi, how can I help?", conv).at("seq").as_int64(), 2);
    // A resend of an acknowledged message is stored once.
    EXPECT_EQ(send(visitor, "v-1", "Hello from PostgreSQL").at("seq").as_int64(), 1);
  }

  server.stop();
  server.start();
  auto token = server.login();  // the agent lives in PostgreSQL, not in the fresh data dir
  auto r = server.get("/api/v1/conversations/" + std::to_string(conv) + "/messages", token);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto page = bj::parse(r.body);
  const auto& messages = page.at("messages").as_array();
  ASSERT_EQ(messages.size(), 2u) << r.body;
  EXPECT_EQ(str(messages[0].at("body")), "Hello from PostgreSQL");
  EXPECT_EQ(messages[1].at("seq").as_int64(), 2);
}

TEST(ServeOnPostgres, MigrateTakesTheStoreAndRefusesOtherUrls) {
  PARLEY_NEED_TEST_POSTGRES();
  PgTestDatabase db(*testPostgresServer());
  TestServer server;  // SQLite: only its binary and scratch directory are used here
  EXPECT_EQ(server.runCli({"migrate", "--store", db.url()}), 0);
  EXPECT_EQ(server.runCli({"migrate", "--store", db.url()}), 0) << "a second migrate has nothing to do";
  EXPECT_NE(server.runCli({"migrate", "--store", "mysql://root@127.0.0.1/parley"}), 0);
  EXPECT_NE(server.runCli({"agent", "add", "--store", "postgresql://nobody@127.0.0.1:1/none", "--email",
                           "x@test.local", "--name", "X", "--password", "long-enough"}),
            0)
      << "an unreachable store is an error, not a silent SQLite";
}
