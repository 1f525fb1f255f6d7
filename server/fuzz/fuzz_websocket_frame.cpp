// The WebSocket read path of WebSocketSession::readAvailable/parseFrames/onFrame without the
// socket: bytes arrive in reads of a chosen size, parseClientFrame cuts frames off the front of
// what has arrived, data frames go to a WsMessageAssembler (made only for fragmented messages,
// like the session does), pings are answered, a close or an error ends the connection.
//
// Input: byte 0 chooses the read size (bits 0-2) and a small message limit (bit 3) so the
// too-big paths are reachable with short inputs; the rest is the client's byte stream.
//
// Every verdict is compared with a model written from RFC 6455 (sections 5.2-5.5, 7.4): frame
// boundaries and lengths, which bytes are the payload, the unmasked bytes, the fragment state,
// message sizes, UTF-8 of text messages, close reply codes, and the frames the server writes.
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>

#include "security/websocket_limits.h"
#include "domain/text_limits.h"
#include "fuzz_check.h"
#include "http/websocket_frame.h"
#include "http/websocket_message.h"
#include "realtime/realtime_protocol.h"

using namespace parley;
using parley::fuzz::fail;

namespace {

constexpr std::size_t kReadSizes[8] = {0 /* everything at once */, 1, 2, 3, 7, 16, 64, 251};
constexpr std::size_t kSmallLimit = 40;

// What RFC 6455 says about the frame at the start of `b`, checked in the order the parser
// documents: the first two bytes, then the extended length, then the mask key and payload.
struct Expected {
  WsParseResult::Status status = WsParseResult::NeedMore;
  std::uint16_t close_code = 0;
  std::size_t header = 0;  // including the mask key
  std::uint64_t length = 0;
};

Expected expectFrame(std::string_view b, std::size_t max_payload) {
  Expected e;
  auto error = [&](std::uint16_t code) {
    e.status = WsParseResult::Error;
    e.close_code = code;
    return e;
  };
  if (b.size() < 2) return e;
  const auto b0 = static_cast<unsigned char>(b[0]), b1 = static_cast<unsigned char>(b[1]);
  const unsigned op = b0 & 0x0F;
  const bool fin = b0 & 0x80, control = op >= 8;
  if (b0 & 0x70) return error(1002);  // no extension was negotiated
  if (!(op <= 2 || (op >= 8 && op <= 10))) return error(1002);
  if (!(b1 & 0x80)) return error(1002);  // 5.1: a server must close on an unmasked client frame
  const unsigned len7 = b1 & 0x7F;
  if (control && (!fin || len7 > 125)) return error(1002);  // 5.5
  const std::size_t extra = len7 == 126 ? 2 : len7 == 127 ? 8 : 0;
  if (b.size() < 2 + extra) return e;
  std::uint64_t len = len7;
  if (extra) {
    len = 0;
    for (std::size_t i = 0; i < extra; ++i) len = len << 8 | static_cast<unsigned char>(b[2 + i]);
    if (extra == 8 && (len >> 63)) return error(1002);  // 5.2: the most significant bit must be 0
  }
  if (len > max_payload) return error(1009);
  e.header = 2 + extra + 4;
  e.length = len;
  if (b.size() < e.header || b.size() - e.header < len) return e;
  e.status = WsParseResult::Frame;
  return e;
}

// The fragment state of RFC 6455 5.4, kept apart from the assembler to compare with it.
struct MessageModel {
  bool mid = false, text = false;
  std::string fragments;

  WsMessageResult::Kind expect(const WsFrame& f, std::size_t max, std::uint16_t& code, std::string& data, bool& is_text) {
    auto error = [&](std::uint16_t c) {
      code = c;
      return WsMessageResult::Error;
    };
    if (f.opcode != WsOpcode::Continuation) {
      if (mid) return error(1002);
      if (f.payload.size() > max) return error(1009);
      if (!f.fin) {
        mid = true;
        text = f.opcode == WsOpcode::Text;
        fragments.assign(f.payload);
        return WsMessageResult::Pending;
      }
      data.assign(f.payload);
      is_text = f.opcode == WsOpcode::Text;
    } else {
      if (!mid) return error(1002);
      if (fragments.size() + f.payload.size() > max) return error(1009);
      fragments.append(f.payload);
      if (!f.fin) return WsMessageResult::Pending;
      mid = false;
      data.swap(fragments);
      fragments.clear();
      is_text = text;
    }
    if (is_text && !isValidUtf8(data)) return error(1007);  // 8.1
    return WsMessageResult::Message;
  }
};

// A server frame (5.2): final, unmasked, the opcode given, the shortest length form, the payload.
void checkServerFrame(std::string_view out, WsOpcode op, std::string_view payload) {
  if (out.size() < 2) fail("server frame too short");
  if (static_cast<unsigned char>(out[0]) != (0x80 | static_cast<unsigned>(op))) fail("server frame: wrong first byte");
  const auto b1 = static_cast<unsigned char>(out[1]);
  if (b1 & 0x80) fail("server frame is masked");
  std::size_t header = 2, len = b1;
  if (b1 == 126) {
    header = 4;
    len = static_cast<unsigned char>(out[2]) << 8 | static_cast<unsigned char>(out[3]);
    if (len < 126) fail("server frame: length not in its shortest form");
  } else if (b1 == 127) {
    header = 10;
    len = 0;
    for (int i = 2; i < 10; ++i) len = len << 8 | static_cast<unsigned char>(out[i]);
    if (len <= 0xFFFF) fail("server frame: length not in its shortest form");
  }
  if (out.size() != header + len || out.substr(header) != payload) fail("server frame: payload differs");
}

bool isAllowedCloseReply(std::uint16_t c) {
  return c == 1000 || c == 1001 || c == 1002 || c == 1003 || (c >= 1007 && c <= 1014) || (c >= 3000 && c <= 4999);
}

class Session {
 public:
  explicit Session(std::size_t max) : max_(max) {}

  // Like readAvailable: append what was read, parse, keep the unparsed tail. False once closed.
  bool onRead(std::string_view bytes) {
    pending_.append(bytes);
    const std::size_t left = parseFrames(pending_.data(), pending_.size());
    if (closed_) return false;
    if (left > pending_.size()) fail("more left over than was read");
    pending_.erase(0, pending_.size() - left);
    // What a socket may hold between reads: at most one unfinished frame.
    if (pending_.size() > max_ + 14) fail("partial frame longer than a whole frame can be");
    return true;
  }

 private:
  std::size_t parseFrames(char* buf, std::size_t size) {
    std::size_t pos = 0;
    while (pos < size && !closed_) {
      std::string_view view(buf + pos, size - pos);
      const Expected e = expectFrame(view, max_);
      // The payload as it arrived, to check the unmasking against (5.3: byte i ^ key[i % 4]).
      std::string masked;
      if (e.status == WsParseResult::Frame) masked.assign(view.substr(e.header, e.length));
      const auto r = parseClientFrame(buf + pos, size - pos, max_);
      if (r.status != e.status) fail("frame verdict differs from RFC 6455", std::to_string(r.status) + " vs " + std::to_string(e.status));
      if (r.status == WsParseResult::NeedMore) {
        if (r.consumed != 0) fail("NeedMore consumed bytes");
        break;
      }
      if (r.status == WsParseResult::Error) {
        if (r.close_code != e.close_code) fail("wrong close code", std::to_string(r.close_code));
        if (!r.reason || !*r.reason) fail("error without a reason");
        closeWith(r.close_code, r.reason);  // as the session's startClose(code, reason)
        return 0;
      }
      if (r.consumed != e.header + e.length || r.consumed > size - pos) fail("consumed is wrong");
      if (r.frame.payload.size() != e.length || r.frame.payload.data() != buf + pos + e.header)
        fail("payload is not where the frame says");
      if (r.frame.payload.size() > max_) fail("payload over the limit");
      const unsigned char* key = reinterpret_cast<const unsigned char*>(buf + pos + e.header - 4);
      for (std::size_t i = 0; i < masked.size(); ++i)
        if (static_cast<unsigned char>(r.frame.payload[i]) != (static_cast<unsigned char>(masked[i]) ^ key[i % 4]))
          fail("payload unmasked wrongly", std::to_string(i));
      if (static_cast<unsigned>(r.frame.opcode) != (static_cast<unsigned char>(buf[pos]) & 0x0F) ||
          r.frame.fin != ((static_cast<unsigned char>(buf[pos]) & 0x80) != 0))
        fail("opcode or fin differs");
      pos += r.consumed;
      onFrame(r.frame);
    }
    return closed_ ? 0 : size - pos;
  }

  void onFrame(const WsFrame& f) {
    switch (f.opcode) {
      case WsOpcode::Text:
      case WsOpcode::Binary:
      case WsOpcode::Continuation: {
        std::uint16_t code = 0;
        std::string data;
        bool text = false;
        const auto expected = model_.expect(f, max_, code, data, text);
        if (!assembler_ && !(f.fin && f.opcode != WsOpcode::Continuation))
          assembler_ = std::make_unique<WsMessageAssembler>(max_);
        const auto r = assembler_ ? assembler_->onDataFrame(f) : WsMessageAssembler::whole(f, max_);
        if (r.kind != expected) fail("message verdict differs from RFC 6455", std::to_string(r.kind));
        if (r.kind == WsMessageResult::Error) {
          if (r.close_code != code) fail("message error with the wrong close code", std::to_string(r.close_code));
          return closeWith(r.close_code, r.reason);
        }
        if (r.kind == WsMessageResult::Message) {
          if (r.data != data || r.is_text != text) fail("assembled message differs");
          if (r.data.size() > max_) fail("message over the limit");
          if (r.is_text && !isValidUtf8(r.data)) fail("text message is not UTF-8");
          if (assembler_ && !assembler_->midMessage()) assembler_.reset();
        }
        if (assembler_ && assembler_->midMessage() != model_.mid) fail("fragment state differs");
        return;
      }
      case WsOpcode::Ping: {
        std::string out;
        appendServerFrame(out, WsOpcode::Pong, f.payload);
        checkServerFrame(out, WsOpcode::Pong, f.payload);
        return;
      }
      case WsOpcode::Pong:
        return;
      case WsOpcode::Close: {
        const auto code = closeReplyCode(f.payload);
        if (f.payload.empty() ? code != 1000 : !isAllowedCloseReply(code)) fail("close reply code", std::to_string(code));
        if (f.payload.size() >= 2 && code != 1002 && code != closeCodeOf(f.payload)) fail("close reply changed the code");
        // The session answers with the code alone (an empty string_view: its data() is null).
        return closeWith(code, {});
      }
    }
    fail("unknown opcode reached onFrame");
  }

  void closeWith(std::uint16_t code, std::string_view reason) {
    std::string out;
    appendCloseFrame(out, code, reason);
    if (out.size() < 4 || out.size() > 127) fail("close frame size");
    const std::string_view payload = std::string_view(out).substr(2);
    checkServerFrame(out, WsOpcode::Close, payload);
    if (closeCodeOf(payload) != code) fail("close frame carries another code");
    closed_ = true;
  }

  std::size_t max_;
  std::string pending_;
  std::unique_ptr<WsMessageAssembler> assembler_;
  MessageModel model_;
  bool closed_ = false;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t readSize = kReadSizes[data[0] & 7];
  const std::size_t max = (data[0] & 8) ? kSmallLimit : WebSocketLimits{}.max_message;
  std::string_view stream(reinterpret_cast<const char*>(data + 1), size - 1);
  Session session(max);
  while (!stream.empty()) {
    const std::size_t n = readSize ? std::min(readSize, stream.size()) : stream.size();
    if (!session.onRead(stream.substr(0, n))) break;
    stream.remove_prefix(n);
  }
  return 0;
}
