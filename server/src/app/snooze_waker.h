// Wakes snoozed conversations when their time comes: they go back to open and every agent's
// screen learns it through the event log like any other change. Every node runs one; the store
// claims each due conversation for exactly one of them (ConversationStore::wakeDueSnoozed), and
// only that node publishes its conversation.updated.
#pragma once

#include <chrono>
#include <cstddef>

#include "app/periodic_job.h"
#include "bus/event_publisher.h"
#include "store/conversation_store.h"

namespace parley {

class SnoozeWaker {
 public:
  SnoozeWaker(ConversationStore& store, EventPublisher& events, std::chrono::milliseconds period = std::chrono::seconds(15));
  std::size_t wakeDue();  // one pass; returns how many conversations this node woke

 private:
  ConversationStore& store_;
  EventPublisher& events_;
  PeriodicJob job_;  // last: its thread calls wakeDue, so it stops before the rest goes
};

}  // namespace parley
