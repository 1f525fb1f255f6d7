// SqliteStore: full-text search over message bodies (FTS5).
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_search.h"
#include "store/sqlite/sqlite_store.h"

namespace parley {

std::string sqlite::ftsQuery(std::string_view text) {
  // Every whitespace-separated word becomes a quoted FTS5 string ("" escapes a quote), so
  // operators, parentheses, column filters and stars in user text are just characters.
  // Adjacent strings are ANDed by FTS5.
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
    std::size_t start = i;
    while (i < text.size() && !(text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
    if (i == start) break;
    if (!out.empty()) out.push_back(' ');
    out.push_back('"');
    for (char ch : text.substr(start, i - start)) {
      if (ch == '"') out.push_back('"');
      out.push_back(ch);
    }
    out.push_back('"');
  }
  return out;
}

std::vector<MessageHit> SqliteStore::searchMessages(Id workspace_id, std::string_view query, int limit) {
  std::vector<MessageHit> out;
  std::string match = sqlite::ftsQuery(query);
  if (match.empty()) return out;
  std::lock_guard lock(mu_);
  if (unindexed_ > 0) {
    sqlite::Tx tx(*db_);
    indexPendingMessages();
    tx.commit();
  }
  // Plain-text snippet (no markers): clients render it as text, never as HTML.
  auto q = db_->query(
      "SELECT m.conversation_id, m.id, m.seq, snippet(messages_fts, 0, '', '', '…', 16), m.created_at "
      "FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid "
      "WHERE messages_fts MATCH ?1 AND m.workspace_id = ?2 "
      "ORDER BY messages_fts.rank, m.id DESC LIMIT ?3");
  q.bind(match, workspace_id, sqlite::clampLimit(limit, 20, 100));
  while (q.step()) out.push_back(MessageHit{q.i64(0), q.i64(1), q.i64(2), q.text(3), q.i64(4)});
  return out;
}

}  // namespace parley
