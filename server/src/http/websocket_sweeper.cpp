#include "http/websocket_sweeper.h"

#include <memory>
#include <vector>

#include "domain/clock.h"
#include "http/websocket_session.h"

namespace parley {

void WebSocketSweeper::add(WebSocketSession* s) {
  std::lock_guard lock(mu_);
  s->sweep_prev = nullptr;
  s->sweep_next = head_;
  if (head_) head_->sweep_prev = s;
  head_ = s;
}

void WebSocketSweeper::remove(WebSocketSession* s) {
  std::lock_guard lock(mu_);
  if (s->sweep_prev) {
    s->sweep_prev->sweep_next = s->sweep_next;
  } else if (head_ == s) {
    head_ = s->sweep_next;
  } else {
    return;  // never added
  }
  if (s->sweep_next) s->sweep_next->sweep_prev = s->sweep_prev;
  s->sweep_prev = s->sweep_next = nullptr;
}

void WebSocketSweeper::start(boost::asio::any_io_executor ex) {
  timer_.emplace(std::move(ex));
  arm();
}

void WebSocketSweeper::stop() {
  std::lock_guard lock(mu_);
  stopped_ = true;
  if (timer_) timer_->cancel();
}

void WebSocketSweeper::shutdown() {
  stop();
  timer_.reset();
}

void WebSocketSweeper::arm() {
  timer_->expires_after(tick_);
  timer_->async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;
    sweep();
    std::lock_guard lock(mu_);
    if (!stopped_) arm();
  });
}

void WebSocketSweeper::sweep() {
  const std::int64_t now = nowMillis();
  // Sessions are called outside the lock: dropping the last reference to one runs its destructor,
  // which takes the lock to unlink itself.
  std::vector<std::pair<std::shared_ptr<WebSocketSession>, unsigned>> due;
  {
    std::lock_guard lock(mu_);
    for (auto* s = head_; s; s = s->sweep_next) {
      const unsigned idle = s->idle_ticks.fetch_add(1, std::memory_order_relaxed) + 1u;
      bool needed;
      if (s->close_sent.load(std::memory_order_relaxed)) {
        needed = s->closing_ticks.fetch_add(1, std::memory_order_relaxed) + 1u >= kCloseGraceTicks;
      } else {
        const auto partial = s->partial_since.load(std::memory_order_relaxed);
        needed = idle == kPingAfterTicks || idle >= kDropAfterTicks ||
                 (!s->authenticated.load(std::memory_order_relaxed) && now - s->connected_at >= helloDeadlineMs()) ||
                 (partial != 0 && now - partial >= partialFrameDeadlineMs());
      }
      if (!needed) continue;
      if (auto p = s->weak_from_this().lock()) due.emplace_back(std::move(p), idle);
    }
  }
  for (auto& [s, idle] : due) s->onSweep(idle, now);
}

}  // namespace parley
