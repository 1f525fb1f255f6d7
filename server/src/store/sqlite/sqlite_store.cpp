// SqliteStore: opening, workspaces, agents and agent sessions.
#include "store/sqlite/sqlite_store.h"

#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_rows.h"
#include "store/store_random.h"

namespace parley {

SqliteStore::SqliteStore(const std::string& path) : db_(std::make_unique<sqlite::Db>(path)), wal_(path) {
  applySqliteMigrations(*db_);
  auto q = db_->query("SELECT value FROM meta WHERE key = 'epoch'");
  if (q.step()) epoch_ = q.text(0);
  auto pending = db_->query("SELECT count(*) FROM messages WHERE id > (SELECT indexed_upto FROM search_progress)");
  pending.step();
  unindexed_ = pending.i64(0);
}

SqliteStore::~SqliteStore() = default;

std::string SqliteStore::epoch() { return epoch_; }  // immutable after construction

// ---- Workspaces ----

Workspace SqliteStore::createWorkspace(const NewWorkspace& nw, Millis now) {
  Workspace w;
  w.name = nw.name;
  w.public_id = nw.public_id.empty() ? newWorkspacePublicId() : nw.public_id;
  w.hmac_secret = nw.hmac_secret.empty() ? newWorkspaceSecret() : nw.hmac_secret;
  w.created_at = now;
  std::lock_guard lock(mu_);
  db_->query(
         "INSERT INTO workspaces(public_id, name, settings, hmac_secret, allowed_origins, created_at) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
      .bind(w.public_id, w.name, w.settings_json, w.hmac_secret, w.allowed_origins_json, w.created_at)
      .run();
  w.id = db_->lastInsertId();
  return w;
}

std::optional<Workspace> SqliteStore::workspaceById(Id id) {
  static const std::string sql = sqlite::kSelectWorkspace + "WHERE w.id = ?1";
  std::lock_guard lock(mu_);
  auto q = db_->query(sql);
  if (!q.bind(id).step()) return std::nullopt;
  return sqlite::readWorkspace(q);
}

std::optional<Workspace> SqliteStore::workspaceByPublicId(std::string_view public_id) {
  static const std::string sql = sqlite::kSelectWorkspace + "WHERE w.public_id = ?1";
  std::lock_guard lock(mu_);
  auto q = db_->query(sql);
  if (!q.bind(public_id).step()) return std::nullopt;
  return sqlite::readWorkspace(q);
}

std::optional<Workspace> SqliteStore::firstWorkspace() {
  static const std::string sql = sqlite::kSelectWorkspace + "ORDER BY w.id LIMIT 1";
  std::lock_guard lock(mu_);
  auto q = db_->query(sql);
  if (!q.step()) return std::nullopt;
  return sqlite::readWorkspace(q);
}

void SqliteStore::updateWorkspace(const Workspace& w) {
  std::lock_guard lock(mu_);
  db_->query(
         "UPDATE workspaces SET public_id = ?2, name = ?3, settings = ?4, hmac_secret = ?5, "
         "allowed_origins = ?6 WHERE id = ?1")
      .bind(w.id, w.public_id, w.name, w.settings_json, w.hmac_secret, w.allowed_origins_json)
      .run();
}

// ---- Agents ----

Agent SqliteStore::createAgent(const Agent& in) {
  Agent a = in;
  a.email = sqlite::lowerAscii(a.email);
  std::lock_guard lock(mu_);
  db_->query(
         "INSERT INTO agents(workspace_id, email, name, password_hash, role, capacity, presence, "
         "avatar_url, active, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
      .bind(a.workspace_id, a.email, a.name, a.password_hash, a.role, a.capacity, a.presence, a.avatar_url,
            a.active, a.created_at)
      .run();
  a.id = db_->lastInsertId();
  return a;
}

std::optional<Agent> SqliteStore::agentById(Id workspace_id, Id id) {
  static const std::string sql = sqlite::kSelectAgent + "WHERE a.id = ?1 AND a.workspace_id = ?2";
  std::lock_guard lock(mu_);
  auto q = db_->query(sql);
  if (!q.bind(id, workspace_id).step()) return std::nullopt;
  return sqlite::readAgent(q);
}

std::optional<Agent> SqliteStore::agentByEmail(std::string_view email) {
  static const std::string sql = sqlite::kSelectAgent + "WHERE a.email = ?1";
  std::lock_guard lock(mu_);
  auto q = db_->query(sql);
  if (!q.bind(sqlite::lowerAscii(email)).step()) return std::nullopt;
  return sqlite::readAgent(q);
}

std::vector<Agent> SqliteStore::listAgents(Id workspace_id) {
  static const std::string sql = sqlite::kSelectAgent + "WHERE a.workspace_id = ?1 ORDER BY a.id";
  std::lock_guard lock(mu_);
  std::vector<Agent> out;
  auto q = db_->query(sql);
  q.bind(workspace_id);
  while (q.step()) out.push_back(sqlite::readAgent(q));
  return out;
}

void SqliteStore::updateAgent(const Agent& a) {
  std::lock_guard lock(mu_);
  db_->query(
         "UPDATE agents SET email = ?3, name = ?4, password_hash = ?5, role = ?6, capacity = ?7, "
         "presence = ?8, avatar_url = ?9, active = ?10 WHERE id = ?1 AND workspace_id = ?2")
      .bind(a.id, a.workspace_id, sqlite::lowerAscii(a.email), a.name, a.password_hash, a.role, a.capacity,
            a.presence, a.avatar_url, a.active)
      .run();
}

std::size_t SqliteStore::countAgents() {
  std::lock_guard lock(mu_);
  auto q = db_->query("SELECT count(*) FROM agents");
  q.step();
  return static_cast<std::size_t>(q.i64(0));
}

bool SqliteStore::agentInWorkspace(Id workspace_id, Id agent_id) {
  auto q = db_->query("SELECT 1 FROM agents WHERE id = ?1 AND workspace_id = ?2");
  return q.bind(agent_id, workspace_id).step();
}

// ---- Agent sessions ----

void SqliteStore::createAgentSession(std::string_view token_hash, Id agent_id, Millis expires_at) {
  std::lock_guard lock(mu_);
  db_->query("INSERT INTO agent_sessions(token_hash, agent_id, expires_at) VALUES (?1, ?2, ?3)")
      .bind(token_hash, agent_id, expires_at)
      .run();
}

std::optional<Agent> SqliteStore::agentBySession(std::string_view token_hash, Millis now) {
  // A deactivated agent's sessions stop working at once, without having to find and delete them.
  static const std::string sql = sqlite::kSelectAgent +
                                 "JOIN agent_sessions s ON s.agent_id = a.id "
                                 "WHERE s.token_hash = ?1 AND s.expires_at > ?2 AND a.active = 1";
  std::lock_guard lock(mu_);
  auto q = db_->query(sql);
  if (!q.bind(token_hash, now).step()) return std::nullopt;
  return sqlite::readAgent(q);
}

void SqliteStore::deleteAgentSession(std::string_view token_hash) {
  std::lock_guard lock(mu_);
  db_->query("DELETE FROM agent_sessions WHERE token_hash = ?1").bind(token_hash).run();
}

std::size_t SqliteStore::deleteAgentSessions(Id agent_id) {
  std::lock_guard lock(mu_);
  db_->query("DELETE FROM agent_sessions WHERE agent_id = ?1").bind(agent_id).run();
  return static_cast<std::size_t>(db_->changes());
}

std::string SqliteStore::installationSecret(std::string_view name) {
  const std::string key = "secret:" + std::string(name);
  std::lock_guard lock(mu_);
  // INSERT OR IGNORE first: two processes asking at once end up with the same secret.
  db_->query("INSERT OR IGNORE INTO meta(key, value) VALUES (?1, ?2)").bind(key, newInstallationSecret()).run();
  auto q = db_->query("SELECT value FROM meta WHERE key = ?1");
  q.bind(key).step();
  return q.text(0);
}

std::uint64_t SqliteStore::changesFromOtherProcesses() {
  // SQLite's data_version moves only when another connection commits; this process has one.
  std::lock_guard lock(mu_);
  auto q = db_->query("PRAGMA data_version");
  q.step();
  return static_cast<std::uint64_t>(q.i64(0));
}

}  // namespace parley
