// Visitor presence for agents: a lone change at once, a burst as few frames with each visitor's
// latest state.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <mutex>
#include <thread>

#include "bus/visitor_presence_batcher.h"

namespace parley {
namespace {

using namespace std::chrono_literals;

struct Published {
  std::mutex mu;
  std::vector<std::pair<Id, std::vector<VisitorPresenceChange>>> calls;
  std::size_t count() {
    std::lock_guard lock(mu);
    return calls.size();
  }
};

VisitorPresenceBatcher::Publish recordInto(Published& p) {
  return [&p](Id ws, const std::vector<VisitorPresenceChange>& c) {
    std::lock_guard lock(p.mu);
    p.calls.emplace_back(ws, c);
  };
}

void waitFor(Published& p, std::size_t n) {
  for (int i = 0; i < 200 && p.count() < n; ++i) std::this_thread::sleep_for(5ms);
}

TEST(VisitorPresenceBatcherTest, ALoneChangeGoesOutAtOnce) {
  Published p;
  VisitorPresenceBatcher b(recordInto(p), 50ms);
  b.changed(1, {7, true, "/pricing", "Pricing"});
  ASSERT_EQ(p.count(), 1u) << "published synchronously, no window to wait for";
  EXPECT_EQ(p.calls[0].first, 1);
  ASSERT_EQ(p.calls[0].second.size(), 1u);
  EXPECT_EQ(p.calls[0].second[0].contact_id, 7);
  EXPECT_EQ(p.calls[0].second[0].url, "/pricing");
}

TEST(VisitorPresenceBatcherTest, ABurstBecomesOneBatchWithTheLatestStatePerVisitor) {
  Published p;
  VisitorPresenceBatcher b(recordInto(p), 100ms);
  for (Id c = 1; c <= 500; ++c) b.changed(1, {c, true, "/a", ""});
  b.changed(1, {3, false, "", ""});  // visitor 3 left again within the burst
  b.changed(1, {4, true, "/b", "B"});
  waitFor(p, 2);
  std::this_thread::sleep_for(150ms);  // and no third frame for the same burst
  ASSERT_EQ(p.count(), 2u) << "the first change at once, the other 501 as one batch";
  const auto& batch = p.calls[1].second;
  ASSERT_EQ(batch.size(), 499u) << "visitors 2..500, each once";
  std::map<Id, VisitorPresenceChange> by_id;
  for (const auto& c : batch) by_id[c.contact_id] = c;
  EXPECT_FALSE(by_id.at(3).online);
  EXPECT_EQ(by_id.at(4).url, "/b");
  EXPECT_TRUE(by_id.at(500).online);
}

TEST(VisitorPresenceBatcherTest, AfterAQuietWindowTheNextChangeIsImmediateAgain) {
  Published p;
  VisitorPresenceBatcher b(recordInto(p), 30ms);
  b.changed(1, {1, true, "", ""});
  std::this_thread::sleep_for(120ms);  // the window ends empty and closes
  b.changed(1, {2, true, "", ""});
  EXPECT_EQ(p.count(), 2u);
}

TEST(VisitorPresenceBatcherTest, WorkspacesHaveTheirOwnWindows) {
  Published p;
  VisitorPresenceBatcher b(recordInto(p), 100ms);
  b.changed(1, {1, true, "", ""});
  b.changed(2, {2, true, "", ""});
  EXPECT_EQ(p.count(), 2u) << "a busy workspace does not delay another one's first change";
  b.changed(1, {3, true, "", ""});
  waitFor(p, 3);
  ASSERT_EQ(p.count(), 3u);
  EXPECT_EQ(p.calls[2].first, 1);
}

}  // namespace
}  // namespace parley
