#include "domain/time_zone.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "domain/posix_tz.h"

namespace parley {
namespace {

// UTC instants as Unix seconds, checked against `date -u -d ... +%s`.
constexpr std::int64_t k2024_03_31_0059 = 1711846740;  // 00:59 UTC, one minute before Berlin's spring change
constexpr std::int64_t k2024_03_31_0100 = 1711846800;  // 01:00 UTC = 03:00 CEST
constexpr std::int64_t k2024_10_27_0059 = 1729990740;
constexpr std::int64_t k2024_10_27_0100 = 1729990800;  // 01:00 UTC = 02:00 CET
constexpr std::int64_t k2045_07_01_1200 = 2382523200;  // past the last transition in the file: footer rule
constexpr std::int64_t k2045_12_01_1200 = 2395742400;

Millis ms(std::int64_t s) { return s * 1000; }

TEST(TimeZoneTest, ZoneFilesAreInstalled) {
  ASSERT_TRUE(std::filesystem::exists("/usr/share/zoneinfo/Europe/Berlin"))
      << "tzdata is missing: install the Debian package tzdata (business hours read /usr/share/zoneinfo)";
}

TEST(TimeZoneTest, BerlinDaylightSavingTransitions) {
  auto berlin = TimeZone::load("Europe/Berlin");
  ASSERT_TRUE(berlin) << "Europe/Berlin did not load";
  EXPECT_EQ(berlin->offsetAt(ms(k2024_03_31_0059)), 3600);
  EXPECT_EQ(berlin->offsetAt(ms(k2024_03_31_0100)), 7200);
  EXPECT_EQ(berlin->offsetAt(ms(k2024_10_27_0059)), 7200);
  EXPECT_EQ(berlin->offsetAt(ms(k2024_10_27_0100)), 3600);
  EXPECT_EQ(berlin->offsetAt(ms(k2045_07_01_1200)), 7200);
  EXPECT_EQ(berlin->offsetAt(ms(k2045_12_01_1200)), 3600);
  EXPECT_EQ(berlin->offsetAt(0), 3600);  // 1970
}

TEST(TimeZoneTest, OtherZones) {
  auto ny = TimeZone::load("America/New_York");
  ASSERT_TRUE(ny);
  EXPECT_EQ(ny->offsetAt(ms(k2045_07_01_1200)), -4 * 3600);
  EXPECT_EQ(ny->offsetAt(ms(k2045_12_01_1200)), -5 * 3600);
  auto sydney = TimeZone::load("Australia/Sydney");  // southern hemisphere: DST spans New Year
  ASSERT_TRUE(sydney);
  EXPECT_EQ(sydney->offsetAt(ms(k2045_07_01_1200)), 10 * 3600);
  EXPECT_EQ(sydney->offsetAt(ms(k2045_12_01_1200)), 11 * 3600);
  auto kolkata = TimeZone::load("Asia/Kolkata");
  ASSERT_TRUE(kolkata);
  EXPECT_EQ(kolkata->offsetAt(ms(k2024_10_27_0100)), 5 * 3600 + 1800);
  auto utc = TimeZone::load("UTC");
  ASSERT_TRUE(utc);
  EXPECT_EQ(utc->offsetAt(ms(k2024_03_31_0100)), 0);
}

TEST(TimeZoneTest, RejectsBadNames) {
  EXPECT_FALSE(TimeZone::load("Europe/Berlln"));
  EXPECT_FALSE(TimeZone::load("../../etc/passwd"));
  EXPECT_FALSE(TimeZone::load("/etc/localtime"));
  EXPECT_FALSE(TimeZone::load("Europe//Berlin"));
  EXPECT_FALSE(TimeZone::load(""));
  EXPECT_FALSE(isPlausibleZoneName("Europe/../Berlin"));
  EXPECT_TRUE(isPlausibleZoneName("America/Argentina/Buenos_Aires"));
  EXPECT_TRUE(isPlausibleZoneName("Etc/GMT+5"));
}

TEST(TimeZoneTest, RejectsNonTzifData) {
  EXPECT_FALSE(TimeZone::fromTzif(""));
  EXPECT_FALSE(TimeZone::fromTzif("TZif2 but far too short"));
  EXPECT_FALSE(TimeZone::fromTzif(std::string(100, '\0')));
}

TEST(TimeZoneTest, TruncatedZoneFilesNeverCrash) {
  std::ifstream in("/usr/share/zoneinfo/Europe/Berlin", std::ios::binary);
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(data.size(), 1000u);
  auto full = TimeZone::fromTzif(data);
  ASSERT_TRUE(full);
  EXPECT_EQ(full->offsetAt(ms(k2045_07_01_1200)), 7200);
  std::size_t parsed = 0;
  for (std::size_t n = 0; n < data.size(); ++n) {
    if (auto tz = TimeZone::fromTzif(std::string_view(data).substr(0, n))) {
      ++parsed;
      (void)tz->offsetAt(ms(k2024_03_31_0100));
    }
  }
  // Only cuts inside the trailing footer still parse; everything shorter than the 64-bit data is refused.
  EXPECT_LT(parsed, 64u);
}

TEST(PosixTzTest, ParsesFooterRules) {
  auto cet = parsePosixTz("CET-1CEST,M3.5.0,M10.5.0/3");
  ASSERT_TRUE(cet);
  EXPECT_EQ(cet->std_offset, 3600);
  EXPECT_TRUE(cet->has_dst);
  EXPECT_EQ(cet->dst_offset, 7200);
  EXPECT_EQ(cet->start.month, 3);
  EXPECT_EQ(cet->start.week, 5);
  EXPECT_EQ(cet->start.time, 7200);  // default 02:00
  EXPECT_EQ(cet->end.time, 3 * 3600);
  EXPECT_EQ(cet->offsetAt(k2024_03_31_0059), 3600);
  EXPECT_EQ(cet->offsetAt(k2024_03_31_0100), 7200);
  EXPECT_EQ(cet->offsetAt(k2024_10_27_0059), 7200);
  EXPECT_EQ(cet->offsetAt(k2024_10_27_0100), 3600);

  auto fixed = parsePosixTz("<+0530>-5:30");
  ASSERT_TRUE(fixed);
  EXPECT_FALSE(fixed->has_dst);
  EXPECT_EQ(fixed->std_offset, 5 * 3600 + 1800);

  auto est = parsePosixTz("EST5EDT,M3.2.0,M11.1.0");
  ASSERT_TRUE(est);
  EXPECT_EQ(est->std_offset, -5 * 3600);
  EXPECT_EQ(est->dst_offset, -4 * 3600);

  for (const char* bad : {"", "C-1", "CET", "CET-1CEST", "CET-1CEST,M13.5.0,M10.5.0", "CET-1CEST,M3.5.0",
                          "CET-1CEST,M3.6.0,M10.5.0", "CET-1 junk"})
    EXPECT_FALSE(parsePosixTz(bad)) << bad;
}

}  // namespace
}  // namespace parley
