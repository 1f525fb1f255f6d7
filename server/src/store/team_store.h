// Teams: named groups of agents of one workspace (conversations may be routed to one).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"

namespace parley {

class TeamStore {
 public:
  virtual ~TeamStore() = default;

  virtual Team createTeam(Id workspace_id, std::string_view name) = 0;
  virtual std::vector<Team> listTeams(Id workspace_id) = 0;
  // Replaces the members; agents of other workspaces are ignored, as is a team of another workspace.
  virtual void setTeamMembers(Id workspace_id, Id team_id, const std::vector<Id>& agent_ids) = 0;
  // Renames and/or replaces the members (agents of other workspaces are ignored); nullopt when
  // the team is not in this workspace.
  virtual std::optional<Team> updateTeam(Id workspace_id, Id team_id, std::optional<std::string> name,
                                         std::optional<std::vector<Id>> member_ids) = 0;
};

}  // namespace parley
