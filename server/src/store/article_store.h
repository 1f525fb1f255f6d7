// The knowledge base (issue 14): articles and their categories, full-text search over titles and
// bodies, views and "Was this helpful?" votes. Bodies are stored as typed (Markdown) together with
// what the caller rendered from them (security/markdown_renderer.h): the store renders nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/article.h"

namespace parley {

struct Article {
  Id id = 0;
  Id workspace_id = 0;
  std::string title;
  std::string slug;            // unique per workspace (isValidSlug)
  std::string body_markdown;   // as typed
  std::string body_html;       // rendered by the caller, safe
  std::string body_text;       // plain text of the body: what search indexes
  std::string excerpt;         // excerptOf(body_text)
  std::optional<Id> category_id;
  ArticleStatus status = ArticleStatus::Draft;
  Millis created_at = 0;
  Millis updated_at = 0;
  std::optional<Millis> published_at;  // first publication
  std::int64_t views = 0;
  std::int64_t helpful_yes = 0;
  std::int64_t helpful_no = 0;
};

struct ArticleCategory {
  Id id = 0;
  Id workspace_id = 0;
  std::string name;
  std::string slug;  // unique per workspace
  std::string description;
  int position = 0;
  std::int64_t article_count = 0;    // all its articles (read only)
  std::int64_t published_count = 0;  // its published articles (read only)
};

// One search hit; higher score is better (SQLite: bm25 negated; PostgreSQL: ts_rank).
struct ArticleMatch {
  Article article;
  double score = 0;
};

struct ArticleQuery {
  std::string q;  // empty: newest update first; else all words must match, best match first
  std::optional<Id> category_id;
  std::optional<ArticleStatus> status;
  int limit = 50;
  std::string cursor;  // from a previous page's next_cursor; a malformed one throws std::invalid_argument
};

struct ArticlePage {
  std::vector<Article> items;
  std::optional<std::string> next_cursor;
};

enum class ArticleVote { Counted, Changed, Unchanged, NotFound };

class ArticleStore {
 public:
  virtual ~ArticleStore() = default;

  // Throws StoreConflict("...", "limit") past kMaxArticlesPerWorkspace, StoreConflict(..., "slug")
  // on a slug taken in the workspace, std::invalid_argument for a category of another workspace.
  // id, views and votes of the argument are ignored.
  virtual Article createArticle(const Article& a) = 0;
  virtual std::optional<Article> articleById(Id workspace_id, Id id) = 0;
  virtual std::optional<Article> articleBySlug(Id workspace_id, std::string_view slug) = 0;
  // Writes title, slug, bodies, excerpt, category, status, updated_at and published_at; the same
  // errors as create. nullopt: not found.
  virtual std::optional<Article> updateArticle(const Article& a) = 0;
  virtual bool deleteArticle(Id workspace_id, Id id) = 0;  // false: not found
  virtual ArticlePage listArticles(Id workspace_id, const ArticleQuery& q) = 0;
  // Published articles matching any word of `query` (the last word also as a prefix, for search as
  // one types), best first. Empty query: nothing.
  virtual std::vector<ArticleMatch> searchPublishedArticles(Id workspace_id, std::string_view query,
                                                            std::size_t limit) = 0;
  // Published articles, most viewed first (then newest update).
  virtual std::vector<Article> popularArticles(Id workspace_id, std::size_t limit) = 0;
  // Counts a view of a published article; false when there is none with that id.
  virtual bool countArticleView(Id workspace_id, Id id) = 0;
  // One vote per voter per article (a voter is a stable key: "c:<contact id>" for a widget visitor,
  // "h:<hash>" for a help-center cookie); a second vote replaces the first. Published articles only.
  virtual ArticleVote voteArticle(Id workspace_id, Id article_id, std::string_view voter, bool helpful,
                                  Millis now) = 0;

  // Categories. create throws StoreConflict(..., "limit") past kMaxArticleCategoriesPerWorkspace and
  // StoreConflict(..., "slug") on a slug taken; deleting one leaves its articles uncategorised.
  virtual ArticleCategory createArticleCategory(const ArticleCategory& c) = 0;
  virtual std::vector<ArticleCategory> listArticleCategories(Id workspace_id) = 0;  // by position, id
  virtual std::optional<ArticleCategory> articleCategoryById(Id workspace_id, Id id) = 0;
  virtual std::optional<ArticleCategory> articleCategoryBySlug(Id workspace_id, std::string_view slug) = 0;
  virtual std::optional<ArticleCategory> updateArticleCategory(const ArticleCategory& c) = 0;  // name, description, position
  virtual bool deleteArticleCategory(Id workspace_id, Id id) = 0;

  // The workspace whose settings name `host` (lowercase, no port) as its help_center_domain.
  virtual std::optional<Id> workspaceWithHelpDomain(std::string_view host) = 0;
};

}  // namespace parley
