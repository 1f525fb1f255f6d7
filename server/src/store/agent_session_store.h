// Agents' login sessions. Only a token's hash is stored, so the store never holds a usable token.
// A separate interface because sessions are the likeliest part to live elsewhere (a cache shared
// by many nodes) when the rest stays in one database.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"

namespace parley {

class AgentSessionStore {
 public:
  virtual ~AgentSessionStore() = default;

  virtual void createAgentSession(std::string_view token_hash, Id agent_id, Millis expires_at) = 0;
  // The session's agent while the session has not expired at `now` (and the agent is active).
  virtual std::optional<Agent> agentBySession(std::string_view token_hash, Millis now) = 0;
  virtual void deleteAgentSession(std::string_view token_hash) = 0;
  // Ends every session of the agent (deactivation, role or password change); returns how many.
  virtual std::size_t deleteAgentSessions(Id agent_id) = 0;
  // The stored (hashed) tokens of the agent's live sessions, to end all but the current one.
  virtual std::vector<std::string> agentSessionHashes(Id agent_id, Millis now) = 0;
};

}  // namespace parley
