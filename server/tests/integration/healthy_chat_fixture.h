// A server with a healthy chat (one agent, one visitor, both said hello) that must keep working
// through whatever bad input a test throws at other sockets.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "test_server.h"

namespace parley::test {

class HealthyChatTest : public ::testing::Test {
 protected:
  void SetUp() override {
    agentToken = server.login();
    auto [token, ws] = server.newVisitor();
    visitorToken = token;
    agent = std::make_unique<WsClient>(server.port());
    agent->hello(agentToken);
    visitor = std::make_unique<WsClient>(server.port());
    visitor->hello(visitorToken);
  }

  void expectChatStillWorks() {
    static int n = 0;
    auto id = "still-ok-" + std::to_string(++n);
    visitor->send(boost::json::object{{"type", "message.send"}, {"client_id", id}, {"body", "still here " + id}});
    ASSERT_TRUE(visitor->waitFor("message.ack")) << "the healthy visitor got no ack";
    auto seen = agent->waitFor([&](const boost::json::object& f) {
      return str(f.at("type")) == "message.created" && str(f.at("message").at("client_id")) == id;
    });
    ASSERT_TRUE(seen) << "the healthy agent did not see " << id;
  }

  TestServer server;
  std::string agentToken, visitorToken;
  std::unique_ptr<WsClient> agent, visitor;
};

}  // namespace parley::test
