// Auto-assignment: hands new conversations to online agents in turn, skipping those at capacity.
// Pure and single-threaded: the caller owns one router per workspace and serialises calls.
#pragma once

#include <optional>
#include <vector>

#include "domain/model.h"

namespace parley {

class RoundRobinRouter {
 public:
  struct Candidate {
    Id agent_id = 0;
    bool online = false;
    int open_count = 0;
    int capacity = 0;
  };

  // The next eligible agent (online, open_count < capacity) after the previous pick in agent-id order, wrapping
  // around; nullopt when nobody is eligible. Order is by id, not by the vector's order, so the caller may pass
  // candidates in any order and agents joining or leaving do not reshuffle everyone's turn.
  std::optional<Id> pick(const std::vector<Candidate>& candidates);

  // The agents whose turn it is, in order: the ids after the previous pick, ascending, then the rest
  // (wrapping around). For a caller that lets the store take the first with room (AutoAssigner:
  // the capacity check must happen where the assignment is written); it tells the router which
  // one was taken with setLastPick.
  std::vector<Id> turnOrder(std::vector<Id> agent_ids) const;

  // The last agent picked, e.g. to persist the rotation across restarts.
  std::optional<Id> lastPick() const { return last_; }
  void setLastPick(std::optional<Id> id) { last_ = id; }

 private:
  std::optional<Id> last_;
};

}  // namespace parley
