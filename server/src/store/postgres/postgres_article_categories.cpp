// PostgresStore: the knowledge base's categories, with their article counts.
#include "store/postgres/pg_rows.h"
#include "store/postgres/postgres_store.h"

namespace parley {

namespace {

constexpr const char* kPgSelectCategory =
    "SELECT c.id, c.workspace_id, c.name, c.slug, c.description, c.position, "
    "(SELECT count(*) FROM articles a WHERE a.category_id = c.id), "
    "(SELECT count(*) FROM articles a WHERE a.category_id = c.id AND a.status = 'published') "
    "FROM article_categories c ";

ArticleCategory categoryAt(const pg::Result& r, int i) {
  ArticleCategory c;
  c.id = r.i64(i, 0);
  c.workspace_id = r.i64(i, 1);
  c.name = r.text(i, 2);
  c.slug = r.text(i, 3);
  c.description = r.text(i, 4);
  c.position = static_cast<int>(r.i64(i, 5));
  c.article_count = r.i64(i, 6);
  c.published_count = r.i64(i, 7);
  return c;
}

std::optional<ArticleCategory> loadCategory(pg::Connection& c, Id workspace_id, Id id) {
  auto r = c.exec(std::string(kPgSelectCategory) + "WHERE c.id = $1 AND c.workspace_id = $2", id, workspace_id);
  if (r.rows() == 0) return std::nullopt;
  return categoryAt(r, 0);
}

}  // namespace

ArticleCategory PostgresStore::createArticleCategory(const ArticleCategory& cat) {
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  c->exec("SELECT 1 FROM workspaces WHERE id = $1 FOR UPDATE", cat.workspace_id);
  if (c->exec("SELECT count(*) FROM article_categories WHERE workspace_id = $1", cat.workspace_id).i64(0, 0) >=
      static_cast<std::int64_t>(kMaxArticleCategoriesPerWorkspace))
    throw StoreConflict(
        "a workspace has at most " + std::to_string(kMaxArticleCategoriesPerWorkspace) + " categories", "limit");
  if (c->exec("SELECT 1 FROM article_categories WHERE workspace_id = $1 AND slug = $2", cat.workspace_id, cat.slug)
          .rows() > 0)
    throw StoreConflict("another category has this slug", "slug");
  const Id id = c->exec("INSERT INTO article_categories(workspace_id, name, slug, description, position) "
                        "VALUES ($1, $2, $3, $4, $5) RETURNING id",
                        cat.workspace_id, cat.name, cat.slug, cat.description, cat.position)
                    .i64(0, 0);
  auto out = loadCategory(*c, cat.workspace_id, id);
  tx.commit();
  return *out;
}

std::vector<ArticleCategory> PostgresStore::listArticleCategories(Id workspace_id) {
  auto c = pool_->acquire();
  auto r = c->exec(std::string(kPgSelectCategory) + "WHERE c.workspace_id = $1 ORDER BY c.position, c.id", workspace_id);
  std::vector<ArticleCategory> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(categoryAt(r, i));
  return out;
}

std::optional<ArticleCategory> PostgresStore::articleCategoryById(Id workspace_id, Id id) {
  auto c = pool_->acquire();
  return loadCategory(*c, workspace_id, id);
}

std::optional<ArticleCategory> PostgresStore::articleCategoryBySlug(Id workspace_id, std::string_view slug) {
  auto c = pool_->acquire();
  auto r = c->exec(std::string(kPgSelectCategory) + "WHERE c.workspace_id = $1 AND c.slug = $2", workspace_id, slug);
  if (r.rows() == 0) return std::nullopt;
  return categoryAt(r, 0);
}

std::optional<ArticleCategory> PostgresStore::updateArticleCategory(const ArticleCategory& cat) {
  auto c = pool_->acquire();
  if (c->exec("UPDATE article_categories SET name = $3, description = $4, position = $5 "
              "WHERE id = $1 AND workspace_id = $2",
              cat.id, cat.workspace_id, cat.name, cat.description, cat.position)
          .affected() == 0)
    return std::nullopt;
  return loadCategory(*c, cat.workspace_id, cat.id);
}

bool PostgresStore::deleteArticleCategory(Id workspace_id, Id id) {
  auto c = pool_->acquire();
  // ON DELETE SET NULL leaves its articles uncategorised.
  return c->exec("DELETE FROM article_categories WHERE id = $1 AND workspace_id = $2", id, workspace_id).affected() > 0;
}

std::optional<Id> PostgresStore::workspaceWithHelpDomain(std::string_view host) {
  auto c = pool_->acquire();
  // settings is JSON text the API wrote (always an object); a scan of the workspaces, which the
  // help center's caller remembers for a few seconds.
  auto r = c->exec("SELECT id FROM workspaces WHERE settings::jsonb ->> 'help_center_domain' = $1 ORDER BY id LIMIT 1",
                   host);
  if (r.rows() == 0) return std::nullopt;
  return r.i64(0, 0);
}

}  // namespace parley
