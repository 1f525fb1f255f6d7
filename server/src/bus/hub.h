// Topic -> sockets on this node. Topics: "w:<workspace>" (agents: everything of the workspace),
// "v:<contact>" (one visitor's sockets), "wp:<workspace>" (every visitor of a workspace: agent
// presence). The bus calls deliver(); the hub never touches the store.
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bus/connection.h"

namespace parley {

class Hub {
 public:
  void subscribe(const std::string& topic, const ConnectionPtr& c);
  void unsubscribe(const std::string& topic, const Connection* c);
  // Sends the frame to every socket on the topic except `skip` (the sender, when it already has it);
  // an end frame (OutFrame::close_code) closes them instead.
  void deliver(const std::string& topic, const Frame& frame, const Connection* skip = nullptr);
  std::size_t subscriberCount(const std::string& topic) const;
  std::vector<ConnectionPtr> subscribers(const std::string& topic) const;
  // Drops every subscription (shutdown: the sockets must go before the server that owns their
  // sweeper and budgets, and the hub would otherwise keep signed-in sockets alive past it).
  void clear();
  // Every agent socket of every workspace (rare sweeps, e.g. re-checking sessions).
  std::vector<ConnectionPtr> allAgentSockets() const;
  // Every visitor socket (on its visitor's topic; each socket is on one such topic).
  std::vector<ConnectionPtr> allVisitorSockets() const;

  static std::string agentsTopic(Id workspace_id) { return "w:" + std::to_string(workspace_id); }
  static std::string visitorTopic(Id contact_id) { return "v:" + std::to_string(contact_id); }
  static std::string visitorsTopic(Id workspace_id) { return "wp:" + std::to_string(workspace_id); }

 private:
  std::vector<ConnectionPtr> socketsOnTopicsStartingWith(std::string_view prefix) const;

  mutable std::mutex mu_;
  std::unordered_map<std::string, std::vector<ConnectionPtr>> topics_;
};

}  // namespace parley
