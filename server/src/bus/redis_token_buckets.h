// SharedBuckets (domain/shared_buckets.h) in Redis: one hash per bucket (tokens, last refill),
// refilled and taken by one Lua script, so two nodes taking from one bucket at once never both get
// the last token. A bucket expires once it would be full again, so Redis holds only the buckets of
// recent traffic.
//
// Contract: wait() is called on request threads and blocks for one round trip (a login or a new
// visitor session, never a chat message). One connection, shared under a mutex; a failed call
// answers nullopt (the caller's own buckets decide) and drops the connection; reconnecting is tried
// at most once per second, so a Redis outage costs each request at most the short I/O timeout once
// a second, not on every call. Clocks: `now` comes from the calling node; a bucket never refills
// backwards when nodes' clocks disagree by a little.
#pragma once

#include <chrono>
#include <mutex>
#include <string>

#include "bus/redis_connection.h"
#include "domain/shared_buckets.h"

namespace parley {

struct RedisBucketsOptions {
  std::string url = "redis://127.0.0.1:6379";
  std::string key_prefix = "parley:limit:";
  std::chrono::milliseconds connect_timeout{200};
  std::chrono::milliseconds io_timeout{200};
  std::chrono::milliseconds reconnect_every{1000};
  std::size_t max_key_bytes = 512;  // longer keys (an attacker's "email") are cut, not sent whole
};

class RedisTokenBuckets final : public SharedBuckets {
 public:
  // Throws std::invalid_argument on a bad URL. Connects on first use.
  explicit RedisTokenBuckets(RedisBucketsOptions options);

  std::optional<Millis> wait(std::string_view key, const BucketRule& rule, Millis now, double cost,
                             bool take) override;

 private:
  const RedisBucketsOptions options_;
  std::string host_;
  int port_ = 6379;
  std::mutex mu_;
  RedisContextPtr c_;
  std::chrono::steady_clock::time_point next_connect_{};
};

}  // namespace parley
