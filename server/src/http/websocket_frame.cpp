#include "http/websocket_frame.h"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <cstring>

namespace parley {

namespace {

bool isKnownOpcode(std::uint8_t op) {
  return op == 0x0 || op == 0x1 || op == 0x2 || op == 0x8 || op == 0x9 || op == 0xA;
}

WsParseResult frameError(std::uint16_t code, const char* reason) {
  WsParseResult r;
  r.status = WsParseResult::Error;
  r.close_code = code;
  r.reason = reason;
  return r;
}

void unmask(char* p, std::size_t n, const unsigned char key[4]) {
  // Eight bytes at a time: chat frames are small, but a 64 KiB paste should not cost 64k iterations.
  std::uint64_t k8;
  unsigned char kb[8] = {key[0], key[1], key[2], key[3], key[0], key[1], key[2], key[3]};
  std::memcpy(&k8, kb, 8);
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t v;
    std::memcpy(&v, p + i, 8);
    v ^= k8;
    std::memcpy(p + i, &v, 8);
  }
  for (; i < n; ++i) p[i] = static_cast<char>(p[i] ^ key[i & 3]);
}

}  // namespace

WsParseResult parseClientFrame(char* data, std::size_t size, std::size_t max_payload) {
  if (size < 2) return {};
  const auto b0 = static_cast<unsigned char>(data[0]);
  const auto b1 = static_cast<unsigned char>(data[1]);
  if (b0 & 0x70) return frameError(ws_close::kProtocolError, "reserved bits set");
  const std::uint8_t op = b0 & 0x0F;
  if (!isKnownOpcode(op)) return frameError(ws_close::kProtocolError, "unknown opcode");
  const bool fin = (b0 & 0x80) != 0;
  const bool control = (op & 0x8) != 0;
  if (!(b1 & 0x80)) return frameError(ws_close::kProtocolError, "client frames must be masked");
  std::uint64_t len = b1 & 0x7F;
  std::size_t header = 2;
  if (control && (!fin || len > 125)) return frameError(ws_close::kProtocolError, "bad control frame");
  if (len == 126) {
    if (size < 4) return {};
    len = (static_cast<std::uint64_t>(static_cast<unsigned char>(data[2])) << 8) |
          static_cast<unsigned char>(data[3]);
    header = 4;
  } else if (len == 127) {
    if (size < 10) return {};
    len = 0;
    for (int i = 2; i < 10; ++i) len = (len << 8) | static_cast<unsigned char>(data[i]);
    if (len >> 63) return frameError(ws_close::kProtocolError, "bad length");
    header = 10;
  }
  if (len > max_payload) return frameError(ws_close::kTooBig, "frame too big");
  if (size < header + 4) return {};
  unsigned char key[4];
  std::memcpy(key, data + header, 4);
  header += 4;
  if (size - header < len) return {};
  char* payload = data + header;
  unmask(payload, static_cast<std::size_t>(len), key);
  WsParseResult r;
  r.status = WsParseResult::Frame;
  r.frame.opcode = static_cast<WsOpcode>(op);
  r.frame.fin = fin;
  r.frame.payload = std::string_view(payload, static_cast<std::size_t>(len));
  r.consumed = header + static_cast<std::size_t>(len);
  return r;
}

void appendServerFrame(std::string& out, WsOpcode opcode, std::string_view payload) {
  char h[10];
  std::size_t n = 2;
  h[0] = static_cast<char>(0x80 | static_cast<std::uint8_t>(opcode));
  const std::uint64_t len = payload.size();
  if (len < 126) {
    h[1] = static_cast<char>(len);
  } else if (len <= 0xFFFF) {
    h[1] = 126;
    h[2] = static_cast<char>(len >> 8);
    h[3] = static_cast<char>(len);
    n = 4;
  } else {
    h[1] = 127;
    for (int i = 0; i < 8; ++i) h[2 + i] = static_cast<char>(len >> (56 - 8 * i));
    n = 10;
  }
  out.append(h, n);
  out.append(payload);
}

void appendCloseFrame(std::string& out, std::uint16_t code, std::string_view reason) {
  char body[125];
  body[0] = static_cast<char>(code >> 8);
  body[1] = static_cast<char>(code);
  const std::size_t n = reason.size() > 123 ? 123 : reason.size();
  if (n) std::memcpy(body + 2, reason.data(), n);  // an empty reason may have a null data()
  appendServerFrame(out, WsOpcode::Close, std::string_view(body, 2 + n));
}

std::uint16_t closeCodeOf(std::string_view p) {
  if (p.size() < 2) return 1005;
  return static_cast<std::uint16_t>((static_cast<unsigned char>(p[0]) << 8) | static_cast<unsigned char>(p[1]));
}

std::uint16_t closeReplyCode(std::string_view p) {
  if (p.empty()) return ws_close::kNormal;
  if (p.size() == 1) return ws_close::kProtocolError;
  const std::uint16_t code = closeCodeOf(p);
  const bool defined = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014);
  const bool registered_or_private = code >= 3000 && code <= 4999;
  return defined || registered_or_private ? code : ws_close::kProtocolError;
}

std::string websocketAcceptKey(std::string_view client_key) {
  static constexpr std::string_view kGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  std::string in;
  in.reserve(client_key.size() + kGuid.size());
  in.append(client_key).append(kGuid);
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(in.data()), in.size(), digest);
  unsigned char b64[4 * ((SHA_DIGEST_LENGTH + 2) / 3) + 1];
  const int n = EVP_EncodeBlock(b64, digest, SHA_DIGEST_LENGTH);
  return std::string(reinterpret_cast<const char*>(b64), static_cast<std::size_t>(n));
}

bool isValidWebsocketKey(std::string_view k) {
  if (k.size() != 24 || k.substr(22) != "==") return false;
  for (std::size_t i = 0; i < 22; ++i) {
    const char c = k[i];
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    if (!ok) return false;
  }
  return true;
}

}  // namespace parley
