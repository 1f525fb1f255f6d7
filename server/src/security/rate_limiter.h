// Token-bucket limits (messages per minute per visitor and per IP, conversations per IP per hour, logins).
// Time is passed in, not read from a clock, so tests and callers agree on "now" and no test has to sleep.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "domain/model.h"

namespace parley {

class RateLimiter {
 public:
  // per_second: refill rate (e.g. 20 per minute = 20.0 / 60); burst: bucket size, >= 1.
  // Throws std::invalid_argument for a rate <= 0 or a burst < 1, which would block every key forever.
  RateLimiter(double per_second, double burst);

  // Takes one token from key's bucket; false (and takes nothing) when it is empty.
  bool allow(std::string_view key, Millis now);

  // Milliseconds until allow() would succeed for key; 0 when it would succeed now (for Retry-After).
  Millis retryAfter(std::string_view key, Millis now);

  // Number of keys with state; for tests and metrics.
  std::size_t trackedKeys() const;

 private:
  struct Bucket {
    double tokens;
    Millis updated;
  };
  // Heterogeneous lookup so a string_view key costs no allocation when the key already has a bucket.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  void refill(Bucket& b, Millis now) const;
  void maybeSweep(Millis now);

  const double per_ms_;
  const double burst_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Bucket, Hash, std::equal_to<>> buckets_;
  std::size_t calls_since_sweep_ = 0;
};

}  // namespace parley
