// Wakes snoozed conversations when their time comes: they go back to open and every agent's
// screen learns it through the event log like any other change.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "bus/event_publisher.h"
#include "store/conversation_store.h"

namespace parley {

class SnoozeWaker {
 public:
  SnoozeWaker(ConversationStore& store, EventPublisher& events, std::chrono::milliseconds period = std::chrono::seconds(15));
  ~SnoozeWaker();
  std::size_t wakeDue();  // one pass; returns how many conversations woke

 private:
  ConversationStore& store_;
  EventPublisher& events_;
  std::chrono::milliseconds period_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace parley
