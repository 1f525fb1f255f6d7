#include "domain/conversation_rules.h"

namespace parley {

namespace {

constexpr std::size_t kMaxTagLength = 40;

}  // namespace

std::optional<std::string> checkTransition(ConversationStatus from, ConversationStatus to, bool has_snooze_until) {
  if (from == to) return std::nullopt;
  if (to == ConversationStatus::Snoozed && !has_snooze_until) return "snoozed_until is required to snooze a conversation";
  return std::nullopt;
}

std::optional<std::string> normalizeTag(std::string_view tag) {
  std::string out;
  bool pending_space = false;
  for (char c : tag) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pending_space = !out.empty();
      continue;
    }
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c + 32);
      ok = true;
    }
    if (!ok) return std::nullopt;
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
    if (out.size() > kMaxTagLength) return std::nullopt;
  }
  if (out.empty()) return std::nullopt;
  return out;
}

}  // namespace parley
