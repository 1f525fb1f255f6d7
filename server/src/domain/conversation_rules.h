// Allowed values of the conversation, agent and presence enums (docs/protocol.md, Objects) and the status rules.
// The HTTP layer validates PATCH bodies with these before anything reaches the store.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace parley {

bool isValidStatus(std::string_view status);      // open | pending | snoozed | resolved
bool isValidPriority(std::string_view priority);  // none | low | medium | high | urgent
bool isValidRole(std::string_view role);          // admin | agent
bool isValidPresence(std::string_view presence);  // online | away | offline
bool isValidSenderType(std::string_view type);    // visitor | agent | bot | system

// urgent = 4, high = 3, medium = 2, low = 1, none = 0; unknown values rank as none (-1 would sort them
// above nothing and below everything, which no caller wants).
int priorityRank(std::string_view priority);

// nullopt when a conversation may move from `from` to `to`, otherwise why not. Every status may reach every
// other one (agents reopen resolved chats and undo mistakes), and `to == from` is a no-op. The one rule:
// snoozing needs a time to wake up (`has_snooze_until`), or the conversation would sleep forever.
std::optional<std::string> checkTransition(std::string_view from, std::string_view to, bool has_snooze_until);

// Tags are compared as stored, so "Billing ", "billing" and "BILLING" must become one tag: trims, lower-cases,
// collapses inner whitespace to one space. nullopt unless the result is 1..40 characters of ASCII letters,
// digits, '-', '_' and spaces.
std::optional<std::string> normalizeTag(std::string_view tag);

}  // namespace parley
