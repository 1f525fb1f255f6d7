#include "security/origin.h"

#include <algorithm>

#include "domain/ascii.h"
#include <charconv>

namespace parley {

namespace {


std::optional<int> defaultPort(std::string_view scheme) {
  if (scheme == "http" || scheme == "ws") return 80;
  if (scheme == "https" || scheme == "wss") return 443;
  return std::nullopt;
}

bool validScheme(std::string_view s) {
  if (s.empty() || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
  });
}

bool validHostName(std::string_view h) {
  if (h.empty() || h.size() > 253 || h.front() == '.' || h.front() == '-') return false;
  return std::all_of(h.begin(), h.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
  });
}

bool validIpv6Literal(std::string_view h) {  // "[...]" with hex digits, ':' and '.' (embedded IPv4)
  if (h.size() < 4 || h.front() != '[' || h.back() != ']') return false;
  return std::all_of(h.begin() + 1, h.end() - 1, [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == ':' || c == '.';
  });
}

std::string formatSource(const OriginPattern& p) {
  if (p.host == "*" && p.scheme.empty() && !p.port) return "*";
  std::string out;
  if (!p.scheme.empty()) out = p.scheme + "://";
  out += p.host;
  if (p.port && p.port != defaultPort(p.scheme)) out += ":" + std::to_string(*p.port);
  return out;
}

bool hostMatches(std::string_view pattern, std::string_view host) {
  if (pattern == "*") return true;
  if (pattern.starts_with("*.")) {
    std::string_view suffix = pattern.substr(1);  // ".example.com"
    return host.size() > suffix.size() && host.ends_with(suffix);
  }
  return pattern == host;
}

}  // namespace

std::optional<OriginPattern> parseOriginPattern(std::string_view entry) {
  std::string text = asciiLower(entry);
  std::string_view rest = text;
  // Trim surrounding spaces (admins paste lists); spaces inside make the entry invalid below.
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  while (!rest.empty() && rest.back() == ' ') rest.remove_suffix(1);

  OriginPattern p;
  if (auto sep = rest.find("://"); sep != std::string_view::npos) {
    p.scheme = std::string(rest.substr(0, sep));
    if (!validScheme(p.scheme)) return std::nullopt;
    rest.remove_prefix(sep + 3);
  }
  if (auto slash = rest.find('/'); slash != std::string_view::npos) rest = rest.substr(0, slash);
  if (rest.empty()) return std::nullopt;

  std::string_view host = rest;
  std::string_view port_text;
  if (rest.front() == '[') {
    auto close = rest.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = rest.substr(0, close + 1);
    std::string_view after = rest.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return std::nullopt;
      port_text = after.substr(1);
      if (port_text.empty()) return std::nullopt;
    }
  } else if (auto colon = rest.rfind(':'); colon != std::string_view::npos) {
    host = rest.substr(0, colon);
    port_text = rest.substr(colon + 1);
    if (port_text.empty()) return std::nullopt;
  }
  if (!port_text.empty()) {
    int port = 0;
    auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc() || end != port_text.data() + port_text.size() || port < 1 || port > 65535)
      return std::nullopt;
    p.port = port;
  }

  if (host == "*") {
    p.host = "*";
  } else if (host.starts_with("*.")) {
    if (!validHostName(host.substr(2))) return std::nullopt;
    p.host = std::string(host);
  } else if (host.front() == '[') {
    if (!validIpv6Literal(host)) return std::nullopt;
    p.host = std::string(host);
  } else {
    if (!validHostName(host)) return std::nullopt;
    p.host = std::string(host);
  }
  // A port equal to the scheme's default is the same origin as no port (browsers never send it).
  if (p.port && !p.scheme.empty() && p.port == defaultPort(p.scheme)) p.port.reset();
  return p;
}

bool originAllowed(std::string_view origin, const std::vector<std::string>& allowed) {
  if (allowed.empty()) return true;
  auto o = parseOriginPattern(origin);
  // A real Origin always has a scheme and a concrete host; "null" (sandboxed frames, file://) has neither.
  bool usable = o && !o->scheme.empty() && o->host != "*" && !o->host.starts_with("*.");
  for (const auto& entry : allowed) {
    auto p = parseOriginPattern(entry);
    if (!p) continue;
    if (p->host == "*" && p->scheme.empty() && !p->port) return true;
    if (!usable) continue;
    if (!p->scheme.empty() && p->scheme != o->scheme) continue;
    if (!hostMatches(p->host, o->host)) continue;
    // Ports: compare effective ports, so "https://a.com" matches "https://a.com:443".
    auto origin_port = o->port ? o->port : defaultPort(o->scheme);
    auto wanted_port = p->port ? p->port : defaultPort(p->scheme.empty() ? o->scheme : p->scheme);
    if (origin_port != wanted_port) continue;
    return true;
  }
  return false;
}

std::string frameAncestors(const std::vector<std::string>& allowed) {
  if (allowed.empty()) return "*";
  std::vector<std::string> sources{"'self'"};
  for (const auto& entry : allowed) {
    auto p = parseOriginPattern(entry);
    if (!p) continue;
    std::string source = formatSource(*p);
    if (std::find(sources.begin(), sources.end(), source) == sources.end()) sources.push_back(std::move(source));
  }
  std::string out;
  for (const auto& s : sources) {
    if (!out.empty()) out += ' ';
    out += s;
  }
  return out;
}

}  // namespace parley
