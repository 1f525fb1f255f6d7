// Campaign times on the workspace's wall clock (domain/local_time.h), across daylight saving
// changes, and the campaign states (domain/campaign.h).
#include <gtest/gtest.h>

#include "domain/campaign.h"
#include "domain/local_time.h"
#include "domain/time_zone.h"

namespace parley {
namespace {

// UTC instants as Unix seconds, checked against `date -u -d ... +%s`.
constexpr Millis k2026_03_29_0130Z = 1774747800'000;  // 03:30 CEST, right after Berlin's spring change
constexpr Millis k2026_10_25_0030Z = 1792888200'000;  // 02:30 CEST, the first of Berlin's two 02:30s
constexpr Millis k2026_10_25_0130Z = 1792891800'000;  // 02:30 CET, the second
constexpr Millis k2026_07_01_0700Z = 1782889200'000;
constexpr Millis k2026_03_08_0730Z = 1772955000'000;  // 03:30 EDT, right after New York's spring change

Millis local(const char* text) {
  auto t = parseLocalDateTime(text);
  EXPECT_TRUE(t) << text;
  return t.value_or(0);
}

TEST(CampaignScheduleTest, SummerTimeInBerlinIsTwoHoursAhead) {
  auto berlin = TimeZone::load("Europe/Berlin");
  ASSERT_TRUE(berlin);
  EXPECT_EQ(localToUtc(*berlin, local("2026-07-01T09:00")), k2026_07_01_0700Z);
  EXPECT_EQ(formatLocalDateTime(*berlin, k2026_07_01_0700Z), "2026-07-01T09:00");
}

TEST(CampaignScheduleTest, ATimeSkippedBySpringForwardIsMovedForwardByTheGap) {
  auto berlin = TimeZone::load("Europe/Berlin");
  ASSERT_TRUE(berlin);
  EXPECT_EQ(localToUtc(*berlin, local("2026-03-29T02:30")), k2026_03_29_0130Z);
  EXPECT_EQ(formatLocalDateTime(*berlin, k2026_03_29_0130Z), "2026-03-29T03:30");
  auto newYork = TimeZone::load("America/New_York");
  ASSERT_TRUE(newYork);
  EXPECT_EQ(localToUtc(*newYork, local("2026-03-08T02:30")), k2026_03_08_0730Z);
}

TEST(CampaignScheduleTest, ATimeThatOccursTwiceInAutumnIsTheFirst) {
  auto berlin = TimeZone::load("Europe/Berlin");
  ASSERT_TRUE(berlin);
  EXPECT_EQ(localToUtc(*berlin, local("2026-10-25T02:30")), k2026_10_25_0030Z);
  EXPECT_EQ(formatLocalDateTime(*berlin, k2026_10_25_0130Z), "2026-10-25T02:30");  // the second one reads the same
  EXPECT_EQ(localToUtc(*berlin, local("2026-10-25T03:30")), k2026_10_25_0130Z + 3'600'000);
}

TEST(CampaignScheduleTest, UtcAndFixedZones) {
  auto utc = TimeZone::load("UTC");
  ASSERT_TRUE(utc);
  EXPECT_EQ(localToUtc(*utc, local("2026-07-01T07:00")), k2026_07_01_0700Z);
  EXPECT_EQ(localToUtc(*TimeZone::fixed(-3600), local("2026-07-01T06:00")), k2026_07_01_0700Z);
}

TEST(CampaignScheduleTest, ParsesOnlyRealDatesAndTimes) {
  EXPECT_TRUE(parseLocalDateTime("2024-02-29T00:00"));
  EXPECT_TRUE(parseLocalDateTime("2026-12-24T18:30:15"));
  EXPECT_TRUE(parseLocalDateTime("2026-12-24", true));
  for (const char* bad : {"2026-02-29T10:00", "2026-13-01T10:00", "2026-12-24T24:00", "2026-12-24T10:60",
                          "2026-12-24 10:00", "2026-12-24T10", "26-12-24T10:00", "2026-12-24T10:00Z", "", "1969-12-31T23:59"})
    EXPECT_FALSE(parseLocalDateTime(bad)) << bad;
  EXPECT_FALSE(parseLocalDateTime("2026-12-24T10:00", true));
  EXPECT_FALSE(parseLocalDateTime("2026-12-24"));
}

TEST(CampaignScheduleTest, TheWorkspaceZoneComesFromItsSettings) {
  EXPECT_EQ(workspaceTimeZoneName(R"({"timezone":"Asia/Tokyo","business_hours":{"timezone":"Europe/Berlin"}})"),
            "Asia/Tokyo");
  EXPECT_EQ(workspaceTimeZoneName(R"({"business_hours":{"enabled":false,"timezone":"Europe/Berlin"}})"), "Europe/Berlin");
  EXPECT_EQ(workspaceTimeZoneName("{}"), "UTC");
  EXPECT_EQ(workspaceTimeZoneName("not json"), "UTC");
}

TEST(CampaignStateTest, WhatEachStateAllows) {
  EXPECT_TRUE(campaignEditable(CampaignState::Draft));
  EXPECT_TRUE(campaignEditable(CampaignState::Scheduled));
  EXPECT_FALSE(campaignEditable(CampaignState::Sending));
  EXPECT_FALSE(campaignEditable(CampaignState::Sent));
  EXPECT_TRUE(campaignCancellable(CampaignState::Scheduled));
  EXPECT_TRUE(campaignCancellable(CampaignState::Sending));
  EXPECT_FALSE(campaignCancellable(CampaignState::Sent));
  EXPECT_FALSE(campaignCancellable(CampaignState::Cancelled));
  EXPECT_FALSE(campaignDeletable(CampaignState::Sending));
  for (auto s : {CampaignState::Draft, CampaignState::Scheduled, CampaignState::Sending, CampaignState::Sent,
                 CampaignState::Cancelled})
    EXPECT_EQ(parseCampaignState(toString(s)), s);
  EXPECT_FALSE(parseCampaignState("paused"));
  EXPECT_EQ(campaignClientId(12, 345), "campaign-12-345");
}

}  // namespace
}  // namespace parley
