// RFC 6455 framing, without I/O: the server's WebSocket reads client frames from a shared buffer
// and writes its own frames into a byte string. Keeping this pure lets it be tested byte by byte
// and keeps the per-socket state down to a few pointers (see WebSocketSession).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace parley {

enum class WsOpcode : std::uint8_t { Continuation = 0x0, Text = 0x1, Binary = 0x2, Close = 0x8, Ping = 0x9, Pong = 0xA };

// Close codes the server sends (RFC 6455 7.4.1).
namespace ws_close {
constexpr std::uint16_t kNormal = 1000;
constexpr std::uint16_t kProtocolError = 1002;
constexpr std::uint16_t kPolicyViolation = 1008;
constexpr std::uint16_t kTooBig = 1009;
}  // namespace ws_close

struct WsFrame {
  WsOpcode opcode = WsOpcode::Text;
  bool fin = true;
  std::string_view payload;  // unmasked, points into the parsed buffer
};

struct WsParseResult {
  enum Status { Frame, NeedMore, Error } status = NeedMore;
  WsFrame frame;
  std::size_t consumed = 0;        // bytes of this frame (header + payload) when status == Frame
  std::uint16_t close_code = 0;    // when status == Error
  const char* reason = "";         // when status == Error
};

// Parses one client frame at the start of [data, data + size) and unmasks its payload in place.
// Client frames must be masked; extensions are not negotiated, so RSV bits must be clear.
// A payload over max_payload is an Error with close code 1009 as soon as the header is read.
WsParseResult parseClientFrame(char* data, std::size_t size, std::size_t max_payload);

// Appends one unmasked, final server frame.
void appendServerFrame(std::string& out, WsOpcode opcode, std::string_view payload);
// Appends a close frame with a code (and a reason cut to fit the 125-byte control limit).
void appendCloseFrame(std::string& out, std::uint16_t code, std::string_view reason = {});

// The close code in a close frame's payload, or 1005 ("no status") when it carries none.
std::uint16_t closeCodeOf(std::string_view close_payload);

// The code to answer a peer's close frame with: its own code when that is one a peer may send,
// 1000 when it sent none, 1002 for a malformed payload or a code reserved for local use
// (1005, 1006, 1015) or outside the ranges RFC 6455 7.4 allows.
std::uint16_t closeReplyCode(std::string_view close_payload);

// Sec-WebSocket-Accept for a client's Sec-WebSocket-Key.
std::string websocketAcceptKey(std::string_view client_key);
// A client key is 16 random bytes, base64: 24 characters ending in "==".
bool isValidWebsocketKey(std::string_view client_key);

}  // namespace parley
