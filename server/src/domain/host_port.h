// "HOST:PORT" as a listen address is written on a command line (`--metrics-address 127.0.0.1:9100`,
// `[::1]:9100` for IPv6).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace parley {

struct HostPort {
  std::string host;  // without the brackets of an IPv6 address
  int port = 0;
};

// nullopt when there is no host, no port, a port outside 0..65535, or an IPv6 address without brackets.
std::optional<HostPort> parseHostPort(std::string_view text);

}  // namespace parley
