// Automatic assignment: a new conversation goes to the next online agent with room left, in turn
// (RoundRobinRouter), when the workspace has auto_assign on (the default). Nobody online or nobody
// with room: it stays unassigned in the queue, and agents see it there.
//
// Team-aware (issue 13, item 4): a conversation routed to a team goes to an online member of the
// team; when none of them is online with room, the team's fallback decides (TeamRouting): the whole
// workspace, or the team's queue. Each team keeps its own turn order.
//
// The turn order is this node's; the capacity check is the store's
// (ConversationStore::assignIfUnderCapacity): it counts and assigns in one transaction, so nodes
// assigning at the same moment never give an agent more open conversations than their capacity.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <utility>

#include "domain/round_robin_router.h"
#include "bus/event_publisher.h"
#include "bus/presence.h"
#include "store/store.h"

namespace parley {

class AutoAssigner {
 public:
  // `clock`: empty for the system clock; tests pass the routing timers' fake one (assignment times
  // start their count).
  AutoAssigner(Store& store, PresenceTracker& presence, EventPublisher& events, std::function<Millis()> clock = {})
      : store_(store), presence_(presence), events_(events), clock_(std::move(clock)) {}

  void onConversationCreated(const Conversation& c) { offer(c); }
  // Offers an unassigned conversation out as a new one would be (team rules, capacity); returns
  // the agent who got it. Also for chats waiting in the queue when an agent comes online.
  std::optional<Id> offer(const Conversation& c);
  // The visitor answered an outreach (domain isAnswerToOutreach): the agent whose message began it
  // gets the chat when they are online with room (the visitor is answering them), else it is
  // assigned as a new one would be (a bot's or the workspace's message has no agent to prefer).
  void onAnswerToOutreach(const Conversation& c);
  // A conversation handed back to the queue (app/routing_timers.h) goes on to the next agent, never
  // to `previous`. Returns the new assignee, if any.
  std::optional<Id> reassign(const Conversation& c, Id previous);

 private:
  std::optional<Id> assign(const Conversation& c, std::optional<Id> skip);
  // Tries `candidates` in the turn order of router `key`; the assignee on success.
  std::optional<Id> tryAgents(const Conversation& c, std::pair<Id, Id> key, std::vector<Id> candidates);

  Store& store_;
  PresenceTracker& presence_;
  EventPublisher& events_;
  std::function<Millis()> clock_;
  std::mutex mu_;
  std::map<std::pair<Id, Id>, RoundRobinRouter> routers_;  // per (workspace, team); team 0: the workspace
};

}  // namespace parley
