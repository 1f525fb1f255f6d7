// Cluster-wide limits (bus/redis_token_buckets.h): two RateLimiters that share buckets through a
// real redis-server stand for two nodes behind a round-robin balancer: together they allow one
// burst, not one each; they agree on the wait; refills count; without Redis each falls back to its
// own buckets instead of failing open or closed.
#include <gtest/gtest.h>

#include <memory>
#include <thread>
#include <vector>

#include "bus/redis_token_buckets.h"
#include "integration/redis_test_support.h"
#include "security/rate_limiter.h"

namespace parley::test {

namespace {

std::shared_ptr<RedisTokenBuckets> buckets(const std::string& url, const std::string& prefix) {
  RedisBucketsOptions o;
  o.url = url;
  o.key_prefix = prefix;
  return std::make_shared<RedisTokenBuckets>(o);
}

}  // namespace

TEST(RedisRateLimit, TwoNodesShareOneBudget) {
  PARLEY_NEED_TEST_REDIS();
  const auto prefix = uniquePrefix();
  RateLimiter a(0.2, 10.0), b(0.2, 10.0);  // failed logins: a burst of 10, then one every 5 s
  a.shareThrough(buckets(*testRedisServer(), prefix), "failed_logins");
  b.shareThrough(buckets(*testRedisServer(), prefix), "failed_logins");
  const Millis t0 = 1'000'000;
  int allowed = 0;
  for (int i = 0; i < 20; ++i) allowed += (i % 2 ? a : b).allow("ip:198.51.100.7", t0);
  EXPECT_EQ(allowed, 10) << "one burst for the cluster, not one per node";
  EXPECT_EQ(a.retryAfter("ip:198.51.100.7", t0), 5000);
  EXPECT_EQ(b.retryAfter("ip:198.51.100.7", t0), 5000);
  EXPECT_TRUE(a.allow("ip:203.0.113.1", t0)) << "another address has its own bucket";
  EXPECT_FALSE(b.allow("ip:198.51.100.7", t0 + 4999));
  EXPECT_TRUE(b.allow("ip:198.51.100.7", t0 + 5000)) << "refilled one token";
  EXPECT_FALSE(a.allow("ip:198.51.100.7", t0 + 5000));
  EXPECT_FALSE(a.allow("ip:198.51.100.7", t0, 11.0)) << "a cost over the burst is never allowed";
}

TEST(RedisRateLimit, ConcurrentTakersNeverGetMoreThanTheBurst) {
  PARLEY_NEED_TEST_REDIS();
  const auto prefix = uniquePrefix();
  std::vector<std::unique_ptr<RateLimiter>> nodes;
  for (int i = 0; i < 4; ++i) {
    nodes.push_back(std::make_unique<RateLimiter>(0.1, 30.0));
    nodes.back()->shareThrough(buckets(*testRedisServer(), prefix), "sessions_per_ip");
  }
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (auto& n : nodes)
    threads.emplace_back([&, limiter = n.get()] {
      for (int i = 0; i < 50; ++i) allowed += limiter->allow("198.51.100.9", 5'000'000);
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(allowed.load(), 30);
}

TEST(RedisRateLimit, WithoutRedisEachNodeKeepsItsOwnLimit) {
  // Nothing listens on port 1: every call falls back to the node's own buckets at once.
  RateLimiter a(0.2, 10.0);
  a.shareThrough(buckets("redis://127.0.0.1:1", "unused:"), "failed_logins");
  int allowed = 0;
  for (int i = 0; i < 20; ++i) allowed += a.allow("ip:198.51.100.7", 1'000'000);
  EXPECT_EQ(allowed, 10);
  EXPECT_EQ(a.retryAfter("ip:198.51.100.7", 1'000'000), 5000);
}

}  // namespace parley::test
