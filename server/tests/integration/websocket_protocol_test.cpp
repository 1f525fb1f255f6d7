// The server's own RFC 6455 code, seen from the wire: raw TCP where Beast's client would never send
// the bytes (unmasked frames, fragments, binary, many frames in one write), plus the handshake
// errors. After each case the healthy chat of the fixture must still work.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <thread>

#include "healthy_chat_fixture.h"
#include "raw_websocket.h"
#include "test_server.h"

namespace bj = boost::json;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using namespace parley::test;
using namespace std::chrono_literals;

namespace {

using namespace parley::test::rawws;

std::vector<std::pair<std::string, std::string>> upgradeHeaders(const std::string& key, const std::string& version) {
  std::vector<std::pair<std::string, std::string>> h{{"Upgrade", "websocket"}, {"Connection", "Upgrade"}};
  if (!key.empty()) h.emplace_back("Sec-WebSocket-Key", key);
  if (!version.empty()) h.emplace_back("Sec-WebSocket-Version", version);
  return h;
}

// The server's close frame with `code`, then the end of the TCP stream.
void expectClose(RawWs& ws, int code, const std::string& what) {
  auto f = ws.readFrame();
  ASSERT_TRUE(f) << what << ": no close frame";
  EXPECT_EQ(f->opcode, Close) << what;
  EXPECT_FALSE(f->masked) << what << ": server frames must not be masked";
  EXPECT_EQ(f->closeCode(), code) << what;
  EXPECT_TRUE(ws.readsEof()) << what << ": the server must end the TCP stream after its close frame";
}

class WebSocketProtocol : public HealthyChatTest {
 protected:
  // A raw socket that has upgraded and said hello as the admin agent.
  std::unique_ptr<RawWs> rawAgent() {
    auto ws = std::make_unique<RawWs>(server.port());
    auto head = ws->upgrade();
    EXPECT_TRUE(head.starts_with("HTTP/1.1 101")) << head;
    auto w = ws->hello(agentToken);
    EXPECT_TRUE(w && str(w->at("type")) == "welcome") << (w ? bj::serialize(*w) : "no answer to hello");
    return ws;
  }
};

}  // namespace

TEST_F(WebSocketProtocol, HandshakeAnswersWithTheRfcAcceptKey) {
  RawWs ws(server.port());
  auto head = ws.upgrade();
  EXPECT_TRUE(head.starts_with("HTTP/1.1 101 ")) << head;
  EXPECT_NE(head.find(std::string("Sec-WebSocket-Accept: ") + kRfcAccept + "\r\n"), std::string::npos) << head;
  EXPECT_NE(head.find("Upgrade: websocket\r\n"), std::string::npos) << head;
}

TEST_F(WebSocketProtocol, FrameSentWithTheHandshakeIsRead) {
  RawWs ws(server.port());
  auto head = ws.upgrade(textFrame(bj::object{{"type", "hello"}, {"token", agentToken}}));
  ASSERT_TRUE(head.starts_with("HTTP/1.1 101")) << head;
  auto w = ws.readJson();
  ASSERT_TRUE(w) << "a hello in the same TCP write as the upgrade was lost";
  EXPECT_EQ(str(w->at("type")), "welcome");
  expectChatStillWorks();
}

TEST_F(WebSocketProtocol, PingGetsPongWithTheSamePayload) {
  auto ws = rawAgent();
  const std::string payload("ping\0\xff\x01 payload", 16);
  ws->write(frame(Ping, payload));
  auto f = ws->readFrame();
  ASSERT_TRUE(f) << "no answer to a ping";
  EXPECT_EQ(f->opcode, Pong);
  EXPECT_TRUE(f->fin);
  EXPECT_FALSE(f->masked) << "server frames must not be masked";
  EXPECT_EQ(f->payload, payload);
  // An empty ping gets an empty pong, and the socket goes on.
  ws->write(frame(Ping, ""));
  f = ws->readFrame();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->opcode, Pong);
  EXPECT_EQ(f->payload, "");
  ws->write(textFrame(bj::object{{"type", "ping"}, {"t", 3}}));
  auto pong = ws->readJson();
  ASSERT_TRUE(pong);
  EXPECT_EQ(str(pong->at("type")), "pong");
  expectChatStillWorks();
}

TEST_F(WebSocketProtocol, FragmentedTextIsOneMessage) {
  RawWs ws(server.port());
  ASSERT_TRUE(ws.upgrade().starts_with("HTTP/1.1 101"));
  const std::string hello = bj::serialize(bj::object{{"type", "hello"}, {"token", agentToken}});
  const std::size_t a = hello.size() / 3, b = 2 * hello.size() / 3;
  ws.write(frame(Text, hello.substr(0, a), false));
  ws.write(frame(Cont, hello.substr(a, b - a), false));
  // A control frame may come between fragments (RFC 6455 5.4).
  ws.write(frame(Ping, "mid"));
  ws.write(frame(Cont, hello.substr(b), true));
  auto pong = ws.readFrame();
  ASSERT_TRUE(pong);
  EXPECT_EQ(pong->opcode, Pong);
  EXPECT_EQ(pong->payload, "mid");
  auto w = ws.readJson();
  ASSERT_TRUE(w) << "no answer to a fragmented hello";
  EXPECT_EQ(str(w->at("type")), "welcome") << bj::serialize(*w);
  EXPECT_FALSE(ws.readFrame(300ms)) << "a fragment must not be answered on its own";
  expectChatStillWorks();
}

TEST_F(WebSocketProtocol, FrameSplitAcrossManyTcpWritesIsReassembled) {
  RawWs ws(server.port());
  ASSERT_TRUE(ws.upgrade().starts_with("HTTP/1.1 101"));
  const std::string bytes = textFrame(bj::object{{"type", "hello"}, {"token", agentToken}});
  for (char c : bytes) {
    ws.write(std::string(1, c));
    std::this_thread::sleep_for(1ms);
  }
  auto w = ws.readJson();
  ASSERT_TRUE(w);
  EXPECT_EQ(str(w->at("type")), "welcome");
}

TEST_F(WebSocketProtocol, BinaryFrameGetsBadJsonAndTheSocketStays) {
  auto ws = rawAgent();
  ws->write(frame(Binary, R"({"type":"ping","t":1})"));
  auto e = ws->readJson();
  ASSERT_TRUE(e) << "no answer to a binary frame";
  EXPECT_EQ(str(e->at("type")), "error");
  EXPECT_EQ(str(e->at("code")), "bad_json");
  ws->write(textFrame(bj::object{{"type", "ping"}, {"t", 5}}));
  auto pong = ws->readJson();
  ASSERT_TRUE(pong) << "the socket must survive a binary frame";
  EXPECT_EQ(str(pong->at("type")), "pong");
  EXPECT_EQ(pong->at("t").as_int64(), 5);
  EXPECT_FALSE(ws->eof());
  expectChatStillWorks();
}

TEST_F(WebSocketProtocol, UnmaskedClientFrameGetsClose1002) {
  auto ws = rawAgent();
  ws->write(frame(Text, R"({"type":"ping","t":1})", true, false));
  expectClose(*ws, 1002, "unmasked text frame");
  expectChatStillWorks();
}

TEST_F(WebSocketProtocol, FragmentationErrorsGetClose1002) {
  auto lone = rawAgent();
  lone->write(frame(Cont, R"({"type":"ping"})"));
  expectClose(*lone, 1002, "a continuation with nothing to continue");
  auto mid = rawAgent();
  mid->write(frame(Text, R"({"type":)", false) + frame(Text, R"({"type":"ping"})"));
  expectClose(*mid, 1002, "a new message in the middle of a fragmented one");
  expectChatStillWorks();
}

TEST_F(WebSocketProtocol, OversizedFrameHeaderGetsClose1009AtOnce) {
  auto ws = rawAgent();
  // Only the header of a 1 MiB frame: the server must not wait for the payload.
  ws->write(frame(Text, std::string(1 << 20, 'x')).substr(0, 14));
  expectClose(*ws, 1009, "the header of a 1 MiB frame");
  expectChatStillWorks();
}

TEST_F(WebSocketProtocol, ClientCloseIsEchoedThenTcpEnds) {
  auto ws = rawAgent();
  ws->write(frame(Close, closePayload(1000) + "bye"));
  expectClose(*ws, 1000, "a client close 1000");
  // A close with no code is answered with 1000: 1005 must never be sent on the wire.
  auto bare = rawAgent();
  bare->write(frame(Close, ""));
  expectClose(*bare, 1000, "a client close with no code");
  // Codes only an endpoint itself may use (1006: connection lost) are refused, not echoed.
  auto reserved = rawAgent();
  reserved->write(frame(Close, closePayload(1006)));
  expectClose(*reserved, 1002, "a client close with the reserved code 1006");
  expectChatStillWorks();
}

TEST_F(WebSocketProtocol, WrongVersionGets426) {
  auto r = httpRequest(server.port(), "GET", "/ws", {}, {}, "application/json", upgradeHeaders(kRfcKey, "8"));
  EXPECT_EQ(r.status, 426) << r.body;
  EXPECT_NE(r.body.find("Sec-WebSocket-Version"), std::string::npos) << r.body;
  EXPECT_EQ(str(r.json().at("error").at("field")), "Sec-WebSocket-Version") << r.body;
  EXPECT_EQ(r.headers["sec-websocket-version"], "13");
  r = httpRequest(server.port(), "GET", "/ws", {}, {}, "application/json", upgradeHeaders(kRfcKey, ""));
  EXPECT_EQ(r.status, 426) << "a missing version: " << r.body;
  expectChatStillWorks();
}

TEST_F(WebSocketProtocol, BadKeyGets400) {
  for (const std::string key : {"", "short", "dGhlIHNhbXBsZSBub25jZQ", "dGhlIHNhbXBsZSBub25jZ-==",
                                "dGhlIHNhbXBsZSBub25jZQ==dGhl"}) {
    auto r = httpRequest(server.port(), "GET", "/ws", {}, {}, "application/json", upgradeHeaders(key, "13"));
    EXPECT_EQ(r.status, 400) << "key '" << key << "': " << r.body;
    EXPECT_NE(r.body.find("Sec-WebSocket-Key"), std::string::npos) << r.body;
    EXPECT_EQ(str(r.json().at("error").at("field")), "Sec-WebSocket-Key") << r.body;
  }
  expectChatStillWorks();
}

TEST_F(WebSocketProtocol, ManyFramesInOneWriteAreAllAnswered) {
  auto ws = rawAgent();
  std::string batch;
  for (int i = 0; i < 50; ++i) batch += textFrame(bj::object{{"type", "ping"}, {"t", i}});
  ws->write(batch);
  for (int i = 0; i < 50; ++i) {
    auto pong = ws->readJson();
    ASSERT_TRUE(pong) << "only " << i << " of 50 pings were answered";
    ASSERT_EQ(str(pong->at("type")), "pong") << bj::serialize(*pong);
    EXPECT_EQ(pong->at("t").as_int64(), i) << "answers out of order";
  }
  EXPECT_FALSE(ws->readFrame(300ms)) << "more answers than pings";
  expectChatStillWorks();
}

TEST_F(WebSocketProtocol, BigBatchAcrossReadsIsAllAnswered) {
  // ~1 MB of frames in one write: more than one read buffer, so frames straddle reads.
  auto ws = rawAgent();
  const std::string pad(200, 'p');
  const int count = 5000;
  std::string batch;
  for (int i = 0; i < count; ++i) batch += textFrame(bj::object{{"type", "ping"}, {"t", i}, {"pad", pad}});
  std::thread writer([&] { ws->write(batch); });
  int got = 0;
  for (; got < count; ++got) {
    auto pong = ws->readJson(5000ms);
    if (!pong || str(pong->at("type")) != "pong" || pong->at("t").as_int64() != got) break;
  }
  if (got < count) ws->abort();  // the server stopped answering: do not wait on a stuck write
  writer.join();
  EXPECT_EQ(got, count);
  expectChatStillWorks();
}
