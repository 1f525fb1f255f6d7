#include "domain/round_robin_router.h"

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

}  // namespace parley
