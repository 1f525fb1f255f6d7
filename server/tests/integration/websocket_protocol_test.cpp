// The server's own RFC 6455 code, seen from the wire: raw TCP where Beast's client would never send
// the bytes (unmasked frames, fragments, binary, many frames in one write), plus the handshake
// errors. After each case the healthy chat of the fixture must still work.
#include <gtest/gtest.h>
#include <poll.h>

#include <boost/asio.hpp>
#include <thread>

#include "healthy_chat_fixture.h"
#include "test_server.h"

namespace bj = boost::json;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using namespace parley::test;
using namespace std::chrono_literals;

namespace {

constexpr const char* kRfcKey = "dGhlIHNhbXBsZSBub25jZQ==";
constexpr const char* kRfcAccept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

enum Op : std::uint8_t { Cont = 0x0, Text = 0x1, Binary = 0x2, Close = 0x8, Ping = 0x9, Pong = 0xA };

// A client frame, encoded here (not with the server's code) so the test checks the wire format.
std::string frame(std::uint8_t op, std::string_view payload, bool fin = true, bool masked = true) {
  static const unsigned char key[4] = {0x9c, 0x41, 0xe3, 0x07};
  const std::uint64_t n = payload.size();
  const int m = masked ? 0x80 : 0, ext = n < 126 ? 0 : n <= 0xFFFF ? 2 : 8;
  std::string f{static_cast<char>((fin ? 0x80 : 0) | op), static_cast<char>(m | (ext == 0 ? n : ext == 2 ? 126 : 127))};
  for (int i = ext - 1; i >= 0; --i) f.push_back(static_cast<char>(n >> (8 * i)));  // big-endian length
  if (!masked) return f.append(payload);
  f.append(reinterpret_cast<const char*>(key), 4);
  for (std::size_t i = 0; i < payload.size(); ++i) f.push_back(static_cast<char>(payload[i] ^ key[i % 4]));
  return f;
}

std::string textFrame(const bj::value& v) { return frame(Text, bj::serialize(v)); }

std::string closePayload(std::uint16_t code) { return {static_cast<char>(code >> 8), static_cast<char>(code & 0xFF)}; }

struct ServerFrame {
  std::uint8_t opcode = 0;
  bool fin = false;
  bool masked = false;
  std::string payload;
  int closeCode() const {
    return payload.size() < 2 ? 1005
                              : (static_cast<unsigned char>(payload[0]) << 8) | static_cast<unsigned char>(payload[1]);
  }
};

// One WebSocket over a plain TCP socket; reads wait with poll() so a test can never hang.
class RawWs {
 public:
  explicit RawWs(int port) : sock_(ioc_), port_(port) {
    sock_.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
    sock_.set_option(tcp::no_delay(true));
  }

  // Sends the upgrade request (and `after` in the same write); returns the response head.
  std::string upgrade(const std::string& after = {}) {
    write("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port_) +
          "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + kRfcKey +
          "\r\nSec-WebSocket-Version: 13\r\n\r\n" + after);
    std::size_t end;
    while ((end = in_.find("\r\n\r\n")) == std::string::npos)
      if (!fill(3000ms)) return "no response: " + in_;
    std::string head = in_.substr(0, end + 4);
    in_.erase(0, end + 4);
    return head;
  }

  // False when the server already closed or reset the stream (a test then fails on what it reads).
  bool write(const std::string& bytes) {
    boost::system::error_code ec;
    net::write(sock_, net::buffer(bytes), ec);
    return !ec;
  }
  // Unblocks a write in flight on another thread.
  void abort() {
    boost::system::error_code ec;
    sock_.shutdown(tcp::socket::shutdown_both, ec);
  }

  // The next whole server frame, or nullopt on timeout or EOF. Agents' presence broadcasts (an agent
  // socket hears its own hello as "online") arrive at any time and are skipped; nothing else is.
  std::optional<ServerFrame> readFrame(std::chrono::milliseconds timeout = 3000ms) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      while (auto f = take()) {
        if (f->opcode == Text && f->payload.starts_with(R"({"type":"presence")")) continue;
        return f;
      }
      if (!fill(left(deadline))) return std::nullopt;
    }
  }

  // The next text frame as JSON (skips nothing: any other frame is a failure, returned as type "<opN>").
  std::optional<bj::object> readJson(std::chrono::milliseconds timeout = 3000ms) {
    auto f = readFrame(timeout);
    if (!f) return std::nullopt;
    if (f->opcode != Text) return bj::object{{"type", "<op" + std::to_string(f->opcode) + ">"}};
    boost::system::error_code ec;
    auto v = bj::parse(f->payload, ec);
    if (ec || !v.is_object()) return bj::object{{"type", "<not json>"}, {"raw", f->payload}};
    return v.get_object();
  }

  std::optional<bj::object> hello(const std::string& token) {
    write(textFrame(bj::object{{"type", "hello"}, {"token", token}}));
    return readJson();
  }

  // True when the server ends the TCP stream (a FIN, not a reset) in time, with no further bytes.
  bool readsEof(std::chrono::milliseconds timeout = 3000ms) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!eof_ && fill(left(deadline))) {
    }
    return eof_ && !reset_ && in_.empty();
  }
  bool eof() const { return eof_; }

 private:
  static std::chrono::milliseconds left(std::chrono::steady_clock::time_point deadline) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  }

  // Reads what arrives within the timeout; false on timeout or at the end of the stream.
  bool fill(std::chrono::milliseconds timeout) {
    if (eof_ || timeout.count() <= 0) return false;
    pollfd p{sock_.native_handle(), POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return false;
    char buf[16 * 1024];
    boost::system::error_code ec;
    std::size_t n = sock_.read_some(net::buffer(buf), ec);
    if (ec) {
      eof_ = true;  // EOF, or a reset: either way the stream is over
      reset_ = ec != net::error::eof;
      return false;
    }
    in_.append(buf, n);
    return true;
  }

  std::optional<ServerFrame> take() {
    if (in_.size() < 2) return std::nullopt;
    const auto b0 = static_cast<unsigned char>(in_[0]), b1 = static_cast<unsigned char>(in_[1]);
    std::uint64_t len = b1 & 0x7F;
    std::size_t header = 2;
    if (len == 126) {
      if (in_.size() < 4) return std::nullopt;
      len = (static_cast<unsigned char>(in_[2]) << 8) | static_cast<unsigned char>(in_[3]);
      header = 4;
    } else if (len == 127) {
      if (in_.size() < 10) return std::nullopt;
      len = 0;
      for (int i = 2; i < 10; ++i) len = (len << 8) | static_cast<unsigned char>(in_[i]);
      header = 10;
    }
    if (b1 & 0x80) header += 4;  // a server must not mask; reported through `masked`
    if (in_.size() < header + len) return std::nullopt;
    ServerFrame f{static_cast<std::uint8_t>(b0 & 0x0F), (b0 & 0x80) != 0, (b1 & 0x80) != 0,
                  in_.substr(header, static_cast<std::size_t>(len))};
    in_.erase(0, header + static_cast<std::size_t>(len));
    return f;
  }

  net::io_context ioc_;
  tcp::socket sock_;
  int port_ = 0;
  std::string in_;
  bool eof_ = false;
  bool reset_ = false;
};

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
