// PostgresStore: the inbox list — filters, and the sort orders and keyset cursors of
// store/conversation_sort.h (shared with SQLite, so a cursor means the same on both).
#include <cstdint>
#include <stdexcept>

#include "domain/conversation_rules.h"
#include "store/conversation_sort.h"
#include "store/postgres/pg_rows.h"
#include "store/postgres/postgres_store.h"

namespace parley {

ConversationPage PostgresStore::listConversations(Id workspace_id, const ConversationFilter& f) {
  const ConversationSort& sort = conversationSort(f.sort);
  std::vector<std::int64_t> after;
  if (!f.cursor.empty()) after = decodeConversationCursor(sort, f.cursor);
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
  if (f.bot_handled) sql += " AND EXISTS (SELECT 1 FROM bot_conversations b WHERE b.conversation_id = c.id)";
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
    page.next_cursor = encodeConversationCursor(sort, conversationSortKey(sort, page.conversations.back()));
  }
  return page;
}

}  // namespace parley
