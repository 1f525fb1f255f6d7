#include "domain/round_robin_router.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

using C = RoundRobinRouter::Candidate;

TEST(RoundRobinRouterTest, RotatesThroughOnlineAgentsByIdAndWraps) {
  RoundRobinRouter r;
  std::vector<C> agents{{30, true, 0, 5}, {10, true, 0, 5}, {20, true, 0, 5}};  // any order
  EXPECT_EQ(r.pick(agents), 10);
  EXPECT_EQ(r.pick(agents), 20);
  EXPECT_EQ(r.pick(agents), 30);
  EXPECT_EQ(r.pick(agents), 10);
  EXPECT_EQ(r.lastPick(), 10);
}

TEST(RoundRobinRouterTest, SkipsOfflineAndFullAgents) {
  RoundRobinRouter r;
  std::vector<C> agents{{1, true, 0, 2}, {2, false, 0, 2}, {3, true, 2, 2}, {4, true, 1, 2}, {5, true, 0, 0}};
  EXPECT_EQ(r.pick(agents), 1);
  EXPECT_EQ(r.pick(agents), 4);
  EXPECT_EQ(r.pick(agents), 1);
}

TEST(RoundRobinRouterTest, NoneEligible) {
  RoundRobinRouter r;
  EXPECT_EQ(r.pick({}), std::nullopt);
  EXPECT_EQ(r.pick({{1, false, 0, 5}, {2, true, 5, 5}, {3, true, 9, 5}}), std::nullopt);
  EXPECT_EQ(r.lastPick(), std::nullopt);  // a failed pick does not move the rotation
}

TEST(RoundRobinRouterTest, AgentsJoiningAndLeavingKeepTheTurnOrder) {
  RoundRobinRouter r;
  EXPECT_EQ(r.pick({{1, true, 0, 5}, {2, true, 0, 5}, {3, true, 0, 5}}), 1);
  EXPECT_EQ(r.pick({{1, true, 0, 5}, {2, true, 0, 5}, {3, true, 0, 5}}), 2);
  // Agent 2 (the last pick) goes offline: the turn passes to the next id, not back to the start.
  EXPECT_EQ(r.pick({{1, true, 0, 5}, {2, false, 0, 5}, {3, true, 0, 5}}), 3);
  // Agent 4 comes online after 3 was picked: it is next.
  EXPECT_EQ(r.pick({{1, true, 0, 5}, {3, true, 0, 5}, {4, true, 0, 5}}), 4);
  EXPECT_EQ(r.pick({{1, true, 0, 5}, {3, true, 0, 5}, {4, true, 0, 5}}), 1);
}

TEST(RoundRobinRouterTest, RotationCanBeRestored) {
  RoundRobinRouter r;
  r.setLastPick(20);
  EXPECT_EQ(r.pick({{10, true, 0, 1}, {20, true, 0, 1}, {30, true, 0, 1}}), 30);
}

TEST(RoundRobinRouterTest, FillsUpUntilEveryoneIsAtCapacity) {
  RoundRobinRouter r;
  std::vector<C> agents{{1, true, 0, 2}, {2, true, 0, 1}};
  std::vector<Id> picks;
  while (auto id = r.pick(agents)) {
    picks.push_back(*id);
    for (auto& a : agents)
      if (a.agent_id == *id) ++a.open_count;
  }
  EXPECT_EQ(picks, (std::vector<Id>{1, 2, 1}));
}

// AutoAssigner hands the store the whole turn order and the store takes the first with room.
TEST(RoundRobinRouterTest, TurnOrderStartsAfterTheLastPickAndWraps) {
  RoundRobinRouter r;
  EXPECT_EQ(r.turnOrder({30, 10, 20, 10}), (std::vector<Id>{10, 20, 30})) << "by id, each once";
  r.setLastPick(20);
  EXPECT_EQ(r.turnOrder({30, 10, 20}), (std::vector<Id>{30, 10, 20}));
  r.setLastPick(25);  // went offline since
  EXPECT_EQ(r.turnOrder({30, 10, 20}), (std::vector<Id>{30, 10, 20}));
  r.setLastPick(30);
  EXPECT_EQ(r.turnOrder({30, 10, 20}), (std::vector<Id>{10, 20, 30}));
  EXPECT_TRUE(r.turnOrder({}).empty());
}

}  // namespace
}  // namespace parley
