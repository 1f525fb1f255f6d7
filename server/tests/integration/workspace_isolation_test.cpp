// Workspace A's agent never learns that workspace B's rows exist: 404, not 403.
#include <gtest/gtest.h>

#include "test_server.h"

namespace bj = boost::json;
using namespace parley::test;

TEST(WorkspaceIsolation, AnotherWorkspacesIdsAreNotFound) {
  TestServer server;
  ASSERT_EQ(server.runCli({"agent", "add", "--data", server.dataDir(), "--workspace", "Other Co", "--email", "bob@other.test",
                           "--name", "Bob", "--password", "bob-password", "--role", "admin"}),
            0);
  auto tokenA = server.login();
  auto tokenB = server.login("bob@other.test", "bob-password");
  auto meB = server.get("/api/v1/me", tokenB).json();
  auto meA = server.get("/api/v1/me", tokenA).json();
  ASSERT_NE(meA.at("workspace").at("id").as_int64(), meB.at("workspace").at("id").as_int64());

  auto [visitorToken, ws] = server.newVisitor();  // a visitor of workspace A
  WsClient visitor(server.port());
  visitor.hello(visitorToken);
  visitor.send(bj::object{{"type", "message.send"}, {"client_id", "a"}, {"body", "secret of A"}});
  auto ack = visitor.waitFor("message.ack");
  ASSERT_TRUE(ack);
  auto conv = std::to_string(ack->at("conversation_id").as_int64());
  auto contact = server.get("/api/v1/conversations/" + conv, tokenA).json().at("conversation").at("contact_id");

  EXPECT_EQ(server.get("/api/v1/conversations/" + conv, tokenA).status, 200);
  EXPECT_EQ(server.get("/api/v1/conversations/" + conv, tokenB).status, 404);
  EXPECT_EQ(server.get("/api/v1/conversations/" + conv + "/messages", tokenB).status, 404);
  EXPECT_EQ(server.patch("/api/v1/conversations/" + conv, bj::object{{"status", "resolved"}}, tokenB).status, 404);
  EXPECT_EQ(server.post("/api/v1/conversations/" + conv + "/messages", bj::object{{"body", "hi"}}, tokenB).status, 404);
  EXPECT_EQ(server.get("/api/v1/contacts/" + std::to_string(contact.as_int64()), tokenB).status, 404);
  auto listB = server.get("/api/v1/conversations", tokenB).json();
  EXPECT_TRUE(listB.at("conversations").as_array().empty());

  // Over the socket too, and B's agent never sees A's events.
  WsClient agentB(server.port());
  agentB.hello(tokenB);
  agentB.send(bj::object{{"type", "message.send"}, {"conversation_id", std::stoll(conv)}, {"client_id", "b"}, {"body", "x"}});
  auto e = agentB.waitFor("error");
  ASSERT_TRUE(e);
  EXPECT_EQ(str(e->at("code")), "not_found");
  visitor.send(bj::object{{"type", "message.send"}, {"client_id", "a2"}, {"body", "more secrets"}});
  ASSERT_TRUE(visitor.waitFor("message.ack"));
  EXPECT_FALSE(agentB.waitFor("message.created", std::chrono::milliseconds(500)));
  // Nor does A's conversation show up in B's replay.
  agentB.send(bj::object{{"type", "resume"}, {"after_offset", 0}});
  auto f = agentB.waitFor([](const bj::object& o) { return str(o.at("type")) != "presence"; });
  ASSERT_TRUE(f);
  EXPECT_EQ(str(f->at("type")), "resume.done");
}
