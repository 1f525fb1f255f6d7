#include "domain/conversation_rules.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

TEST(ConversationRulesTest, PriorityRankOrdersUrgentFirst) {
  EXPECT_EQ(priorityRank(Priority::Urgent), 4);
  EXPECT_EQ(priorityRank(Priority::High), 3);
  EXPECT_EQ(priorityRank(Priority::Medium), 2);
  EXPECT_EQ(priorityRank(Priority::Low), 1);
  EXPECT_EQ(priorityRank(Priority::None), 0);
}

TEST(ConversationRulesTest, Transitions) {
  using S = ConversationStatus;
  EXPECT_EQ(checkTransition(S::Open, S::Resolved, false), std::nullopt);
  EXPECT_EQ(checkTransition(S::Resolved, S::Open, false), std::nullopt);  // reopen
  EXPECT_EQ(checkTransition(S::Open, S::Pending, false), std::nullopt);
  EXPECT_EQ(checkTransition(S::Snoozed, S::Open, false), std::nullopt);  // wake up early
  EXPECT_EQ(checkTransition(S::Open, S::Snoozed, true), std::nullopt);
  EXPECT_EQ(checkTransition(S::Resolved, S::Resolved, false), std::nullopt);
  EXPECT_EQ(checkTransition(S::Snoozed, S::Snoozed, false), std::nullopt);  // no-op

  auto no_time = checkTransition(S::Open, S::Snoozed, false);
  ASSERT_TRUE(no_time);
  EXPECT_NE(no_time->find("snoozed_until"), std::string::npos) << *no_time;
}

TEST(ConversationRulesTest, NormalizeTag) {
  EXPECT_EQ(normalizeTag("Billing"), "billing");
  EXPECT_EQ(normalizeTag("  VIP customer \t"), "vip customer");
  EXPECT_EQ(normalizeTag("follow   up"), "follow up");
  EXPECT_EQ(normalizeTag("bug-report_2"), "bug-report_2");
  EXPECT_EQ(normalizeTag("a"), "a");
  EXPECT_EQ(normalizeTag(std::string(40, 'x')), std::string(40, 'x'));
  EXPECT_EQ(normalizeTag("  " + std::string(40, 'x') + "  "), std::string(40, 'x'));

  EXPECT_EQ(normalizeTag(""), std::nullopt);
  EXPECT_EQ(normalizeTag("   "), std::nullopt);
  EXPECT_EQ(normalizeTag(std::string(41, 'x')), std::nullopt);
  EXPECT_EQ(normalizeTag("a,b"), std::nullopt);
  EXPECT_EQ(normalizeTag("<script>"), std::nullopt);
  EXPECT_EQ(normalizeTag("café"), std::nullopt);
  EXPECT_EQ(normalizeTag(std::string("a\0b", 3)), std::nullopt);
}

}  // namespace
}  // namespace parley
