#include "app/snooze_waker.h"

#include "domain/clock.h"

namespace parley {

namespace {
// Per pass; more wait for the next pass (or another node's) rather than make one transaction long.
constexpr int kWakePerPass = 200;
}  // namespace

SnoozeWaker::SnoozeWaker(ConversationStore& store, EventPublisher& events, std::chrono::milliseconds period)
    : store_(store), events_(events), job_("snooze wake-up", period, [this] { wakeDue(); }) {}

std::size_t SnoozeWaker::wakeDue() {
  // Only what this call claimed comes back: another node's wake-ups are its own to publish.
  auto changes = store_.wakeDueSnoozed(nowMillis(), kWakePerPass);
  for (const auto& change : changes) events_.conversationUpdated(change.conversation, change.offset, true);
  return changes.size();
}

}  // namespace parley
