// The closed value sets of the model (docs/openapi.json and the SQL CHECK constraints list the same
// words): conversation status and priority, agent role and presence, message sender and read-marker
// reader, and the query words of the inbox list (its order) and the contacts list (its segment).
//
// Each enum has one table of names, indexed by the enumerator's value; toString(), the parse
// functions and the list of all values are derived from it, so a word exists in exactly one place in
// C++. The wire layer and the store convert at their boundary; everything between compares enums.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <ostream>
#include <string_view>

namespace parley {

enum class ConversationStatus { Open, Pending, Snoozed, Resolved };
// Declared in rank order: priorityRank() is the enumerator's value (see conversation_rules.h).
enum class Priority { None, Low, Medium, High, Urgent };
enum class AgentRole { Admin, Agent };
enum class SenderType { Visitor, Agent, Bot, System };
// Whose read marker moves (markRead, the `read` frame's reader_type).
enum class ReaderType { Visitor, Agent };
// An agent's effective presence: Online or Away is what they picked, shown while a socket is open;
// Offline when none is. Only Online and Away can be picked (isPickable).
enum class AgentPresence { Online, Away, Offline };
// The inbox list's order (`?sort=`): updated_at desc, waiting_since asc, priority rank desc.
enum class ConversationOrder { Newest, Waiting, Priority };
// The contacts list's segment (`?segment=`): everyone, the known (a name, email or user id), those
// who have a conversation.
enum class ContactSegment { All, Known, Chatted };

// EnumNames<E>::names[i] is the word for the enumerator with value i.
template <class E>
struct EnumNames;

template <>
struct EnumNames<ConversationStatus> {
  static constexpr std::array<std::string_view, 4> names{"open", "pending", "snoozed", "resolved"};
};
template <>
struct EnumNames<Priority> {
  static constexpr std::array<std::string_view, 5> names{"none", "low", "medium", "high", "urgent"};
};
template <>
struct EnumNames<AgentRole> {
  static constexpr std::array<std::string_view, 2> names{"admin", "agent"};
};
template <>
struct EnumNames<SenderType> {
  static constexpr std::array<std::string_view, 4> names{"visitor", "agent", "bot", "system"};
};
template <>
struct EnumNames<ReaderType> {
  static constexpr std::array<std::string_view, 2> names{"visitor", "agent"};
};
template <>
struct EnumNames<AgentPresence> {
  static constexpr std::array<std::string_view, 3> names{"online", "away", "offline"};
};
template <>
struct EnumNames<ConversationOrder> {
  static constexpr std::array<std::string_view, 3> names{"newest", "waiting", "priority"};
};
template <>
struct EnumNames<ContactSegment> {
  static constexpr std::array<std::string_view, 3> names{"all", "known", "chatted"};
};

// A table that misses its last enumerator fails here, not at run time.
static_assert(EnumNames<ConversationStatus>::names.size() == std::size_t(ConversationStatus::Resolved) + 1);
static_assert(EnumNames<Priority>::names.size() == std::size_t(Priority::Urgent) + 1);
static_assert(EnumNames<AgentRole>::names.size() == std::size_t(AgentRole::Agent) + 1);
static_assert(EnumNames<SenderType>::names.size() == std::size_t(SenderType::System) + 1);
static_assert(EnumNames<ReaderType>::names.size() == std::size_t(ReaderType::Agent) + 1);
static_assert(EnumNames<AgentPresence>::names.size() == std::size_t(AgentPresence::Offline) + 1);
static_assert(EnumNames<ConversationOrder>::names.size() == std::size_t(ConversationOrder::Priority) + 1);
static_assert(EnumNames<ContactSegment>::names.size() == std::size_t(ContactSegment::Chatted) + 1);

template <class E>
concept NamedEnum = requires { EnumNames<E>::names; };

// The word for `e`; empty for a value outside the enum (only a cast can make one; the store's
// CHECK constraints then refuse it).
template <NamedEnum E>
constexpr std::string_view toString(E e) {
  const auto& names = EnumNames<E>::names;
  const auto i = static_cast<std::size_t>(e);
  return i < names.size() ? names[i] : std::string_view{};
}

// Exact, case-sensitive match: "Open" is not a status.
template <NamedEnum E>
constexpr std::optional<E> parseEnum(std::string_view word) {
  const auto& names = EnumNames<E>::names;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == word) return static_cast<E>(i);
  return std::nullopt;
}

// Every value, in declaration order.
template <NamedEnum E>
constexpr auto allValues() {
  std::array<E, EnumNames<E>::names.size()> out{};
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<E>(i);
  return out;
}

constexpr std::optional<ConversationStatus> parseConversationStatus(std::string_view s) {
  return parseEnum<ConversationStatus>(s);
}
constexpr std::optional<Priority> parsePriority(std::string_view s) { return parseEnum<Priority>(s); }
constexpr std::optional<AgentRole> parseAgentRole(std::string_view s) { return parseEnum<AgentRole>(s); }
constexpr std::optional<SenderType> parseSenderType(std::string_view s) { return parseEnum<SenderType>(s); }
constexpr std::optional<ReaderType> parseReaderType(std::string_view s) { return parseEnum<ReaderType>(s); }
constexpr std::optional<AgentPresence> parseAgentPresence(std::string_view s) { return parseEnum<AgentPresence>(s); }
// What an agent may pick (the presence.set frame, PATCH agents/{id}): online or away, not offline.
constexpr bool isPickable(AgentPresence p) { return p != AgentPresence::Offline; }

// For logs and test failure messages.
template <NamedEnum E>
std::ostream& operator<<(std::ostream& out, E e) {
  return out << toString(e);
}

}  // namespace parley
