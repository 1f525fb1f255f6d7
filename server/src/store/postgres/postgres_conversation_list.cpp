// PostgresStore: the inbox list — filters, three sort orders and keyset (cursor) pagination, with
// the SQLite backend's keys and cursor texts (sqlite_conversation_list.cpp), so a cursor means the
// same on both: each sort is a key tuple compared with one row-value comparison, and the cursor is
// the page's last key ("n<updated_at>.<id>", "w<waiting_since or INT64_MAX>.<id>",
// "p<priority rank>.<updated_at>.<id>").
#include <charconv>
#include <cstdint>
#include <stdexcept>

#include "domain/conversation_rules.h"
#include "store/postgres/pg_rows.h"
#include "store/postgres/postgres_store.h"

namespace parley {

namespace {

struct SortSpec {
  char tag;               // first character of the cursor, so a cursor of another sort is refused
  std::size_t key_count;  // numbers in the cursor
  std::string key;        // SQL tuple compared against the cursor
  const char* after;      // comparison operator for "comes after the cursor"
  std::string order;
};

// waiting: NULLs last by mapping them to the largest integer, which keeps the key a plain tuple.
constexpr const char* kWaitingKey = "coalesce(c.waiting_since, 9223372036854775807)";

// The domain's priorityRank as SQL, built from it so that the ORDER BY and the cursor key cannot
// disagree: "(CASE c.priority WHEN 'none' THEN 0 ... END)". The words and ranks are the domain's
// constants, not input.
std::string priorityRankSql() {
  std::string sql = "(CASE c.priority";
  for (Priority p : allValues<Priority>())
    sql += " WHEN '" + std::string(toString(p)) + "' THEN " + std::to_string(priorityRank(p));
  return sql + " END)";
}

const SortSpec& sortSpec(const std::string& sort) {
  static const std::string rank = priorityRankSql();
  static const SortSpec newest{'n', 2, "(c.updated_at, c.id)", " < ", " ORDER BY c.updated_at DESC, c.id DESC"};
  static const SortSpec waiting{'w', 2, std::string("(") + kWaitingKey + ", c.id)", " > ",
                                std::string(" ORDER BY ") + kWaitingKey + " ASC, c.id ASC"};
  static const SortSpec priority{'p', 3, "(" + rank + ", c.updated_at, c.id)", " < ",
                                 " ORDER BY " + rank + " DESC, c.updated_at DESC, c.id DESC"};
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

ConversationPage PostgresStore::listConversations(Id workspace_id, const ConversationFilter& f) {
  const SortSpec& sort = sortSpec(f.sort);
  std::vector<std::int64_t> after;
  if (!f.cursor.empty()) after = decodeCursor(sort, f.cursor);
  const int limit = pg::clampLimit(f.limit, 50, 100);

  // Only constant fragments go into the SQL text; every value is a parameter.
  pg::Params p;
  std::string sql = pg::kSelectConversation + "WHERE c.workspace_id = " + p.add(workspace_id) + "::bigint";
  if (f.status) sql += " AND c.status = " + p.add(*f.status);
  if (f.assignee == ConversationFilter::Assignee::None) {
    sql += " AND c.assignee_id IS NULL";
  } else if (f.assignee == ConversationFilter::Assignee::Id) {
    sql += " AND c.assignee_id = " + p.add(f.assignee_id) + "::bigint";
  }
  if (f.team_id) sql += " AND c.team_id = " + p.add(*f.team_id) + "::bigint";
  if (f.tag) sql += " AND c.tags ? " + p.add(*f.tag) + "::text";
  if (f.priority) sql += " AND c.priority = " + p.add(*f.priority);
  if (f.contact_id) sql += " AND c.contact_id = " + p.add(*f.contact_id) + "::bigint";
  if (!after.empty()) {
    std::string values;
    for (auto v : after) values += (values.empty() ? "" : ", ") + p.add(v) + "::bigint";
    sql += " AND " + sort.key + sort.after + "(" + values + ")";
  }
  sql += sort.order;
  sql += " LIMIT " + p.add(limit + 1);  // one extra row tells whether there is a next page

  auto c = pool_->acquire();
  auto r = c->execParams(sql, p.values());
  ConversationPage page;
  for (int i = 0; i < r.rows(); ++i) page.conversations.push_back(pg::readConversation(r, i));
  if (page.conversations.size() > static_cast<std::size_t>(limit)) {
    page.conversations.pop_back();
    page.next_cursor = encodeCursor(sort, sortKey(sort, page.conversations.back()));
  }
  return page;
}

}  // namespace parley
