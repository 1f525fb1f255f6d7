// Who is connected right now, on this node: agent sockets (and the status each agent chose) and
// visitors on the site (with the page they are on). Ephemeral by design: never stored, never
// replayed; the store only keeps the agent's last presence for lists.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/model.h"

namespace parley {

struct OnlineVisitor {
  Id contact_id = 0;
  Id workspace_id = 0;
  int sockets = 0;
  Millis online_since = 0;
  std::string url;
  std::string title;
};

class PresenceTracker {
 public:
  // Returns the agent's effective presence after the change ("online"/"away"/"offline").
  std::string agentConnected(Id workspace_id, Id agent_id);
  std::string agentDisconnected(Id workspace_id, Id agent_id);
  std::string setAgentStatus(Id workspace_id, Id agent_id, const std::string& status);
  std::string agentPresence(Id agent_id) const;
  int agentsOnline(Id workspace_id) const;
  std::vector<Id> onlineAgentIds(Id workspace_id) const;

  // Returns true when this is the visitor's first socket (it just came online).
  bool visitorConnected(Id workspace_id, Id contact_id, Millis now);
  // Returns true when the visitor's last socket closed.
  bool visitorDisconnected(Id contact_id);
  void visitorPage(Id contact_id, const std::string& url, const std::string& title);
  bool visitorOnline(Id contact_id) const;
  // Open sockets of one visitor (all tabs and devices) / of one agent, for the per-token caps.
  int visitorSockets(Id contact_id) const;
  int agentSockets(Id agent_id) const;
  std::vector<OnlineVisitor> onlineVisitors(Id workspace_id) const;

 private:
  struct AgentState {
    Id workspace_id = 0;
    int sockets = 0;
    std::string chosen = "online";
  };
  static std::string effective(const AgentState& s);

  mutable std::mutex mu_;
  std::unordered_map<Id, AgentState> agents_;
  std::unordered_map<Id, OnlineVisitor> visitors_;
};

}  // namespace parley
