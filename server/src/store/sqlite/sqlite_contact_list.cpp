// SqliteStore: the contacts page — everyone the workspace has met, newest seen first, with a search
// and keyset (cursor) pages.
//
// The order (last_seen_at DESC, id DESC) is the index contacts_last_seen(workspace_id, last_seen_at)
// read backwards (the rowid is the index's last column), so a page reads about `limit` rows of the
// workspace, plus the rows a search skips. The conversation count is one probe of
// conversations_contact per row.
#include <charconv>
#include <stdexcept>
#include <variant>

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

std::string_view trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// Cursor text: "l<last_seen_at>.<id>" of the page's last row.
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

ContactPage SqliteStore::listContacts(Id workspace_id, const ContactFilter& f) {
  const char* segment = nullptr;
  if (f.segment.empty() || f.segment == "all") segment = "";
  else if (f.segment == "known") segment = " AND (ct.name IS NOT NULL OR ct.email IS NOT NULL OR ct.external_id IS NOT NULL)";
  else if (f.segment == "chatted") segment = " AND EXISTS (SELECT 1 FROM conversations c WHERE c.contact_id = ct.id)";
  else throw std::invalid_argument("segment");
  const int limit = sqlite::clampLimit(f.limit, 50, 100);

  // Only constant fragments go into the SQL text (it is the statement cache's key); values are bound.
  using Value = std::variant<std::int64_t, std::string>;
  std::vector<Value> args{workspace_id};
  std::string sql = selectWithCount() + "WHERE ct.workspace_id = ?";
  if (auto q = trim(f.query); !q.empty()) {
    sql += " AND (ct.name LIKE ? ESCAPE '\\' OR ct.email LIKE ? ESCAPE '\\' OR ct.external_id LIKE ? ESCAPE '\\')";
    auto pattern = sqlite::likeContains(q);
    for (int i = 0; i < 3; ++i) args.emplace_back(pattern);
  }
  sql += segment;
  if (!f.cursor.empty()) {
    auto [seen, id] = decodeCursor(f.cursor);
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
    page.next_cursor = encodeCursor(page.contacts.back().contact);
  }
  return page;
}

}  // namespace parley
