// SqliteStore: the knowledge base's articles (store/article_store.h). Search is FTS5 over title and
// plain-text body (migration 12, porter stemming, the title weighing ten times the body in bm25);
// every user word is quoted, so FTS syntax in a query is plain words.
#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "store/article_cursor.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store.h"

namespace parley {

namespace {

constexpr const char* kColumns =
    "a.id, a.workspace_id, a.category_id, a.title, a.slug, a.body_markdown, a.body_html, a.body_text, a.excerpt, "
    "a.status, a.created_at, a.updated_at, a.published_at, a.views, a.helpful_yes, a.helpful_no";

Article readArticle(sqlite::Query& q) {
  Article a;
  a.id = q.i64(0);
  a.workspace_id = q.i64(1);
  a.category_id = q.optI64(2);
  a.title = q.text(3);
  a.slug = q.text(4);
  a.body_markdown = q.text(5);
  a.body_html = q.text(6);
  a.body_text = q.text(7);
  a.excerpt = q.text(8);
  a.status = parseArticleStatus(q.text(9)).value_or(ArticleStatus::Draft);
  a.created_at = q.i64(10);
  a.updated_at = q.i64(11);
  a.published_at = q.optI64(12);
  a.views = q.i64(13);
  a.helpful_yes = q.i64(14);
  a.helpful_no = q.i64(15);
  return a;
}

// FTS5 query text: each word quoted, ANDed or ORed; the last word as a prefix (which also matches
// the whole word: search as one types).
std::string ftsQuery(const std::vector<std::string>& words, bool any) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += any ? " OR " : " AND ";
    if (i + 1 < words.size()) {
      out += "\"" + words[i] + "\"";
    } else if (auto shorter = shorterSearchPrefix(words[i]); !shorter.empty()) {
      out += "(\"" + words[i] + "\"* OR \"" + shorter + "\"*)";
    } else {
      out += "\"" + words[i] + "\"*";
    }
  }
  return out;
}

std::string status(ArticleStatus s) { return std::string(toString(s)); }

double parseScore(const std::string& text) {
  double v = 0;
  std::from_chars(text.data(), text.data() + text.size(), v);
  return v;
}

}  // namespace

void SqliteStore::checkArticleWrite(const Article& a) {
  if (a.category_id) {
    auto q = db_->query("SELECT 1 FROM article_categories WHERE id = ?1 AND workspace_id = ?2");
    if (!q.bind(*a.category_id, a.workspace_id).step()) throw std::invalid_argument("no such category");
  }
  auto taken = db_->query("SELECT 1 FROM articles WHERE workspace_id = ?1 AND slug = ?2 AND id <> ?3");
  if (taken.bind(a.workspace_id, a.slug, a.id).step())
    throw StoreConflict("another article has this slug", "slug");
}

std::optional<Article> SqliteStore::loadArticle(Id workspace_id, Id id) {
  auto q = db_->query(std::string("SELECT ") + kColumns + " FROM articles a WHERE a.id = ?1 AND a.workspace_id = ?2");
  if (!q.bind(id, workspace_id).step()) return std::nullopt;
  return readArticle(q);
}

Article SqliteStore::createArticle(const Article& a) {
  std::lock_guard lock(mu_);
  sqlite::Tx tx(*db_);
  auto n = db_->query("SELECT count(*) FROM articles WHERE workspace_id = ?1");
  n.bind(a.workspace_id).step();
  if (n.i64(0) >= static_cast<std::int64_t>(kMaxArticlesPerWorkspace))
    throw StoreConflict("a workspace has at most " + std::to_string(kMaxArticlesPerWorkspace) + " articles", "limit");
  checkArticleWrite(a);
  db_->query(
         "INSERT INTO articles(workspace_id, category_id, title, slug, body_markdown, body_html, body_text, excerpt, "
         "status, created_at, updated_at, published_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")
      .bind(a.workspace_id, a.category_id, a.title, a.slug, a.body_markdown, a.body_html, a.body_text, a.excerpt,
            status(a.status), a.created_at, a.updated_at, a.published_at)
      .run();
  auto out = loadArticle(a.workspace_id, db_->lastInsertId());
  tx.commit();
  return *out;
}

std::optional<Article> SqliteStore::articleById(Id workspace_id, Id id) {
  std::lock_guard lock(mu_);
  return loadArticle(workspace_id, id);
}

std::optional<Article> SqliteStore::articleBySlug(Id workspace_id, std::string_view slug) {
  std::lock_guard lock(mu_);
  auto q = db_->query(std::string("SELECT ") + kColumns + " FROM articles a WHERE a.workspace_id = ?1 AND a.slug = ?2");
  if (!q.bind(workspace_id, slug).step()) return std::nullopt;
  return readArticle(q);
}

std::optional<Article> SqliteStore::updateArticle(const Article& a) {
  std::lock_guard lock(mu_);
  sqlite::Tx tx(*db_);
  if (!loadArticle(a.workspace_id, a.id)) return std::nullopt;
  checkArticleWrite(a);
  db_->query(
         "UPDATE articles SET category_id = ?3, title = ?4, slug = ?5, body_markdown = ?6, body_html = ?7, "
         "body_text = ?8, excerpt = ?9, status = ?10, updated_at = ?11, published_at = ?12 "
         "WHERE id = ?1 AND workspace_id = ?2")
      .bind(a.id, a.workspace_id, a.category_id, a.title, a.slug, a.body_markdown, a.body_html, a.body_text, a.excerpt,
            status(a.status), a.updated_at, a.published_at)
      .run();
  auto out = loadArticle(a.workspace_id, a.id);
  tx.commit();
  return out;
}

bool SqliteStore::deleteArticle(Id workspace_id, Id id) {
  std::lock_guard lock(mu_);
  db_->query("DELETE FROM articles WHERE id = ?1 AND workspace_id = ?2").bind(id, workspace_id).run();
  return db_->changes() > 0;
}

ArticlePage SqliteStore::listArticles(Id workspace_id, const ArticleQuery& aq) {
  const auto words = articleSearchWords(aq.q);
  const bool search = !words.empty();
  const ArticleCursor cursor = aq.cursor.empty() ? ArticleCursor{} : decodeArticleCursor(aq.cursor, search);
  const int limit = clampArticleLimit(aq.limit);
  const std::optional<std::string> st = aq.status ? std::optional(status(*aq.status)) : std::nullopt;
  ArticlePage page;
  std::lock_guard lock(mu_);
  if (search) {
    auto q = db_->query(std::string("SELECT ") + kColumns +
                        " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
                        "WHERE articles_fts MATCH ?1 AND a.workspace_id = ?2 AND (?3 IS NULL OR a.category_id = ?3) "
                        "AND (?4 IS NULL OR a.status = ?4) "
                        "ORDER BY bm25(articles_fts, 10.0, 1.0), a.id LIMIT ?5 OFFSET ?6");
    q.bind(ftsQuery(words, false), workspace_id, aq.category_id, st, limit + 1, cursor.offset);
    while (q.step()) page.items.push_back(readArticle(q));
    if (static_cast<int>(page.items.size()) > limit) {
      page.items.pop_back();
      page.next_cursor = encodeArticleSearchCursor(cursor.offset + limit);
    }
    return page;
  }
  auto q = db_->query(std::string("SELECT ") + kColumns +
                      " FROM articles a WHERE a.workspace_id = ?1 AND (?2 IS NULL OR a.category_id = ?2) "
                      "AND (?3 IS NULL OR a.status = ?3) AND (?4 = 0 OR (a.updated_at, a.id) < (?5, ?6)) "
                      "ORDER BY a.updated_at DESC, a.id DESC LIMIT ?7");
  q.bind(workspace_id, aq.category_id, st, aq.cursor.empty() ? 0 : 1, cursor.updated_at, cursor.id, limit + 1);
  while (q.step()) page.items.push_back(readArticle(q));
  if (static_cast<int>(page.items.size()) > limit) {
    page.items.pop_back();
    page.next_cursor = encodeArticleCursor(page.items.back().updated_at, page.items.back().id);
  }
  return page;
}

std::vector<ArticleMatch> SqliteStore::searchPublishedArticles(Id workspace_id, std::string_view query,
                                                               std::size_t limit) {
  std::vector<ArticleMatch> out;
  const auto words = articleSearchWords(query);
  if (words.empty() || limit == 0) return out;
  std::lock_guard lock(mu_);
  auto q = db_->query(std::string("SELECT ") + kColumns +
                      ", CAST(-bm25(articles_fts, 10.0, 1.0) AS TEXT) FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
                      "WHERE articles_fts MATCH ?1 AND a.workspace_id = ?2 AND a.status = 'published' "
                      "ORDER BY bm25(articles_fts, 10.0, 1.0), a.id LIMIT ?3");
  q.bind(ftsQuery(words, true), workspace_id, static_cast<std::int64_t>(std::min<std::size_t>(limit, 100)));
  while (q.step()) {
    out.push_back(ArticleMatch{readArticle(q), parseScore(q.text(16))});
  }
  return out;
}

std::vector<Article> SqliteStore::popularArticles(Id workspace_id, std::size_t limit) {
  std::lock_guard lock(mu_);
  std::vector<Article> out;
  auto q = db_->query(std::string("SELECT ") + kColumns +
                      " FROM articles a WHERE a.workspace_id = ?1 AND a.status = 'published' "
                      "ORDER BY a.views DESC, a.updated_at DESC, a.id DESC LIMIT ?2");
  q.bind(workspace_id, static_cast<std::int64_t>(std::min<std::size_t>(limit, 100)));
  while (q.step()) out.push_back(readArticle(q));
  return out;
}

bool SqliteStore::countArticleView(Id workspace_id, Id id) {
  std::lock_guard lock(mu_);
  db_->query("UPDATE articles SET views = views + 1 WHERE id = ?1 AND workspace_id = ?2 AND status = 'published'")
      .bind(id, workspace_id)
      .run();
  return db_->changes() > 0;
}

ArticleVote SqliteStore::voteArticle(Id workspace_id, Id article_id, std::string_view voter, bool helpful, Millis now) {
  std::lock_guard lock(mu_);
  sqlite::Tx tx(*db_);
  auto a = db_->query("SELECT 1 FROM articles WHERE id = ?1 AND workspace_id = ?2 AND status = 'published'");
  if (!a.bind(article_id, workspace_id).step()) return ArticleVote::NotFound;
  auto prev = db_->query("SELECT helpful FROM article_votes WHERE article_id = ?1 AND voter = ?2");
  ArticleVote result = ArticleVote::Counted;
  if (prev.bind(article_id, voter).step()) {
    const bool was = prev.i64(0) != 0;
    if (was == helpful) return ArticleVote::Unchanged;
    db_->query("UPDATE article_votes SET helpful = ?3, created_at = ?4 WHERE article_id = ?1 AND voter = ?2")
        .bind(article_id, voter, helpful, now)
        .run();
    db_->query(helpful ? "UPDATE articles SET helpful_no = helpful_no - 1 WHERE id = ?1"
                       : "UPDATE articles SET helpful_yes = helpful_yes - 1 WHERE id = ?1")
        .bind(article_id)
        .run();
    result = ArticleVote::Changed;
  } else {
    db_->query("INSERT INTO article_votes(article_id, voter, workspace_id, helpful, created_at) VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(article_id, voter, workspace_id, helpful, now)
        .run();
  }
  db_->query(helpful ? "UPDATE articles SET helpful_yes = helpful_yes + 1 WHERE id = ?1"
                     : "UPDATE articles SET helpful_no = helpful_no + 1 WHERE id = ?1")
      .bind(article_id)
      .run();
  tx.commit();
  return result;
}

}  // namespace parley
