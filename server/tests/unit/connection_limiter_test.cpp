#include "security/connection_limiter.h"

#include <gtest/gtest.h>

#include <vector>

namespace parley {
namespace {

TEST(ConnectionLimiter, OneAddressCannotTakeMoreThanItsShare) {
  ConnectionLimiter limiter(10, 3);
  std::vector<ConnectionSlot> held;
  for (int i = 0; i < 3; ++i) {
    auto s = limiter.tryAcquire("203.0.113.7", false);
    ASSERT_TRUE(s) << i;
    held.push_back(std::move(*s));
  }
  ConnectionLimiter::Refusal why{};
  EXPECT_FALSE(limiter.tryAcquire("203.0.113.7", false, &why));
  EXPECT_EQ(why, ConnectionLimiter::Refusal::PerAddress);
  EXPECT_TRUE(limiter.tryAcquire("203.0.113.8", false)) << "another address is not affected";
  EXPECT_EQ(limiter.fromAddress("203.0.113.7"), 3u);
}

TEST(ConnectionLimiter, TheTotalIsACapForEveryone) {
  ConnectionLimiter limiter(4, 3);
  std::vector<ConnectionSlot> held;
  for (const char* ip : {"a", "b", "c", "d"}) held.push_back(std::move(*limiter.tryAcquire(ip, false)));
  ConnectionLimiter::Refusal why{};
  EXPECT_FALSE(limiter.tryAcquire("e", false, &why));
  EXPECT_EQ(why, ConnectionLimiter::Refusal::Total);
  EXPECT_FALSE(limiter.tryAcquire("proxy", true)) << "exempt from the per-address cap, not from the total";
  EXPECT_TRUE(limiter.underPressure());
}

TEST(ConnectionLimiter, ATrustedProxyCountsOnlyTowardTheTotal) {
  ConnectionLimiter limiter(10, 2);
  std::vector<ConnectionSlot> held;
  for (int i = 0; i < 6; ++i) held.push_back(std::move(*limiter.tryAcquire("10.0.0.1", true)));
  EXPECT_EQ(limiter.total(), 6u);
  EXPECT_EQ(limiter.fromAddress("10.0.0.1"), 0u);
}

TEST(ConnectionLimiter, ASlotIsGivenBackOnceWhenItsOwnerGoes) {
  ConnectionLimiter limiter(2, 1);
  {
    auto a = limiter.tryAcquire("x", false);
    ASSERT_TRUE(a);
    ConnectionSlot moved = std::move(*a);  // moved-from slots give nothing back
    ConnectionSlot again;
    again = std::move(moved);
    EXPECT_EQ(limiter.total(), 1u);
    EXPECT_FALSE(limiter.tryAcquire("x", false));
  }
  EXPECT_EQ(limiter.total(), 0u);
  EXPECT_EQ(limiter.fromAddress("x"), 0u);
  EXPECT_TRUE(limiter.tryAcquire("x", false));
}

TEST(ConnectionLimiter, PressureStartsAtThreeQuarters) {
  ConnectionLimiter limiter(8, 8);
  std::vector<ConnectionSlot> held;
  for (int i = 0; i < 5; ++i) held.push_back(std::move(*limiter.tryAcquire("x", false)));
  EXPECT_FALSE(limiter.underPressure());
  held.push_back(std::move(*limiter.tryAcquire("x", false)));
  EXPECT_TRUE(limiter.underPressure());
}

}  // namespace
}  // namespace parley
