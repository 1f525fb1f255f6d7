#include "security/email_tokens.h"

#include "domain/ascii.h"
#include "security/hmac.h"
#include "security/signed_token.h"

namespace parley {

namespace {

constexpr std::size_t kReplyMacHex = 20;  // 80 bits: guessing one takes ~2^79 tries

}  // namespace

std::string makeConversationLinkToken(std::string_view key, Id conversation_id, Id contact_id, Millis now) {
  return makeSignedToken(key, "pe_",
                         {std::to_string(conversation_id), std::to_string(contact_id),
                          std::to_string(now + kConversationLinkLifetime)});
}

std::optional<ConversationLink> verifyConversationLinkToken(std::string_view key, std::string_view token, Millis now) {
  auto fields = verifySignedToken(key, token, "pe_", 3);
  if (!fields) return std::nullopt;
  auto conv = positiveTokenInt((*fields)[0]);
  auto contact = positiveTokenInt((*fields)[1]);
  auto expires = positiveTokenInt((*fields)[2]);
  if (!conv || !contact || !expires || *expires <= now) return std::nullopt;
  return ConversationLink{*conv, *contact};
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
  auto ws_id = positiveTokenInt(token.substr(0, first));
  auto conv_id = positiveTokenInt(token.substr(first + 1, second - first - 1));
  if (!ws_id || !conv_id) return std::nullopt;
  const Id ws = *ws_id, conv = *conv_id;
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
