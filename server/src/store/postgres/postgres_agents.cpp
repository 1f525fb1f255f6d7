// PostgresAccounts: agents, their own settings, and their login sessions.
#include "domain/ascii.h"
#include "store/postgres/postgres_accounts.h"
#include "store/postgres/pg_rows.h"

namespace parley {

namespace {

constexpr const char* kAgentColumns =
    "a.id, a.workspace_id, a.email, a.name, a.password_hash, a.role, a.capacity, a.presence, a.avatar_url, "
    "a.active, a.created_at";

const std::string kSelectAgent = std::string("SELECT ") + kAgentColumns + " FROM agents a ";

Agent readAgent(const pg::Result& r, int row) {
  Agent a;
  a.id = r.i64(row, 0);
  a.workspace_id = r.i64(row, 1);
  a.email = r.text(row, 2);
  a.name = r.text(row, 3);
  a.password_hash = r.text(row, 4);
  // The schema's CHECK keeps other words out, so another one here means a damaged database.
  const std::string role = r.text(row, 5);
  auto parsed = parseEnum<AgentRole>(role);
  if (!parsed) throw std::runtime_error("unexpected value '" + role + "' in the database");
  a.role = *parsed;
  a.capacity = static_cast<int>(r.i64(row, 6));
  a.presence = pg::readEnum<AgentPresence>(r, row, 7);
  a.avatar_url = r.text(row, 8);
  a.active = r.boolean(row, 9);
  a.created_at = r.i64(row, 10);
  return a;
}

std::optional<Agent> firstAgent(const pg::Result& r) {
  if (r.empty()) return std::nullopt;
  return readAgent(r, 0);
}

}  // namespace

// ---- Agents ----

Agent PostgresAccounts::createAgent(const Agent& in) {
  Agent a = in;
  a.email = asciiLower(a.email);
  auto c = pool_.acquire();
  a.id = c->exec("INSERT INTO agents(workspace_id, email, name, password_hash, role, capacity, presence, "
                 "avatar_url, active, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                 a.workspace_id, a.email, a.name, a.password_hash, a.role, a.capacity, a.presence, a.avatar_url,
                 a.active, a.created_at)
             .i64(0, 0);
  return a;
}

std::optional<Agent> PostgresAccounts::agentById(Id workspace_id, Id id) {
  static const std::string sql = kSelectAgent + "WHERE a.id = $1 AND a.workspace_id = $2";
  auto c = pool_.acquire();
  return firstAgent(c->exec(sql, id, workspace_id));
}

std::optional<Agent> PostgresAccounts::agentByEmail(std::string_view email) {
  static const std::string sql = kSelectAgent + "WHERE a.email = $1";
  auto c = pool_.acquire();
  return firstAgent(c->exec(sql, asciiLower(email)));
}

std::vector<Agent> PostgresAccounts::listAgents(Id workspace_id) {
  static const std::string sql = kSelectAgent + "WHERE a.workspace_id = $1 ORDER BY a.id";
  auto c = pool_.acquire();
  auto r = c->exec(sql, workspace_id);
  std::vector<Agent> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back(readAgent(r, i));
  return out;
}

void PostgresAccounts::updateAgent(const Agent& a) {
  auto c = pool_.acquire();
  c->exec("UPDATE agents SET email = $3, name = $4, password_hash = $5, role = $6, capacity = $7, "
          "presence = $8, avatar_url = $9, active = $10 WHERE id = $1 AND workspace_id = $2",
          a.id, a.workspace_id, asciiLower(a.email), a.name, a.password_hash, a.role, a.capacity, a.presence,
          a.avatar_url, a.active);
}

std::size_t PostgresAccounts::countAgents() {
  auto c = pool_.acquire();
  return static_cast<std::size_t>(c->exec("SELECT count(*) FROM agents").i64(0, 0));
}

bool PostgresAccounts::setAgentPasswordHash(Id workspace_id, Id agent_id, std::string_view password_hash) {
  auto c = pool_.acquire();
  return c->exec("UPDATE agents SET password_hash = $3 WHERE id = $1 AND workspace_id = $2", agent_id, workspace_id,
                 password_hash)
             .affected() > 0;
}

std::string PostgresAccounts::agentPreferences(Id workspace_id, Id agent_id) {
  auto c = pool_.acquire();
  auto r = c->exec("SELECT preferences FROM agents WHERE id = $1 AND workspace_id = $2", agent_id, workspace_id);
  return r.empty() ? "{}" : r.text(0, 0);
}

bool PostgresAccounts::setAgentPreferences(Id workspace_id, Id agent_id, std::string_view json) {
  auto c = pool_.acquire();
  return c->exec("UPDATE agents SET preferences = $3 WHERE id = $1 AND workspace_id = $2", agent_id, workspace_id,
                 json)
             .affected() > 0;
}

// ---- Agent sessions ----

void PostgresAccounts::createAgentSession(std::string_view token_hash, Id agent_id, Millis expires_at) {
  auto c = pool_.acquire();
  c->exec("INSERT INTO agent_sessions(token_hash, agent_id, expires_at) VALUES ($1, $2, $3)", token_hash, agent_id,
          expires_at);
}

std::optional<Agent> PostgresAccounts::agentBySession(std::string_view token_hash, Millis now) {
  // A deactivated agent's sessions stop working at once, without having to find and delete them.
  static const std::string sql = kSelectAgent +
                                 "JOIN agent_sessions s ON s.agent_id = a.id "
                                 "WHERE s.token_hash = $1 AND s.expires_at > $2 AND a.active";
  auto c = pool_.acquire();
  return firstAgent(c->exec(sql, token_hash, now));
}

void PostgresAccounts::deleteAgentSession(std::string_view token_hash) {
  auto c = pool_.acquire();
  c->exec("DELETE FROM agent_sessions WHERE token_hash = $1", token_hash);
}

std::size_t PostgresAccounts::deleteAgentSessions(Id agent_id) {
  auto c = pool_.acquire();
  return static_cast<std::size_t>(c->exec("DELETE FROM agent_sessions WHERE agent_id = $1", agent_id).affected());
}

std::vector<std::string> PostgresAccounts::agentSessionHashes(Id agent_id, Millis now) {
  auto c = pool_.acquire();
  auto r = c->exec("SELECT token_hash FROM agent_sessions WHERE agent_id = $1 AND expires_at > $2", agent_id, now);
  std::vector<std::string> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back(r.text(i, 0));
  return out;
}

}  // namespace parley
