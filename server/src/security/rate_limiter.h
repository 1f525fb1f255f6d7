// Token-bucket limits (messages per minute per visitor and per IP, conversations per IP per hour, logins,
// upload bytes). Time is passed in, not read from a clock, so tests and callers agree on "now" and no test
// has to sleep.
//
// Memory is bounded twice: a bucket that has refilled is dropped by a sweep (it behaves like a
// missing one), and at most max_keys buckets are kept at all; past that the least recently used is
// dropped. Dropping a bucket forgets its debt, so the cap is set far above the keys real traffic has
// within one refill period; an attacker who rotates through more keys than that gains nothing they
// did not already have by rotating (each new key starts with a full bucket anyway).
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "domain/model.h"
#include "domain/shared_buckets.h"

namespace parley {

class MetricCounter;

class RateLimiter {
 public:
  static constexpr std::size_t kDefaultMaxKeys = 100'000;

  // per_second: refill rate (e.g. 20 per minute = 20.0 / 60); burst: bucket size, >= 1.
  // Throws std::invalid_argument for a rate <= 0, a burst < 1 or max_keys < 1.
  RateLimiter(double per_second, double burst, std::size_t max_keys = kDefaultMaxKeys);
  // The same, with the name its refusals are counted under in /metrics (parley_rate_limited_total's
  // `limiter` label; observability/metrics_registry.h). Unnamed limiters count as "other".
  RateLimiter(std::string_view metric_name, double per_second, double burst, std::size_t max_keys = kDefaultMaxKeys);

  // Takes `cost` tokens from key's bucket; false (and takes nothing) when it has fewer. A cost
  // above the burst is never allowed.
  bool allow(std::string_view key, Millis now, double cost = 1.0);

  // Gives back `cost` tokens an allow() took for work that then failed (never above the burst).
  // Local buckets only: the limits shared through Redis are never refunded.
  void refund(std::string_view key, Millis now, double cost = 1.0);

  // Milliseconds until allow(key, now, cost) would succeed; 0 when it would succeed now (for
  // Retry-After).
  Millis retryAfter(std::string_view key, Millis now, double cost = 1.0);

  // Number of keys with state; for tests and metrics.
  std::size_t trackedKeys() const;

  // With several nodes: keep the buckets in `shared` (keys prefixed with `name`) so the limit is
  // the cluster's, not each node's. While `shared` cannot answer, this node's own buckets decide
  // (a Redis outage weakens the limit to one budget per node; it never lets everything through
  // or refuses everything). Call before serving; not thread-safe against allow().
  void shareThrough(std::shared_ptr<SharedBuckets> shared, std::string name);

 private:
  struct Bucket {
    double tokens;
    Millis updated;
    std::list<const std::string*>::iterator lru;  // position in lru_ (front: most recent)
  };
  // Heterogeneous lookup so a string_view key costs no allocation when the key already has a bucket.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Map = std::unordered_map<std::string, Bucket, Hash, std::equal_to<>>;

  void refill(Bucket& b, Millis now) const;
  void maybeSweep(Millis now);
  Map::iterator erase(Map::iterator it);

  const double per_ms_;
  const double burst_;
  const std::size_t max_keys_;
  bool refuse();  // counts the refusal, returns false

  MetricCounter* refusals_;  // in the process-wide registry, which is never destroyed
  std::shared_ptr<SharedBuckets> shared_;
  std::string shared_name_;
  mutable std::mutex mu_;
  Map buckets_;
  std::list<const std::string*> lru_;  // keys (owned by buckets_), most recently used first
  std::size_t calls_since_sweep_ = 0;
};

}  // namespace parley
