#include "security/log_throttle.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

TEST(LogThrottle, OneLinePerIntervalThatCountsWhatWasKeptQuiet) {
  LogThrottle t(10'000);
  auto first = t.occurred(1'000);
  ASSERT_TRUE(first);
  EXPECT_EQ(*first, 0u);
  int quiet = 0;
  for (Millis now = 1'001; now < 11'000; now += 1) quiet += !t.occurred(now);
  EXPECT_EQ(quiet, 9'999) << "600,000 refusals a second must not be 600,000 lines";
  auto next = t.occurred(11'000);
  ASSERT_TRUE(next);
  EXPECT_EQ(*next, 9'999u);
  EXPECT_FALSE(t.occurred(11'001));
}

}  // namespace
}  // namespace parley
