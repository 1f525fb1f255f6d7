// A WebSocket client on a plain TCP socket for tests that must put exact bytes on the wire
// (unmasked frames, fragments, silence). Frames are encoded here, not with the server's code, so a
// test checks the wire format; reads wait with poll() so a test can never hang.
#pragma once

#include <poll.h>

#include <boost/asio.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "test_server.h"

namespace parley::test::rawws {

namespace bj = boost::json;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;

constexpr const char* kRfcKey = "dGhlIHNhbXBsZSBub25jZQ==";
constexpr const char* kRfcAccept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

enum Op : std::uint8_t { Cont = 0x0, Text = 0x1, Binary = 0x2, Close = 0x8, Ping = 0x9, Pong = 0xA };

// A client frame, encoded here (not with the server's code) so the test checks the wire format.
inline std::string frame(std::uint8_t op, std::string_view payload, bool fin = true, bool masked = true) {
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

inline std::string textFrame(const bj::value& v) { return frame(Text, bj::serialize(v)); }

inline std::string closePayload(std::uint16_t code) { return {static_cast<char>(code >> 8), static_cast<char>(code & 0xFF)}; }

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

}  // namespace parley::test::rawws
