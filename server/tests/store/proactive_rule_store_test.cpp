// ProactiveRuleStore on every backend: rules, the once-per-rule and workspace-wide caps (also under concurrent
// claims from two store instances, i.e. two nodes or two tabs), and the shown/opened/replied counts.
#include <atomic>
#include <barrier>
#include <thread>

#include "store_fixture.h"

namespace parley::test {
namespace {

class ProactiveRuleStoreTest : public BackendStoreTest {
 protected:
  ProactiveRule rule(const std::string& name, int priority = 0, bool enabled = true, Id workspace_id = 0) {
    ProactiveRule r;
    r.workspace_id = workspace_id ? workspace_id : ws.id;
    r.name = name;
    r.priority = priority;
    r.enabled = enabled;
    r.conditions_json = R"([{"type":"time_on_page","seconds":2}])";
    r.body = "Hi from " + name;
    r.created_at = r.updated_at = 1000;
    return store->createProactiveRule(r);
  }
  static constexpr Millis kHour = 3'600'000;
  static constexpr Millis kNow = 1'800'000'000'000;
};

TEST_P(ProactiveRuleStoreTest, RulesAreListedByPriorityAndScopedToTheirWorkspace) {
  auto low = rule("low", 1);
  auto high = rule("high", 9);
  auto other = workspace("Other");
  rule("theirs", 5, true, other.id);
  auto list = store->listProactiveRules(ws.id);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, high.id);
  EXPECT_EQ(list[1].id, low.id);
  EXPECT_EQ(store->countProactiveRules(ws.id), 2u);
  EXPECT_FALSE(store->proactiveRuleById(other.id, low.id));

  auto a = agent("sales@acme.test");
  low.name = "renamed";
  low.enabled = false;
  low.sender_agent_id = a.id;
  low.shown = 99;  // counts are the store's: ignored
  auto updated = store->updateProactiveRule(low);
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->name, "renamed");
  EXPECT_FALSE(updated->enabled);
  EXPECT_EQ(updated->sender_agent_id, a.id);
  EXPECT_EQ(updated->shown, 0);
  low.workspace_id = other.id;
  EXPECT_FALSE(store->updateProactiveRule(low));
  EXPECT_FALSE(store->deleteProactiveRule(other.id, high.id));
  EXPECT_TRUE(store->deleteProactiveRule(ws.id, high.id));
  EXPECT_EQ(store->countProactiveRules(ws.id), 1u);
}

TEST_P(ProactiveRuleStoreTest, CapHoursDefaultAndSet) {
  EXPECT_EQ(store->proactiveCapHours(ws.id), ProactiveLimits::kDefaultCapHours);
  store->setProactiveCapHours(ws.id, 2);
  store->setProactiveCapHours(ws.id, 3);
  EXPECT_EQ(store->proactiveCapHours(ws.id), 3);
}

TEST_P(ProactiveRuleStoreTest, OncePerRuleAndTheWorkspaceCap) {
  using S = ProactiveClaim::Status;
  store->setProactiveCapHours(ws.id, 1);
  auto first = rule("first", 2);
  auto second = rule("second", 1);
  auto off = rule("off", 5, false);
  auto c = contact("tok-1");
  EXPECT_EQ(store->proactiveRulesFor(ws.id, c.id, kNow).size(), 2u);  // the disabled one is not offered
  EXPECT_EQ(store->claimProactive(ws.id, off.id, c.id, kNow).status, S::NoRule);
  EXPECT_EQ(store->claimProactive(ws.id, first.id, c.id, kNow).status, S::Claimed);
  EXPECT_EQ(store->claimProactive(ws.id, first.id, c.id, kNow + 2 * kHour).status, S::AlreadyShown);
  EXPECT_EQ(store->claimProactive(ws.id, second.id, c.id, kNow + kHour / 2).status, S::Capped);
  EXPECT_TRUE(store->proactiveRulesFor(ws.id, c.id, kNow + kHour / 2).empty());  // inside the cap: none
  auto later = store->proactiveRulesFor(ws.id, c.id, kNow + 2 * kHour);
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0].id, second.id);
  EXPECT_EQ(store->claimProactive(ws.id, second.id, c.id, kNow + 2 * kHour).status, S::Claimed);
  // Another workspace cannot claim this contact or these rules.
  auto other = workspace("Other");
  auto theirs = rule("theirs", 0, true, other.id);
  EXPECT_EQ(store->claimProactive(other.id, theirs.id, c.id, kNow).status, S::NoRule);
  EXPECT_EQ(store->claimProactive(other.id, first.id, c.id, kNow).status, S::NoRule);
}

TEST_P(ProactiveRuleStoreTest, NoCapLetsEveryRuleThroughOnce) {
  using S = ProactiveClaim::Status;
  store->setProactiveCapHours(ws.id, 0);
  auto a = rule("a"), b = rule("b");
  auto c = contact("tok-1");
  EXPECT_EQ(store->claimProactive(ws.id, a.id, c.id, kNow).status, S::Claimed);
  EXPECT_EQ(store->claimProactive(ws.id, b.id, c.id, kNow).status, S::Claimed);
  EXPECT_EQ(store->claimProactive(ws.id, b.id, c.id, kNow).status, S::AlreadyShown);
}

TEST_P(ProactiveRuleStoreTest, AReleasedClaimFreesTheRuleAndTheCap) {
  using S = ProactiveClaim::Status;
  auto a = rule("a"), b = rule("b");
  auto c = contact("tok-1");
  ASSERT_EQ(store->claimProactive(ws.id, a.id, c.id, kNow).status, S::Claimed);
  store->releaseProactive(ws.id, a.id, c.id, kNow);
  EXPECT_EQ(store->claimProactive(ws.id, b.id, c.id, kNow + 1).status, S::Claimed);
  store->proactiveDelivered(ws.id, b.id, c.id, 1, 1);
  store->releaseProactive(ws.id, b.id, c.id, kNow + 1);  // delivered: nothing to give back
  EXPECT_EQ(store->claimProactive(ws.id, b.id, c.id, kNow + 2).status, S::AlreadyShown);
}

TEST_P(ProactiveRuleStoreTest, CountsShownOpenedAndRepliedOnce) {
  using S = ProactiveClaim::Status;
  auto r = rule("r");
  auto c = contact("tok-1");
  auto conv = start(c, 2000);
  ASSERT_EQ(store->claimProactive(ws.id, r.id, c.id, kNow).status, S::Claimed);
  EXPECT_FALSE(store->proactiveOpened(ws.id, r.id, c.id, kNow));  // not delivered yet
  EXPECT_EQ(store->proactiveReplied(ws.id, c.id, conv.id, kNow), 0);
  EXPECT_TRUE(store->proactiveDelivered(ws.id, r.id, c.id, conv.id, 42));
  EXPECT_FALSE(store->proactiveDelivered(ws.id, r.id, c.id, conv.id, 42));
  EXPECT_TRUE(store->proactiveOpened(ws.id, r.id, c.id, kNow + 1));
  EXPECT_FALSE(store->proactiveOpened(ws.id, r.id, c.id, kNow + 2));
  EXPECT_EQ(store->proactiveReplied(ws.id, c.id, conv.id + 1000, kNow + 3), 0);  // another conversation
  EXPECT_EQ(store->proactiveReplied(ws.id, c.id, conv.id, kNow + 3), 1);
  EXPECT_EQ(store->proactiveReplied(ws.id, c.id, conv.id, kNow + 4), 0);
  auto counted = store->proactiveRuleById(ws.id, r.id);
  ASSERT_TRUE(counted);
  EXPECT_EQ(counted->shown, 1);
  EXPECT_EQ(counted->opened, 1);
  EXPECT_EQ(counted->replied, 1);
}

// Two instances (two nodes, or one per tab's request) claim at the same moment, many times over: for each
// visitor exactly one claim wins, whether they race for one rule or for two rules under the cap.
TEST_P(ProactiveRuleStoreTest, ConcurrentClaimsSendOnce) {
  using S = ProactiveClaim::Status;
  auto a = rule("a"), b = rule("b");
  auto other = another();
  constexpr int kVisitors = 12;
  std::vector<Contact> visitors;
  for (int i = 0; i < kVisitors; ++i) visitors.push_back(contact("tok-" + std::to_string(i)));
  std::atomic<int> claimed{0}, refused{0};
  std::barrier sync(2);
  auto race = [&](Store& s, bool secondRule) {
    for (int i = 0; i < kVisitors; ++i) {
      // Even visitors: both race for rule a; odd ones: one for a, one for b (the cap decides).
      Id ruleId = (i % 2 == 1 && secondRule) ? b.id : a.id;
      sync.arrive_and_wait();
      auto st = s.claimProactive(ws.id, ruleId, visitors[i].id, kNow).status;
      (st == S::Claimed ? claimed : refused)++;
      if (st != S::Claimed) EXPECT_TRUE(st == S::AlreadyShown || st == S::Capped);
    }
  };
  std::thread t1([&] { race(*store, false); });
  std::thread t2([&] { race(*other, true); });
  t1.join();
  t2.join();
  EXPECT_EQ(claimed.load(), kVisitors);
  EXPECT_EQ(refused.load(), kVisitors);
}

PARLEY_ON_EVERY_STORE_BACKEND(ProactiveRuleStoreTest);

}  // namespace
}  // namespace parley::test
