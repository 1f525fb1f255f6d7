#include "domain/ip_address.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace parley {

namespace {

constexpr std::array<std::uint8_t, 12> kMappedPrefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

bool inV4(const IpAddress& ip, std::uint8_t a, std::uint8_t b, int prefix) {
  std::uint32_t addr = (std::uint32_t(ip.bytes[0]) << 24) | (std::uint32_t(ip.bytes[1]) << 16) |
                       (std::uint32_t(ip.bytes[2]) << 8) | ip.bytes[3];
  std::uint32_t net = (std::uint32_t(a) << 24) | (std::uint32_t(b) << 16);
  std::uint32_t mask = prefix == 0 ? 0 : ~std::uint32_t(0) << (32 - prefix);
  return (addr & mask) == (net & mask);
}

}  // namespace

std::optional<IpAddress> parseIp(std::string_view text) {
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
  // INET6_ADDRSTRLEN is 46; anything longer is not an address and must not reach a fixed buffer.
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  char buf[INET6_ADDRSTRLEN];
  std::memcpy(buf, text.data(), text.size());
  buf[text.size()] = '\0';

  IpAddress ip;
  if (text.find(':') == std::string_view::npos) {
    // inet_pton(AF_INET) is strict dotted-quad, unlike inet_aton which accepts "1" or "0x7f.1".
    if (inet_pton(AF_INET, buf, ip.bytes.data()) != 1) return std::nullopt;
    ip.v4 = true;
    return ip;
  }
  if (inet_pton(AF_INET6, buf, ip.bytes.data()) != 1) return std::nullopt;
  if (std::memcmp(ip.bytes.data(), kMappedPrefix.data(), kMappedPrefix.size()) == 0) {
    IpAddress v4;
    v4.v4 = true;
    std::memcpy(v4.bytes.data(), ip.bytes.data() + 12, 4);
    return v4;
  }
  return ip;
}

std::string toString(const IpAddress& ip) {
  char buf[INET6_ADDRSTRLEN] = {};
  inet_ntop(ip.v4 ? AF_INET : AF_INET6, ip.bytes.data(), buf, sizeof buf);
  return buf;
}

bool isPublicIp(const IpAddress& ip) {
  if (ip.v4) {
    return !(inV4(ip, 0, 0, 8) ||        // "this network"
             inV4(ip, 10, 0, 8) ||       // private
             inV4(ip, 100, 64, 10) ||    // carrier-grade NAT
             inV4(ip, 127, 0, 8) ||      // loopback
             inV4(ip, 169, 254, 16) ||   // link-local
             inV4(ip, 172, 16, 12) ||    // private
             inV4(ip, 192, 0, 24) ||     // IETF protocol assignments (192.0.0.0/24)
             (ip.bytes[0] == 192 && ip.bytes[1] == 0 && ip.bytes[2] == 2) ||      // TEST-NET-1
             inV4(ip, 192, 168, 16) ||   // private
             inV4(ip, 198, 18, 15) ||    // benchmarking
             (ip.bytes[0] == 198 && ip.bytes[1] == 51 && ip.bytes[2] == 100) ||   // TEST-NET-2
             (ip.bytes[0] == 203 && ip.bytes[1] == 0 && ip.bytes[2] == 113) ||    // TEST-NET-3
             ip.bytes[0] >= 224);        // multicast, reserved, broadcast
  }
  const auto& b = ip.bytes;
  bool all_zero_but_last = true;
  for (int i = 0; i < 15; ++i) all_zero_but_last = all_zero_but_last && b[i] == 0;
  if (all_zero_but_last && (b[15] == 0 || b[15] == 1)) return false;  // :: and ::1
  if ((b[0] & 0xfe) == 0xfc) return false;                            // fc00::/7 unique local
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return false;            // fe80::/10 link-local
  if (b[0] == 0xff) return false;                                     // multicast
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) return false;  // 2001:db8::/32 documentation
  return true;
}

std::optional<IpNetwork> parseNetwork(std::string_view text) {
  auto slash = text.find('/');
  auto ip = parseIp(text.substr(0, slash));
  if (!ip) return std::nullopt;
  int max_prefix = ip->v4 ? 32 : 128;
  int prefix = max_prefix;
  if (slash != std::string_view::npos) {
    auto digits = text.substr(slash + 1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
    if (prefix < 0 || prefix > max_prefix) return std::nullopt;
  }
  return IpNetwork{*ip, prefix};
}

bool contains(const IpNetwork& net, const IpAddress& ip) {
  if (net.base.v4 != ip.v4) return false;
  int full = net.prefix / 8;
  for (int i = 0; i < full; ++i)
    if (net.base.bytes[i] != ip.bytes[i]) return false;
  int rest = net.prefix % 8;
  if (rest == 0) return true;
  std::uint8_t mask = std::uint8_t(0xff << (8 - rest));
  return (net.base.bytes[full] & mask) == (ip.bytes[full] & mask);
}

}  // namespace parley
