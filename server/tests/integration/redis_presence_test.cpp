// RedisPresenceSync (bus/redis_presence_sync.h) against a real redis-server: two trackers with
// their syncs stand for two nodes. Presence answers for the whole cluster, a node that stops
// refreshing (it died) vanishes after the expiry and the others hear of what vanished, a clean
// stop vanishes at once.
#include <gtest/gtest.h>
#include <hiredis/hiredis.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "bus/presence.h"
#include "bus/redis_bus.h"
#include "bus/redis_connection.h"
#include "bus/redis_presence_sync.h"
#include "integration/redis_test_support.h"

namespace parley::test {
namespace {

using namespace std::chrono_literals;

RedisPresenceOptions fastOptions(const std::string& prefix, const std::string& node) {
  RedisPresenceOptions o;
  o.url = *testRedisServer();
  o.key_prefix = prefix;
  o.node_id = node;
  o.period = 50ms;
  o.ttl = 400ms;
  return o;
}

struct PresenceNode {
  PresenceTracker presence;
  std::unique_ptr<RedisPresenceSync> sync;
  std::mutex mu;
  RedisPresenceSync::Vanished vanished;
  PresenceNode(const std::string& prefix, const std::string& id) {
    sync = std::make_unique<RedisPresenceSync>(presence, fastOptions(prefix, id));
    sync->onVanished([this](const RedisPresenceSync::Vanished& v) {
      std::lock_guard l(mu);
      vanished.agents.insert(vanished.agents.end(), v.agents.begin(), v.agents.end());
      vanished.visitors.insert(vanished.visitors.end(), v.visitors.begin(), v.visitors.end());
      vanished.nodes.insert(vanished.nodes.end(), v.nodes.begin(), v.nodes.end());
    });
  }
  bool agentVanished(Id agent) {
    std::lock_guard l(mu);
    return std::any_of(vanished.agents.begin(), vanished.agents.end(), [&](auto p) { return p.second == agent; });
  }
  std::vector<std::string> nodesLeft() {
    std::lock_guard l(mu);
    return vanished.nodes;
  }
  bool visitorVanished(Id contact) {
    std::lock_guard l(mu);
    return std::any_of(vanished.visitors.begin(), vanished.visitors.end(), [&](auto p) { return p.second == contact; });
  }
};

// Two more complete rounds of this node's sync: what others wrote before has been read.
bool synced(PresenceNode& n) {
  const auto start = n.sync->rounds();
  return waitUntil([&] { return n.sync->rounds() >= start + 2; }, 5s);
}

}  // namespace

TEST(RedisPresence, AnswersForTheWholeCluster) {
  PARLEY_NEED_TEST_REDIS();
  const auto prefix = uniquePrefix();
  PresenceNode a(prefix, "a"), b(prefix, "b");
  EXPECT_EQ(a.presence.agentConnected(1, 10), AgentPresence::Online);
  EXPECT_TRUE(a.presence.visitorConnected(1, 70, 1000));
  a.presence.visitorPage(70, "https://shop.test/cart", "Cart");
  ASSERT_TRUE(waitUntil([&] { return b.presence.agentsOnline(1) == 1 && b.presence.visitorOnline(70); }, 5s));
  EXPECT_EQ(b.presence.agentPresence(10), AgentPresence::Online);
  EXPECT_EQ(b.presence.onlineAgentIds(1), std::vector<Id>{10});
  EXPECT_EQ(b.presence.agentsOnline(2), 0) << "another workspace";
  auto visitors = b.presence.onlineVisitors(1);
  ASSERT_EQ(visitors.size(), 1u);
  EXPECT_EQ(visitors[0].url, "https://shop.test/cart");
  EXPECT_EQ(b.presence.agentSockets(10), 0) << "per-token caps count this node's sockets only";

  // The same agent on both nodes, "away" picked on B.
  b.presence.agentConnected(1, 10);
  EXPECT_EQ(b.presence.setAgentStatus(1, 10, AgentPresence::Away), AgentPresence::Away);
  EXPECT_EQ(b.presence.agentsOnline(1), 0);
  EXPECT_EQ(a.presence.agentPresence(10), AgentPresence::Online) << "a status picked on this node wins here";
  // Once A has read B's snapshot, closing A's socket leaves the agent connected through B.
  ASSERT_TRUE(synced(a) && synced(b) && synced(a));
  EXPECT_EQ(a.presence.agentDisconnected(1, 10), AgentPresence::Away);
  EXPECT_EQ(a.presence.agentsOnline(1), 0);

  // The visitor opens a tab through B and closes the one on A: not "went offline".
  b.presence.visitorConnected(1, 70, 2000);
  ASSERT_TRUE(synced(b) && synced(a));
  EXPECT_FALSE(a.presence.visitorDisconnected(70)) << "still on the site through node B";
  EXPECT_TRUE(a.presence.visitorOnline(70));
  EXPECT_EQ(a.presence.visitorSockets(70), 0);
  // And once B's tab closes too, it is gone everywhere. B may still have A's older snapshot with the
  // visitor in it (then B's own close says "online elsewhere"); either way each node hears that the
  // visitor vanished from the other's snapshot and tells its own sockets.
  b.presence.visitorDisconnected(70);
  ASSERT_TRUE(waitUntil([&] { return !a.presence.visitorOnline(70) && !b.presence.visitorOnline(70); }, 5s));
  ASSERT_TRUE(waitUntil([&] { return a.visitorVanished(70); }, 5s));
}

TEST(RedisPresence, ADeadNodeVanishesAfterTheExpiryAndTheOthersHearOfIt) {
  PARLEY_NEED_TEST_REDIS();
  const auto prefix = uniquePrefix();
  PresenceNode b(prefix, "b");
  // A node that wrote its snapshot once and died (kill -9): nobody refreshes or deletes its key.
  std::string host;
  int port = 0;
  parseRedisUrl(*testRedisServer(), host, port);
  auto c = connectRedis(host, port, 1s, 1s, "test");
  ASSERT_TRUE(c);
  PresenceSnapshot dead;
  dead.agents[11] = OnlineAgent{1, 1, AgentPresence::Online};
  dead.visitors[71] = OnlineVisitor{71, 1, 1, 1000, "https://shop.test/", "Home"};
  const auto key = prefix + "node:dead";
  const auto text = encodePresence(dead);
  RedisReplyPtr r(static_cast<redisReply*>(
      redisCommand(c.get(), "SET %b %b PX 600", key.data(), key.size(), text.data(), text.size())));
  ASSERT_TRUE(r && r->type != REDIS_REPLY_ERROR);
  ASSERT_TRUE(waitUntil([&] { return b.presence.agentsOnline(1) == 1 && b.presence.visitorOnline(71); }, 5s));
  ASSERT_TRUE(waitUntil([&] { return b.presence.agentsOnline(1) == 0 && !b.presence.visitorOnline(71); }, 5s))
      << "the dead node's key expired";
  EXPECT_TRUE(b.agentVanished(11));
  EXPECT_TRUE(b.visitorVanished(71));
  EXPECT_EQ(b.presence.agentPresence(11), AgentPresence::Offline);
  // Told once that the node left: what it committed and never published is repaired from the log.
  EXPECT_EQ(b.nodesLeft(), std::vector<std::string>{key});
}

TEST(RedisPresence, ANodeWithNobodyOnItIsStillHeardToLeave) {
  PARLEY_NEED_TEST_REDIS();
  const auto prefix = uniquePrefix();
  // PresenceNode a has no socket at all (an empty snapshot), yet it may have published events: its leaving
  // is a gap for b all the same, and only its leaving (b's own key never counts).
  PresenceNode a(prefix, "a"), b(prefix, "b");
  ASSERT_TRUE(synced(b) && synced(a) && synced(b));
  EXPECT_TRUE(b.nodesLeft().empty());
  a.sync->stop();
  ASSERT_TRUE(waitUntil([&] { return !b.nodesLeft().empty(); }, 5s));
  EXPECT_EQ(b.nodesLeft(), std::vector<std::string>{prefix + "node:a"});
  EXPECT_TRUE(a.nodesLeft().empty());
}

TEST(RedisPresence, ACleanStopVanishesAtOnceAndMalformedSnapshotsAreSkipped) {
  PARLEY_NEED_TEST_REDIS();
  const auto prefix = uniquePrefix();
  PresenceNode a(prefix, "a"), b(prefix, "b");
  std::string host;
  int port = 0;
  parseRedisUrl(*testRedisServer(), host, port);
  auto c = connectRedis(host, port, 1s, 1s, "test");
  ASSERT_TRUE(c);
  const auto bad = prefix + "node:bad";
  RedisReplyPtr(static_cast<redisReply*>(redisCommand(c.get(), "SET %b %s PX 5000", bad.data(), bad.size(), "{\"a\":[[1]]}")));
  a.presence.agentConnected(1, 12);
  ASSERT_TRUE(waitUntil([&] { return b.presence.agentsOnline(1) == 1; }, 5s)) << "a bad snapshot spoils nothing";
  const auto rounds = b.sync->rounds();
  a.sync->stop();
  RedisReplyPtr gone(static_cast<redisReply*>(redisCommand(c.get(), "EXISTS %s", (prefix + "node:a").c_str())));
  ASSERT_TRUE(gone && gone->type == REDIS_REPLY_INTEGER);
  EXPECT_EQ(gone->integer, 0) << "a clean stop deletes the node's key";
  ASSERT_TRUE(waitUntil([&] { return b.presence.agentsOnline(1) == 0; }, 5s));
  EXPECT_GT(b.sync->rounds(), rounds);
}

TEST(RedisPresence, SnapshotsSurviveTheirWireForm) {
  PresenceSnapshot s;
  s.agents[5] = OnlineAgent{2, 3, AgentPresence::Away};
  s.visitors[9] = OnlineVisitor{9, 2, 1, 1234, "https://x.test/\"q\"", "Ünïcode"};
  PresenceSnapshot back;
  ASSERT_TRUE(decodePresence(encodePresence(s), back));
  EXPECT_EQ(back.agents.at(5).chosen, AgentPresence::Away);
  EXPECT_EQ(back.agents.at(5).sockets, 3);
  EXPECT_EQ(back.visitors.at(9).title, "Ünïcode");
  EXPECT_EQ(back.visitors.at(9).url, "https://x.test/\"q\"");
  for (const char* bad : {"", "[]", "{\"a\":[],\"v\":{}}", "{\"a\":[[1,2,3]],\"v\":[]}", "{\"a\":[[1,2,3,4]],\"v\":[[1]]}",
                          "{\"a\":[[\"x\",2,3,\"online\"]],\"v\":[]}"}) {
    PresenceSnapshot out;
    EXPECT_FALSE(decodePresence(bad, out)) << bad;
  }
}

}  // namespace parley::test
