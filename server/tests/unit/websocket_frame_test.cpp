// RFC 6455 framing, byte by byte: websocket_frame has no I/O, so every header form, every truncation
// and every protocol error can be checked directly.
#include "http/websocket_frame.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace parley {
namespace {

constexpr std::size_t kMax = 64 * 1024;

// A client frame as a browser would send it: masked with `key`.
std::string clientFrame(std::uint8_t opcode, std::string_view payload, bool fin = true,
                        const unsigned char key[4] = nullptr, bool masked = true, std::uint8_t rsv = 0) {
  static const unsigned char kDefaultKey[4] = {0x37, 0xfa, 0x21, 0x3d};
  if (!key) key = kDefaultKey;
  std::string f;
  f.push_back(static_cast<char>((fin ? 0x80 : 0) | (rsv & 0x70) | (opcode & 0x0F)));
  const std::uint8_t mask_bit = masked ? 0x80 : 0;
  const std::uint64_t len = payload.size();
  if (len < 126) {
    f.push_back(static_cast<char>(mask_bit | len));
  } else if (len <= 0xFFFF) {
    f.push_back(static_cast<char>(mask_bit | 126));
    f.push_back(static_cast<char>(len >> 8));
    f.push_back(static_cast<char>(len));
  } else {
    f.push_back(static_cast<char>(mask_bit | 127));
    for (int i = 7; i >= 0; --i) f.push_back(static_cast<char>(len >> (8 * i)));
  }
  if (!masked) return f + std::string(payload);
  f.append(reinterpret_cast<const char*>(key), 4);
  for (std::size_t i = 0; i < payload.size(); ++i) f.push_back(static_cast<char>(payload[i] ^ key[i % 4]));
  return f;
}

// A payload whose bytes differ position by position, so a wrong unmasking offset shows.
std::string patterned(std::size_t n) {
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 31 + 7) & 0xFF);
  return s;
}

WsParseResult parse(std::string& buf, std::size_t max = kMax) { return parseClientFrame(buf.data(), buf.size(), max); }

// A 64-bit-length header (no mask key, no payload) that claims `len` bytes.
std::string header64(std::uint8_t opcode, std::uint64_t len) {
  std::string h;
  h.push_back(static_cast<char>(0x80 | opcode));
  h.push_back(static_cast<char>(0x80 | 127));
  for (int i = 7; i >= 0; --i) h.push_back(static_cast<char>(len >> (8 * i)));
  return h;
}

// RFC 6455 section 1.3; the value is also what Python computes:
// base64(sha1(b"dGhlIHNhbXBsZSBub25jZQ==258EAFA5-E914-47DA-95CA-C5AB0DC85B11")).
TEST(WebSocketFrameTest, AcceptKeyMatchesRfcExample) {
  EXPECT_EQ(websocketAcceptKey("dGhlIHNhbXBsZSBub25jZQ=="), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  EXPECT_NE(websocketAcceptKey("AAAAAAAAAAAAAAAAAAAAAA=="), websocketAcceptKey("dGhlIHNhbXBsZSBub25jZQ=="));
  EXPECT_EQ(websocketAcceptKey("AAAAAAAAAAAAAAAAAAAAAA==").size(), 28u);
}

TEST(WebSocketFrameTest, KeyValidation) {
  EXPECT_TRUE(isValidWebsocketKey("dGhlIHNhbXBsZSBub25jZQ=="));
  EXPECT_TRUE(isValidWebsocketKey("AAAAAAAAAAAAAAAAAAAAAA=="));
  EXPECT_TRUE(isValidWebsocketKey("ab+/0123456789XYZabcdQ=="));
  EXPECT_FALSE(isValidWebsocketKey(""));
  EXPECT_FALSE(isValidWebsocketKey("dGhlIHNhbXBsZSBub25jZQ="));     // 23 chars
  EXPECT_FALSE(isValidWebsocketKey("dGhlIHNhbXBsZSBub25jZQ==="));   // 25 chars
  EXPECT_FALSE(isValidWebsocketKey("dGhlIHNhbXBsZSBub25jZQAA"));    // no padding
  EXPECT_FALSE(isValidWebsocketKey("dGhlIHNhbXBsZSBub25jZQA="));    // one '=': 17 bytes, not 16
  EXPECT_FALSE(isValidWebsocketKey("dGhlIHNhbXBsZSBub25jZ==="));    // padding too early
  EXPECT_FALSE(isValidWebsocketKey("dGhlIHNhbXBsZSBub25jZ-=="));    // base64url, not base64
  EXPECT_FALSE(isValidWebsocketKey("dGhlIHNhbXBsZSBub25j Q=="));    // space
  EXPECT_FALSE(isValidWebsocketKey(std::string_view("dGhlIHNhbXBsZSBub25j\0Q==", 24)));
  EXPECT_FALSE(isValidWebsocketKey("not a key"));
}

// Payload lengths at every boundary of the three length forms.
class WebSocketFrameLengthTest : public ::testing::TestWithParam<std::size_t> {};

TEST_P(WebSocketFrameLengthTest, ParsesAndUnmasks) {
  const std::size_t n = GetParam();
  const std::string payload = patterned(n);
  std::string buf = clientFrame(0x1, payload);
  const std::size_t header = 2 + (n < 126 ? 0 : n <= 0xFFFF ? 2 : 8) + 4;
  ASSERT_EQ(buf.size(), header + n);
  auto r = parse(buf, 1 << 20);
  ASSERT_EQ(r.status, WsParseResult::Frame) << r.reason;
  EXPECT_EQ(r.frame.opcode, WsOpcode::Text);
  EXPECT_TRUE(r.frame.fin);
  EXPECT_EQ(r.consumed, header + n);
  ASSERT_EQ(r.frame.payload.size(), n);
  EXPECT_TRUE(r.frame.payload == payload) << "payload not unmasked correctly";
  // The payload is unmasked in place, inside the caller's buffer.
  if (n) {
    EXPECT_EQ(r.frame.payload.data(), buf.data() + header);
  }
}

INSTANTIATE_TEST_SUITE_P(WebSocketFrameBoundaries, WebSocketFrameLengthTest,
                         ::testing::Values(0, 1, 7, 8, 9, 125, 126, 127, 65535, 65536, 70000));

TEST(WebSocketFrameTest, UnmaskingUsesEveryKeyByteAtEveryOffset) {
  const unsigned char key[4] = {0xde, 0xad, 0xbe, 0xef};
  for (std::size_t n = 0; n < 40; ++n) {
    const std::string payload = patterned(n);
    std::string buf = clientFrame(0x2, payload, true, key);
    auto r = parse(buf);
    ASSERT_EQ(r.status, WsParseResult::Frame) << n;
    EXPECT_EQ(r.frame.opcode, WsOpcode::Binary);
    EXPECT_TRUE(r.frame.payload == payload) << "length " << n;
  }
}

TEST(WebSocketFrameTest, EveryTruncatedPrefixNeedsMore) {
  for (std::size_t n : {0u, 5u, 125u, 126u, 300u, 65535u, 65536u}) {
    const std::string full = clientFrame(0x1, patterned(n));
    // Every prefix up to the header plus a few payload bytes, then a sample of longer ones: all
    // prefixes of a 64 KiB frame would be slow and add nothing.
    for (std::size_t cut = 0; cut < full.size(); cut = cut < 40 ? cut + 1 : cut + 997) {
      std::string prefix = full.substr(0, cut);
      auto r = parse(prefix, 1 << 20);
      ASSERT_EQ(r.status, WsParseResult::NeedMore) << "payload " << n << ", cut at " << cut;
      EXPECT_EQ(r.consumed, 0u);
    }
    std::string almost = full.substr(0, full.size() - 1);
    EXPECT_EQ(parse(almost, 1 << 20).status, WsParseResult::NeedMore) << "payload " << n << " minus one byte";
  }
  const std::string ping = clientFrame(0x9, "abc");
  for (std::size_t cut = 0; cut < ping.size(); ++cut) {
    std::string prefix = ping.substr(0, cut);
    EXPECT_EQ(parse(prefix).status, WsParseResult::NeedMore) << "ping cut at " << cut;
  }
}

void expectError(std::string buf, std::uint16_t code, const std::string& what) {
  auto r = parseClientFrame(buf.data(), buf.size(), kMax);
  ASSERT_EQ(r.status, WsParseResult::Error) << what;
  EXPECT_EQ(r.close_code, code) << what;
  EXPECT_STRNE(r.reason, "") << what;
}

TEST(WebSocketFrameTest, UnmaskedClientFrameIsAProtocolError) {
  expectError(clientFrame(0x1, "{\"type\":\"ping\"}", true, nullptr, false), 1002, "unmasked text");
  expectError(clientFrame(0x9, "", true, nullptr, false), 1002, "unmasked ping");
  // Known from the first two bytes: no need to wait for the rest.
  expectError(clientFrame(0x1, "hello", true, nullptr, false).substr(0, 2), 1002, "unmasked header only");
}

TEST(WebSocketFrameTest, ReservedBitsAreAProtocolError) {
  expectError(clientFrame(0x1, "x", true, nullptr, true, 0x40), 1002, "RSV1");
  expectError(clientFrame(0x1, "x", true, nullptr, true, 0x20), 1002, "RSV2");
  expectError(clientFrame(0x1, "x", true, nullptr, true, 0x10), 1002, "RSV3");
  expectError(clientFrame(0x8, "", true, nullptr, true, 0x70), 1002, "all RSV on close");
}

TEST(WebSocketFrameTest, UnknownOpcodesAreAProtocolError) {
  for (std::uint8_t op : {0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF})
    expectError(clientFrame(op, "x"), 1002, "opcode " + std::to_string(op));
  // The known ones all parse.
  for (std::uint8_t op : {0x0, 0x1, 0x2, 0x8, 0x9, 0xA}) {
    std::string buf = clientFrame(op, "ab");
    auto r = parse(buf);
    ASSERT_EQ(r.status, WsParseResult::Frame) << "opcode " << int(op);
    EXPECT_EQ(static_cast<int>(r.frame.opcode), op);
  }
}

TEST(WebSocketFrameTest, BadControlFramesAreAProtocolError) {
  expectError(clientFrame(0x9, "x", false), 1002, "fragmented ping");
  expectError(clientFrame(0x8, "", false), 1002, "fragmented close");
  expectError(clientFrame(0xA, "", false), 1002, "fragmented pong");
  expectError(clientFrame(0x9, std::string(126, 'p')), 1002, "126-byte ping");
  expectError(clientFrame(0x8, std::string(200, 'c')), 1002, "200-byte close");
  expectError(header64(0x9, 5), 1002, "ping with a 64-bit length");
  // 125 bytes is the largest legal control payload.
  std::string ok = clientFrame(0x9, std::string(125, 'p'));
  auto r = parse(ok);
  ASSERT_EQ(r.status, WsParseResult::Frame);
  EXPECT_EQ(r.frame.opcode, WsOpcode::Ping);
  EXPECT_EQ(r.frame.payload, std::string(125, 'p'));
}

TEST(WebSocketFrameTest, TooBigIsReportedAsSoonAsTheHeaderIsRead) {
  // Exactly the limit is fine.
  std::string at_limit = clientFrame(0x1, std::string(kMax, 'a'));
  EXPECT_EQ(parse(at_limit).status, WsParseResult::Frame);
  // One byte over: the whole frame...
  expectError(clientFrame(0x1, std::string(kMax + 1, 'a')), 1009, "full frame one byte over");
  // ...and only its length header, before the mask key or any payload arrived.
  expectError(header64(0x1, kMax + 1), 1009, "header only, 64-bit length");
  expectError(header64(0x2, 1ull << 40), 1009, "a terabyte");
  std::string h16{'\x81', static_cast<char>(0x80 | 126), '\x01', '\x00'};  // 256 bytes, limit 255
  auto r = parseClientFrame(h16.data(), h16.size(), 255);
  ASSERT_EQ(r.status, WsParseResult::Error);
  EXPECT_EQ(r.close_code, 1009);
  std::string h7 = clientFrame(0x1, "0123456789").substr(0, 2);  // 10 bytes, limit 9
  r = parseClientFrame(h7.data(), h7.size(), 9);
  ASSERT_EQ(r.status, WsParseResult::Error);
  EXPECT_EQ(r.close_code, 1009);
  // A continuation frame is held to the same limit.
  expectError(header64(0x0, kMax + 1), 1009, "continuation over the limit");
}

TEST(WebSocketFrameTest, TwoFramesBackToBack) {
  const std::string a = clientFrame(0x1, "{\"type\":\"ping\",\"t\":1}");
  const std::string b = clientFrame(0x1, patterned(300));
  std::string buf = a + b;
  auto r1 = parseClientFrame(buf.data(), buf.size(), kMax);
  ASSERT_EQ(r1.status, WsParseResult::Frame);
  EXPECT_EQ(r1.consumed, a.size());
  EXPECT_EQ(r1.frame.payload, "{\"type\":\"ping\",\"t\":1}");
  auto r2 = parseClientFrame(buf.data() + r1.consumed, buf.size() - r1.consumed, kMax);
  ASSERT_EQ(r2.status, WsParseResult::Frame);
  EXPECT_EQ(r2.consumed, b.size());
  EXPECT_TRUE(r2.frame.payload == patterned(300));
  // The first frame's payload was not disturbed by parsing the second.
  EXPECT_EQ(r1.frame.payload, "{\"type\":\"ping\",\"t\":1}");
  // A frame followed by half of another: the first parses, the rest needs more.
  std::string partial = a + b.substr(0, 7);
  auto p1 = parseClientFrame(partial.data(), partial.size(), kMax);
  ASSERT_EQ(p1.status, WsParseResult::Frame);
  EXPECT_EQ(p1.consumed, a.size());
  auto p2 = parseClientFrame(partial.data() + p1.consumed, partial.size() - p1.consumed, kMax);
  EXPECT_EQ(p2.status, WsParseResult::NeedMore);
}

TEST(WebSocketFrameTest, FragmentFlagsAreReported) {
  std::string first = clientFrame(0x1, "{\"ty", false);
  auto r = parse(first);
  ASSERT_EQ(r.status, WsParseResult::Frame);
  EXPECT_FALSE(r.frame.fin);
  EXPECT_EQ(r.frame.opcode, WsOpcode::Text);
  std::string last = clientFrame(0x0, "pe\"}", true);
  r = parse(last);
  ASSERT_EQ(r.status, WsParseResult::Frame);
  EXPECT_TRUE(r.frame.fin);
  EXPECT_EQ(r.frame.opcode, WsOpcode::Continuation);
  EXPECT_EQ(r.frame.payload, "pe\"}");
}

// The header of a server frame: FIN + opcode, unmasked length in the shortest form.
TEST(WebSocketFrameTest, ServerFrameHeaderForms) {
  struct Case {
    std::size_t n;
    std::vector<unsigned char> header;
  };
  const std::vector<Case> cases = {
      {0, {0x81, 0x00}},
      {125, {0x81, 0x7D}},
      {126, {0x81, 0x7E, 0x00, 0x7E}},
      {65535, {0x81, 0x7E, 0xFF, 0xFF}},
      {65536, {0x81, 0x7F, 0, 0, 0, 0, 0, 0x01, 0x00, 0x00}},
  };
  for (const auto& c : cases) {
    const std::string payload = patterned(c.n);
    std::string out = "prefix";  // appends, never overwrites
    appendServerFrame(out, WsOpcode::Text, payload);
    ASSERT_EQ(out.size(), 6 + c.header.size() + c.n) << c.n;
    EXPECT_EQ(out.substr(0, 6), "prefix");
    for (std::size_t i = 0; i < c.header.size(); ++i)
      EXPECT_EQ(static_cast<unsigned char>(out[6 + i]), c.header[i]) << "payload " << c.n << ", header byte " << i;
    EXPECT_TRUE(out.substr(6 + c.header.size()) == payload) << "payload " << c.n << " is not sent as is";
  }
  std::string pong;
  appendServerFrame(pong, WsOpcode::Pong, "hi");
  EXPECT_EQ(pong, std::string("\x8A\x02hi", 4));
  std::string bin;
  appendServerFrame(bin, WsOpcode::Binary, "");
  EXPECT_EQ(bin, std::string("\x82\x00", 2));
}

TEST(WebSocketFrameTest, CloseFrameRoundTrip) {
  for (std::uint16_t code : {1000, 1002, 1008, 1009, 4000, 65535}) {
    std::string out;
    appendCloseFrame(out, code, "bye");
    ASSERT_EQ(out.size(), 2u + 2u + 3u);
    EXPECT_EQ(static_cast<unsigned char>(out[0]), 0x88);
    EXPECT_EQ(static_cast<unsigned char>(out[1]), 5);
    const std::string_view payload(out.data() + 2, out.size() - 2);
    EXPECT_EQ(closeCodeOf(payload), code);
    EXPECT_EQ(payload.substr(2), "bye");
  }
  std::string bare;
  appendCloseFrame(bare, 1000);
  EXPECT_EQ(bare, std::string("\x88\x02\x03\xE8", 4));
  EXPECT_EQ(closeCodeOf(std::string_view(bare).substr(2)), 1000);
}

TEST(WebSocketFrameTest, CloseReasonIsCutToTheControlFrameLimit) {
  std::string out;
  appendCloseFrame(out, 1009, std::string(300, 'r'));
  ASSERT_EQ(out.size(), 2u + 125u);
  EXPECT_EQ(static_cast<unsigned char>(out[1]), 125);
  EXPECT_EQ(closeCodeOf(std::string_view(out).substr(2)), 1009);
  // What we send must be acceptable to the same parser rules (control payload <= 125).
  std::string masked = clientFrame(0x8, std::string_view(out).substr(2));
  auto r = parse(masked);
  ASSERT_EQ(r.status, WsParseResult::Frame);
  EXPECT_EQ(closeCodeOf(r.frame.payload), 1009);
}

TEST(WebSocketFrameTest, CloseCodeOfEmptyOrShortPayloadIsNoStatus) {
  EXPECT_EQ(closeCodeOf(""), 1005);
  EXPECT_EQ(closeCodeOf(std::string_view("\x03", 1)), 1005);
  EXPECT_EQ(closeCodeOf(std::string_view("\x03\xE8", 2)), 1000);
  EXPECT_EQ(closeCodeOf(std::string_view("\x03\xEA" "reason", 8)), 1002);
}

// A close is answered with the peer's code only when a peer may send that code (RFC 6455 7.4).
TEST(WebSocketFrameTest, CloseReplyCodeRefusesCodesAPeerMayNotSend) {
  auto payload = [](std::uint16_t code) {
    std::string p;
    appendCloseFrame(p, code);
    return p.substr(2);  // drop the frame header, keep code + reason
  };
  EXPECT_EQ(closeReplyCode(""), 1000) << "no code: normal";
  EXPECT_EQ(closeReplyCode(std::string_view("\x03", 1)), 1002) << "a 1-byte payload is malformed";
  for (std::uint16_t ok : {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1014, 3000, 4000, 4999})
    EXPECT_EQ(closeReplyCode(payload(ok)), ok) << ok;
  for (std::uint16_t bad : {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535})
    EXPECT_EQ(closeReplyCode(payload(bad)), 1002) << bad;
}

}  // namespace
}  // namespace parley
