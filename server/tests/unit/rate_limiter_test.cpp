#include "security/rate_limiter.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

namespace parley {
namespace {

constexpr Millis kT0 = 1'700'000'000'000;

TEST(RateLimiterTest, BurstThenRefillAtRate) {
  RateLimiter rl(1.0, 3.0);  // 3 at once, then one per second
  EXPECT_TRUE(rl.allow("ip", kT0));
  EXPECT_TRUE(rl.allow("ip", kT0));
  EXPECT_TRUE(rl.allow("ip", kT0));
  EXPECT_FALSE(rl.allow("ip", kT0));
  EXPECT_FALSE(rl.allow("ip", kT0 + 999));
  EXPECT_TRUE(rl.allow("ip", kT0 + 1000));
  EXPECT_FALSE(rl.allow("ip", kT0 + 1000));
  // A long pause refills only up to the burst.
  Millis later = kT0 + 60'000;
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(rl.allow("ip", later)) << i;
  EXPECT_FALSE(rl.allow("ip", later));
}

TEST(RateLimiterTest, DeniedCallsDoNotConsume) {
  RateLimiter rl(1.0, 1.0);
  EXPECT_TRUE(rl.allow("k", kT0));
  for (int i = 0; i < 50; ++i) EXPECT_FALSE(rl.allow("k", kT0 + 10 * i));
  EXPECT_TRUE(rl.allow("k", kT0 + 1000));
}

TEST(RateLimiterTest, KeysAreIndependent) {
  RateLimiter rl(1.0, 1.0);
  EXPECT_TRUE(rl.allow("a", kT0));
  EXPECT_FALSE(rl.allow("a", kT0));
  EXPECT_TRUE(rl.allow("b", kT0));
  EXPECT_EQ(rl.trackedKeys(), 2u);
}

TEST(RateLimiterTest, RetryAfterIsTheWaitUntilTheNextToken) {
  RateLimiter rl(20.0 / 60.0, 2.0);  // 20 per minute: one token every 3 s
  EXPECT_EQ(rl.retryAfter("v", kT0), 0);  // unknown key: go ahead
  EXPECT_TRUE(rl.allow("v", kT0));
  EXPECT_EQ(rl.retryAfter("v", kT0), 0);  // one token left
  EXPECT_TRUE(rl.allow("v", kT0));
  EXPECT_EQ(rl.retryAfter("v", kT0), 3000);
  EXPECT_EQ(rl.retryAfter("v", kT0 + 1000), 2000);
  Millis wait = rl.retryAfter("v", kT0 + 1001);
  EXPECT_EQ(wait, 1999);
  EXPECT_FALSE(rl.allow("v", kT0 + 1001 + wait - 1));
  EXPECT_TRUE(rl.allow("v", kT0 + 1001 + wait));  // waiting exactly retryAfter is enough
}

TEST(RateLimiterTest, RetryAfterWithAwkwardRatesAlwaysSuffices) {
  for (double rate : {0.1, 1.0 / 3.0, 0.7, 7.0, 13.0 / 60.0}) {
    RateLimiter rl(rate, 1.0);
    Millis now = kT0;
    ASSERT_TRUE(rl.allow("k", now));
    for (int i = 0; i < 20; ++i) {
      Millis wait = rl.retryAfter("k", now);
      ASSERT_GT(wait, 0);
      ASSERT_FALSE(rl.allow("k", now + wait - 1)) << "rate " << rate;
      now += wait;
      ASSERT_TRUE(rl.allow("k", now)) << "rate " << rate << " step " << i;
    }
  }
}

TEST(RateLimiterTest, ClockGoingBackwardsGrantsNothing) {
  RateLimiter rl(1.0, 1.0);
  EXPECT_TRUE(rl.allow("k", kT0));
  EXPECT_FALSE(rl.allow("k", kT0 - 5000));
  EXPECT_FALSE(rl.allow("k", kT0 + 500));
  EXPECT_TRUE(rl.allow("k", kT0 + 1000));
}

TEST(RateLimiterTest, RejectsUnusableSettings) {
  EXPECT_THROW(RateLimiter(0.0, 5.0), std::invalid_argument);
  EXPECT_THROW(RateLimiter(-1.0, 5.0), std::invalid_argument);
  EXPECT_THROW(RateLimiter(1.0, 0.5), std::invalid_argument);
}

TEST(RateLimiterTest, IdleKeysAreEvictedSoMemoryStaysBounded) {
  RateLimiter rl(1.0, 2.0);  // a bucket is full again 2 s after its last use
  for (int i = 0; i < 5000; ++i) rl.allow("visitor-" + std::to_string(i), kT0);
  EXPECT_EQ(rl.trackedKeys(), 5000u);
  // Later traffic from a handful of keys triggers sweeps that drop every bucket that has refilled.
  Millis later = kT0 + 10'000;
  for (int i = 0; i < 6000; ++i) rl.allow("active-" + std::to_string(i % 3), later + i);
  EXPECT_LE(rl.trackedKeys(), 3u);
}

TEST(RateLimiterTest, EvictionDoesNotForgetBusyKeys) {
  RateLimiter rl(1.0, 1.0);
  ASSERT_TRUE(rl.allow("busy", kT0));
  // Enough calls for a sweep, all within the busy key's refill window.
  for (int i = 0; i < 3000; ++i) rl.allow("other-" + std::to_string(i), kT0 + 100);
  EXPECT_FALSE(rl.allow("busy", kT0 + 200));
}

TEST(RateLimiterTest, ConcurrentCallersShareOneBucket) {
  RateLimiter rl(0.001, 100.0);
  std::atomic<int> granted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i)
        if (rl.allow("shared", kT0)) ++granted;
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(granted.load(), 100);
}

}  // namespace
}  // namespace parley

namespace parley {
namespace {

TEST(RateLimiterTest, MemoryIsCappedByDroppingTheLeastRecentlyUsedKey) {
  RateLimiter rl(0.001, 1.0, 3);  // refills so slowly that no sweep drops anything
  EXPECT_TRUE(rl.allow("a", kT0));
  EXPECT_TRUE(rl.allow("b", kT0));
  EXPECT_TRUE(rl.allow("c", kT0));
  EXPECT_FALSE(rl.allow("a", kT0 + 1));  // "a" is now the most recent
  EXPECT_TRUE(rl.allow("d", kT0 + 2));   // evicts "b", the least recently used
  EXPECT_EQ(rl.trackedKeys(), 3u);
  EXPECT_FALSE(rl.allow("a", kT0 + 3)) << "a recently used key keeps its state";
  EXPECT_FALSE(rl.allow("c", kT0 + 3));
  EXPECT_TRUE(rl.allow("b", kT0 + 4)) << "an evicted key starts afresh";
  for (int i = 0; i < 10'000; ++i) rl.allow("k" + std::to_string(i), kT0 + 5);
  EXPECT_EQ(rl.trackedKeys(), 3u) << "4,000 unknown emails must not grow it";
}

TEST(RateLimiterTest, ACostTakesThatManyTokens) {
  RateLimiter bytes(100.0, 1000.0);  // 1000 at once, then 100 a second
  EXPECT_TRUE(bytes.allow("v", kT0, 600));
  EXPECT_FALSE(bytes.allow("v", kT0, 600));
  EXPECT_EQ(bytes.retryAfter("v", kT0, 600), 2000) << "200 more tokens take 2 s";
  EXPECT_TRUE(bytes.allow("v", kT0, 400));
  EXPECT_FALSE(bytes.allow("w", kT0, 1001)) << "more than the burst is never allowed";
}

}  // namespace
}  // namespace parley

// A send that the store could not take gives its token back (app/message_sender.cpp): a visitor who
// resends after an outage finds the budget as it was, but never more than a full bucket.
TEST(RateLimiterTest, RefundGivesBackWhatFailedWorkTookUpToTheBurst) {
  parley::RateLimiter l(1.0, 3.0);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(l.allow("v:1", 0));
  EXPECT_FALSE(l.allow("v:1", 0));
  l.refund("v:1", 0);
  EXPECT_TRUE(l.allow("v:1", 0)) << "the refunded token";
  EXPECT_FALSE(l.allow("v:1", 0));
  for (int i = 0; i < 10; ++i) l.refund("v:1", 0);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(l.allow("v:1", 0));
  EXPECT_FALSE(l.allow("v:1", 0)) << "refunds never fill past the burst";
  l.refund("v:unknown", 0);  // nothing to give back to: no bucket is made
  EXPECT_EQ(l.trackedKeys(), 1u);
}
