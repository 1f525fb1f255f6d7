#include "bus/presence.h"

#include <stdexcept>

namespace parley {

AgentPresence PresenceTracker::presenceOf(Id agent_id) const {
  const auto local = agents_.find(agent_id);
  const OnlineAgent* remote = nullptr;
  if (remote_)
    if (auto it = remote_->agents.find(agent_id); it != remote_->agents.end()) remote = &it->second;
  const int sockets = (local != agents_.end() ? local->second.sockets : 0) + (remote ? remote->sockets : 0);
  if (sockets <= 0) return AgentPresence::Offline;
  // A status picked on this node wins (it is the newest this node knows); else the other node's.
  if (local != agents_.end()) return local->second.chosen;
  return remote->chosen;
}

std::vector<Id> PresenceTracker::onlineIdsOf(Id workspace_id) const {
  std::vector<Id> out;
  for (const auto& [id, s] : agents_)
    if (s.workspace_id == workspace_id && presenceOf(id) == AgentPresence::Online) out.push_back(id);
  if (remote_)
    for (const auto& [id, s] : remote_->agents)
      if (s.workspace_id == workspace_id && !agents_.count(id) && presenceOf(id) == AgentPresence::Online) out.push_back(id);
  return out;
}

AgentPresence PresenceTracker::agentConnected(Id workspace_id, Id agent_id) {
  std::lock_guard lock(mu_);
  auto& s = agents_[agent_id];
  s.workspace_id = workspace_id;
  s.sockets++;
  return presenceOf(agent_id);
}

AgentPresence PresenceTracker::agentDisconnected(Id, Id agent_id) {
  std::lock_guard lock(mu_);
  auto it = agents_.find(agent_id);
  if (it != agents_.end() && --it->second.sockets <= 0) {
    // An agent who closes the last tab here is offline here; the chosen status (away) is kept
    // for the next connection only while some socket is open.
    agents_.erase(it);
  }
  return presenceOf(agent_id);
}

AgentPresence PresenceTracker::setAgentStatus(Id workspace_id, Id agent_id, AgentPresence status) {
  if (!isPickable(status)) throw std::invalid_argument("presence");
  std::lock_guard lock(mu_);
  auto& s = agents_[agent_id];
  s.workspace_id = workspace_id;
  s.chosen = status;
  return presenceOf(agent_id);
}

AgentPresence PresenceTracker::agentPresence(Id agent_id) const {
  std::lock_guard lock(mu_);
  return presenceOf(agent_id);
}

int PresenceTracker::agentsOnline(Id workspace_id) const {
  std::lock_guard lock(mu_);
  return static_cast<int>(onlineIdsOf(workspace_id).size());
}

std::vector<std::pair<Id, Id>> PresenceTracker::onlineAgents() const {
  std::lock_guard lock(mu_);
  std::vector<std::pair<Id, Id>> out;
  for (const auto& [id, s] : agents_)
    if (presenceOf(id) == AgentPresence::Online) out.emplace_back(id, s.workspace_id);
  if (remote_)
    for (const auto& [id, s] : remote_->agents)
      if (!agents_.count(id) && presenceOf(id) == AgentPresence::Online) out.emplace_back(id, s.workspace_id);
  return out;
}

std::vector<Id> PresenceTracker::onlineAgentIds(Id workspace_id) const {
  std::lock_guard lock(mu_);
  return onlineIdsOf(workspace_id);
}

bool PresenceTracker::visitorConnected(Id workspace_id, Id contact_id, Millis now) {
  std::lock_guard lock(mu_);
  auto& v = visitors_[contact_id];
  v.contact_id = contact_id;
  v.workspace_id = workspace_id;
  if (v.sockets++ == 0) {
    v.online_since = now;
    return true;
  }
  return false;
}

bool PresenceTracker::visitorDisconnected(Id contact_id) {
  std::lock_guard lock(mu_);
  auto it = visitors_.find(contact_id);
  if (it == visitors_.end()) return false;
  if (--it->second.sockets > 0) return false;
  visitors_.erase(it);
  return !(remote_ && remote_->visitors.count(contact_id));  // still on the site through another node
}

void PresenceTracker::visitorPage(Id contact_id, const std::string& url, const std::string& title) {
  std::lock_guard lock(mu_);
  auto it = visitors_.find(contact_id);
  if (it == visitors_.end()) return;
  it->second.url = url;
  it->second.title = title;
}

bool PresenceTracker::visitorOnline(Id contact_id) const {
  std::lock_guard lock(mu_);
  return visitors_.count(contact_id) > 0 || (remote_ && remote_->visitors.count(contact_id) > 0);
}

std::vector<OnlineVisitor> PresenceTracker::onlineVisitors(Id workspace_id) const {
  std::lock_guard lock(mu_);
  std::vector<OnlineVisitor> out;
  for (const auto& [id, v] : visitors_)
    if (v.workspace_id == workspace_id) out.push_back(v);
  if (remote_)
    for (const auto& [id, v] : remote_->visitors)
      if (v.workspace_id == workspace_id && !visitors_.count(id)) out.push_back(v);
  return out;
}

int PresenceTracker::visitorSockets(Id contact_id) const {
  std::lock_guard lock(mu_);
  auto it = visitors_.find(contact_id);
  return it == visitors_.end() ? 0 : it->second.sockets;
}

int PresenceTracker::agentSockets(Id agent_id) const {
  std::lock_guard lock(mu_);
  auto it = agents_.find(agent_id);
  return it == agents_.end() ? 0 : it->second.sockets;
}

PresenceSnapshot PresenceTracker::localSnapshot() const {
  std::lock_guard lock(mu_);
  PresenceSnapshot s;
  for (const auto& [id, a] : agents_)
    if (a.sockets > 0) s.agents.emplace(id, a);  // a status picked with no socket open is not presence
  s.visitors = visitors_;
  return s;
}

void PresenceTracker::setRemote(std::shared_ptr<const PresenceSnapshot> remote) {
  std::lock_guard lock(mu_);
  remote_ = std::move(remote);
}

}  // namespace parley
