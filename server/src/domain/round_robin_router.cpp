#include "domain/round_robin_router.h"

#include <algorithm>

namespace parley {

std::optional<Id> RoundRobinRouter::pick(const std::vector<Candidate>& candidates) {
  std::optional<Id> lowest;  // wrap-around choice
  std::optional<Id> next;    // smallest eligible id after the last pick
  for (const auto& c : candidates) {
    if (!c.online || c.open_count >= c.capacity) continue;
    if (!lowest || c.agent_id < *lowest) lowest = c.agent_id;
    if (last_ && c.agent_id > *last_ && (!next || c.agent_id < *next)) next = c.agent_id;
  }
  std::optional<Id> chosen = next ? next : lowest;
  if (chosen) last_ = chosen;
  return chosen;
}

std::vector<Id> RoundRobinRouter::turnOrder(std::vector<Id> agent_ids) const {
  std::sort(agent_ids.begin(), agent_ids.end());
  agent_ids.erase(std::unique(agent_ids.begin(), agent_ids.end()), agent_ids.end());
  if (last_) {
    auto after = std::upper_bound(agent_ids.begin(), agent_ids.end(), *last_);
    std::rotate(agent_ids.begin(), after, agent_ids.end());
  }
  return agent_ids;
}

}  // namespace parley
