#include "security/rate_limiter.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "observability/metrics_registry.h"

namespace parley {

namespace {

// Tolerates float rounding: after waiting retryAfter() ms, the refill must reach one token even if
// tokens + elapsed * rate lands on 0.9999999.
constexpr double kEpsilon = 1e-9;

// Sweeps happen at least this many calls apart, and never more often than once per tracked key,
// which keeps the sweep's O(n) cost amortised O(1) per call however many keys there are.
constexpr std::size_t kMinCallsBetweenSweeps = 1024;

}  // namespace

RateLimiter::RateLimiter(double per_second, double burst, std::size_t max_keys)
    : RateLimiter("other", per_second, burst, max_keys) {}

RateLimiter::RateLimiter(std::string_view metric_name, double per_second, double burst, std::size_t max_keys)
    : per_ms_(per_second / 1000.0),
      burst_(burst),
      max_keys_(max_keys),
      refusals_(&serverMetrics().rate_limited.counter(metric_name)) {
  if (!(per_second > 0)) throw std::invalid_argument("RateLimiter: rate must be positive");
  if (!(burst >= 1)) throw std::invalid_argument("RateLimiter: burst must be at least 1");
  if (max_keys < 1) throw std::invalid_argument("RateLimiter: max_keys must be at least 1");
}

void RateLimiter::refill(Bucket& b, Millis now) const {
  // A clock that steps backwards must not take tokens away or push the refill into the future.
  if (now <= b.updated) return;
  b.tokens = std::min(burst_, b.tokens + static_cast<double>(now - b.updated) * per_ms_);
  b.updated = now;
}

RateLimiter::Map::iterator RateLimiter::erase(Map::iterator it) {
  lru_.erase(it->second.lru);
  return buckets_.erase(it);
}

void RateLimiter::maybeSweep(Millis now) {
  if (++calls_since_sweep_ < std::max(kMinCallsBetweenSweeps, buckets_.size())) return;
  calls_since_sweep_ = 0;
  // A bucket that has refilled to full behaves exactly like a missing one, so dropping it changes no answer.
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    refill(it->second, now);
    it = it->second.tokens >= burst_ - kEpsilon ? erase(it) : std::next(it);
  }
}

void RateLimiter::shareThrough(std::shared_ptr<SharedBuckets> shared, std::string name) {
  shared_ = std::move(shared);
  shared_name_ = std::move(name);
}

bool RateLimiter::refuse() {
  refusals_->add();
  return false;
}

bool RateLimiter::allow(std::string_view key, Millis now, double cost) {
  if (cost > burst_ + kEpsilon) return refuse();
  if (shared_) {
    if (auto w = shared_->wait(shared_name_ + ":" + std::string(key), BucketRule{per_ms_, burst_}, now, cost, true))
      return *w == 0 || refuse();
  }
  std::lock_guard lock(mu_);
  maybeSweep(now);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_keys_) erase(buckets_.find(*lru_.back()));
    it = buckets_.emplace(std::string(key), Bucket{burst_ - cost, now, {}}).first;
    lru_.push_front(&it->first);
    it->second.lru = lru_.begin();
    return true;
  }
  Bucket& b = it->second;
  lru_.splice(lru_.begin(), lru_, b.lru);
  refill(b, now);
  if (b.tokens < cost - kEpsilon) return refuse();
  b.tokens = std::max(0.0, b.tokens - cost);
  return true;
}

void RateLimiter::refund(std::string_view key, Millis now, double cost) {
  std::lock_guard lock(mu_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) return;  // swept: it is full again anyway
  refill(it->second, now);
  it->second.tokens = std::min(burst_, it->second.tokens + cost);
}

Millis RateLimiter::retryAfter(std::string_view key, Millis now, double cost) {
  if (shared_) {
    if (auto w = shared_->wait(shared_name_ + ":" + std::string(key), BucketRule{per_ms_, burst_}, now,
                               std::min(cost, burst_), false))
      return *w;
  }
  std::lock_guard lock(mu_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) return 0;
  Bucket& b = it->second;
  refill(b, now);
  const double need = std::min(cost, burst_);
  if (b.tokens >= need - kEpsilon) return 0;
  double wait = (need - b.tokens) / per_ms_;
  return std::max<Millis>(1, static_cast<Millis>(std::ceil(wait - kEpsilon)));
}

std::size_t RateLimiter::trackedKeys() const {
  std::lock_guard lock(mu_);
  return buckets_.size();
}

}  // namespace parley
