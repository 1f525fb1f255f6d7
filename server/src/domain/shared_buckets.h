// Token buckets kept outside this process, so that a limit holds for the whole cluster: behind a
// round-robin balancer an address's requests reach every node, and per-node buckets would give an
// attacker one budget per node. RateLimiter (security/rate_limiter.h) asks these first when it has
// them; RedisTokenBuckets (bus/) keeps them in Redis.
#pragma once

#include <optional>
#include <string_view>

#include "domain/model.h"

namespace parley {

struct BucketRule {
  double per_ms = 0;  // refill rate
  double burst = 0;   // bucket size
};

class SharedBuckets {
 public:
  virtual ~SharedBuckets() = default;
  // Milliseconds until `cost` tokens are in the bucket (0: they are, and `take` took them).
  // nullopt when the shared store cannot answer now: the caller falls back to its own buckets.
  // Must answer quickly (a request waits for it): give up after a short timeout.
  virtual std::optional<Millis> wait(std::string_view key, const BucketRule& rule, Millis now, double cost,
                                     bool take) = 0;
};

}  // namespace parley
