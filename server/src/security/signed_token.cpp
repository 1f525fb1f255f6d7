#include "security/signed_token.h"

#include <charconv>

#include "security/hmac.h"

namespace parley {

std::string makeSignedToken(std::string_view key, std::string_view prefix, const std::vector<std::string>& fields) {
  std::string body(prefix);
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) body += '.';
    body += fields[i];
  }
  return body + "." + hmacSha256Hex(key, body);
}

std::optional<std::vector<std::string>> verifySignedToken(std::string_view key, std::string_view token,
                                                          std::string_view prefix, std::size_t count,
                                                          std::size_t max_size) {
  if (token.size() > max_size || token.substr(0, prefix.size()) != prefix) return std::nullopt;
  auto mac_dot = token.rfind('.');
  if (mac_dot == std::string_view::npos || mac_dot < prefix.size()) return std::nullopt;
  auto body = token.substr(0, mac_dot);
  if (!constantTimeEqual(token.substr(mac_dot + 1), hmacSha256Hex(key, body))) return std::nullopt;
  std::vector<std::string> out;
  auto rest = body.substr(prefix.size());
  for (;;) {
    auto dot = rest.find('.');
    auto part = rest.substr(0, dot);
    if (part.empty() || out.size() == count) return std::nullopt;
    out.emplace_back(part);
    if (dot == std::string_view::npos) break;
    rest = rest.substr(dot + 1);
  }
  if (out.size() != count) return std::nullopt;
  return out;
}

std::optional<std::int64_t> positiveTokenInt(std::string_view s) {
  std::int64_t v = 0;
  if (s.empty() || s.size() > 19) return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

}  // namespace parley
