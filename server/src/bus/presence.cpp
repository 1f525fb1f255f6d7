#include "bus/presence.h"

namespace parley {

std::string PresenceTracker::effective(const AgentState& s) {
  if (s.sockets <= 0) return "offline";
  return s.chosen;
}

std::string PresenceTracker::agentConnected(Id workspace_id, Id agent_id) {
  std::lock_guard lock(mu_);
  auto& s = agents_[agent_id];
  s.workspace_id = workspace_id;
  s.sockets++;
  return effective(s);
}

std::string PresenceTracker::agentDisconnected(Id workspace_id, Id agent_id) {
  std::lock_guard lock(mu_);
  auto it = agents_.find(agent_id);
  if (it == agents_.end()) return "offline";
  it->second.sockets--;
  // An agent who closes the last tab is offline; the chosen status ("away") is kept for the
  // next connection only while some socket is open.
  if (it->second.sockets <= 0) {
    agents_.erase(it);
    return "offline";
  }
  return effective(it->second);
}

std::string PresenceTracker::setAgentStatus(Id workspace_id, Id agent_id, const std::string& status) {
  std::lock_guard lock(mu_);
  auto& s = agents_[agent_id];
  s.workspace_id = workspace_id;
  s.chosen = status;
  return effective(s);
}

std::string PresenceTracker::agentPresence(Id agent_id) const {
  std::lock_guard lock(mu_);
  auto it = agents_.find(agent_id);
  return it == agents_.end() ? "offline" : effective(it->second);
}

int PresenceTracker::agentsOnline(Id workspace_id) const {
  std::lock_guard lock(mu_);
  int n = 0;
  for (const auto& [id, s] : agents_)
    if (s.workspace_id == workspace_id && effective(s) == "online") n++;
  return n;
}

std::vector<Id> PresenceTracker::onlineAgentIds(Id workspace_id) const {
  std::lock_guard lock(mu_);
  std::vector<Id> out;
  for (const auto& [id, s] : agents_)
    if (s.workspace_id == workspace_id && effective(s) == "online") out.push_back(id);
  return out;
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
  return true;
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
  return visitors_.count(contact_id) > 0;
}

std::vector<OnlineVisitor> PresenceTracker::onlineVisitors(Id workspace_id) const {
  std::lock_guard lock(mu_);
  std::vector<OnlineVisitor> out;
  for (const auto& [id, v] : visitors_)
    if (v.workspace_id == workspace_id) out.push_back(v);
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

}  // namespace parley
