#include "app/routing_timers.h"

#include <spdlog/spdlog.h>

#include <unordered_map>

#include "domain/clock.h"

namespace parley {

namespace {
// Per team and pass; the rest waits for the next pass rather than make one pass long.
constexpr int kPerPass = 200;
// Queued chats offered per workspace when an agent arrives: more than one agent's capacity is
// rarely useful, and every offer is a store transaction.
constexpr int kQueueOffers = 50;

}  // namespace

RoutingTimers::RoutingTimers(Store& store, PresenceTracker& presence, AutoAssigner& assigner, EventPublisher& events,
                             Options options)
    : store_(store), presence_(presence), assigner_(assigner), events_(events), options_(std::move(options)) {
  if (options_.period.count() > 0)
    job_ = std::make_unique<PeriodicJob>("routing timers", options_.period, [this] { runOnce(); });
}

Millis RoutingTimers::now() const { return options_.clock ? options_.clock() : nowMillis(); }

RoutingTimers::Pass RoutingTimers::runOnce() {
  Pass pass;
  const Millis t = now();
  std::unordered_map<Id, bool> seen;  // assignees observed this pass
  for (const auto& team : store_.routingTimersOn()) {
    if (team.reassign_offline || team.reassign_after_minutes > 0) {
      for (const auto& a : store_.assignedOpen(team.workspace_id, team.team_id, kPerPass)) {
        const Conversation& c = a.conversation;
        const Id agent = *c.assignee_id;
        auto assigned_at = a.assigned_at;
        if (!assigned_at) {
          // Assigned by hand (or before this feature): the agent's time counts from now.
          store_.noteAssignment(c.workspace_id, c.id, agent, t);
          assigned_at = t;
        }
        const bool offline = presence_.agentPresence(agent) == AgentPresence::Offline;
        const auto offline_for = offline_.observe(agent, offline, t);
        seen[agent] = true;
        const HandBack why = handBackReason(c, assigned_at, offline_for, options_.offline_grace, team, t);
        if (why == HandBack::Keep) continue;
        auto change = store_.unassignIfStill(c.workspace_id, c.id, agent, t);
        if (!change) continue;  // another node was first, or the agent answered meanwhile
        ++pass.handed_back;
        spdlog::info("conversation {} handed back from agent {} ({})", c.id, agent,
                     why == HandBack::AgentOffline ? "agent offline" : "no reply");
        events_.conversationUpdated(change->conversation, change->offset, false);
        assigner_.reassign(change->conversation, agent);
      }
    }
    if (team.remind_after_seconds > 0) {
      const Millis before = t - static_cast<Millis>(team.remind_after_seconds) * 1000;
      for (const auto& c : store_.claimReminders(team.workspace_id, team.team_id, before, t, kPerPass)) {
        ++pass.reminded;
        events_.unattended(c, c.waiting_since ? t - *c.waiting_since : 0);
      }
    }
  }
  offline_.forgetExcept(seen);

  std::unordered_set<Id> online, arrived_in;  // agents online now; workspaces someone arrived in
  for (const auto& [agent, workspace] : presence_.onlineAgents()) {
    online.insert(agent);
    if (first_pass_ || !online_before_.count(agent)) arrived_in.insert(workspace);
  }
  online_before_ = std::move(online);
  first_pass_ = false;
  for (Id ws : arrived_in) pass.dequeued += offerQueue(ws);
  return pass;
}

std::size_t RoutingTimers::offerQueue(Id workspace_id) {
  ConversationFilter f;
  f.status = ConversationStatus::Open;
  f.assignee = ConversationFilter::Assignee::None;
  f.sort = ConversationOrder::Waiting;  // oldest wait first; chats nobody waits in come last
  f.limit = kQueueOffers;
  std::size_t assigned = 0;
  for (const auto& c : store_.listConversations(workspace_id, f).conversations) {
    if (!c.waiting_since) break;  // nobody is waiting in the rest
    if (assigner_.offer(c)) ++assigned;
  }
  if (assigned) spdlog::info("workspace {}: {} queued chats assigned as agents came online", workspace_id, assigned);
  return assigned;
}

}  // namespace parley
