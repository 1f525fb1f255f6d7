// The routing timers' decisions (domain/team_routing.h) with a fake clock: hand-back when the agent
// went offline (after a grace) or has not replied, and how long presence says an agent is offline.
#include "domain/team_routing.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

constexpr Millis kMinute = 60'000;

Conversation assigned(Millis waiting_since) {
  Conversation c;
  c.id = 7;
  c.assignee_id = 42;
  c.status = ConversationStatus::Open;
  c.waiting_since = waiting_since;
  return c;
}

TeamRouting team(bool offline, int minutes) {
  TeamRouting t;
  t.reassign_offline = offline;
  t.reassign_after_minutes = minutes;
  return t;
}

TEST(HandBackTest, OffByDefault) {
  const TeamRouting defaults;
  EXPECT_FALSE(defaults.timersOn());
  EXPECT_EQ(handBackReason(assigned(0), 0, Millis{10 * kMinute}, 0, defaults, 100 * kMinute), HandBack::Keep);
}

TEST(HandBackTest, AnOfflineAgentLosesTheChatOnlyAfterTheGrace) {
  const auto t = team(true, 0);
  const auto c = assigned(0);
  EXPECT_EQ(handBackReason(c, 0, std::nullopt, 30'000, t, kMinute), HandBack::Keep);       // online
  EXPECT_EQ(handBackReason(c, 0, Millis{29'999}, 30'000, t, kMinute), HandBack::Keep);     // a reload
  EXPECT_EQ(handBackReason(c, 0, Millis{30'000}, 30'000, t, kMinute), HandBack::AgentOffline);
  EXPECT_EQ(handBackReason(c, 0, Millis{30'000}, 30'000, team(false, 0), kMinute), HandBack::Keep);
}

TEST(HandBackTest, NoReplyCountsFromTheLaterOfWaitingAndAssignment) {
  const auto t = team(false, 5);
  // The visitor has waited 10 minutes, but the agent got the chat 2 minutes ago.
  const Millis now = 100 * kMinute;
  const auto c = assigned(now - 10 * kMinute);
  EXPECT_EQ(handBackReason(c, now - 2 * kMinute, std::nullopt, 0, t, now), HandBack::Keep);
  EXPECT_EQ(handBackReason(c, now - 2 * kMinute, std::nullopt, 0, t, now + 3 * kMinute - 1), HandBack::Keep);
  EXPECT_EQ(handBackReason(c, now - 2 * kMinute, std::nullopt, 0, t, now + 3 * kMinute), HandBack::NoReply);
  // Unknown assignment time: from the visitor's wait.
  EXPECT_EQ(handBackReason(c, std::nullopt, std::nullopt, 0, t, now), HandBack::NoReply);
}

TEST(HandBackTest, AnsweredResolvedOrUnassignedChatsStay) {
  const auto t = team(true, 1);
  auto answered = assigned(0);
  answered.waiting_since.reset();  // the agent replied: nobody waits
  EXPECT_EQ(handBackReason(answered, 0, std::nullopt, 0, t, 100 * kMinute), HandBack::Keep);
  auto resolved = assigned(0);
  resolved.status = ConversationStatus::Resolved;
  EXPECT_EQ(handBackReason(resolved, 0, Millis{kMinute}, 0, t, 100 * kMinute), HandBack::Keep);
  auto queued = assigned(0);
  queued.assignee_id.reset();
  EXPECT_EQ(handBackReason(queued, 0, Millis{kMinute}, 0, t, 100 * kMinute), HandBack::Keep);
}

TEST(OfflineClockTest, CountsFromTheFirstOfflineReadingAndResetsWhenBack) {
  OfflineClock clock;
  Millis now = 1'000'000;
  EXPECT_EQ(clock.observe(1, false, now), std::nullopt);
  EXPECT_EQ(clock.observe(1, true, now += 5'000), Millis{0});
  EXPECT_EQ(clock.observe(1, true, now += 5'000), Millis{5'000});
  EXPECT_EQ(clock.observe(1, true, now), Millis{5'000});  // a second look in the same pass
  EXPECT_EQ(clock.observe(1, false, now += 5'000), std::nullopt);  // back online: the count starts again
  EXPECT_EQ(clock.observe(1, true, now += 5'000), Millis{0});
  EXPECT_EQ(clock.observe(1, true, now += 40'000), Millis{40'000});
}

TEST(OfflineClockTest, ForgetsAgentsNoLongerWatched) {
  OfflineClock clock;
  clock.observe(1, true, 0);
  clock.observe(2, true, 0);
  clock.forgetExcept({{2, true}});
  EXPECT_EQ(clock.observe(1, true, 10'000), Millis{0});  // forgotten: counts anew
  EXPECT_EQ(clock.observe(2, true, 10'000), Millis{10'000});
}

}  // namespace
}  // namespace parley
