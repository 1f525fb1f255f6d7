// Automatic assignment: a new conversation goes to the next online agent with room left, in turn
// (RoundRobinRouter), when the workspace has auto_assign on (the default). Nobody online or nobody
// with room: it stays unassigned in the queue, and agents see it there.
//
// The turn order is this node's; the capacity check is the store's
// (ConversationStore::assignIfUnderCapacity): it counts and assigns in one transaction, so nodes
// assigning at the same moment never give an agent more open conversations than their capacity.
#pragma once

#include <mutex>
#include <unordered_map>

#include "domain/round_robin_router.h"
#include "bus/event_publisher.h"
#include "bus/presence.h"
#include "store/store.h"

namespace parley {

class AutoAssigner {
 public:
  AutoAssigner(Store& store, PresenceTracker& presence, EventPublisher& events)
      : store_(store), presence_(presence), events_(events) {}

  void onConversationCreated(const Conversation& c);

 private:
  Store& store_;
  PresenceTracker& presence_;
  EventPublisher& events_;
  std::mutex mu_;
  std::unordered_map<Id, RoundRobinRouter> routers_;  // per workspace
};

}  // namespace parley
