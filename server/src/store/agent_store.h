// Agents: the people who answer, with what they set for themselves. Emails are unique across the
// whole store (login is by email alone) and compared ASCII case-insensitively.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"

namespace parley {

class AgentStore {
 public:
  virtual ~AgentStore() = default;

  virtual Agent createAgent(const Agent& a) = 0;   // throws StoreConflict on a taken email
  virtual std::optional<Agent> agentById(Id workspace_id, Id id) = 0;
  virtual std::optional<Agent> agentByEmail(std::string_view email) = 0;  // any workspace: the login
  virtual std::vector<Agent> listAgents(Id workspace_id) = 0;             // by id
  virtual void updateAgent(const Agent& a) = 0;    // throws StoreConflict on a taken email
  virtual std::size_t countAgents() = 0;           // in every workspace (first start makes an admin)
  // Only the hash: a concurrent PATCH of the name cannot write an old hash back. False when the
  // agent is not in this workspace.
  virtual bool setAgentPasswordHash(Id workspace_id, Id agent_id, std::string_view password_hash) = 0;

  // The agent's own settings (notification preferences) as a JSON object the API has validated;
  // "{}" when none were saved. set returns false when the agent is not in this workspace.
  virtual std::string agentPreferences(Id workspace_id, Id agent_id) = 0;
  virtual bool setAgentPreferences(Id workspace_id, Id agent_id, std::string_view json) = 0;
};

}  // namespace parley
