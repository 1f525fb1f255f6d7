// The sweeper's deadlines, on a server whose keep-alive tick is 100 ms instead of 5 s: hello within
// 2 ticks, a ping after 6 silent ticks, the socket dropped after 12; a peer that answers stays.
#include <gtest/gtest.h>

#include "raw_websocket.h"
#include "test_server.h"

using namespace parley::test;
using namespace parley::test::rawws;

namespace {

class WebSocketKeepalive : public ::testing::Test {
 protected:
  // A raw socket that has upgraded and said hello as the admin agent.
  std::unique_ptr<RawWs> welcomedAgent() {
    // Log in first: the hello deadline is 2 ticks (200 ms), less than a login may take on a busy machine.
    auto token = server.login();
    auto ws = std::make_unique<RawWs>(server.port());
    EXPECT_TRUE(ws->upgrade().starts_with("HTTP/1.1 101"));
    auto w = ws->hello(token);
    EXPECT_TRUE(w && str(w->at("type")) == "welcome");
    return ws;
  }

  TestServer server{{"--ws-tick-ms", "100"}};
};

TEST_F(WebSocketKeepalive, ASocketWithoutHelloIsRefusedAndClosed) {
  RawWs ws(server.port());
  ASSERT_TRUE(ws.upgrade().starts_with("HTTP/1.1 101"));
  auto e = ws.readJson(2000ms);
  ASSERT_TRUE(e) << "no error before the deadline passed";
  EXPECT_EQ(str(e->at("type")), "error");
  EXPECT_EQ(str(e->at("code")), "unauthorized");
  auto f = ws.readFrame(2000ms);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->opcode, Close);
  EXPECT_EQ(f->closeCode(), 1008);
}

TEST_F(WebSocketKeepalive, ASilentPeerIsPingedThenDropped) {
  auto agent = welcomedAgent();
  RawWs& ws = *agent;
  ASSERT_FALSE(HasFailure());
  auto ping = ws.readFrame(3000ms);
  ASSERT_TRUE(ping) << "no ping after 6 silent ticks";
  EXPECT_EQ(ping->opcode, Ping);
  // Say nothing, not even pong: after 12 silent ticks the server gives the peer up.
  EXPECT_TRUE(ws.readsEof(4000ms)) << "a silent socket must be dropped";
}

TEST_F(WebSocketKeepalive, APeerThatAnswersPingsStays) {
  auto agent = welcomedAgent();
  RawWs& ws = *agent;
  ASSERT_FALSE(HasFailure());
  int pings = 0;
  const auto until = std::chrono::steady_clock::now() + 3500ms;  // ~3 drop deadlines
  while (std::chrono::steady_clock::now() < until) {
    auto f = ws.readFrame(500ms);
    if (!f) {
      ASSERT_FALSE(ws.eof()) << "dropped although it answered every ping";
      continue;
    }
    if (f->opcode == Ping) {
      ++pings;
      ASSERT_TRUE(ws.write(frame(Pong, f->payload)));
    }
  }
  EXPECT_GE(pings, 2);
  ws.write(textFrame(boost::json::object{{"type", "ping"}, {"t", 7}}));
  auto pong = ws.readJson();
  ASSERT_TRUE(pong);
  EXPECT_EQ(str(pong->at("type")), "pong") << "the socket still works";
}

}  // namespace
