// SqliteStore: teams and their members.
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace parley {

using sqlite::Tx;

Team SqliteStore::createTeam(Id workspace_id, std::string_view name) {
  std::lock_guard lock(mu_);
  db_->query("INSERT INTO teams(workspace_id, name) VALUES (?1, ?2)").bind(workspace_id, name).run();
  return Team{db_->lastInsertId(), workspace_id, std::string(name), {}};
}

std::vector<Team> SqliteStore::listTeams(Id workspace_id) {
  std::lock_guard lock(mu_);
  std::vector<Team> out;
  {
    auto q = db_->query("SELECT id, name FROM teams WHERE workspace_id = ?1 ORDER BY id");
    q.bind(workspace_id);
    while (q.step()) out.push_back(Team{q.i64(0), workspace_id, q.text(1), {}});
  }
  // One pass over all members instead of a query per team.
  auto q = db_->query(
      "SELECT tm.team_id, tm.agent_id FROM team_members tm JOIN teams t ON t.id = tm.team_id "
      "WHERE t.workspace_id = ?1 ORDER BY tm.team_id, tm.agent_id");
  q.bind(workspace_id);
  std::size_t i = 0;
  while (q.step()) {
    Id team = q.i64(0);
    while (i < out.size() && out[i].id < team) ++i;
    if (i < out.size() && out[i].id == team) out[i].member_ids.push_back(q.i64(1));
  }
  return out;
}

void SqliteStore::setTeamMembers(Id workspace_id, Id team_id, const std::vector<Id>& agent_ids) {
  std::lock_guard lock(mu_);
  Tx tx(*db_);
  if (!loadTeam(workspace_id, team_id)) return;
  replaceTeamMembers(workspace_id, team_id, agent_ids);
  tx.commit();
}

std::optional<Team> SqliteStore::updateTeam(Id workspace_id, Id team_id, std::optional<std::string> name,
                                            std::optional<std::vector<Id>> member_ids) {
  std::lock_guard lock(mu_);
  Tx tx(*db_);
  if (!loadTeam(workspace_id, team_id)) return std::nullopt;
  if (name) {
    db_->query("UPDATE teams SET name = ?3 WHERE id = ?1 AND workspace_id = ?2")
        .bind(team_id, workspace_id, *name)
        .run();
  }
  if (member_ids) replaceTeamMembers(workspace_id, team_id, *member_ids);
  auto team = loadTeam(workspace_id, team_id);
  tx.commit();
  return team;
}

std::optional<Team> SqliteStore::loadTeam(Id workspace_id, Id id) {
  std::optional<Team> team;
  {
    auto q = db_->query("SELECT name FROM teams WHERE id = ?1 AND workspace_id = ?2");
    if (!q.bind(id, workspace_id).step()) return std::nullopt;
    team = Team{id, workspace_id, q.text(0), {}};
  }
  auto q = db_->query("SELECT agent_id FROM team_members WHERE team_id = ?1 ORDER BY agent_id");
  q.bind(id);
  while (q.step()) team->member_ids.push_back(q.i64(0));
  return team;
}

void SqliteStore::replaceTeamMembers(Id workspace_id, Id team_id, const std::vector<Id>& agent_ids) {
  db_->query("DELETE FROM team_members WHERE team_id = ?1").bind(team_id).run();
  // The SELECT drops agents of other workspaces; OR IGNORE drops repeated ids.
  for (Id agent : agent_ids) {
    db_->query(
           "INSERT OR IGNORE INTO team_members(team_id, agent_id) "
           "SELECT ?1, id FROM agents WHERE id = ?2 AND workspace_id = ?3")
        .bind(team_id, agent, workspace_id)
        .run();
  }
}

}  // namespace parley
