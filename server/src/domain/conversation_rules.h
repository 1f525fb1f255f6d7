// Rules about a conversation's fields (docs/protocol.md, Objects). The value sets themselves are the
// enums of domain/enums.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/enums.h"

namespace parley {

// urgent = 4, high = 3, medium = 2, low = 1, none = 0: the inbox's "priority" sort. The SQLite store
// builds its ORDER BY from this (sqlite_conversation_list.cpp), so there is one ranking.
constexpr int priorityRank(Priority p) { return static_cast<int>(p); }

// nullopt when a conversation may move from `from` to `to`, otherwise why not. Every status may reach every
// other one (agents reopen resolved chats and undo mistakes), and `to == from` is a no-op. The one rule:
// snoozing needs a time to wake up (`has_snooze_until`), or the conversation would sleep forever.
std::optional<std::string> checkTransition(ConversationStatus from, ConversationStatus to, bool has_snooze_until);

// Tags are compared as stored, so "Billing ", "billing" and "BILLING" must become one tag: trims, lower-cases,
// collapses inner whitespace to one space. nullopt unless the result is 1..40 characters of ASCII letters,
// digits, '-', '_' and spaces.
std::optional<std::string> normalizeTag(std::string_view tag);

}  // namespace parley
