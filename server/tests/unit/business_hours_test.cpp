#include "domain/business_hours.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

// UTC instants (Unix seconds) with their Europe/Berlin wall-clock time.
constexpr Millis kMon0859Summer = 1719817140'000;  // 2024-07-01 06:59 UTC = Mon 08:59 CEST
constexpr Millis kMon0900Summer = 1719817200'000;
constexpr Millis kMon1659Summer = 1719845940'000;
constexpr Millis kMon1700Summer = 1719846000'000;
constexpr Millis kMon0859Winter = 1704700740'000;  // 2024-01-08 07:59 UTC = Mon 08:59 CET
constexpr Millis kMon0900Winter = 1704700800'000;
constexpr Millis kSun1200 = 1720346400'000;         // 2024-07-07
constexpr Millis kSat0130 = 1720222200'000;         // 2024-07-05 23:30 UTC
constexpr Millis kSat0500 = 1720234800'000;
constexpr Millis kSat0600 = 1720238400'000;
constexpr Millis kTue0030 = 1719873000'000;         // 2024-07-01 22:30 UTC

const char* kBerlinOffice = R"({"color":"#4f46e5","business_hours":{"enabled":true,"timezone":"Europe/Berlin",
  "days":{"mon":["09:00","17:00"],"tue":["09:00","17:00"],"wed":["09:00","17:00"],"thu":["09:00","17:00"],
          "fri":["09:00","17:00"],"sat":null,"sun":[]}}})";

TEST(BusinessHoursTest, ParsesSettings) {
  auto bh = parseBusinessHours(kBerlinOffice);
  EXPECT_TRUE(bh.enabled);
  EXPECT_EQ(bh.timezone, "Europe/Berlin");
  ASSERT_TRUE(bh.days[0]);
  EXPECT_EQ(*bh.days[0], (std::pair<int, int>{540, 1020}));
  ASSERT_TRUE(bh.days[4]);
  EXPECT_FALSE(bh.days[5]);
  EXPECT_FALSE(bh.days[6]);
}

TEST(BusinessHoursTest, OpenAndClosedInBerlinSummerAndWinter) {
  auto bh = parseBusinessHours(kBerlinOffice);
  ASSERT_TRUE(bh.enabled);
  EXPECT_FALSE(isOpen(bh, kMon0859Summer));
  EXPECT_TRUE(isOpen(bh, kMon0900Summer));
  EXPECT_TRUE(isOpen(bh, kMon1659Summer));
  EXPECT_FALSE(isOpen(bh, kMon1700Summer));  // closing time is exclusive
  EXPECT_FALSE(isOpen(bh, kMon0859Winter));
  EXPECT_TRUE(isOpen(bh, kMon0900Winter));
  EXPECT_FALSE(isOpen(bh, kSun1200));
}

TEST(BusinessHoursTest, SameHoursInUtcDiffer) {
  auto bh = parseBusinessHours(R"({"business_hours":{"enabled":true,"timezone":"UTC",
      "days":{"mon":["09:00","17:00"]}}})");
  ASSERT_TRUE(bh.enabled);
  EXPECT_FALSE(isOpen(bh, kMon0900Summer));  // 07:00 UTC
  EXPECT_TRUE(isOpen(bh, kMon1659Summer));   // 14:59 UTC
  EXPECT_FALSE(isOpen(bh, kSun1200));
}

TEST(BusinessHoursTest, OvernightAndAllDayHours) {
  auto bh = parseBusinessHours(R"({"business_hours":{"enabled":true,"timezone":"Europe/Berlin",
      "days":{"fri":["22:00","06:00"],"mon":["00:00","24:00"]}}})");
  ASSERT_TRUE(bh.enabled);
  EXPECT_TRUE(isOpen(bh, kSat0130));   // Friday's shift runs into Saturday
  EXPECT_TRUE(isOpen(bh, kSat0500));
  EXPECT_FALSE(isOpen(bh, kSat0600));
  EXPECT_TRUE(isOpen(bh, kMon0859Summer));
  EXPECT_FALSE(isOpen(bh, kTue0030));  // Monday's 24:00 ends at midnight
}

TEST(BusinessHoursTest, DisabledOrMissingMeansAlwaysOpen) {
  for (const char* json : {"{}", "", "not json", "[]", R"({"business_hours":null})",
                           R"({"business_hours":{"enabled":false,"days":{}}})"}) {
    auto bh = parseBusinessHours(json);
    EXPECT_FALSE(bh.enabled) << json;
    EXPECT_TRUE(isOpen(bh, kSun1200)) << json;
  }
}

TEST(BusinessHoursTest, InvalidSettingsDisable) {
  for (const char* json : {
           R"({"business_hours":{"enabled":"yes","days":{"mon":["09:00","17:00"]}}})",
           R"({"business_hours":{"enabled":true,"timezone":"Europe/Berlln","days":{"mon":["09:00","17:00"]}}})",
           R"({"business_hours":{"enabled":true,"timezone":"../../etc/passwd","days":{}}})",
           R"({"business_hours":{"enabled":true,"days":{"monday":["09:00","17:00"]}}})",
           R"({"business_hours":{"enabled":true,"days":{"mon":["9am","5pm"]}}})",
           R"({"business_hours":{"enabled":true,"days":{"mon":["09:00","24:30"]}}})",
           R"({"business_hours":{"enabled":true,"days":{"mon":["09:00","09:00"]}}})",
           R"({"business_hours":{"enabled":true,"days":{"mon":["09:00"]}}})",
           R"({"business_hours":{"enabled":true,"days":{"mon":[900,1700]}}})",
           R"({"business_hours":{"enabled":true,"days":["09:00","17:00"]}})"}) {
    EXPECT_FALSE(parseBusinessHours(json).enabled) << json;
  }
}

TEST(BusinessHoursTest, EnabledWithoutDaysIsClosed) {
  auto bh = parseBusinessHours(R"({"business_hours":{"enabled":true}})");
  EXPECT_TRUE(bh.enabled);
  EXPECT_EQ(bh.timezone, "UTC");
  EXPECT_FALSE(isOpen(bh, kMon0900Summer));
}

TEST(BusinessHoursTest, ClockParsing) {
  EXPECT_EQ(parseClockMinutes("00:00"), 0);
  EXPECT_EQ(parseClockMinutes("9:30"), 570);
  EXPECT_EQ(parseClockMinutes("23:59"), 1439);
  EXPECT_EQ(parseClockMinutes("24:00"), 1440);
  for (const char* bad : {"", "24:01", "25:00", "12:60", "12:5", "12", "1200", "-1:00", "12:00:00", "ab:cd"})
    EXPECT_EQ(parseClockMinutes(bad), std::nullopt) << bad;
}

}  // namespace
}  // namespace parley
