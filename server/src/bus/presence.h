// Who is connected right now: agent sockets (and the status each agent chose) and visitors on the
// site (with the page they are on). Ephemeral by design: never stored, never replayed; the store
// only keeps the agent's last presence for lists.
//
// With several nodes each node tracks its own sockets here and learns the others' from a snapshot
// (setRemote, kept fresh by RedisPresenceSync). Every query answers for the whole cluster, except
// visitorSockets/agentSockets: they cap the sockets one token holds on this node.
#pragma once

#include <memory>
#include <mutex>
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

struct OnlineAgent {
  Id workspace_id = 0;
  int sockets = 0;
  AgentPresence chosen = AgentPresence::Online;  // what the agent picked; shown while a socket is open
};

// The sockets of one node, or of all the other nodes merged.
struct PresenceSnapshot {
  std::unordered_map<Id, OnlineAgent> agents;
  std::unordered_map<Id, OnlineVisitor> visitors;
};

class PresenceTracker {
 public:
  // Return the agent's effective presence after the change.
  AgentPresence agentConnected(Id workspace_id, Id agent_id);
  AgentPresence agentDisconnected(Id workspace_id, Id agent_id);
  // `status` is one an agent may pick (isPickable); Offline is refused with std::invalid_argument.
  AgentPresence setAgentStatus(Id workspace_id, Id agent_id, AgentPresence status);
  AgentPresence agentPresence(Id agent_id) const;
  int agentsOnline(Id workspace_id) const;
  std::vector<Id> onlineAgentIds(Id workspace_id) const;
  // Every agent online (not away) in the cluster, with their workspace.
  std::vector<std::pair<Id, Id>> onlineAgents() const;  // (agent, workspace)

  // Returns true when this is the visitor's first socket (it just came online).
  bool visitorConnected(Id workspace_id, Id contact_id, Millis now);
  // Returns true when the visitor's last socket closed (here, and on no other node).
  bool visitorDisconnected(Id contact_id);
  void visitorPage(Id contact_id, const std::string& url, const std::string& title);
  bool visitorOnline(Id contact_id) const;
  // Open sockets of one visitor (all tabs and devices) / of one agent on this node, for the per-token caps.
  int visitorSockets(Id contact_id) const;
  int agentSockets(Id agent_id) const;
  std::vector<OnlineVisitor> onlineVisitors(Id workspace_id) const;

  // This node's own sockets, to tell the other nodes.
  PresenceSnapshot localSnapshot() const;
  // What the other nodes have; nullptr (the default) when this node is alone.
  void setRemote(std::shared_ptr<const PresenceSnapshot> remote);

 private:
  AgentPresence presenceOf(Id agent_id) const;  // under mu_
  std::vector<Id> onlineIdsOf(Id workspace_id) const;  // under mu_

  mutable std::mutex mu_;
  std::unordered_map<Id, OnlineAgent> agents_;
  std::unordered_map<Id, OnlineVisitor> visitors_;
  std::shared_ptr<const PresenceSnapshot> remote_;
};

}  // namespace parley
