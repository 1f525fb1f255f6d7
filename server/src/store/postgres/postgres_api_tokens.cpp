// ApiTokenStore on PostgreSQL (store/api_token_store.h).
#include "store/postgres/pg_pool.h"
#include "store/postgres/postgres_store.h"

namespace parley {

namespace {

constexpr const char* kPgApiTokenColumns =
    "SELECT id, workspace_id, name, scope, created_by, created_at, last_used_at, hint FROM api_tokens ";

ApiToken apiTokenAt(const pg::Result& r, int i) {
  ApiToken t;
  t.id = r.i64(i, 0);
  t.workspace_id = r.i64(i, 1);
  t.name = r.text(i, 2);
  t.scope = parseApiTokenScope(r.text(i, 3)).value_or(ApiTokenScope::Read);
  t.created_by = r.i64(i, 4);
  t.created_at = r.i64(i, 5);
  t.last_used_at = r.optI64(i, 6);
  t.hint = r.text(i, 7);
  return t;
}

}  // namespace

ApiToken PostgresStore::createApiToken(Id workspace_id, std::string_view name, ApiTokenScope scope, Id created_by,
                                       std::string_view token_hash, std::string_view hint, Millis now) {
  auto c = pool_->acquire();
  Id id = c->exec(
               "INSERT INTO api_tokens(workspace_id, name, scope, created_by, created_at, token_hash, hint) "
               "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
               workspace_id, name, toString(scope), created_by, now, token_hash, hint)
              .i64(0, 0);
  return ApiToken{id, workspace_id, std::string(name), scope, created_by, now, std::nullopt, std::string(hint)};
}

std::vector<ApiToken> PostgresStore::listApiTokens(Id workspace_id) {
  auto c = pool_->acquire();
  auto r = c->exec(std::string(kPgApiTokenColumns) + "WHERE workspace_id = $1 ORDER BY created_at DESC, id DESC",
                   workspace_id);
  std::vector<ApiToken> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(apiTokenAt(r, i));
  return out;
}

std::size_t PostgresStore::countApiTokens(Id workspace_id) {
  auto c = pool_->acquire();
  return static_cast<std::size_t>(c->exec("SELECT count(*) FROM api_tokens WHERE workspace_id = $1", workspace_id).i64(0, 0));
}

std::optional<ApiToken> PostgresStore::apiTokenByHash(std::string_view token_hash) {
  auto c = pool_->acquire();
  auto r = c->exec(std::string(kPgApiTokenColumns) + "WHERE token_hash = $1", token_hash);
  if (r.empty()) return std::nullopt;
  return apiTokenAt(r, 0);
}

void PostgresStore::touchApiToken(Id workspace_id, Id id, Millis now) {
  auto c = pool_->acquire();
  c->exec("UPDATE api_tokens SET last_used_at = $3 WHERE id = $1 AND workspace_id = $2 AND "
          "(last_used_at IS NULL OR last_used_at < $3)",
          id, workspace_id, now);
}

bool PostgresStore::deleteApiToken(Id workspace_id, Id id) {
  auto c = pool_->acquire();
  return c->exec("DELETE FROM api_tokens WHERE id = $1 AND workspace_id = $2", id, workspace_id).affected() > 0;
}

}  // namespace parley
