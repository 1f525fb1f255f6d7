// PostgresStore: the contacts page — everyone the workspace has met, newest seen first, with a
// search and keyset (cursor) pages; the cursors and segments are
// store/contact_list_query.h's, as on SQLite.
//
// The order (last_seen_at DESC, id DESC) is the index contacts_last_seen read backwards, so a page
// reads about `limit` rows of the workspace, plus the rows a search skips.
#include <stdexcept>

#include "store/contact_list_query.h"
#include "store/postgres/pg_rows.h"
#include "store/postgres/postgres_store.h"

namespace parley {

ContactPage PostgresStore::listContacts(Id workspace_id, const ContactFilter& f) {
  const char* segment = contactSegmentCondition(f.segment);
  const int limit = pg::clampLimit(f.limit, 50, 100);

  // Only constant fragments go into the SQL text; every value is a parameter.
  pg::Params p;
  std::string sql = pg::kSelectContact;
  sql.insert(sql.find(" FROM contacts ct"),
             ", (SELECT count(*) FROM conversations c WHERE c.contact_id = ct.id AND c.workspace_id = ct.workspace_id)");
  sql += "WHERE ct.workspace_id = " + p.add(workspace_id) + "::bigint";
  if (auto q = trimContactSearch(f.query); !q.empty()) {
    const std::string pattern = p.add(pg::likeContainsLower(q));
    sql += " AND (lower(ct.name COLLATE \"C\") LIKE " + pattern + " OR lower(ct.email COLLATE \"C\") LIKE " + pattern +
           " OR lower(ct.external_id COLLATE \"C\") LIKE " + pattern + ")";
  }
  sql += segment;
  if (!f.cursor.empty()) {
    auto [seen, id] = decodeContactCursor(f.cursor);
    sql += " AND (ct.last_seen_at, ct.id) < (" + p.add(seen) + "::bigint, " + p.add(id) + "::bigint)";
  }
  sql += " ORDER BY ct.last_seen_at DESC, ct.id DESC LIMIT " + p.add(limit + 1);  // one more: is there a next page?

  auto c = pool_->acquire();
  auto r = c->execParams(sql, p.values());
  ContactPage page;
  for (int i = 0; i < r.rows(); ++i)
    page.contacts.push_back(ContactListItem{pg::readContact(r, i), r.i64(i, pg::kContactColumnCount)});
  if (page.contacts.size() > static_cast<std::size_t>(limit)) {
    page.contacts.pop_back();
    page.next_cursor = encodeContactCursor(page.contacts.back().contact);
  }
  return page;
}

}  // namespace parley
