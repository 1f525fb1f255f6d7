// Segment conditions (domain/segment.h): validation names the field, values are normalised, and
// resolution turns dates and days into instants in the workspace's zone.
#include "domain/segment.h"

#include <gtest/gtest.h>

#include "domain/local_time.h"
#include "domain/time_zone.h"

namespace parley {
namespace {

SegmentDefinition one(std::string field, std::string op, std::string value = {}, std::string key = {}) {
  SegmentDefinition d;
  d.conditions.push_back({std::move(field), std::move(op), std::move(key), std::move(value)});
  return d;
}

std::string errorField(SegmentDefinition d) {
  auto e = validateSegment(d);
  return e ? e->field : "";
}

TEST(SegmentTest, EveryKindOfConditionIsAccepted) {
  SegmentDefinition d;
  d.conditions = {{"identified", "is", "", ""},         {"email_known", "is_not", "", ""},
                  {"open_conversation", "is", "", ""},  {"country", "is", "", "de"},
                  {"language", "is_not", "", "De-AT"},  {"last_seen", "within_days", "", "7"},
                  {"first_seen", "before", "", "2026-01-01"}, {"visited_url", "glob", "", "*/Pricing*"},
                  {"attribute", "equals", "plan", " Pro "}};
  ASSERT_FALSE(validateSegment(d));
  EXPECT_EQ(d.conditions[3].value, "DE");
  EXPECT_EQ(d.conditions[4].value, "de-at");
  EXPECT_EQ(d.conditions[7].value, "*/pricing*");
  EXPECT_EQ(d.conditions[8].value, "pro");
  EXPECT_EQ(d.conditions[8].key, "plan");
}

TEST(SegmentTest, ErrorsNameTheConditionAndItsPart) {
  EXPECT_EQ(errorField(one("colour", "is")), "conditions[0].field");
  EXPECT_EQ(errorField(one("identified", "equals")), "conditions[0].op");
  EXPECT_EQ(errorField(one("country", "is", "DEU")), "conditions[0].value");
  EXPECT_EQ(errorField(one("language", "is", "d")), "conditions[0].value");
  EXPECT_EQ(errorField(one("language", "is", "de_AT")), "conditions[0].value");
  EXPECT_EQ(errorField(one("last_seen", "within_days", "0")), "conditions[0].value");
  EXPECT_EQ(errorField(one("last_seen", "within_days", "3651")), "conditions[0].value");
  EXPECT_EQ(errorField(one("last_seen", "within_days", "7x")), "conditions[0].value");
  EXPECT_EQ(errorField(one("first_seen", "before", "2026-02-30")), "conditions[0].value");
  EXPECT_EQ(errorField(one("visited_url", "glob", "  ")), "conditions[0].value");
  EXPECT_EQ(errorField(one("visited_url", "glob", std::string(501, 'a'))), "conditions[0].value");
  EXPECT_EQ(errorField(one("attribute", "equals", "x", "")), "conditions[0].key");
  EXPECT_EQ(errorField(one("attribute", "equals", "x", "pl\"an")), "conditions[0].key");
  EXPECT_EQ(errorField(one("attribute", "equals", "x", std::string(65, 'k'))), "conditions[0].key");
  auto second = one("identified", "is");
  second.conditions.push_back({"country", "is", "", ""});
  EXPECT_EQ(errorField(second), "conditions[1].value");
}

TEST(SegmentTest, AtMostTwentyConditions) {
  SegmentDefinition d;
  for (int i = 0; i < 20; ++i) d.conditions.push_back({"identified", "is", "", ""});
  EXPECT_FALSE(validateSegment(d));
  d.conditions.push_back({"identified", "is", "", ""});
  EXPECT_EQ(errorField(d), "conditions");
}

TEST(SegmentTest, GlobsBecomeLikePatternsWithLikesOwnCharactersEscaped) {
  EXPECT_EQ(globToLike("*/products/*"), "%/products/%");
  EXPECT_EQ(globToLike("/p?ge"), "/p_ge");
  EXPECT_EQ(globToLike("100%_off\\"), "100\\%\\_off\\\\");
  EXPECT_EQ(containsLike("50%"), "%50\\%%");
}

TEST(SegmentTest, StoredFormRoundTrips) {
  SegmentDefinition d;
  d.match_any = true;
  d.conditions = {{"attribute", "contains", "plan", "pro"}, {"identified", "is", "", ""}};
  auto back = segmentFromJson(segmentToJson(d));
  EXPECT_TRUE(back.match_any);
  ASSERT_EQ(back.conditions.size(), 2u);
  EXPECT_EQ(back.conditions[0].key, "plan");
  EXPECT_EQ(back.conditions[0].value, "pro");
  EXPECT_EQ(back.conditions[1].field, "identified");
  EXPECT_THROW(segmentFromJson("[1]"), std::invalid_argument);
}

TEST(SegmentTest, DatesResolveToMidnightInTheWorkspaceZoneAndDaysCountBackFromNow) {
  auto berlin = TimeZone::load("Europe/Berlin");
  ASSERT_TRUE(berlin);
  const Millis now = 1'782'889'200'000;  // 2026-07-01T07:00Z
  SegmentDefinition d;
  d.conditions = {{"first_seen", "before", "", "2026-07-01"}, {"first_seen", "since", "", "2026-01-15"},
                  {"last_seen", "more_than_days", "", "30"}, {"visited_url", "contains", "", "pricing"},
                  {"attribute", "equals", "plan", "pro"}, {"identified", "is_not", "", ""}};
  ASSERT_FALSE(validateSegment(d));
  auto q = resolveSegment(d, now, *berlin);
  ASSERT_EQ(q.predicates.size(), 6u);
  EXPECT_EQ(q.predicates[0].kind, PredicateKind::FirstSeenBefore);
  EXPECT_EQ(q.predicates[0].number, now - 9 * 3'600'000);  // 00:00 CEST = 22:00Z the day before
  EXPECT_FALSE(q.predicates[0].negate);
  EXPECT_EQ(q.predicates[1].number, *parseLocalDateTime("2026-01-15", true) - 3'600'000);  // CET in January
  EXPECT_TRUE(q.predicates[1].negate);
  EXPECT_EQ(q.predicates[2].kind, PredicateKind::LastSeenSince);
  EXPECT_EQ(q.predicates[2].number, now - 30LL * 86'400'000);
  EXPECT_TRUE(q.predicates[2].negate);
  EXPECT_EQ(q.predicates[3].text, "%pricing%");
  EXPECT_EQ(q.predicates[4].kind, PredicateKind::AttributeEquals);
  EXPECT_EQ(q.predicates[4].key, "plan");
  EXPECT_TRUE(q.predicates[5].negate);
}

}  // namespace
}  // namespace parley
