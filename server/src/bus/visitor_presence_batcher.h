// Visitor presence for agents, coalesced. One visitor arriving is told at once; when many change
// within a window (a deploy or a server restart reconnects every visitor at once) the rest go out
// as one `presence.visitors` frame per workspace and window, with each visitor's latest state.
// Without it, 18,000 reconnecting visitors meant 18,000 frames to every agent's dashboard.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "domain/model.h"

namespace parley {

struct VisitorPresenceChange {
  Id contact_id = 0;
  bool online = false;
  std::string url, title;
};

class VisitorPresenceBatcher {
 public:
  // Publishes one change (a lone arrival) or a batch; called on the caller's thread for the first
  // change of a quiet workspace, on the batcher's thread for batches.
  using Publish = std::function<void(Id workspace_id, const std::vector<VisitorPresenceChange>& changes)>;

  VisitorPresenceBatcher(Publish publish, std::chrono::milliseconds window = std::chrono::milliseconds(250));
  ~VisitorPresenceBatcher();
  VisitorPresenceBatcher(const VisitorPresenceBatcher&) = delete;

  void changed(Id workspace_id, VisitorPresenceChange change);

 private:
  struct Window {
    std::chrono::steady_clock::time_point ends;
    std::map<Id, VisitorPresenceChange> pending;  // latest per contact, in id order
  };
  void run();

  Publish publish_;
  std::chrono::milliseconds window_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::unordered_map<Id, Window> open_;  // workspaces inside a window
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace parley
