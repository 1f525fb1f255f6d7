#include "store/postgres/pg_migrations.h"

#include <chrono>
#include <cstdint>
#include <stdexcept>

#include "store/postgres/pg_connection.h"

namespace parley {

namespace {

// The accounts aggregates (workspaces, agents and their sessions and preferences, teams, canned
// replies, installation secrets): the same columns, constraints and meaning as the SQLite schema
// after its migration 8. Times are BIGINT milliseconds since the epoch. JSON columns are TEXT,
// not JSONB: the store hands back exactly what it was given, as SQLite does. Unique constraints
// are named: pg_connection.cpp turns each into its sentence for people.
constexpr const char* kAccounts = R"sql(
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE workspaces (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  public_id TEXT NOT NULL CONSTRAINT workspaces_public_id_unique UNIQUE,
  name TEXT NOT NULL,
  settings TEXT NOT NULL DEFAULT '{}',
  hmac_secret TEXT NOT NULL,
  allowed_origins TEXT NOT NULL DEFAULT '[]',
  created_at BIGINT NOT NULL
);

-- Emails are stored lower-cased (ASCII): UNIQUE then means unique regardless of case.
CREATE TABLE agents (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id BIGINT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  email TEXT NOT NULL CONSTRAINT agents_email_unique UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT 'agent' CHECK (role IN ('admin', 'agent')),
  capacity INTEGER NOT NULL DEFAULT 5,
  presence TEXT NOT NULL DEFAULT 'offline',
  avatar_url TEXT NOT NULL DEFAULT '',
  active BOOLEAN NOT NULL DEFAULT true,
  created_at BIGINT NOT NULL,
  preferences TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX agents_workspace ON agents(workspace_id);

CREATE TABLE agent_sessions (
  token_hash TEXT PRIMARY KEY,
  agent_id BIGINT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  expires_at BIGINT NOT NULL
);
CREATE INDEX agent_sessions_agent ON agent_sessions(agent_id);

CREATE TABLE teams (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id BIGINT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name TEXT NOT NULL
);
CREATE INDEX teams_workspace ON teams(workspace_id);

CREATE TABLE team_members (
  team_id BIGINT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  agent_id BIGINT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  PRIMARY KEY (team_id, agent_id)
);
CREATE INDEX team_members_agent ON team_members(agent_id);

CREATE TABLE canned_replies (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id BIGINT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  shortcut TEXT NOT NULL,
  body TEXT NOT NULL,
  CONSTRAINT canned_replies_shortcut_unique UNIQUE (workspace_id, shortcut)
);
)sql";

const std::vector<std::pair<int, const char*>> kMigrations = {
    {1, kAccounts},
};

// pg_advisory_xact_lock's key: any constant no other user of the database takes ("parley" in ASCII).
constexpr std::int64_t kMigrationLock = 0x7061726c6579;

std::int64_t nowMillis() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

const std::vector<std::pair<int, const char*>>& postgresMigrations() { return kMigrations; }

int applyPostgresMigrations(pg::Connection& c) {
  // One transaction under an advisory lock: a second process migrating at the same moment waits,
  // then finds every version recorded. DDL is transactional here, so a failed script leaves
  // nothing half made.
  pg::Tx tx(c);
  c.exec("SELECT pg_advisory_xact_lock($1)", kMigrationLock);
  c.script(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      "version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
  int current = static_cast<int>(c.exec("SELECT coalesce(max(version), 0) FROM schema_migrations").i64(0, 0));
  const int latest = kMigrations.empty() ? 0 : kMigrations.back().first;
  if (current > latest) {
    throw std::runtime_error("database schema version " + std::to_string(current) + " is newer than this binary (" +
                             std::to_string(latest) + ")");
  }
  for (const auto& [version, script] : kMigrations) {
    if (version <= current) continue;
    c.script(script);
    c.exec("INSERT INTO schema_migrations(version, applied_at) VALUES ($1, $2)", version, nowMillis());
    current = version;
  }
  tx.commit();
  return current;
}

}  // namespace parley
