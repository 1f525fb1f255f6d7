// Issue 16, item 1: the report arithmetic (domain/report_math): nearest-rank median and p90,
// business-hours clipping (overnight hours, DST days of 23 and 25 hours), the period in local
// dates and the local buckets (days and hours of the week) across a DST change.
#include "domain/report_math.h"

#include <gtest/gtest.h>

#include "domain/local_time.h"
#include "domain/time_zone.h"

namespace parley {
namespace {

constexpr Millis kHour = 3'600'000;

// An instant given as UTC wall clock "YYYY-MM-DDTHH:MM".
Millis utcAt(const char* text) { return *parseLocalDateTime(text); }

BusinessHours officeHours(int open_minute, int close_minute, const char* zone = "UTC") {
  BusinessHours h;
  h.enabled = true;
  h.timezone = zone;
  for (int d = 0; d < 5; ++d) h.days[static_cast<std::size_t>(d)] = std::pair{open_minute, close_minute};
  return h;
}

TEST(ReportMathTest, MedianAndP90AreNearestRank) {
  std::vector<Millis> ten = {10, 1, 9, 2, 8, 3, 7, 4, 6, 5};
  EXPECT_EQ(percentile(ten, 0.5), 5);
  EXPECT_EQ(percentile(ten, 0.9), 9);
  EXPECT_EQ(percentile(ten, 1.0), 10);
  std::vector<Millis> two = {30, 10};
  EXPECT_EQ(percentile(two, 0.5), 10) << "the lower of two";
  EXPECT_EQ(percentile(two, 0.9), 30);
  std::vector<Millis> one = {7};
  EXPECT_EQ(percentile(one, 0.5), 7);
  EXPECT_EQ(percentile(one, 0.9), 7);
  std::vector<Millis> none;
  EXPECT_FALSE(percentile(none, 0.5));
  auto s = durationStats({100, 300, 200});
  EXPECT_EQ(s.count, 3);
  EXPECT_EQ(s.median, 200);
  EXPECT_EQ(s.p90, 300);
  EXPECT_FALSE(durationStats({}).median);
}

TEST(ReportMathTest, BusinessHoursCountOnlyTheOpenTime) {
  auto utc = TimeZone::load("UTC");
  const auto h = officeHours(9 * 60, 17 * 60);
  // Friday 2026-03-06 16:00 to Monday 2026-03-09 10:00: one hour on Friday, one on Monday.
  EXPECT_EQ(businessMillisBetween(h, *utc, utcAt("2026-03-06T16:00"), utcAt("2026-03-09T10:00")), 2 * kHour);
  EXPECT_EQ(businessMillisBetween(h, *utc, utcAt("2026-03-07T10:00"), utcAt("2026-03-08T10:00")), 0) << "weekend";
  EXPECT_EQ(businessMillisBetween(h, *utc, utcAt("2026-03-09T10:00"), utcAt("2026-03-09T10:30")), kHour / 2);
  EXPECT_EQ(businessMillisBetween(h, *utc, utcAt("2026-03-09T20:00"), utcAt("2026-03-09T10:00")), 0) << "backwards";
  BusinessHours off = h;
  off.enabled = false;
  EXPECT_EQ(businessMillisBetween(off, *utc, utcAt("2026-03-07T10:00"), utcAt("2026-03-08T10:00")), 24 * kHour);
}

TEST(ReportMathTest, OvernightHoursRunIntoTheNextDay) {
  auto utc = TimeZone::load("UTC");
  BusinessHours h;
  h.enabled = true;
  h.days[0] = std::pair{22 * 60, 2 * 60};  // Monday 22:00 to Tuesday 02:00
  EXPECT_EQ(businessMillisBetween(h, *utc, utcAt("2026-03-09T00:00"), utcAt("2026-03-11T00:00")), 4 * kHour);
  EXPECT_EQ(businessMillisBetween(h, *utc, utcAt("2026-03-10T01:00"), utcAt("2026-03-10T05:00")), kHour);
}

TEST(ReportMathTest, BusinessHoursFollowTheZonesDaylightSaving) {
  auto berlin = TimeZone::load("Europe/Berlin");
  ASSERT_TRUE(berlin);
  // 09:00-17:00 Berlin: 08:00-16:00 UTC in winter (CET), 07:00-15:00 UTC in summer (CEST).
  const auto h = officeHours(9 * 60, 17 * 60, "Europe/Berlin");
  EXPECT_EQ(businessMillisBetween(h, *berlin, utcAt("2026-03-27T07:00"), utcAt("2026-03-27T09:00")), kHour)
      << "Friday before the change: opens 08:00 UTC";
  EXPECT_EQ(businessMillisBetween(h, *berlin, utcAt("2026-03-30T06:00"), utcAt("2026-03-30T08:00")), kHour)
      << "Monday after: opens 07:00 UTC";
  // Open all day, every day: Sunday 2026-03-29 has 23 hours in Berlin, Sunday 2026-10-25 has 25.
  BusinessHours always;
  always.enabled = true;
  for (auto& d : always.days) d = std::pair{0, 1440};
  EXPECT_EQ(businessMillisBetween(always, *berlin, utcAt("2026-03-28T23:00"), utcAt("2026-03-29T22:00")), 23 * kHour);
  BusinessHours sundays;
  sundays.enabled = true;
  sundays.days[6] = std::pair{0, 1440};
  EXPECT_EQ(businessMillisBetween(sundays, *berlin, utcAt("2026-03-28T00:00"), utcAt("2026-03-31T00:00")), 23 * kHour);
  EXPECT_EQ(businessMillisBetween(sundays, *berlin, utcAt("2026-10-24T00:00"), utcAt("2026-10-27T00:00")), 25 * kHour);
}

TEST(ReportMathTest, SampleDurationsAreRawOrClipped) {
  auto utc = TimeZone::load("UTC");
  const auto h = officeHours(9 * 60, 17 * 60);
  std::vector<DurationSample> samples = {{utcAt("2026-03-06T16:00"), utcAt("2026-03-09T10:00"), {}, {}},
                                         {utcAt("2026-03-09T10:00"), utcAt("2026-03-09T09:00"), {}, {}}};
  EXPECT_EQ(sampleDurations(samples, nullptr, *utc), (std::vector<Millis>{66 * kHour, 0}));
  EXPECT_EQ(sampleDurations(samples, &h, *utc), (std::vector<Millis>{2 * kHour, 0}));
}

TEST(ReportMathTest, APeriodIsLocalDatesWithinTheLimit) {
  auto berlin = TimeZone::load("Europe/Berlin");
  auto p = std::get<ReportPeriod>(parseReportPeriod("2026-03-29", "2026-03-30", *berlin));
  EXPECT_EQ(p.days, 1);
  EXPECT_EQ(p.from, utcAt("2026-03-28T23:00")) << "midnight CET";
  EXPECT_EQ(p.to, utcAt("2026-03-29T22:00")) << "midnight CEST: a day of 23 hours";
  EXPECT_EQ(p.previous_from, utcAt("2026-03-27T23:00"));
  auto bad = [&](const char* from, const char* to) {
    return std::get<ReportPeriodError>(parseReportPeriod(from, to, *berlin)).field;
  };
  EXPECT_EQ(bad("2026-13-01", "2026-03-30"), "from");
  EXPECT_EQ(bad("2026-03-01T00:00", "2026-03-30"), "from");
  EXPECT_EQ(bad("2026-03-01", "tomorrow"), "to");
  EXPECT_EQ(bad("2026-03-01", "2026-03-01"), "to") << "empty";
  EXPECT_EQ(bad("2025-01-01", "2026-01-03"), "to") << "367 days";
  EXPECT_TRUE(std::holds_alternative<ReportPeriod>(parseReportPeriod("2024-01-01", "2025-01-01", *berlin)))
      << "366 days (a leap year)";
}

TEST(ReportMathTest, BucketsFallOnLocalDaysAndHoursAcrossDaylightSaving) {
  auto berlin = TimeZone::load("Europe/Berlin");
  auto p = std::get<ReportPeriod>(parseReportPeriod("2026-03-28", "2026-03-31", *berlin));
  std::vector<TimeBucketCount> buckets = {
      {utcAt("2026-03-28T22:45"), 1},  // Saturday 23:45 CET
      {utcAt("2026-03-28T23:15"), 2},  // Sunday 00:15 CET
      {utcAt("2026-03-29T01:00"), 4},  // Sunday 03:00 CEST (02:00 never happened)
      {utcAt("2026-03-29T22:00"), 8},  // Monday 00:00 CEST
      {utcAt("2026-03-30T22:00"), 16}, // Tuesday: past the period
  };
  auto b = bucketLocally(p, *berlin, buckets);
  ASSERT_EQ(b.by_day.size(), 3u);
  EXPECT_EQ(b.by_day[0].date, "2026-03-28");
  EXPECT_EQ(b.by_day[0].count, 1);
  EXPECT_EQ(b.by_day[1].date, "2026-03-29");
  EXPECT_EQ(b.by_day[1].count, 6);
  EXPECT_EQ(b.by_day[2].count, 8);
  EXPECT_EQ(b.week[5][23], 1);
  EXPECT_EQ(b.week[6][0], 2);
  EXPECT_EQ(b.week[6][2], 0);
  EXPECT_EQ(b.week[6][3], 4);
  EXPECT_EQ(b.week[0][0], 8);
  // India's half-hour offset: 15-minute buckets still land in one local hour.
  auto kolkata = TimeZone::load("Asia/Kolkata");
  auto pk = std::get<ReportPeriod>(parseReportPeriod("2026-03-02", "2026-03-03", *kolkata));
  auto bk = bucketLocally(pk, *kolkata, {{utcAt("2026-03-02T03:15"), 1}, {utcAt("2026-03-02T03:30"), 1}});
  EXPECT_EQ(bk.week[0][8], 1) << "08:45 IST";
  EXPECT_EQ(bk.week[0][9], 1) << "09:00 IST";
}

}  // namespace
}  // namespace parley
