#include "store/conversation_sort.h"

#include <charconv>
#include <climits>
#include <stdexcept>

#include "domain/conversation_rules.h"
#include "domain/enums.h"

namespace parley {

namespace {

// waiting: NULLs last by mapping them to the largest integer, which keeps the key a plain tuple.
constexpr const char* kWaitingKey = "coalesce(c.waiting_since, 9223372036854775807)";

// The domain's priorityRank as SQL, built from it so that the ORDER BY and the cursor key
// (conversationSortKey) cannot disagree: "(CASE c.priority WHEN 'none' THEN 0 ... END)". The words
// and ranks are the domain's constants, not input.
std::string priorityRankSql() {
  std::string sql = "(CASE c.priority";
  for (Priority p : allValues<Priority>())
    sql += " WHEN '" + std::string(toString(p)) + "' THEN " + std::to_string(priorityRank(p));
  return sql + " END)";
}

}  // namespace

const ConversationSort& conversationSort(ConversationOrder order) {
  static const std::string rank = priorityRankSql();
  static const ConversationSort newest{'n', 2, "(c.updated_at, c.id)", " < ", " ORDER BY c.updated_at DESC, c.id DESC"};
  static const ConversationSort waiting{'w', 2, std::string("(") + kWaitingKey + ", c.id)", " > ",
                                        std::string(" ORDER BY ") + kWaitingKey + " ASC, c.id ASC"};
  static const ConversationSort priority{'p', 3, "(" + rank + ", c.updated_at, c.id)", " < ",
                                         " ORDER BY " + rank + " DESC, c.updated_at DESC, c.id DESC"};
  switch (order) {
    case ConversationOrder::Newest: return newest;
    case ConversationOrder::Waiting: return waiting;
    case ConversationOrder::Priority: return priority;
  }
  throw std::invalid_argument("sort");  // only a cast makes another value
}

std::vector<std::int64_t> conversationSortKey(const ConversationSort& s, const Conversation& c) {
  switch (s.tag) {
    case 'w': return {c.waiting_since.value_or(INT64_MAX), c.id};
    case 'p': return {priorityRank(c.priority), c.updated_at, c.id};
    default: return {c.updated_at, c.id};
  }
}

std::string encodeConversationCursor(const ConversationSort& s, const std::vector<std::int64_t>& key) {
  std::string out(1, s.tag);
  for (std::size_t i = 0; i < key.size(); ++i) {
    if (i) out.push_back('.');
    out += std::to_string(key[i]);
  }
  return out;
}

std::vector<std::int64_t> decodeConversationCursor(const ConversationSort& s, const std::string& cursor) {
  if (cursor.empty() || cursor[0] != s.tag) throw std::invalid_argument("cursor");
  std::vector<std::int64_t> key;
  const char* p = cursor.data() + 1;
  const char* end = cursor.data() + cursor.size();
  while (true) {
    std::int64_t v = 0;
    auto [next, ec] = std::from_chars(p, end, v);
    if (ec != std::errc() || next == p) throw std::invalid_argument("cursor");
    key.push_back(v);
    if (next == end) break;
    if (*next != '.') throw std::invalid_argument("cursor");
    p = next + 1;
  }
  if (key.size() != s.key_count) throw std::invalid_argument("cursor");
  return key;
}

}  // namespace parley
