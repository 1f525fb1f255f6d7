// SIGTERM while agents and visitors are signed in: the server stops with exit status 0 and, in the
// sanitizer build, without a report. (Signed-in sockets used to outlive the server that owned their
// sweeper: a use after free at every shutdown.) TestServer::stop() checks the status and the log.
#include <gtest/gtest.h>

#include "abuse_kit.h"
#include "test_server.h"

using namespace parley::test;
namespace bj = boost::json;

TEST(Shutdown, SigtermWithSignedInSocketsExitsCleanly) {
  TestServer server;
  auto agentToken = server.login();
  WsClient agent(server.port());
  ASSERT_EQ(str(agent.hello(agentToken).at("type")), "welcome");
  auto [visitorToken, ws] = server.newVisitor();
  std::vector<std::unique_ptr<WsClient>> visitors;
  for (int i = 0; i < 3; ++i) {
    visitors.push_back(std::make_unique<WsClient>(server.port()));
    ASSERT_EQ(str(visitors.back()->hello(visitorToken).at("type")), "welcome");
  }
  visitors[0]->send(bj::object{{"type", "message.send"}, {"client_id", "bye"}, {"body", "still typing"}});
  ASSERT_TRUE(visitors[0]->waitFor("message.ack"));
  // An idle keep-alive HTTP connection and a socket that never said hello, too.
  using namespace parley::test::abuse;
  Sockets idle;
  idle.add(connectFrom("127.0.0.1", server.port()));
  int preHello = connectFrom("127.0.0.1", server.port());
  sendAll(preHello, upgradeRequest(server.port()));
  idle.add(preHello);

  server.stop();
  EXPECT_FALSE(HasFailure()) << "see the server's exit status and log above";
}
