// SqliteStore: the knowledge base's categories, with their article counts.
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store.h"

namespace parley {

namespace {

constexpr const char* kSelectCategory =
    "SELECT c.id, c.workspace_id, c.name, c.slug, c.description, c.position, "
    "(SELECT count(*) FROM articles a WHERE a.category_id = c.id), "
    "(SELECT count(*) FROM articles a WHERE a.category_id = c.id AND a.status = 'published') "
    "FROM article_categories c ";

ArticleCategory readCategory(sqlite::Query& q) {
  ArticleCategory c;
  c.id = q.i64(0);
  c.workspace_id = q.i64(1);
  c.name = q.text(2);
  c.slug = q.text(3);
  c.description = q.text(4);
  c.position = static_cast<int>(q.i64(5));
  c.article_count = q.i64(6);
  c.published_count = q.i64(7);
  return c;
}

}  // namespace

ArticleCategory SqliteStore::createArticleCategory(const ArticleCategory& c) {
  std::lock_guard lock(mu_);
  sqlite::Tx tx(*db_);
  auto n = db_->query("SELECT count(*) FROM article_categories WHERE workspace_id = ?1");
  n.bind(c.workspace_id).step();
  if (n.i64(0) >= static_cast<std::int64_t>(kMaxArticleCategoriesPerWorkspace))
    throw StoreConflict(
        "a workspace has at most " + std::to_string(kMaxArticleCategoriesPerWorkspace) + " categories", "limit");
  auto taken = db_->query("SELECT 1 FROM article_categories WHERE workspace_id = ?1 AND slug = ?2");
  if (taken.bind(c.workspace_id, c.slug).step()) throw StoreConflict("another category has this slug", "slug");
  db_->query("INSERT INTO article_categories(workspace_id, name, slug, description, position) VALUES (?1, ?2, ?3, ?4, ?5)")
      .bind(c.workspace_id, c.name, c.slug, c.description, c.position)
      .run();
  auto q = db_->query(std::string(kSelectCategory) + "WHERE c.id = ?1");
  q.bind(db_->lastInsertId()).step();
  auto out = readCategory(q);
  tx.commit();
  return out;
}

std::vector<ArticleCategory> SqliteStore::listArticleCategories(Id workspace_id) {
  std::lock_guard lock(mu_);
  std::vector<ArticleCategory> out;
  auto q = db_->query(std::string(kSelectCategory) + "WHERE c.workspace_id = ?1 ORDER BY c.position, c.id");
  q.bind(workspace_id);
  while (q.step()) out.push_back(readCategory(q));
  return out;
}

std::optional<ArticleCategory> SqliteStore::articleCategoryById(Id workspace_id, Id id) {
  std::lock_guard lock(mu_);
  auto q = db_->query(std::string(kSelectCategory) + "WHERE c.id = ?1 AND c.workspace_id = ?2");
  if (!q.bind(id, workspace_id).step()) return std::nullopt;
  return readCategory(q);
}

std::optional<ArticleCategory> SqliteStore::articleCategoryBySlug(Id workspace_id, std::string_view slug) {
  std::lock_guard lock(mu_);
  auto q = db_->query(std::string(kSelectCategory) + "WHERE c.workspace_id = ?1 AND c.slug = ?2");
  if (!q.bind(workspace_id, slug).step()) return std::nullopt;
  return readCategory(q);
}

std::optional<ArticleCategory> SqliteStore::updateArticleCategory(const ArticleCategory& c) {
  std::lock_guard lock(mu_);
  db_->query("UPDATE article_categories SET name = ?3, description = ?4, position = ?5 WHERE id = ?1 AND workspace_id = ?2")
      .bind(c.id, c.workspace_id, c.name, c.description, c.position)
      .run();
  if (db_->changes() == 0) return std::nullopt;
  auto q = db_->query(std::string(kSelectCategory) + "WHERE c.id = ?1");
  q.bind(c.id).step();
  return readCategory(q);
}

bool SqliteStore::deleteArticleCategory(Id workspace_id, Id id) {
  std::lock_guard lock(mu_);
  // ON DELETE SET NULL leaves its articles uncategorised (foreign keys are on: sqlite_db.cpp).
  db_->query("DELETE FROM article_categories WHERE id = ?1 AND workspace_id = ?2").bind(id, workspace_id).run();
  return db_->changes() > 0;
}

std::optional<Id> SqliteStore::workspaceWithHelpDomain(std::string_view host) {
  std::lock_guard lock(mu_);
  auto q = db_->query(
      "SELECT id FROM workspaces WHERE json_valid(settings) AND json_extract(settings, '$.help_center_domain') = ?1 "
      "ORDER BY id LIMIT 1");
  if (!q.bind(host).step()) return std::nullopt;
  return q.i64(0);
}

}  // namespace parley
