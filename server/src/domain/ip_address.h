// IP address parsing shared by the client-IP resolver, the country lookup and blocks (domain/ip_block.h).
// inet_pton does the parsing so we never resolve names: an attacker-controlled header must not cause DNS traffic.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace parley {

struct IpAddress {
  bool v4 = false;
  // IPv4 uses the first 4 bytes. IPv4-mapped IPv6 (::ffff:a.b.c.d, what a dual-stack socket reports for an IPv4
  // peer) is stored as IPv4 so that rate limits, trusted-proxy checks and geo lookups see one address, not two.
  std::array<std::uint8_t, 16> bytes{};

  friend bool operator==(const IpAddress&, const IpAddress&) = default;
};

// Accepts "1.2.3.4", "2001:db8::1", "[2001:db8::1]". No ports, no zone ids, no host names.
std::optional<IpAddress> parseIp(std::string_view text);

// Canonical text form ("1.2.3.4", "2001:db8::1"); IPv4-mapped input comes back as plain IPv4.
std::string toString(const IpAddress& ip);

// False for loopback, private, link-local, CGNAT, unspecified, multicast, documentation and other
// reserved ranges: those say nothing about where a visitor is.
bool isPublicIp(const IpAddress& ip);

struct IpNetwork {
  IpAddress base;
  int prefix = 0;  // bits
};

// "10.0.0.0/8", "2001:db8::/32"; a bare address is a single-host network (/32 or /128).
std::optional<IpNetwork> parseNetwork(std::string_view text);
bool contains(const IpNetwork& net, const IpAddress& ip);

}  // namespace parley
