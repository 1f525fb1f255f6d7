// The accounts part of the PostgreSQL backend (issue 12): workspaces, agents, their sessions,
// teams, canned replies and installation secrets, with the behaviour of the SQLite backend's
// (store.h's contracts). PostgresStore (postgres_store.h) is a Store made of this part and the
// others, sharing one pool; this part can also stand alone on a pool of its own.
//
// Thread safety: a fixed pool of connections (PgPool, pg_pool.h); each method borrows one for its
// duration, so up to that many calls run at once and the rest wait. Several instances (several
// processes or nodes) may share a database: the database's constraints and row locks arbitrate.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/agent_session_store.h"
#include "store/agent_store.h"
#include "store/canned_reply_store.h"
#include "store/installation_store.h"
#include "store/postgres/pg_pool.h"
#include "store/team_store.h"
#include "store/workspace_store.h"

namespace parley {

class PostgresAccounts : public WorkspaceStore,
                         public AgentStore,
                         public AgentSessionStore,
                         public TeamStore,
                         public CannedReplyStore,
                         public InstallationStore {
 public:
  // Connects (`url`: postgresql://USER@HOST:PORT/DB) and applies pending migrations. Throws
  // pg::PgError when the server cannot be reached.
  explicit PostgresAccounts(const std::string& url, std::size_t connections = pg::PgPool::kDefaultSize);
  // On a pool shared with the store's other parts (its schema already migrated).
  explicit PostgresAccounts(std::shared_ptr<pg::PgPool> pool);

  // WorkspaceStore (postgres_accounts.cpp)
  Workspace createWorkspace(const NewWorkspace& w, Millis now) override;
  std::optional<Workspace> workspaceById(Id id) override;
  std::optional<Workspace> workspaceByPublicId(std::string_view public_id) override;
  std::optional<Workspace> firstWorkspace() override;
  void updateWorkspace(const Workspace& w) override;

  // AgentStore (postgres_agents.cpp)
  Agent createAgent(const Agent& a) override;
  std::optional<Agent> agentById(Id workspace_id, Id id) override;
  std::optional<Agent> agentByEmail(std::string_view email) override;
  std::vector<Agent> listAgents(Id workspace_id) override;
  void updateAgent(const Agent& a) override;
  std::size_t countAgents() override;
  bool setAgentPasswordHash(Id workspace_id, Id agent_id, std::string_view password_hash) override;
  std::string agentPreferences(Id workspace_id, Id agent_id) override;
  bool setAgentPreferences(Id workspace_id, Id agent_id, std::string_view json) override;

  // AgentSessionStore (postgres_agents.cpp)
  void createAgentSession(std::string_view token_hash, Id agent_id, Millis expires_at) override;
  std::optional<Agent> agentBySession(std::string_view token_hash, Millis now) override;
  void deleteAgentSession(std::string_view token_hash) override;
  std::size_t deleteAgentSessions(Id agent_id) override;
  std::vector<std::string> agentSessionHashes(Id agent_id, Millis now) override;

  // TeamStore (postgres_teams.cpp)
  Team createTeam(Id workspace_id, std::string_view name) override;
  std::vector<Team> listTeams(Id workspace_id) override;
  void setTeamMembers(Id workspace_id, Id team_id, const std::vector<Id>& agent_ids) override;
  std::optional<Team> updateTeam(Id workspace_id, Id team_id, std::optional<std::string> name,
                                 std::optional<std::vector<Id>> member_ids) override;

  // CannedReplyStore (postgres_canned_replies.cpp)
  CannedReply createCannedReply(Id workspace_id, std::string_view shortcut, std::string_view body) override;
  std::vector<CannedReply> listCannedReplies(Id workspace_id) override;
  std::optional<CannedReply> updateCannedReply(const CannedReply& r) override;
  bool deleteCannedReply(Id workspace_id, Id id) override;

  // InstallationStore (postgres_accounts.cpp). changesFromOtherProcesses is the session_changes
  // counter (pg_migrations.cpp): it moves whenever any node ends sessions or changes an agent's
  // access, so every node's SessionWatcher re-checks its sockets within a second.
  std::string installationSecret(std::string_view name) override;
  std::uint64_t changesFromOtherProcesses() override;

 private:
  // The team with its members, read on `c` (inside the caller's transaction when it has one).
  static std::optional<Team> loadTeam(pg::Connection& c, Id workspace_id, Id team_id);
  static void replaceTeamMembers(pg::Connection& c, Id workspace_id, Id team_id, const std::vector<Id>& agent_ids);

  std::shared_ptr<pg::PgPool> owned_pool_;
  pg::PgPool& pool_;
};

}  // namespace parley
