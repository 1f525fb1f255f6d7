// SqliteStore: the contacts page — everyone the workspace has met, newest seen first, with a search
// and keyset (cursor) pages.
//
// The order (last_seen_at DESC, id DESC) is the index contacts_last_seen(workspace_id, last_seen_at)
// read backwards (the rowid is the index's last column), so a page reads about `limit` rows of the
// workspace, plus the rows a search skips. The conversation count is one probe of
// conversations_contact per row.
#include <stdexcept>
#include <variant>

#include "store/contact_list_query.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace parley {

namespace {

// The contact's columns, then the number of its conversations.
const std::string& selectWithCount() {
  static const std::string sql = [] {
    std::string s = sqlite::kSelectContact;
    s.insert(s.find(" FROM contacts ct"),
             ", (SELECT count(*) FROM conversations c WHERE c.contact_id = ct.id AND c.workspace_id = ct.workspace_id)");
    return s;
  }();
  return sql;
}
constexpr int kCountColumn = 15;

}  // namespace

ContactPage SqliteStore::listContacts(Id workspace_id, const ContactFilter& f) {
  const char* segment = contactSegmentCondition(f.segment);
  const int limit = sqlite::clampLimit(f.limit, 50, 100);

  // Only constant fragments go into the SQL text (it is the statement cache's key); values are bound.
  using Value = std::variant<std::int64_t, std::string>;
  std::vector<Value> args{workspace_id};
  std::string sql = selectWithCount() + "WHERE ct.workspace_id = ?";
  if (auto q = trimContactSearch(f.query); !q.empty()) {
    sql += " AND (ct.name LIKE ? ESCAPE '\\' OR ct.email LIKE ? ESCAPE '\\' OR ct.external_id LIKE ? ESCAPE '\\')";
    auto pattern = sqlite::likeContains(q);
    for (int i = 0; i < 3; ++i) args.emplace_back(pattern);
  }
  sql += segment;
  if (!f.cursor.empty()) {
    auto [seen, id] = decodeContactCursor(f.cursor);
    sql += " AND (ct.last_seen_at, ct.id) < (?, ?)";
    args.emplace_back(seen);
    args.emplace_back(id);
  }
  sql += " ORDER BY ct.last_seen_at DESC, ct.id DESC LIMIT ?";
  args.emplace_back(std::int64_t{limit} + 1);  // one more row tells whether there is a next page

  std::lock_guard lock(mu_);
  ContactPage page;
  auto q = db_->query(sql);
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::visit([&](const auto& v) { q.bindAt(static_cast<int>(i + 1), v); }, args[i]);
  }
  while (q.step()) page.contacts.push_back(ContactListItem{sqlite::readContact(q), q.i64(kCountColumn)});
  if (page.contacts.size() > static_cast<std::size_t>(limit)) {
    page.contacts.pop_back();
    page.next_cursor = encodeContactCursor(page.contacts.back().contact);
  }
  return page;
}

}  // namespace parley
