// ApiTokenStore on SQLite (store/api_token_store.h).
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store.h"

namespace parley {

namespace {

constexpr const char* kApiTokenColumns =
    "SELECT id, workspace_id, name, scope, created_by, created_at, last_used_at, hint FROM api_tokens ";

ApiToken apiTokenOf(const sqlite::Query& q) {
  ApiToken t;
  t.id = q.i64(0);
  t.workspace_id = q.i64(1);
  t.name = q.text(2);
  t.scope = parseApiTokenScope(q.text(3)).value_or(ApiTokenScope::Read);
  t.created_by = q.i64(4);
  t.created_at = q.i64(5);
  t.last_used_at = q.optI64(6);
  t.hint = q.text(7);
  return t;
}

}  // namespace

ApiToken SqliteStore::createApiToken(Id workspace_id, std::string_view name, ApiTokenScope scope, Id created_by,
                                     std::string_view token_hash, std::string_view hint, Millis now) {
  std::lock_guard lock(mu_);
  db_->query(
         "INSERT INTO api_tokens(workspace_id, name, scope, created_by, created_at, token_hash, hint) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
      .bind(workspace_id, name, toString(scope), created_by, now, token_hash, hint)
      .run();
  return ApiToken{db_->lastInsertId(), workspace_id, std::string(name), scope, created_by, now, std::nullopt,
                  std::string(hint)};
}

std::vector<ApiToken> SqliteStore::listApiTokens(Id workspace_id) {
  std::lock_guard lock(mu_);
  auto q = db_->query(std::string(kApiTokenColumns) + "WHERE workspace_id = ?1 ORDER BY created_at DESC, id DESC");
  q.bind(workspace_id);
  std::vector<ApiToken> out;
  while (q.step()) out.push_back(apiTokenOf(q));
  return out;
}

std::size_t SqliteStore::countApiTokens(Id workspace_id) {
  std::lock_guard lock(mu_);
  auto q = db_->query("SELECT count(*) FROM api_tokens WHERE workspace_id = ?1");
  q.bind(workspace_id);
  return q.step() ? static_cast<std::size_t>(q.i64(0)) : 0;
}

std::optional<ApiToken> SqliteStore::apiTokenByHash(std::string_view token_hash) {
  std::lock_guard lock(mu_);
  auto q = db_->query(std::string(kApiTokenColumns) + "WHERE token_hash = ?1");
  q.bind(token_hash);
  if (!q.step()) return std::nullopt;
  return apiTokenOf(q);
}

void SqliteStore::touchApiToken(Id workspace_id, Id id, Millis now) {
  std::lock_guard lock(mu_);
  db_->query(
         "UPDATE api_tokens SET last_used_at = ?3 WHERE id = ?1 AND workspace_id = ?2 AND "
         "(last_used_at IS NULL OR last_used_at < ?3)")
      .bind(id, workspace_id, now)
      .run();
}

bool SqliteStore::deleteApiToken(Id workspace_id, Id id) {
  std::lock_guard lock(mu_);
  db_->query("DELETE FROM api_tokens WHERE id = ?1 AND workspace_id = ?2").bind(id, workspace_id).run();
  return db_->changes() > 0;
}

}  // namespace parley
