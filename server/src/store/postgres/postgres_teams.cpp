// PostgresAccounts: teams and their members.
#include "store/postgres/postgres_accounts.h"

namespace parley {

Team PostgresAccounts::createTeam(Id workspace_id, std::string_view name) {
  auto c = pool_.acquire();
  Id id = c->exec("INSERT INTO teams(workspace_id, name) VALUES ($1, $2) RETURNING id", workspace_id, name).i64(0, 0);
  return Team{id, workspace_id, std::string(name), {}};
}

std::vector<Team> PostgresAccounts::listTeams(Id workspace_id) {
  // One statement, so the teams and their members come from one snapshot.
  auto c = pool_.acquire();
  auto r = c->exec(
      "SELECT t.id, t.name, array_agg(tm.agent_id ORDER BY tm.agent_id) FILTER (WHERE tm.agent_id IS NOT NULL) "
      "FROM teams t LEFT JOIN team_members tm ON tm.team_id = t.id "
      "WHERE t.workspace_id = $1 GROUP BY t.id ORDER BY t.id",
      workspace_id);
  std::vector<Team> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back(Team{r.i64(i, 0), workspace_id, r.text(i, 1), r.i64Array(i, 2)});
  return out;
}

void PostgresAccounts::setTeamMembers(Id workspace_id, Id team_id, const std::vector<Id>& agent_ids) {
  auto c = pool_.acquire();
  pg::Tx tx(*c);
  if (!loadTeam(*c, workspace_id, team_id)) return;
  replaceTeamMembers(*c, workspace_id, team_id, agent_ids);
  tx.commit();
}

std::optional<Team> PostgresAccounts::updateTeam(Id workspace_id, Id team_id, std::optional<std::string> name,
                                                 std::optional<std::vector<Id>> member_ids) {
  auto c = pool_.acquire();
  pg::Tx tx(*c);
  if (!loadTeam(*c, workspace_id, team_id)) return std::nullopt;
  if (name) c->exec("UPDATE teams SET name = $3 WHERE id = $1 AND workspace_id = $2", team_id, workspace_id, *name);
  if (member_ids) replaceTeamMembers(*c, workspace_id, team_id, *member_ids);
  auto team = loadTeam(*c, workspace_id, team_id);
  tx.commit();
  return team;
}

std::optional<Team> PostgresAccounts::loadTeam(pg::Connection& c, Id workspace_id, Id team_id) {
  // FOR UPDATE: two writers of one team's members take turns. Without the lock, the second one's
  // DELETE would not see the rows the first one inserted, and its INSERT would collide with them.
  auto team = c.exec("SELECT name FROM teams WHERE id = $1 AND workspace_id = $2 FOR UPDATE", team_id, workspace_id);
  if (team.empty()) return std::nullopt;
  auto members = c.exec("SELECT agent_id FROM team_members WHERE team_id = $1 ORDER BY agent_id", team_id);
  Team t{team_id, workspace_id, team.text(0, 0), {}};
  t.member_ids.reserve(static_cast<std::size_t>(members.rows()));
  for (int i = 0; i < members.rows(); ++i) t.member_ids.push_back(members.i64(i, 0));
  return t;
}

void PostgresAccounts::replaceTeamMembers(pg::Connection& c, Id workspace_id, Id team_id,
                                          const std::vector<Id>& agent_ids) {
  c.exec("DELETE FROM team_members WHERE team_id = $1", team_id);
  // Selecting from agents drops agents of other workspaces and repeated ids in one statement.
  c.exec("INSERT INTO team_members(team_id, agent_id) "
         "SELECT $1, id FROM agents WHERE workspace_id = $2 AND id = ANY($3::bigint[])",
         team_id, workspace_id, agent_ids);
}

}  // namespace parley
