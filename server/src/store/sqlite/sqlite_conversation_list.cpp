// SqliteStore: the inbox list — filters, three sort orders and keyset (cursor) pagination.
//
// Keyset rather than OFFSET paging: a conversation that moves while an agent scrolls can shift
// pages, but a page never repeats or skips rows that did not move. Each sort is expressed as a
// key tuple compared with one row-value comparison, so the cursor is just the last row's key.
#include <charconv>
#include <cstdint>
#include <stdexcept>
#include <variant>

#include "domain/conversation_rules.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace parley {

namespace {

struct SortSpec {
  char tag;                // first character of the cursor, so a cursor of another sort is refused
  std::size_t key_count;   // numbers in the cursor
  const char* key;         // SQL tuple compared against the cursor
  const char* after;       // comparison operator for "comes after the cursor"
  const char* order;
};

// waiting: NULLs last by mapping them to the largest integer, which keeps the key a plain tuple.
constexpr const char* kWaitingKey = "ifnull(c.waiting_since, 9223372036854775807)";

// The domain's priorityRank as SQL, built from it so that the ORDER BY and the cursor key (sortKey)
// cannot disagree: "(CASE c.priority WHEN 'none' THEN 0 ... END)".
std::string priorityRankSql() {
  std::string sql = "(CASE c.priority";
  for (Priority p : allValues<Priority>())
    sql += " WHEN '" + std::string(toString(p)) + "' THEN " + std::to_string(priorityRank(p));
  return sql + " END)";
}

const SortSpec& sortSpec(const std::string& sort) {
  static const std::string waiting_key = std::string("(") + kWaitingKey + ", c.id)";
  static const std::string waiting_order = std::string(" ORDER BY ") + kWaitingKey + " ASC, c.id ASC";
  static const std::string rank = priorityRankSql();
  static const std::string priority_key = "(" + rank + ", c.updated_at, c.id)";
  static const std::string priority_order = " ORDER BY " + rank + " DESC, c.updated_at DESC, c.id DESC";
  static const SortSpec newest{'n', 2, "(c.updated_at, c.id)", " < ", " ORDER BY c.updated_at DESC, c.id DESC"};
  static const SortSpec waiting{'w', 2, waiting_key.c_str(), " > ", waiting_order.c_str()};
  static const SortSpec priority{'p', 3, priority_key.c_str(), " < ", priority_order.c_str()};
  if (sort.empty() || sort == "newest") return newest;
  if (sort == "waiting") return waiting;
  if (sort == "priority") return priority;
  throw std::invalid_argument("sort");
}

std::vector<std::int64_t> sortKey(const SortSpec& s, const Conversation& c) {
  switch (s.tag) {
    case 'w': return {c.waiting_since.value_or(INT64_MAX), c.id};
    case 'p': return {priorityRank(c.priority), c.updated_at, c.id};
    default: return {c.updated_at, c.id};
  }
}

// Cursor text: the sort's tag, then the key numbers joined by '.', e.g. "n1700000000000.42".
std::string encodeCursor(const SortSpec& s, const std::vector<std::int64_t>& key) {
  std::string out(1, s.tag);
  for (std::size_t i = 0; i < key.size(); ++i) {
    if (i) out.push_back('.');
    out += std::to_string(key[i]);
  }
  return out;
}

std::vector<std::int64_t> decodeCursor(const SortSpec& s, const std::string& cursor) {
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

}  // namespace

ConversationPage SqliteStore::listConversations(Id workspace_id, const ConversationFilter& f) {
  const SortSpec& sort = sortSpec(f.sort);
  std::vector<std::int64_t> after;
  if (!f.cursor.empty()) after = decodeCursor(sort, f.cursor);
  int limit = sqlite::clampLimit(f.limit, 50, 100);

  // Only constant fragments go into the SQL text; every value is bound. The cache thus holds at
  // most one statement per combination of filters.
  using Value = std::variant<std::int64_t, std::string>;
  std::vector<Value> args{workspace_id};
  std::string sql = sqlite::kSelectConversation + "WHERE c.workspace_id = ?";
  if (f.status) {
    sql += " AND c.status = ?";
    args.emplace_back(std::string(toString(*f.status)));
  }
  if (f.assignee == ConversationFilter::Assignee::None) {
    sql += " AND c.assignee_id IS NULL";
  } else if (f.assignee == ConversationFilter::Assignee::Id) {
    sql += " AND c.assignee_id = ?";
    args.emplace_back(f.assignee_id);
  }
  if (f.team_id) {
    sql += " AND c.team_id = ?";
    args.emplace_back(*f.team_id);
  }
  if (f.tag) {
    sql += " AND EXISTS (SELECT 1 FROM json_each(c.tags) t WHERE t.value = ?)";
    args.emplace_back(*f.tag);
  }
  if (f.priority) {
    sql += " AND c.priority = ?";
    args.emplace_back(std::string(toString(*f.priority)));
  }
  if (f.contact_id) {
    sql += " AND c.contact_id = ?";
    args.emplace_back(*f.contact_id);
  }
  if (!after.empty()) {
    sql += std::string(" AND ") + sort.key + sort.after + (after.size() == 3 ? "(?, ?, ?)" : "(?, ?)");
    for (auto v : after) args.emplace_back(v);
  }
  sql += sort.order;
  sql += " LIMIT ?";
  args.emplace_back(std::int64_t{limit} + 1);  // one extra row tells whether there is a next page

  std::lock_guard lock(mu_);
  ConversationPage page;
  auto q = db_->query(sql);
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::visit([&](const auto& v) { q.bindAt(static_cast<int>(i + 1), v); }, args[i]);
  }
  while (q.step()) page.conversations.push_back(sqlite::readConversation(q));
  if (page.conversations.size() > static_cast<std::size_t>(limit)) {
    page.conversations.pop_back();
    page.next_cursor = encodeCursor(sort, sortKey(sort, page.conversations.back()));
  }
  return page;
}

}  // namespace parley
