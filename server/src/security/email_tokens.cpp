#include "security/email_tokens.h"

#include <charconv>

#include "domain/ascii.h"
#include "security/hmac.h"

namespace parley {

namespace {

bool parsePositiveEmailTokenInt(std::string_view s, std::int64_t& out) {
  if (s.empty() || s.size() > 19) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && p == s.data() + s.size() && out > 0;
}

constexpr std::size_t kReplyMacHex = 20;  // 80 bits: guessing one takes ~2^79 tries

}  // namespace

std::string makeConversationLinkToken(std::string_view key, Id conversation_id, Id contact_id, Millis now) {
  std::string body = "pe_" + std::to_string(conversation_id) + "." + std::to_string(contact_id) + "." +
                     std::to_string(now + kConversationLinkLifetime);
  return body + "." + hmacSha256Hex(key, body);
}

std::optional<ConversationLink> verifyConversationLinkToken(std::string_view key, std::string_view token, Millis now) {
  if (token.size() > 200 || token.rfind("pe_", 0) != 0) return std::nullopt;
  auto mac_dot = token.rfind('.');
  if (mac_dot == std::string_view::npos) return std::nullopt;
  auto body = token.substr(0, mac_dot);
  if (!constantTimeEqual(token.substr(mac_dot + 1), hmacSha256Hex(key, body))) return std::nullopt;
  auto first = body.find('.');
  auto second = first == std::string_view::npos ? first : body.find('.', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  std::int64_t conv = 0, contact = 0, expires = 0;
  if (!parsePositiveEmailTokenInt(body.substr(3, first - 3), conv) ||
      !parsePositiveEmailTokenInt(body.substr(first + 1, second - first - 1), contact) ||
      !parsePositiveEmailTokenInt(body.substr(second + 1), expires))
    return std::nullopt;
  if (expires <= now) return std::nullopt;
  return ConversationLink{conv, contact};
}

std::string makeReplyToken(std::string_view key, Id workspace_id, Id conversation_id) {
  auto ids = std::to_string(workspace_id) + "-" + std::to_string(conversation_id);
  return ids + "-" + hmacSha256Hex(key, "reply:" + ids).substr(0, kReplyMacHex);
}

std::optional<ReplyTarget> verifyReplyToken(std::string_view key, std::string_view token) {
  if (token.size() > 80) return std::nullopt;
  auto first = token.find('-');
  auto second = first == std::string_view::npos ? first : token.find('-', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  std::int64_t ws = 0, conv = 0;
  if (!parsePositiveEmailTokenInt(token.substr(0, first), ws) ||
      !parsePositiveEmailTokenInt(token.substr(first + 1, second - first - 1), conv))
    return std::nullopt;
  std::string mac(token.substr(second + 1));
  for (auto& ch : mac) ch = asciiLower(ch);
  auto ids = std::to_string(ws) + "-" + std::to_string(conv);
  if (!constantTimeEqual(mac, hmacSha256Hex(key, "reply:" + ids).substr(0, kReplyMacHex))) return std::nullopt;
  return ReplyTarget{ws, conv};
}

std::optional<std::string> replyTokenOfAddress(std::string_view address) {
  auto at = address.rfind('@');
  if (at == std::string_view::npos) return std::nullopt;
  auto local = address.substr(0, at);
  auto plus = local.find('+');
  if (plus == std::string_view::npos || plus + 1 == local.size()) return std::nullopt;
  return std::string(local.substr(plus + 1));
}

}  // namespace parley
