// At most one log line per interval for an event an attacker can repeat at will (refused
// connections, descriptor exhaustion): the first occurrence is logged at once, later ones are
// counted and reported with the next line, so the log says how much happened without growing
// with the attack. Time is passed in; thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>

#include "domain/model.h"

namespace parley {

class LogThrottle {
 public:
  explicit LogThrottle(Millis interval_ms) : interval_(interval_ms) {}

  // nullopt: stay quiet. Otherwise log now; the value is how many occurrences were kept quiet
  // since the last line (this one not counted).
  std::optional<std::uint64_t> occurred(Millis now) {
    std::lock_guard lock(mu_);
    if (logged_once_ && now - last_ < interval_) {
      ++suppressed_;
      return std::nullopt;
    }
    logged_once_ = true;
    last_ = now;
    auto n = suppressed_;
    suppressed_ = 0;
    return n;
  }

 private:
  std::mutex mu_;
  const Millis interval_;
  Millis last_ = 0;
  bool logged_once_ = false;
  std::uint64_t suppressed_ = 0;
};

}  // namespace parley
