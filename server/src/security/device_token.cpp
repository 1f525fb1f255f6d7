#include "security/device_token.h"

#include <charconv>

#include "security/hmac.h"
#include "security/token.h"

namespace parley {

namespace {

bool parseInt(std::string_view s, std::int64_t& out) {
  if (s.empty() || s.size() > 19) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && p == s.data() + s.size() && out > 0;
}

}  // namespace

std::string makeDeviceToken(std::string_view key, Id agent_id, Millis now) {
  std::string body = "pd_" + std::to_string(agent_id) + "." + std::to_string(now + kDeviceTokenLifetime) + "." +
                     randomHex(8);
  return body + "." + hmacSha256Hex(key, body);
}

std::optional<Id> verifyDeviceToken(std::string_view key, std::string_view token, Millis now) {
  if (token.size() > 200 || token.rfind("pd_", 0) != 0) return std::nullopt;
  auto mac_dot = token.rfind('.');
  if (mac_dot == std::string_view::npos) return std::nullopt;
  auto body = token.substr(0, mac_dot);
  if (!constantTimeEqual(token.substr(mac_dot + 1), hmacSha256Hex(key, body))) return std::nullopt;
  auto first = body.find('.');
  auto second = first == std::string_view::npos ? first : body.find('.', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  std::int64_t agent = 0, expires = 0;
  if (!parseInt(body.substr(3, first - 3), agent) || !parseInt(body.substr(first + 1, second - first - 1), expires))
    return std::nullopt;
  if (expires <= now) return std::nullopt;
  return agent;
}

}  // namespace parley
