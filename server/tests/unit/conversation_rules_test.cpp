#include "domain/conversation_rules.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

TEST(ConversationRulesTest, Enums) {
  for (auto s : {"open", "pending", "snoozed", "resolved"}) EXPECT_TRUE(isValidStatus(s)) << s;
  for (auto s : {"", "Open", "closed", "resolved "}) EXPECT_FALSE(isValidStatus(s)) << s;
  for (auto p : {"none", "low", "medium", "high", "urgent"}) EXPECT_TRUE(isValidPriority(p)) << p;
  for (auto p : {"", "critical", "URGENT"}) EXPECT_FALSE(isValidPriority(p)) << p;
  EXPECT_TRUE(isValidRole("admin"));
  EXPECT_TRUE(isValidRole("agent"));
  EXPECT_FALSE(isValidRole("owner"));
  EXPECT_FALSE(isValidRole(""));
  for (auto p : {"online", "away", "offline"}) EXPECT_TRUE(isValidPresence(p)) << p;
  EXPECT_FALSE(isValidPresence("busy"));
  for (auto t : {"visitor", "agent", "bot", "system"}) EXPECT_TRUE(isValidSenderType(t)) << t;
  EXPECT_FALSE(isValidSenderType("contact"));
}

TEST(ConversationRulesTest, PriorityRankOrdersUrgentFirst) {
  EXPECT_EQ(priorityRank("urgent"), 4);
  EXPECT_EQ(priorityRank("high"), 3);
  EXPECT_EQ(priorityRank("medium"), 2);
  EXPECT_EQ(priorityRank("low"), 1);
  EXPECT_EQ(priorityRank("none"), 0);
  EXPECT_EQ(priorityRank("bogus"), 0);
}

TEST(ConversationRulesTest, Transitions) {
  EXPECT_EQ(checkTransition("open", "resolved", false), std::nullopt);
  EXPECT_EQ(checkTransition("resolved", "open", false), std::nullopt);  // reopen
  EXPECT_EQ(checkTransition("open", "pending", false), std::nullopt);
  EXPECT_EQ(checkTransition("snoozed", "open", false), std::nullopt);  // wake up early
  EXPECT_EQ(checkTransition("open", "snoozed", true), std::nullopt);
  EXPECT_EQ(checkTransition("resolved", "resolved", false), std::nullopt);
  EXPECT_EQ(checkTransition("snoozed", "snoozed", false), std::nullopt);  // no-op

  auto no_time = checkTransition("open", "snoozed", false);
  ASSERT_TRUE(no_time);
  EXPECT_NE(no_time->find("snoozed_until"), std::string::npos) << *no_time;

  auto bad = checkTransition("open", "closed", false);
  ASSERT_TRUE(bad);
  EXPECT_NE(bad->find("closed"), std::string::npos) << *bad;
  EXPECT_TRUE(checkTransition("weird", "open", false));
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
