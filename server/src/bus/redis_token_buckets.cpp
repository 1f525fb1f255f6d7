#include "bus/redis_token_buckets.h"

#include <spdlog/spdlog.h>

#include <cmath>
#include <string>

#include "bus/redis_bus.h"

namespace parley {

namespace {

// KEYS[1]: the bucket. ARGV: now (ms), refill per ms, burst, cost, take (1/0). Returns the wait in
// ms (0: the tokens are there, and were taken when take = 1). Numbers travel as text: Lua reads
// them as doubles.
constexpr const char* kScript = R"lua(
local b = redis.call('HMGET', KEYS[1], 't', 'u')
local now, per, burst, cost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local tokens, updated = tonumber(b[1]), tonumber(b[2])
if tokens == nil or updated == nil then tokens, updated = burst, now end
if now > updated then
  tokens = math.min(burst, tokens + (now - updated) * per)
  updated = now
end
local wait = 0
if tokens + 1e-9 < cost then wait = math.max(1, math.ceil((cost - tokens) / per)) end
if wait == 0 and ARGV[5] == '1' then tokens = tokens - cost end
redis.call('HSET', KEYS[1], 't', string.format('%.17g', tokens), 'u', string.format('%.17g', updated))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / per) + 1000)
return wait
)lua";

std::string numberText(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

}  // namespace

RedisTokenBuckets::RedisTokenBuckets(RedisBucketsOptions options) : options_(std::move(options)) {
  parseRedisUrl(options_.url, host_, port_);
}

std::optional<Millis> RedisTokenBuckets::wait(std::string_view key, const BucketRule& rule, Millis now, double cost,
                                              bool take) {
  std::lock_guard lock(mu_);
  if (!c_) {
    const auto t = std::chrono::steady_clock::now();
    if (t < next_connect_) return std::nullopt;
    next_connect_ = t + options_.reconnect_every;
    c_ = connectRedis(host_, port_, options_.connect_timeout, options_.io_timeout, "limits");
    if (!c_) return std::nullopt;
  }
  const std::string k = options_.key_prefix + std::string(key.substr(0, options_.max_key_bytes));
  const std::string args[5] = {std::to_string(now), numberText(rule.per_ms), numberText(rule.burst), numberText(cost),
                               take ? "1" : "0"};
  const char* argv[9];
  std::size_t lens[9];
  argv[0] = "EVAL";
  argv[1] = kScript;
  argv[2] = "1";
  argv[3] = k.data();
  lens[0] = 4;
  lens[1] = std::char_traits<char>::length(kScript);
  lens[2] = 1;
  lens[3] = k.size();
  for (int i = 0; i < 5; ++i) {
    argv[4 + i] = args[i].data();
    lens[4 + i] = args[i].size();
  }
  RedisReplyPtr r(static_cast<redisReply*>(redisCommandArgv(c_.get(), 9, argv, lens)));
  if (!r || r->type != REDIS_REPLY_INTEGER) {
    if (r && r->type == REDIS_REPLY_ERROR) spdlog::warn("limits: Redis refused the bucket script: {}", r->str);
    c_.reset();  // a broken or confused connection is not reused
    return std::nullopt;
  }
  return static_cast<Millis>(r->integer);
}

}  // namespace parley
