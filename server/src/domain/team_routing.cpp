#include "domain/team_routing.h"

#include <algorithm>

namespace parley {

HandBack handBackReason(const Conversation& c, std::optional<Millis> assigned_at, std::optional<Millis> offline_for,
                        Millis offline_grace, const TeamRouting& t, Millis now) {
  if (!c.assignee_id || c.status != ConversationStatus::Open) return HandBack::Keep;
  if (t.reassign_offline && offline_for && *offline_for >= offline_grace) return HandBack::AgentOffline;
  if (t.reassign_after_minutes > 0 && c.waiting_since) {
    const Millis limit = static_cast<Millis>(t.reassign_after_minutes) * 60'000;
    // The agent's own time with the chat counts, not what the visitor waited before they got it.
    const Millis since = std::max(*c.waiting_since, assigned_at.value_or(*c.waiting_since));
    if (now - since >= limit) return HandBack::NoReply;
  }
  return HandBack::Keep;
}

std::optional<Millis> OfflineClock::observe(Id agent_id, bool offline, Millis now) {
  if (!offline) {
    offline_since_.erase(agent_id);
    return std::nullopt;
  }
  auto [it, fresh] = offline_since_.try_emplace(agent_id, now);
  return now - it->second;
}

void OfflineClock::forgetExcept(const std::unordered_map<Id, bool>& seen) {
  std::erase_if(offline_since_, [&](const auto& e) { return !seen.contains(e.first); });
}

}  // namespace parley
