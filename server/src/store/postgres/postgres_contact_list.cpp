// PostgresStore: the contacts page — everyone the workspace has met, newest seen first, with a
// search and keyset (cursor) pages; the cursors are the SQLite backend's ("l<last_seen_at>.<id>").
//
// The order (last_seen_at DESC, id DESC) is the index contacts_last_seen read backwards, so a page
// reads about `limit` rows of the workspace, plus the rows a search skips.
#include <charconv>
#include <stdexcept>

#include "store/postgres/pg_rows.h"
#include "store/postgres/postgres_store.h"

namespace parley {

namespace {

std::string_view trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string encodeCursor(const Contact& c) {
  return "l" + std::to_string(c.last_seen_at) + "." + std::to_string(c.id);
}

std::pair<std::int64_t, std::int64_t> decodeCursor(const std::string& cursor) {
  std::int64_t seen = 0, id = 0;
  if (cursor.size() < 4 || cursor[0] != 'l') throw std::invalid_argument("cursor");
  const char* end = cursor.data() + cursor.size();
  auto [dot, ec1] = std::from_chars(cursor.data() + 1, end, seen);
  if (ec1 != std::errc() || dot == end || *dot != '.') throw std::invalid_argument("cursor");
  auto [last, ec2] = std::from_chars(dot + 1, end, id);
  if (ec2 != std::errc() || last != end || id <= 0) throw std::invalid_argument("cursor");
  return {seen, id};
}

}  // namespace

ContactPage PostgresStore::listContacts(Id workspace_id, const ContactFilter& f) {
  const char* segment = nullptr;
  if (f.segment.empty() || f.segment == "all") segment = "";
  else if (f.segment == "known") segment = " AND (ct.name IS NOT NULL OR ct.email IS NOT NULL OR ct.external_id IS NOT NULL)";
  else if (f.segment == "chatted") segment = " AND EXISTS (SELECT 1 FROM conversations c WHERE c.contact_id = ct.id)";
  else throw std::invalid_argument("segment");
  const int limit = pg::clampLimit(f.limit, 50, 100);

  // Only constant fragments go into the SQL text; every value is a parameter.
  pg::Params p;
  std::string sql = pg::kSelectContact;
  sql.insert(sql.find(" FROM contacts ct"),
             ", (SELECT count(*) FROM conversations c WHERE c.contact_id = ct.id AND c.workspace_id = ct.workspace_id)");
  sql += "WHERE ct.workspace_id = " + p.add(workspace_id) + "::bigint";
  if (auto q = trim(f.query); !q.empty()) {
    const std::string pattern = p.add(pg::likeContainsLower(q));
    sql += " AND (lower(ct.name COLLATE \"C\") LIKE " + pattern + " OR lower(ct.email COLLATE \"C\") LIKE " + pattern +
           " OR lower(ct.external_id COLLATE \"C\") LIKE " + pattern + ")";
  }
  sql += segment;
  if (!f.cursor.empty()) {
    auto [seen, id] = decodeCursor(f.cursor);
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
    page.next_cursor = encodeCursor(page.contacts.back().contact);
  }
  return page;
}

}  // namespace parley
