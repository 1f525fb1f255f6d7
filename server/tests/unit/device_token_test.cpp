#include "security/device_token.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

constexpr Millis kNow = 1'700'000'000'000;

TEST(DeviceToken, ATokenNamesItsAgentUntilItExpires) {
  auto t = makeDeviceToken("key", 42, kNow);
  EXPECT_EQ(t.rfind("pd_42.", 0), 0u);
  EXPECT_EQ(verifyDeviceToken("key", t, kNow), 42);
  EXPECT_EQ(verifyDeviceToken("key", t, kNow + kDeviceTokenLifetime - 1), 42);
  EXPECT_FALSE(verifyDeviceToken("key", t, kNow + kDeviceTokenLifetime));
}

TEST(DeviceToken, AForgedOrChangedTokenIsRefused) {
  auto t = makeDeviceToken("key", 42, kNow);
  EXPECT_FALSE(verifyDeviceToken("other key", t, kNow));
  auto otherAgent = t;
  otherAgent.replace(3, 2, "43");
  EXPECT_FALSE(verifyDeviceToken("key", otherAgent, kNow)) << "the agent id is signed";
  for (std::string bad : {std::string(), std::string("pd_"), std::string("pd_42"), std::string("pd_42.1.2"), std::string("pd_x.1.2.3"), std::string("pa_42.1.2.3"), std::string(300, 'a')})
    EXPECT_FALSE(verifyDeviceToken("key", bad, kNow)) << bad;
}

}  // namespace
}  // namespace parley
