// Which Host headers the server answers to: the defence against DNS rebinding. A page on
// http://evil.example whose name an attacker points at this server sends Host: evil.example and
// Origin: http://evil.example, which look "same origin" to a check that trusts Host. With
// --public-url set, only its host names (plus IP literals and localhost, which a rebinding page
// cannot produce: it always has a name of the attacker's) are answered; others get 421.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace parley {

class HostPolicy {
 public:
  // public_urls: "https://chat.example.com", "http://localhost:8080"... Throws
  // std::invalid_argument naming a URL that is not one. Empty: any Host is answered.
  explicit HostPolicy(const std::vector<std::string>& public_urls = {});

  bool configured() const { return !names_.empty(); }
  // `host` is a Host header value ("name", "name:port", "[v6]:port"); empty is never allowed.
  bool allowed(std::string_view host) const;

 private:
  std::vector<std::string> names_;  // lower case, no port
};

// The name part of a Host header value, lower case, without the port ("[::1]" keeps brackets).
std::string hostName(std::string_view host);

}  // namespace parley
