#include "security/host_policy.h"

#include <stdexcept>

#include "domain/ascii.h"
#include "domain/ip_address.h"
#include "security/origin.h"

namespace parley {

std::string hostName(std::string_view host) {
  if (!host.empty() && host.front() == '[') {
    auto close = host.find(']');
    return asciiLower(host.substr(0, close == std::string_view::npos ? host.size() : close + 1));
  }
  auto colon = host.find(':');
  return asciiLower(host.substr(0, colon));
}

HostPolicy::HostPolicy(const std::vector<std::string>& public_urls) {
  for (const auto& url : public_urls) {
    auto p = parseOriginPattern(url);
    if (!p || p->host.empty() || p->host.find('*') != std::string::npos)
      throw std::invalid_argument("--public-url " + url + " is not a URL like https://chat.example.com");
    names_.push_back(p->host);
  }
}

bool HostPolicy::allowed(std::string_view host) const {
  if (host.empty()) return false;
  if (names_.empty()) return true;
  auto name = hostName(host);
  if (name == "localhost") return true;
  std::string_view bare = name;
  if (bare.size() > 2 && bare.front() == '[' && bare.back() == ']') bare = bare.substr(1, bare.size() - 2);
  if (parseIp(bare)) return true;
  for (const auto& n : names_)
    if (n == name) return true;
  return false;
}

}  // namespace parley
