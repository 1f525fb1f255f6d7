#include "domain/conversation_rules.h"

#include <array>

namespace parley {

namespace {

constexpr std::size_t kMaxTagLength = 40;

template <std::size_t N>
bool oneOf(std::string_view value, const std::array<std::string_view, N>& allowed) {
  for (auto a : allowed)
    if (a == value) return true;
  return false;
}

constexpr std::array<std::string_view, 4> kStatuses = {"open", "pending", "snoozed", "resolved"};
// Index = rank.
constexpr std::array<std::string_view, 5> kPriorities = {"none", "low", "medium", "high", "urgent"};

}  // namespace

bool isValidStatus(std::string_view s) { return oneOf(s, kStatuses); }
bool isValidPriority(std::string_view p) { return oneOf(p, kPriorities); }
bool isValidRole(std::string_view r) { return oneOf(r, std::array<std::string_view, 2>{"admin", "agent"}); }
bool isValidPresence(std::string_view p) {
  return oneOf(p, std::array<std::string_view, 3>{"online", "away", "offline"});
}
bool isValidSenderType(std::string_view t) {
  return oneOf(t, std::array<std::string_view, 4>{"visitor", "agent", "bot", "system"});
}

int priorityRank(std::string_view p) {
  for (std::size_t i = 0; i < kPriorities.size(); ++i)
    if (kPriorities[i] == p) return static_cast<int>(i);
  return 0;
}

std::optional<std::string> checkTransition(std::string_view from, std::string_view to, bool has_snooze_until) {
  if (!isValidStatus(to)) return "unknown status '" + std::string(to) + "'";
  if (!isValidStatus(from)) return "conversation has unknown status '" + std::string(from) + "'";
  if (from == to) return std::nullopt;
  if (to == "snoozed" && !has_snooze_until) return "snoozed_until is required to snooze a conversation";
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
