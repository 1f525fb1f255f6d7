// What all WebSockets together may hold in user space: frames queued for sending (control frames
// included) and partial frames read but not yet complete. Each socket has its own cap too (see
// WebSocketSession); this one stops many sockets that each stay under theirs from adding up to
// more memory than the machine has. When the total is over the limit, a socket that wants to
// hold more than a fair share is closed; small queues still go through, so a burst to many
// healthy sockets is not punished for one slow crowd.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace parley {

class SocketMemoryBudget {
 public:
  // A socket holding less than this is never closed for the total's sake.
  static constexpr std::size_t kFairShare = 256 * 1024;

  explicit SocketMemoryBudget(std::size_t limit) : limit_(limit) {}

  void add(std::int64_t delta) { total_.fetch_add(delta, std::memory_order_relaxed); }
  std::size_t total() const {
    auto t = total_.load(std::memory_order_relaxed);
    return t < 0 ? 0 : static_cast<std::size_t>(t);
  }
  std::size_t limit() const { return limit_; }

  // Is there room for `more` bytes in the total (no fair-share exception)?
  bool hasRoomFor(std::size_t more) const { return total() + more <= limit_; }

  // May a socket that already holds `held` bytes take `more`?
  bool admits(std::size_t held, std::size_t more) const {
    return held + more <= kFairShare || total() + more <= limit_;
  }

 private:
  const std::size_t limit_;
  std::atomic<std::int64_t> total_{0};
};

}  // namespace parley
