// PostgresStore: the knowledge base's articles (store/article_store.h). Search is the stored
// articles.search tsvector ('english': stemmed; the title weighted A, the body B) with a GIN index
// (pg_migrations.cpp, version 7), ranked by ts_rank. Each user word goes through plainto_tsquery
// on its own (the last one also as a prefix, 'word':*, built from a word that holds no quote or
// operator: articleSearchWords keeps letters and digits only), so user text is never query syntax.
// Differences from the SQLite backend: stemming and stop words are PostgreSQL's english ones
// (FTS5's porter stems alike but keeps stop words), and the scores' scales differ.
#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "store/article_cursor.h"
#include "store/postgres/pg_rows.h"
#include "store/postgres/postgres_store.h"

namespace parley {

namespace {

constexpr const char* kPgArticleColumns =
    "a.id, a.workspace_id, a.category_id, a.title, a.slug, a.body_markdown, a.body_html, a.body_text, a.excerpt, "
    "a.status, a.created_at, a.updated_at, a.published_at, a.views, a.helpful_yes, a.helpful_no";

Article articleAt(const pg::Result& r, int i) {
  Article a;
  a.id = r.i64(i, 0);
  a.workspace_id = r.i64(i, 1);
  a.category_id = r.optI64(i, 2);
  a.title = r.text(i, 3);
  a.slug = r.text(i, 4);
  a.body_markdown = r.text(i, 5);
  a.body_html = r.text(i, 6);
  a.body_text = r.text(i, 7);
  a.excerpt = r.text(i, 8);
  a.status = parseArticleStatus(r.text(i, 9)).value_or(ArticleStatus::Draft);
  a.created_at = r.i64(i, 10);
  a.updated_at = r.i64(i, 11);
  a.published_at = r.optI64(i, 12);
  a.views = r.i64(i, 13);
  a.helpful_yes = r.i64(i, 14);
  a.helpful_no = r.i64(i, 15);
  return a;
}

// A tsquery expression over the words (ANDed, or ORed when `any`), their values added to `p`.
std::string tsQuery(const std::vector<std::string>& words, bool any, pg::Params& p) {
  std::string out = "(";
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += any ? " || " : " && ";
    // && and || have one precedence in PostgreSQL: the last word's pair needs its parentheses.
    if (i + 1 == words.size()) {
      const auto shorter = shorterSearchPrefix(words[i]);
      out += "(plainto_tsquery('english', " + p.add(words[i]) + ") || to_tsquery('english', " +
             p.add("'" + words[i] + "':*") + ")" +
             (shorter.empty() ? "" : " || to_tsquery('simple', " + p.add("'" + shorter + "':*") + ")") + ")";
    }
    else
      out += "plainto_tsquery('english', " + p.add(words[i]) + ")";
  }
  return out + ")";
}

std::string pgArticleStatus(ArticleStatus s) { return std::string(toString(s)); }

double parsePgScore(const std::string& text) {
  double v = 0;
  std::from_chars(text.data(), text.data() + text.size(), v);
  return v;
}

std::optional<Article> loadArticle(pg::Connection& c, Id workspace_id, Id id) {
  auto r = c.exec(std::string("SELECT ") + kPgArticleColumns + " FROM articles a WHERE a.id = $1 AND a.workspace_id = $2", id,
                  workspace_id);
  if (r.rows() == 0) return std::nullopt;
  return articleAt(r, 0);
}

// The category must be the workspace's and the slug no other article's (the unique constraint is
// the last word when two writers race).
void checkArticleWrite(pg::Connection& c, const Article& a) {
  if (a.category_id &&
      c.exec("SELECT 1 FROM article_categories WHERE id = $1 AND workspace_id = $2", *a.category_id, a.workspace_id)
              .rows() == 0)
    throw std::invalid_argument("no such category");
  if (c.exec("SELECT 1 FROM articles WHERE workspace_id = $1 AND slug = $2 AND id <> $3", a.workspace_id, a.slug, a.id)
          .rows() > 0)
    throw StoreConflict("another article has this slug", "slug");
}

}  // namespace

Article PostgresStore::createArticle(const Article& a) {
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  // The workspace's row, locked: two creations at once count one after the other.
  c->exec("SELECT 1 FROM workspaces WHERE id = $1 FOR UPDATE", a.workspace_id);
  if (c->exec("SELECT count(*) FROM articles WHERE workspace_id = $1", a.workspace_id).i64(0, 0) >=
      static_cast<std::int64_t>(kMaxArticlesPerWorkspace))
    throw StoreConflict("a workspace has at most " + std::to_string(kMaxArticlesPerWorkspace) + " articles", "limit");
  checkArticleWrite(*c, a);
  auto r = c->exec(std::string("INSERT INTO articles AS a (workspace_id, category_id, title, slug, body_markdown, "
                               "body_html, body_text, excerpt, status, created_at, updated_at, published_at) "
                               "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ") +
                       kPgArticleColumns,
                   a.workspace_id, a.category_id, a.title, a.slug, a.body_markdown, a.body_html, a.body_text, a.excerpt,
                   pgArticleStatus(a.status), a.created_at, a.updated_at, a.published_at);
  auto out = articleAt(r, 0);
  tx.commit();
  return out;
}

std::optional<Article> PostgresStore::articleById(Id workspace_id, Id id) {
  auto c = pool_->acquire();
  return loadArticle(*c, workspace_id, id);
}

std::optional<Article> PostgresStore::articleBySlug(Id workspace_id, std::string_view slug) {
  auto c = pool_->acquire();
  auto r = c->exec(std::string("SELECT ") + kPgArticleColumns + " FROM articles a WHERE a.workspace_id = $1 AND a.slug = $2",
                   workspace_id, slug);
  if (r.rows() == 0) return std::nullopt;
  return articleAt(r, 0);
}

std::optional<Article> PostgresStore::updateArticle(const Article& a) {
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  if (c->exec("SELECT 1 FROM articles WHERE id = $1 AND workspace_id = $2 FOR UPDATE", a.id, a.workspace_id).rows() == 0)
    return std::nullopt;
  checkArticleWrite(*c, a);
  auto r = c->exec(std::string("UPDATE articles AS a SET category_id = $3, title = $4, slug = $5, body_markdown = $6, "
                               "body_html = $7, body_text = $8, excerpt = $9, status = $10, updated_at = $11, "
                               "published_at = $12 WHERE a.id = $1 AND a.workspace_id = $2 RETURNING ") +
                       kPgArticleColumns,
                   a.id, a.workspace_id, a.category_id, a.title, a.slug, a.body_markdown, a.body_html, a.body_text,
                   a.excerpt, pgArticleStatus(a.status), a.updated_at, a.published_at);
  auto out = articleAt(r, 0);
  tx.commit();
  return out;
}

bool PostgresStore::deleteArticle(Id workspace_id, Id id) {
  auto c = pool_->acquire();
  return c->exec("DELETE FROM articles WHERE id = $1 AND workspace_id = $2", id, workspace_id).affected() > 0;
}

ArticlePage PostgresStore::listArticles(Id workspace_id, const ArticleQuery& aq) {
  const auto words = articleSearchWords(aq.q);
  const bool search = !words.empty();
  const ArticleCursor cursor = aq.cursor.empty() ? ArticleCursor{} : decodeArticleCursor(aq.cursor, search);
  const int limit = clampArticleLimit(aq.limit);
  pg::Params p;
  std::string where = " WHERE a.workspace_id = " + p.add(workspace_id) + "::bigint";
  if (aq.category_id) where += " AND a.category_id = " + p.add(*aq.category_id) + "::bigint";
  if (aq.status) where += " AND a.status = " + p.add(pgArticleStatus(*aq.status));
  std::string sql;
  if (search) {
    const auto query = tsQuery(words, false, p);
    sql = std::string("SELECT ") + kPgArticleColumns + " FROM articles a" + where + " AND a.search @@ " + query +
          " ORDER BY ts_rank(a.search, " + query + ") DESC, a.id LIMIT " + p.add(limit + 1) + " OFFSET " +
          p.add(cursor.offset);
  } else {
    if (!aq.cursor.empty())
      where += " AND (a.updated_at, a.id) < (" + p.add(cursor.updated_at) + "::bigint, " + p.add(cursor.id) + "::bigint)";
    sql = std::string("SELECT ") + kPgArticleColumns + " FROM articles a" + where +
          " ORDER BY a.updated_at DESC, a.id DESC LIMIT " + p.add(limit + 1);
  }
  auto c = pool_->acquire();
  auto r = c->execParams(sql, p.values());
  ArticlePage page;
  for (int i = 0; i < r.rows(); ++i) page.items.push_back(articleAt(r, i));
  if (static_cast<int>(page.items.size()) > limit) {
    page.items.pop_back();
    page.next_cursor = search ? encodeArticleSearchCursor(cursor.offset + limit)
                              : encodeArticleCursor(page.items.back().updated_at, page.items.back().id);
  }
  return page;
}

std::vector<ArticleMatch> PostgresStore::searchPublishedArticles(Id workspace_id, std::string_view query,
                                                                 std::size_t limit) {
  std::vector<ArticleMatch> out;
  const auto words = articleSearchWords(query);
  if (words.empty() || limit == 0) return out;
  pg::Params p;
  const auto q = tsQuery(words, true, p);
  const std::string sql = std::string("SELECT ") + kPgArticleColumns + ", ts_rank(a.search, " + q +
                          ")::text AS score FROM articles a WHERE a.workspace_id = " + p.add(workspace_id) +
                          "::bigint AND a.status = 'published' AND a.search @@ " + q +
                          " ORDER BY ts_rank(a.search, " + q + ") DESC, a.id LIMIT " + p.add(static_cast<std::int64_t>(std::min<std::size_t>(limit, 100)));
  auto c = pool_->acquire();
  auto r = c->execParams(sql, p.values());
  for (int i = 0; i < r.rows(); ++i) out.push_back(ArticleMatch{articleAt(r, i), parsePgScore(r.text(i, 16))});
  return out;
}

std::vector<Article> PostgresStore::popularArticles(Id workspace_id, std::size_t limit) {
  auto c = pool_->acquire();
  auto r = c->exec(std::string("SELECT ") + kPgArticleColumns +
                       " FROM articles a WHERE a.workspace_id = $1 AND a.status = 'published' "
                       "ORDER BY a.views DESC, a.updated_at DESC, a.id DESC LIMIT $2",
                   workspace_id, static_cast<std::int64_t>(std::min<std::size_t>(limit, 100)));
  std::vector<Article> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(articleAt(r, i));
  return out;
}

bool PostgresStore::countArticleView(Id workspace_id, Id id) {
  auto c = pool_->acquire();
  return c->exec("UPDATE articles SET views = views + 1 WHERE id = $1 AND workspace_id = $2 AND status = 'published'",
                 id, workspace_id)
             .affected() > 0;
}

ArticleVote PostgresStore::voteArticle(Id workspace_id, Id article_id, std::string_view voter, bool helpful,
                                       Millis now) {
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  // The article's row locked: two votes of one voter at once are counted one after the other.
  if (c->exec("SELECT 1 FROM articles WHERE id = $1 AND workspace_id = $2 AND status = 'published' FOR UPDATE",
              article_id, workspace_id)
          .rows() == 0)
    return ArticleVote::NotFound;
  auto prev = c->exec("SELECT helpful FROM article_votes WHERE article_id = $1 AND voter = $2", article_id, voter);
  ArticleVote result = ArticleVote::Counted;
  if (prev.rows() > 0) {
    if (prev.boolean(0, 0) == helpful) return ArticleVote::Unchanged;
    c->exec("UPDATE article_votes SET helpful = $3, created_at = $4 WHERE article_id = $1 AND voter = $2", article_id,
            voter, helpful, now);
    c->exec(helpful ? "UPDATE articles SET helpful_no = helpful_no - 1 WHERE id = $1"
                    : "UPDATE articles SET helpful_yes = helpful_yes - 1 WHERE id = $1",
            article_id);
    result = ArticleVote::Changed;
  } else {
    c->exec("INSERT INTO article_votes(article_id, voter, workspace_id, helpful, created_at) VALUES ($1, $2, $3, $4, $5)",
            article_id, voter, workspace_id, helpful, now);
  }
  c->exec(helpful ? "UPDATE articles SET helpful_yes = helpful_yes + 1 WHERE id = $1"
                  : "UPDATE articles SET helpful_no = helpful_no + 1 WHERE id = $1",
          article_id);
  tx.commit();
  return result;
}

}  // namespace parley
