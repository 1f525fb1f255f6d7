// The heart of the product: a visitor writes, the agent sees it at once and answers.
#include <gtest/gtest.h>

#include "test_server.h"

namespace bj = boost::json;
using namespace parley::test;

namespace {

class ChatFlow : public ::testing::Test {
 protected:
  TestServer server;
};

bj::object sendMessage(WsClient& ws, const std::string& clientId, const std::string& body,
                       std::optional<std::int64_t> conversation = std::nullopt) {
  bj::object f{{"type", "message.send"}, {"client_id", clientId}, {"body", body}};
  if (conversation) f["conversation_id"] = *conversation;
  ws.send(f);
  auto ack = ws.waitFor("message.ack");
  if (!ack) throw std::runtime_error("no ack for " + clientId);
  return *ack;
}

}  // namespace

TEST_F(ChatFlow, VisitorMessageReachesAgentAndReplyReachesVisitor) {
  auto agentToken = server.login();
  WsClient agent(server.port());
  auto welcome = agent.hello(agentToken);
  ASSERT_EQ(str(welcome.at("type")), "welcome");
  EXPECT_EQ(str(welcome.at("role")), "agent");

  auto [visitorToken, ws] = server.newVisitor();
  WsClient visitor(server.port());
  auto vw = visitor.hello(visitorToken);
  ASSERT_EQ(str(vw.at("type")), "welcome") << bj::serialize(vw);
  EXPECT_EQ(str(vw.at("role")), "visitor");
  EXPECT_EQ(vw.at("agents_online").as_int64(), 1);

  auto ack = sendMessage(visitor, "c-1", "Hello, is anyone there?");
  EXPECT_EQ(ack.at("seq").as_int64(), 1);
  auto convId = ack.at("conversation_id").as_int64();
  EXPECT_GT(convId, 0);

  auto created = agent.waitFor("conversation.created");
  ASSERT_TRUE(created);
  EXPECT_EQ(created->at("conversation").at("id").as_int64(), convId);
  auto seen = agent.waitFor("message.created");
  ASSERT_TRUE(seen);
  EXPECT_EQ(str(seen->at("message").at("body")), "Hello, is anyone there?");
  EXPECT_EQ(str(seen->at("message").at("sender_type")), "visitor");
  EXPECT_GT(seen->at("offset").as_int64(), created->at("offset").as_int64());

  // The agent answers over the socket; the visitor sees it with the agent's name.
  agent.send(bj::object{{"type", "message.send"}, {"conversation_id", convId}, {"client_id", "a-1"}, {"body", "Hi! How can I help?"}});
  auto agentAck = agent.waitFor("message.ack");
  ASSERT_TRUE(agentAck);
  EXPECT_EQ(agentAck->at("seq").as_int64(), 2);
  auto reply = visitor.waitFor([](const bj::object& f) {
    return str(f.at("type")) == "message.created" && str(f.at("message").at("sender_type")) == "agent";
  });
  ASSERT_TRUE(reply);
  EXPECT_EQ(str(reply->at("message").at("body")), "Hi! How can I help?");
  EXPECT_EQ(str(reply->at("message").at("sender").at("name")), "Ada Admin");
  EXPECT_FALSE(reply->contains("offset")) << "visitors never see the agents' event log";

  // And over REST, which shows both messages in seq order.
  auto r = server.get("/api/v1/conversations/" + std::to_string(convId) + "/messages", agentToken);
  ASSERT_EQ(r.status, 200) << r.body;
  auto msgs = r.json().at("messages").as_array();
  ASSERT_EQ(msgs.size(), 2u);
  EXPECT_EQ(msgs[0].at("seq").as_int64(), 1);
  EXPECT_EQ(msgs[1].at("seq").as_int64(), 2);
}

TEST_F(ChatFlow, PrivateNotesNeverReachTheVisitor) {
  auto agentToken = server.login();
  auto [visitorToken, ws] = server.newVisitor();
  WsClient visitor(server.port());
  visitor.hello(visitorToken);
  auto convId = sendMessage(visitor, "v1", "Need help").at("conversation_id").as_int64();
  visitor.waitFor("message.created");

  auto note = server.post("/api/v1/conversations/" + std::to_string(convId) + "/messages",
                          bj::object{{"body", "VIP customer, be nice"}, {"private", true}, {"client_id", "n1"}}, agentToken);
  ASSERT_EQ(note.status, 201) << note.body;
  auto pub = server.post("/api/v1/conversations/" + std::to_string(convId) + "/messages",
                         bj::object{{"body", "Sure, what do you need?"}, {"client_id", "p1"}}, agentToken);
  ASSERT_EQ(pub.status, 201) << pub.body;

  auto f = visitor.waitFor("message.created");
  ASSERT_TRUE(f);
  EXPECT_EQ(str(f->at("message").at("body")), "Sure, what do you need?") << "the note must have been skipped";

  auto history = server.get("/api/v1/widget/conversations/" + std::to_string(convId) + "/messages", visitorToken);
  ASSERT_EQ(history.status, 200);
  auto historyJson = history.json();
  for (const auto& m : historyJson.at("messages").as_array()) EXPECT_NE(str(m.at("body")), "VIP customer, be nice");
  EXPECT_EQ(historyJson.at("messages").as_array().size(), 2u);
}

TEST_F(ChatFlow, DuplicateClientIdGetsTheFirstAck) {
  auto [visitorToken, ws] = server.newVisitor();
  WsClient visitor(server.port());
  visitor.hello(visitorToken);
  auto first = sendMessage(visitor, "same-id", "once");
  auto convId = first.at("conversation_id").as_int64();
  auto second = sendMessage(visitor, "same-id", "once", convId);
  EXPECT_EQ(second.at("seq").as_int64(), first.at("seq").as_int64());
  EXPECT_EQ(second.at("id").as_int64(), first.at("id").as_int64());
  EXPECT_TRUE(second.at("duplicate").as_bool());
  // Even without conversation_id (a resend whose first ack was lost) no second row appears.
  auto third = sendMessage(visitor, "same-id", "once");
  EXPECT_EQ(third.at("id").as_int64(), first.at("id").as_int64());

  auto agentToken = server.login();
  auto r = server.get("/api/v1/conversations/" + std::to_string(convId) + "/messages", agentToken);
  EXPECT_EQ(r.json().at("messages").as_array().size(), 1u);
}

TEST_F(ChatFlow, TypingCarriesTheDraftToAgentsOnly) {
  auto agentToken = server.login();
  WsClient agent(server.port());
  agent.hello(agentToken);
  auto [visitorToken, ws] = server.newVisitor();
  WsClient visitor(server.port());
  visitor.hello(visitorToken);
  auto convId = sendMessage(visitor, "t1", "hi").at("conversation_id").as_int64();

  visitor.send(bj::object{{"type", "typing"}, {"conversation_id", convId}, {"typing", true}, {"draft", "my order num"}});
  auto t = agent.waitFor("typing");
  ASSERT_TRUE(t);
  EXPECT_EQ(str(t->at("draft")), "my order num");
  EXPECT_EQ(str(t->at("sender_type")), "visitor");

  agent.send(bj::object{{"type", "typing"}, {"conversation_id", convId}, {"typing", true}});
  auto vt = visitor.waitFor("typing");
  ASSERT_TRUE(vt);
  EXPECT_EQ(str(vt->at("sender_type")), "agent");
  EXPECT_FALSE(vt->contains("draft"));
}

TEST_F(ChatFlow, ReadReceiptsGoBothWays) {
  auto agentToken = server.login();
  WsClient agent(server.port());
  agent.hello(agentToken);
  auto [visitorToken, ws] = server.newVisitor();
  WsClient visitor(server.port());
  visitor.hello(visitorToken);
  auto convId = sendMessage(visitor, "r1", "hello").at("conversation_id").as_int64();

  agent.send(bj::object{{"type", "read"}, {"conversation_id", convId}, {"seq", 1}});
  auto seen = visitor.waitFor("read");
  ASSERT_TRUE(seen);
  EXPECT_EQ(str(seen->at("reader_type")), "agent");
  EXPECT_EQ(seen->at("seq").as_int64(), 1);

  auto conv = server.get("/api/v1/conversations/" + std::to_string(convId), agentToken).json();
  EXPECT_EQ(conv.at("conversation").at("agent_last_read_seq").as_int64(), 1);
}

TEST_F(ChatFlow, PresenceTellsVisitorsWhenAnAgentComesOnline) {
  auto [visitorToken, ws] = server.newVisitor();
  WsClient visitor(server.port());
  auto w = visitor.hello(visitorToken);
  EXPECT_EQ(w.at("agents_online").as_int64(), 0);
  WsClient agent(server.port());
  agent.hello(server.login());
  auto p = visitor.waitFor("presence");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->at("agents_online").as_int64(), 1);
  agent.send(bj::object{{"type", "presence.set"}, {"status", "away"}});
  auto away = visitor.waitFor("presence");
  ASSERT_TRUE(away);
  EXPECT_EQ(away->at("agents_online").as_int64(), 0);
}
