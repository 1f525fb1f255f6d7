#include "app/snooze_waker.h"

#include <spdlog/spdlog.h>

#include "domain/clock.h"

namespace parley {

SnoozeWaker::SnoozeWaker(ConversationStore& store, EventPublisher& events, std::chrono::milliseconds period)
    : store_(store), events_(events), period_(period) {
  thread_ = std::thread([this] {
    std::unique_lock lock(mu_);
    while (!cv_.wait_for(lock, period_, [this] { return stop_; })) {
      lock.unlock();
      try {
        wakeDue();
      } catch (const std::exception& e) {
        spdlog::error("snooze wake-up failed: {}", e.what());
      }
      lock.lock();
    }
  });
}

SnoozeWaker::~SnoozeWaker() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_one();
  thread_.join();
}

std::size_t SnoozeWaker::wakeDue() {
  auto now = nowMillis();
  std::size_t woke = 0;
  for (const auto& c : store_.dueSnoozed(now, 200)) {
    ConversationPatch p;
    p.status = ConversationStatus::Open;
    auto change = store_.updateConversation(c.workspace_id, c.id, p, now);
    if (!change) continue;
    events_.conversationUpdated(change->conversation, change->offset, true);
    woke++;
  }
  return woke;
}

}  // namespace parley
