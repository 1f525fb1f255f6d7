// SqliteStore: the inbox list — filters, and the sort orders and keyset cursors of
// store/conversation_sort.h.
#include <cstdint>
#include <stdexcept>
#include <variant>

#include "domain/conversation_rules.h"
#include "store/conversation_sort.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace parley {

ConversationPage SqliteStore::listConversations(Id workspace_id, const ConversationFilter& f) {
  const ConversationSort& sort = conversationSort(f.sort);
  std::vector<std::int64_t> after;
  if (!f.cursor.empty()) after = decodeConversationCursor(sort, f.cursor);
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
  if (f.bot_handled) sql += " AND EXISTS (SELECT 1 FROM bot_conversations b WHERE b.conversation_id = c.id)";
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
    page.next_cursor = encodeConversationCursor(sort, conversationSortKey(sort, page.conversations.back()));
  }
  return page;
}

}  // namespace parley
