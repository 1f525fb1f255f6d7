// PostgresStore: full-text search over message bodies with PostgreSQL's own text search.
//
// messages.search is to_tsvector('simple', body), a stored generated column with a GIN index
// (pg_migrations.cpp, version 2): written in the message's own INSERT, so a search sees every
// committed message (no deferred indexing as with FTS5). The query goes through
// plainto_tsquery('simple', ...): the words ANDed, every operator character just text, so user
// input can never be query syntax. 'simple' lower-cases and neither stems nor drops stop words,
// like FTS5's unicode61 tokenizer. Where the two differ:
//  - FTS5 removes diacritics ("cafe" finds "café"); 'simple' does not (that needs the unaccent
//    extension, which only a superuser can create);
//  - PostgreSQL's parser keeps some tokens whole that FTS5 splits at punctuation: an email address
//    or a host name is one word ("a@example.com"), so searching "example" does not find it;
//  - the rank is ts_rank (term frequency) rather than FTS5's bm25, and the snippet is ts_headline's
//    (the words around the first match, without markers) rather than FTS5's; both are plain text.
#include "store/postgres/pg_rows.h"
#include "store/postgres/postgres_store.h"

namespace parley {

std::vector<MessageHit> PostgresStore::searchMessages(Id workspace_id, std::string_view query, int limit) {
  std::vector<MessageHit> out;
  if (query.find_first_not_of(" \t\r\n") == std::string_view::npos) return out;
  // The hits first (rank, then newest), then a headline for each of at most `limit` of them.
  auto c = pool_->acquire();
  auto r = c->exec(
      "WITH q AS (SELECT plainto_tsquery('simple', $1) AS query), "
      "hits AS (SELECT m.id, m.conversation_id, m.seq, m.body, m.created_at, ts_rank(m.search, q.query) AS rank "
      "FROM messages m, q WHERE m.search @@ q.query AND m.workspace_id = $2 "
      "ORDER BY rank DESC, m.id DESC LIMIT $3) "
      "SELECT h.conversation_id, h.id, h.seq, "
      "ts_headline('simple', h.body, q.query, 'StartSel=\"\", StopSel=\"\", MaxWords=16, MinWords=8'), "
      "h.created_at "
      "FROM hits h, q ORDER BY h.rank DESC, h.id DESC",
      query, workspace_id, pg::clampLimit(limit, 20, 100));
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i)
    out.push_back(MessageHit{r.i64(i, 0), r.i64(i, 1), r.i64(i, 2), r.text(i, 3), r.i64(i, 4)});
  return out;
}

}  // namespace parley
