#include "security/client_ip.h"

#include <optional>

#include "domain/ascii.h"
#include "domain/ip_address.h"

namespace parley {

namespace {

// Some proxies append "ip:port" or "[v6]:port"; the port is not part of the client's identity.
std::optional<IpAddress> parseHop(std::string_view hop) {
  hop = trimOws(hop);
  if (auto ip = parseIp(hop)) return ip;
  if (!hop.empty() && hop.front() == '[') {
    auto close = hop.find(']');
    if (close != std::string_view::npos) return parseIp(hop.substr(0, close + 1));
    return std::nullopt;
  }
  if (auto colon = hop.find(':'); colon != std::string_view::npos && hop.find(':', colon + 1) == hop.npos)
    return parseIp(hop.substr(0, colon));
  return std::nullopt;
}

bool isTrusted(const IpAddress& ip, const std::vector<IpNetwork>& nets) {
  for (const auto& net : nets)
    if (contains(net, ip)) return true;
  return false;
}

}  // namespace

std::string clientIp(std::string_view peer_ip, std::string_view x_forwarded_for,
                     const std::vector<std::string>& trusted_proxies) {
  auto peer = parseIp(peer_ip);
  if (!peer) return std::string(peer_ip);

  std::vector<IpNetwork> nets;
  nets.reserve(trusted_proxies.size());
  for (const auto& entry : trusted_proxies)
    if (auto net = parseNetwork(trimOws(entry))) nets.push_back(*net);

  IpAddress current = *peer;
  if (!isTrusted(current, nets)) return toString(current);

  std::string_view rest = x_forwarded_for;
  while (!trimOws(rest).empty()) {
    auto comma = rest.rfind(',');
    std::string_view hop = comma == std::string_view::npos ? rest : rest.substr(comma + 1);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    if (trimOws(hop).empty()) continue;  // "a, , b" from sloppy joining
    auto ip = parseHop(hop);
    if (!ip) break;
    current = *ip;
    if (!isTrusted(current, nets)) break;
  }
  return toString(current);
}

}  // namespace parley
