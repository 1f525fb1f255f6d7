// PostgresStore: opening, the epoch, and the accounts interfaces forwarded to PostgresAccounts.
#include "store/postgres/postgres_store.h"

#include "store/postgres/pg_migrations.h"
#include "store/store_random.h"

namespace parley {

namespace {

std::shared_ptr<pg::PgPool> migratedPool(const std::string& url, std::size_t connections) {
  auto pool = std::make_shared<pg::PgPool>(url, connections);
  auto c = pool->acquire();
  applyPostgresMigrations(*c);
  return pool;
}

}  // namespace

PostgresStore::PostgresStore(const std::string& url, std::size_t connections)
    : pool_(migratedPool(url, connections)), accounts_(pool_) {
  // The epoch names this database for resume cursors: made by the first instance, read by all.
  // Two statements, as for installation secrets: a concurrent first insert is seen by the SELECT.
  auto c = pool_->acquire();
  c->exec("INSERT INTO meta(key, value) VALUES ('epoch', $1) ON CONFLICT (key) DO NOTHING", storeRandomHex(16));
  epoch_ = c->exec("SELECT value FROM meta WHERE key = 'epoch'").text(0, 0);
}

PostgresStore::~PostgresStore() = default;

std::string PostgresStore::epoch() { return epoch_; }  // immutable after construction

// ---- Accounts: PostgresAccounts' ----

Workspace PostgresStore::createWorkspace(const NewWorkspace& w, Millis now) { return accounts_.createWorkspace(w, now); }
std::optional<Workspace> PostgresStore::workspaceById(Id id) { return accounts_.workspaceById(id); }
std::optional<Workspace> PostgresStore::workspaceByPublicId(std::string_view public_id) {
  return accounts_.workspaceByPublicId(public_id);
}
std::optional<Workspace> PostgresStore::firstWorkspace() { return accounts_.firstWorkspace(); }
void PostgresStore::updateWorkspace(const Workspace& w) { accounts_.updateWorkspace(w); }

Agent PostgresStore::createAgent(const Agent& a) { return accounts_.createAgent(a); }
std::optional<Agent> PostgresStore::agentById(Id workspace_id, Id id) { return accounts_.agentById(workspace_id, id); }
std::optional<Agent> PostgresStore::agentByEmail(std::string_view email) { return accounts_.agentByEmail(email); }
std::vector<Agent> PostgresStore::listAgents(Id workspace_id) { return accounts_.listAgents(workspace_id); }
void PostgresStore::updateAgent(const Agent& a) { accounts_.updateAgent(a); }
std::size_t PostgresStore::countAgents() { return accounts_.countAgents(); }
bool PostgresStore::setAgentPasswordHash(Id workspace_id, Id agent_id, std::string_view password_hash) {
  return accounts_.setAgentPasswordHash(workspace_id, agent_id, password_hash);
}
std::string PostgresStore::agentPreferences(Id workspace_id, Id agent_id) {
  return accounts_.agentPreferences(workspace_id, agent_id);
}
bool PostgresStore::setAgentPreferences(Id workspace_id, Id agent_id, std::string_view json) {
  return accounts_.setAgentPreferences(workspace_id, agent_id, json);
}

void PostgresStore::createAgentSession(std::string_view token_hash, Id agent_id, Millis expires_at) {
  accounts_.createAgentSession(token_hash, agent_id, expires_at);
}
std::optional<Agent> PostgresStore::agentBySession(std::string_view token_hash, Millis now) {
  return accounts_.agentBySession(token_hash, now);
}
void PostgresStore::deleteAgentSession(std::string_view token_hash) { accounts_.deleteAgentSession(token_hash); }
std::size_t PostgresStore::deleteAgentSessions(Id agent_id) { return accounts_.deleteAgentSessions(agent_id); }
std::vector<std::string> PostgresStore::agentSessionHashes(Id agent_id, Millis now) {
  return accounts_.agentSessionHashes(agent_id, now);
}

Team PostgresStore::createTeam(Id workspace_id, std::string_view name) { return accounts_.createTeam(workspace_id, name); }
std::vector<Team> PostgresStore::listTeams(Id workspace_id) { return accounts_.listTeams(workspace_id); }
void PostgresStore::setTeamMembers(Id workspace_id, Id team_id, const std::vector<Id>& agent_ids) {
  accounts_.setTeamMembers(workspace_id, team_id, agent_ids);
}
std::optional<Team> PostgresStore::updateTeam(Id workspace_id, Id team_id, std::optional<std::string> name,
                                              std::optional<std::vector<Id>> member_ids) {
  return accounts_.updateTeam(workspace_id, team_id, std::move(name), std::move(member_ids));
}

CannedReply PostgresStore::createCannedReply(Id workspace_id, std::string_view shortcut, std::string_view body) {
  return accounts_.createCannedReply(workspace_id, shortcut, body);
}
std::vector<CannedReply> PostgresStore::listCannedReplies(Id workspace_id) {
  return accounts_.listCannedReplies(workspace_id);
}
std::optional<CannedReply> PostgresStore::updateCannedReply(const CannedReply& r) {
  return accounts_.updateCannedReply(r);
}
bool PostgresStore::deleteCannedReply(Id workspace_id, Id id) { return accounts_.deleteCannedReply(workspace_id, id); }

std::string PostgresStore::installationSecret(std::string_view name) { return accounts_.installationSecret(name); }
std::uint64_t PostgresStore::changesFromOtherProcesses() { return accounts_.changesFromOtherProcesses(); }

}  // namespace parley
