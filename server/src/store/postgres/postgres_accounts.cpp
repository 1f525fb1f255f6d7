// PostgresAccounts: connecting, workspaces and installation secrets.
#include "store/postgres/postgres_accounts.h"

#include "store/postgres/pg_migrations.h"
#include "store/store_random.h"

namespace parley {

namespace {

constexpr const char* kSelectWorkspace =
    "SELECT id, public_id, name, settings, hmac_secret, allowed_origins, created_at FROM workspaces ";

Workspace readWorkspace(const pg::Result& r, int row) {
  Workspace w;
  w.id = r.i64(row, 0);
  w.public_id = r.text(row, 1);
  w.name = r.text(row, 2);
  w.settings_json = r.text(row, 3);
  w.hmac_secret = r.text(row, 4);
  w.allowed_origins_json = r.text(row, 5);
  w.created_at = r.i64(row, 6);
  return w;
}

std::optional<Workspace> firstRow(const pg::Result& r) {
  if (r.empty()) return std::nullopt;
  return readWorkspace(r, 0);
}

}  // namespace

PostgresAccounts::PostgresAccounts(const std::string& url, std::size_t connections)
    : owned_pool_(std::make_shared<pg::PgPool>(url, connections)), pool_(*owned_pool_) {
  auto c = pool_.acquire();
  applyPostgresMigrations(*c);
}

PostgresAccounts::PostgresAccounts(std::shared_ptr<pg::PgPool> pool) : owned_pool_(std::move(pool)), pool_(*owned_pool_) {}

// ---- Workspaces ----

Workspace PostgresAccounts::createWorkspace(const NewWorkspace& nw, Millis now) {
  Workspace w;
  w.name = nw.name;
  w.public_id = nw.public_id.empty() ? newWorkspacePublicId() : nw.public_id;
  w.hmac_secret = nw.hmac_secret.empty() ? newWorkspaceSecret() : nw.hmac_secret;
  w.created_at = now;
  auto c = pool_.acquire();
  w.id = c->exec("INSERT INTO workspaces(public_id, name, settings, hmac_secret, allowed_origins, created_at) "
                 "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                 w.public_id, w.name, w.settings_json, w.hmac_secret, w.allowed_origins_json, w.created_at)
             .i64(0, 0);
  return w;
}

std::optional<Workspace> PostgresAccounts::workspaceById(Id id) {
  static const std::string sql = std::string(kSelectWorkspace) + "WHERE id = $1";
  auto c = pool_.acquire();
  return firstRow(c->exec(sql, id));
}

std::optional<Workspace> PostgresAccounts::workspaceByPublicId(std::string_view public_id) {
  static const std::string sql = std::string(kSelectWorkspace) + "WHERE public_id = $1";
  auto c = pool_.acquire();
  return firstRow(c->exec(sql, public_id));
}

std::optional<Workspace> PostgresAccounts::firstWorkspace() {
  static const std::string sql = std::string(kSelectWorkspace) + "ORDER BY id LIMIT 1";
  auto c = pool_.acquire();
  return firstRow(c->exec(sql));
}

void PostgresAccounts::updateWorkspace(const Workspace& w) {
  auto c = pool_.acquire();
  c->exec("UPDATE workspaces SET public_id = $2, name = $3, settings = $4, hmac_secret = $5, "
          "allowed_origins = $6 WHERE id = $1",
          w.id, w.public_id, w.name, w.settings_json, w.hmac_secret, w.allowed_origins_json);
}

// ---- Installation ----

std::string PostgresAccounts::installationSecret(std::string_view name) {
  const std::string key = "secret:" + std::string(name);
  auto c = pool_.acquire();
  // Two statements, not one: when another node inserts the same key at the same moment, the
  // INSERT waits for its commit and does nothing, and only a new statement's snapshot sees the
  // value it stored. Both nodes then return that one secret.
  c->exec("INSERT INTO meta(key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING", key, newInstallationSecret());
  return c->exec("SELECT value FROM meta WHERE key = $1", key).text(0, 0);
}

std::uint64_t PostgresAccounts::changesFromOtherProcesses() {
  auto c = pool_.acquire();
  return static_cast<std::uint64_t>(c->exec("SELECT n FROM session_changes").i64(0, 0));
}

}  // namespace parley
