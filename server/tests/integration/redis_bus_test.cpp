// RedisBus against a real redis-server: two buses with their own hubs stand for two nodes.
// PARLEY_TEST_REDIS (redis://127.0.0.1:PORT; scripts/lib.sh's start_test_redis) names the shared
// server; without it these tests skip, or fail when PARLEY_REQUIRE_REDIS=1. The kill -9 case starts
// its own redis-server on a free port, so the shared one is never killed. Each test publishes on its
// own channel prefix, so tests sharing a server never see each other's frames.
#include <gtest/gtest.h>
#include <hiredis/hiredis.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <set>
#include <thread>

#include "bus/hub.h"
#include "bus/redis_bus.h"
#include "fake_connection.h"
#include "integration/redis_test_support.h"
#include "test_server.h"

namespace parley::test {
namespace {

using namespace std::chrono_literals;

// Short backoff so a restarted Redis is found again within half a second.
RedisBusOptions testOptions(const std::string& url, const std::string& prefix) {
  RedisBusOptions o;
  o.url = url;
  o.channel_prefix = prefix;
  o.backoff_initial = 20ms;
  o.backoff_max = 500ms;
  o.connect_timeout = 500ms;
  o.io_timeout = 500ms;
  return o;
}

// One node: its hub, its bus, one socket on each of the given topics.
struct BusNode {
  BusNode(const RedisBusOptions& o, const std::vector<std::string>& topics) {
    for (const auto& t : topics) {
      sockets.push_back(std::make_shared<FakeConnection>());
      hub.subscribe(t, sockets.back());
    }
    bus = std::make_unique<RedisBus>(hub, o);
    bus->onResubscribed([this] { notices.fetch_add(1); });
  }
  ~BusNode() {
    bus.reset();
    hub.clear();
  }
  Hub hub;
  std::vector<std::shared_ptr<FakeConnection>> sockets;
  std::unique_ptr<RedisBus> bus;
  std::atomic<int> notices{0};
};

// A redis-server of this test's own, on a free port: it can be killed and restarted.
class OwnRedis {
 public:
  OwnRedis() : port_(freePort()), log_(std::filesystem::temp_directory_path() / ("parley-redis-" + std::to_string(port_) + ".log")) { start(); }
  ~OwnRedis() {
    kill9();
    std::filesystem::remove(log_);
  }
  void start() {
    spawnWait({redisServerPath(), "--port", std::to_string(port_), "--bind", "127.0.0.1", "--save", "",
               "--appendonly", "no", "--daemonize", "no"},
              false, &pid_, log_.string());
    if (!waitUntil([this] { return answersPing(); }, 5s)) throw std::runtime_error("redis-server did not start");
  }
  void kill9() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }

 private:
  static std::string redisServerPath() {
    for (const char* p : {"/usr/bin/redis-server", "/usr/local/bin/redis-server"})
      if (::access(p, X_OK) == 0) return p;
    throw std::runtime_error("redis-server not found (Debian package redis-server)");
  }
  bool answersPing() const {
    timeval tv{0, 200000};
    redisContext* c = redisConnectWithTimeout("127.0.0.1", port_, tv);
    bool ok = false;
    if (c && !c->err) {
      auto* r = static_cast<redisReply*>(redisCommand(c, "PING"));
      ok = r && r->type == REDIS_REPLY_STATUS;
      if (r) freeReplyObject(r);
    }
    if (c) redisFree(c);
    return ok;
  }
  int port_;
  std::filesystem::path log_;
  int pid_ = -1;
};

std::vector<std::string> texts(const std::vector<Frame>& frames) {
  std::vector<std::string> out;
  for (const auto& f : frames) out.push_back(f->text);
  return out;
}

std::vector<std::string> numbered(const std::string& stem, int from, int count) {
  std::vector<std::string> out;
  for (int i = from; i < from + count; ++i) out.push_back(stem + std::to_string(i));
  return out;
}

TEST(RedisBus, RequiresAUsableUrlAndPrefix) {
  Hub hub;
  EXPECT_THROW(RedisBus(hub, RedisBusOptions{.url = "http://127.0.0.1:6379"}), std::invalid_argument);
  EXPECT_THROW(RedisBus(hub, RedisBusOptions{.url = "redis://127.0.0.1:99999"}), std::invalid_argument);
  EXPECT_THROW(RedisBus(hub, RedisBusOptions{.url = "redis://user:pw@127.0.0.1"}), std::invalid_argument);
  EXPECT_THROW(RedisBus(hub, RedisBusOptions{.url = "redis://127.0.0.1", .channel_prefix = "a*"}),
               std::invalid_argument);
  std::string host;
  int port = 0;
  parseRedisUrl("redis://10.0.0.5:7000/0", host, port);
  EXPECT_EQ(host, "10.0.0.5");
  EXPECT_EQ(port, 7000);
  parseRedisUrl("redis://cache", host, port);
  EXPECT_EQ(host, "cache");
  EXPECT_EQ(port, 6379);
}

TEST(RedisBus, FrameOnOneNodeReachesEverySocketOnceInOrderPerTopic) {
  PARLEY_NEED_TEST_REDIS();
  const auto prefix = uniquePrefix();
  BusNode a(testOptions(*testRedisServer(), prefix), {"w:1", "v:7"});
  BusNode b(testOptions(*testRedisServer(), prefix), {"w:1", "v:7"});
  ASSERT_TRUE(waitUntil([&] { return a.bus->subscribed() && b.bus->subscribed(); }, 5s));

  // Two topics interleaved, with resume keys: each topic's frames must keep their order.
  constexpr int kFrames = 2000;
  const auto started = Clock::now();
  for (int i = 0; i < kFrames; ++i) {
    a.bus->publish("w:1", makeFrame("w" + std::to_string(i), 42, i + 1, 1000 + i));
    a.bus->publish("v:7", makeFrame("v" + std::to_string(i), 42, i + 1));
  }
  const auto publish_ms = msSince(started);
  auto b_agents = b.sockets[0]->take(kFrames, 10s);
  auto b_visitor = b.sockets[1]->take(kFrames, 10s);
  const auto delivered_ms = msSince(started);
  // Exactly once: nothing more arrives later (A's own echoes are skipped, not delivered twice).
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(texts(b_agents), numbered("w", 0, kFrames));
  EXPECT_EQ(texts(b_visitor), numbered("v", 0, kFrames));
  EXPECT_EQ(b.sockets[0]->pending() + b.sockets[1]->pending(), 0u);
  EXPECT_EQ(texts(a.sockets[0]->take(kFrames, 1s)), numbered("w", 0, kFrames));
  EXPECT_EQ(texts(a.sockets[1]->take(kFrames, 1s)), numbered("v", 0, kFrames));
  EXPECT_EQ(a.sockets[0]->pending() + a.sockets[1]->pending(), 0u);
  ASSERT_EQ(b_agents.size(), static_cast<std::size_t>(kFrames));
  EXPECT_EQ(b_agents[5]->conversation_id, 42);
  EXPECT_EQ(b_agents[5]->seq, 6);
  EXPECT_EQ(b_agents[5]->offset, 1005);

  // And the other way, while A's echoes were counted, not delivered.
  b.bus->publish("w:1", makeFrame("from b"));
  EXPECT_EQ(texts(a.sockets[0]->take(1, 5s)), std::vector<std::string>{"from b"});
  EXPECT_TRUE(waitUntil([&] { return a.bus->stats().own_echoes == 2u * kFrames; }, 5s));
  const auto sa = a.bus->stats(), sb = b.bus->stats();
  EXPECT_EQ(sa.published, 2u * kFrames);
  EXPECT_EQ(sb.received, 2u * kFrames);
  EXPECT_EQ(sb.gaps, 0u);
  EXPECT_EQ(a.notices.load() + b.notices.load(), 0) << "no gap, no notice";
  std::cout << "[ figures  ] " << 2 * kFrames << " frames published on A in " << publish_ms << " ms, all "
            << sb.received << " received on B within " << delivered_ms << " ms\n";
}

TEST(RedisBus, FullQueueDropsAndCountsWithoutBlocking) {
  // No Redis at all: the publisher never connects, so the queue fills. Needs no server.
  Hub hub;
  auto socket = std::make_shared<FakeConnection>();
  hub.subscribe("w:1", socket);
  auto o = testOptions("redis://127.0.0.1:" + std::to_string(freePort()), uniquePrefix());
  o.max_queued_frames = 8;
  RedisBus bus(hub, o);
  constexpr int kFrames = 10000;
  const auto started = Clock::now();
  for (int i = 0; i < kFrames; ++i) bus.publish("w:1", makeFrame("f" + std::to_string(i)));
  const auto elapsed = msSince(started);
  EXPECT_LT(elapsed, 1000) << "publish must never wait for Redis";
  EXPECT_EQ(bus.stats().dropped_queue_full, static_cast<std::uint64_t>(kFrames - 8));
  // The node's own sockets get everything: they never depend on Redis.
  EXPECT_EQ(socket->take(kFrames, 1s).size(), static_cast<std::size_t>(kFrames));
  const auto stop_started = Clock::now();
  bus.stop();
  EXPECT_LT(msSince(stop_started), 1000) << "stop while Redis is down must not hang";
  EXPECT_EQ(bus.stats().dropped_at_stop, 8u);
  hub.clear();
}

// An end frame (an erased visitor's, app/contact_erasure.h) closes the topic's sockets on every node
// with its code and is sent to none; it takes a number in the node's sequence like any frame.
TEST(RedisBus, AnEndFrameClosesTheTopicsSocketsOnEveryNode) {
  PARLEY_NEED_TEST_REDIS();
  const auto prefix = uniquePrefix();
  BusNode a(testOptions(*testRedisServer(), prefix), {"v:7", "v:8"});
  BusNode b(testOptions(*testRedisServer(), prefix), {"v:7", "v:8"});
  ASSERT_TRUE(waitUntil([&] { return a.bus->subscribed() && b.bus->subscribed(); }, 5s));
  a.bus->publish("v:7", makeFrame("before"));
  a.bus->publish("v:7", makeEndFrame(4003, "erased"));
  a.bus->publish("v:8", makeFrame("after"));
  EXPECT_EQ(texts(b.sockets[1]->take(1, 5s)), std::vector<std::string>{"after"});
  EXPECT_TRUE(waitUntil([&] { return b.sockets[0]->closeCode() == 4003; }, 5s)) << b.sockets[0]->closeCode();
  EXPECT_EQ(a.sockets[0]->closeCode(), 4003) << "this node's own socket, at once";
  EXPECT_EQ(texts(b.sockets[0]->take(1, 1s)), std::vector<std::string>{"before"}) << "the end is not a frame";
  EXPECT_EQ(b.sockets[1]->closeCode(), 0);
  EXPECT_EQ(b.bus->stats().gaps, 0u);
  EXPECT_EQ(b.bus->stats().malformed, 0u);
}

TEST(RedisBus, FrameOverThePayloadLimitStaysLocalAndTheOtherNodeSeesTheGap) {
  PARLEY_NEED_TEST_REDIS();
  const auto prefix = uniquePrefix();
  auto o = testOptions(*testRedisServer(), prefix);
  o.max_payload_bytes = 200;
  BusNode a(o, {"w:1"});
  BusNode b(o, {"w:1"});
  ASSERT_TRUE(waitUntil([&] { return a.bus->subscribed() && b.bus->subscribed(); }, 5s));
  a.bus->publish("w:1", makeFrame("before"));
  a.bus->publish("w:1", makeFrame(std::string(500, 'x')));
  a.bus->publish("w:1", makeFrame("after"));
  EXPECT_EQ(texts(b.sockets[0]->take(2, 5s)), (std::vector<std::string>{"before", "after"}));
  EXPECT_EQ(a.sockets[0]->take(3, 1s).size(), 3u);
  EXPECT_EQ(a.bus->stats().dropped_too_large, 1u);
  EXPECT_EQ(b.bus->stats().gaps, 1u);
  EXPECT_EQ(b.notices.load(), 1) << "the hole in A's sequence is a gap notice on B";
}

TEST(RedisBus, NodeStartedWhileRedisIsDownSubscribesLaterWithANoticeAndDropsStaleFrames) {
  PARLEY_NEED_TEST_REDIS();
  OwnRedis redis;
  redis.kill9();
  auto o = testOptions(redis.url(), uniquePrefix());
  o.max_queue_age = 200ms;
  BusNode a(o, {"w:1"});
  BusNode b(o, {"w:1"});
  for (int i = 0; i < 100; ++i) a.bus->publish("w:1", makeFrame("stale" + std::to_string(i)));
  std::this_thread::sleep_for(400ms);
  redis.start();
  ASSERT_TRUE(waitUntil([&] { return a.bus->subscribed() && b.bus->subscribed() && a.notices > 0 && b.notices > 0; },
                        5s))
      << "a node that started without Redis must subscribe later and say it may have missed frames";
  a.bus->publish("w:1", makeFrame("fresh"));
  EXPECT_EQ(texts(b.sockets[0]->take(1, 5s)), std::vector<std::string>{"fresh"});
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(b.sockets[0]->pending(), 0u) << "frames older than max_queue_age went out late";
  EXPECT_EQ(a.bus->stats().dropped_stale, 100u);
  EXPECT_EQ(a.sockets[0]->take(101, 1s).size(), 101u);
}

TEST(RedisBus, SurvivesKillNineOfRedisAndResubscribesWithANotice) {
  PARLEY_NEED_TEST_REDIS();  // the same promise: this run has redis-server
  OwnRedis redis;
  const auto prefix = uniquePrefix();
  BusNode a(testOptions(redis.url(), prefix), {"w:1"});
  BusNode b(testOptions(redis.url(), prefix), {"w:1"});
  ASSERT_TRUE(waitUntil([&] { return a.bus->subscribed() && b.bus->subscribed(); }, 5s));

  constexpr int kBefore = 500, kDuring = 500, kAfter = 500;
  for (int i = 0; i < kBefore; ++i) a.bus->publish("w:1", makeFrame("before" + std::to_string(i)));
  EXPECT_EQ(texts(b.sockets[0]->take(kBefore, 5s)), numbered("before", 0, kBefore));

  redis.kill9();
  ASSERT_TRUE(waitUntil([&] { return !a.bus->subscribed() && !b.bus->subscribed(); }, 5s));
  // Publishing during the outage neither blocks nor crashes; local sockets get every frame.
  long long slowest_us = 0;
  for (int i = 0; i < kDuring; ++i) {
    const auto t = Clock::now();
    a.bus->publish("w:1", makeFrame("during" + std::to_string(i)));
    slowest_us = std::max<long long>(
        slowest_us, std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t).count());
    if (i % 100 == 0) std::this_thread::sleep_for(20ms);  // spread over the outage, across retries
  }
  EXPECT_LT(slowest_us, 50'000) << "a publish during the outage waited for Redis";
  EXPECT_EQ(a.sockets[0]->take(kBefore + kDuring, 1s).size(), static_cast<std::size_t>(kBefore + kDuring));

  // Long enough for both buses' backoff to reach its cap (500 ms here) before Redis returns.
  std::this_thread::sleep_for(1500ms);
  redis.start();
  const auto restarted = Clock::now();
  ASSERT_TRUE(waitUntil([&] { return a.bus->subscribed() && b.bus->subscribed() && a.notices > 0 && b.notices > 0; },
                        5s))
      << "the buses did not come back within 5 s of the restart";
  const auto reconnect_ms = msSince(restarted);
  EXPECT_EQ(a.notices.load(), 1);
  EXPECT_EQ(b.notices.load(), 1);
  // What A queued during the outage went out when its publisher came back, maybe before B
  // resubscribed: B may see any tail of it (the notice is how B repairs the rest), but nothing twice.
  for (int i = 0; i < kAfter; ++i) a.bus->publish("w:1", makeFrame("after" + std::to_string(i)));
  const auto got = texts(b.sockets[0]->take(kAfter, 5s));
  std::this_thread::sleep_for(200ms);
  auto all = got;
  for (const auto& t : texts(b.sockets[0]->take(0, 0ms))) all.push_back(t);
  std::vector<std::string> after;
  std::size_t during = 0;
  for (const auto& t : all) {
    if (t.rfind("after", 0) == 0) after.push_back(t);
    else if (t.rfind("during", 0) == 0) ++during;
    else ADD_FAILURE() << "unexpected frame " << t;
  }
  EXPECT_EQ(after, numbered("after", 0, kAfter)) << "frames flow again, in order, once each";
  EXPECT_EQ(std::set<std::string>(all.begin(), all.end()).size(), all.size()) << "a frame arrived twice";
  EXPECT_EQ(a.sockets[0]->take(kAfter, 1s).size(), static_cast<std::size_t>(kAfter));

  // Shutdown while Redis is down again returns at once.
  redis.kill9();
  ASSERT_TRUE(waitUntil([&] { return !a.bus->subscribed(); }, 5s));
  a.bus->publish("w:1", makeFrame("into the void"));
  const auto stop_started = Clock::now();
  a.bus->stop();
  b.bus->stop();
  const auto stop_ms = msSince(stop_started);
  EXPECT_LT(stop_ms, 1000);
  const auto sa = a.bus->stats();
  std::cout << "[ figures  ] kill -9: " << kBefore << " frames before, " << kDuring << " during the outage ("
            << "slowest publish " << slowest_us << " us), " << kAfter << " after; B got " << during
            << " of the outage frames late and every later one; back " << reconnect_ms
            << " ms after the restart; A: " << sa.published << " published, " << sa.lost_in_flight
            << " lost in flight, " << sa.dropped_queue_full << " dropped (queue full); stop of both buses with "
            << "Redis down took " << stop_ms << " ms\n";
}

}  // namespace
}  // namespace parley::test
