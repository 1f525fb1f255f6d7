// Webhooks on every backend (store/webhook_store.h): subscriptions scoped to their workspace and
// capped, PATCH resuming a paused one, the lease that gives each subscription to one node at a
// time, progress written only by the lease holder, the delivery log trimmed to its newest rows,
// and the facts the event log lacks (a contact's first conversation, ratings reported once).
#include "store_fixture.h"

namespace parley::test {
namespace {

using WebhookStoreTest = BackendStoreTest;

Webhook newHook(Id workspace_id, const std::string& url, Millis at = 5000) {
  Webhook w;
  w.workspace_id = workspace_id;
  w.url = url;
  w.events = {"conversation.created", "message.created"};
  w.secret = "0123456789abcdef";
  w.cursor = 0;
  w.created_at = w.updated_at = at;
  return w;
}

TEST_P(WebhookStoreTest, SubscriptionsAreScopedToTheirWorkspaceAndCapped) {
  auto a = store->createWebhook(newHook(ws.id, "https://a.example/"), 2);
  ASSERT_TRUE(a);
  EXPECT_GT(a->id, 0);
  EXPECT_EQ(a->cursor, 0);
  EXPECT_TRUE(a->active);
  ASSERT_TRUE(store->createWebhook(newHook(ws.id, "https://b.example/"), 2));
  EXPECT_FALSE(store->createWebhook(newHook(ws.id, "https://c.example/"), 2)) << "the third is over the cap";
  Workspace other = workspace("Other");
  ASSERT_TRUE(store->createWebhook(newHook(other.id, "https://c.example/"), 2));

  auto list = store->listWebhooks(ws.id);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].url, "https://a.example/");
  EXPECT_EQ(list[0].events, (std::vector<std::string>{"conversation.created", "message.created"}));
  EXPECT_EQ(list[0].secret, "0123456789abcdef");
  EXPECT_FALSE(store->webhookById(other.id, a->id)) << "another workspace cannot read it";
  EXPECT_FALSE(store->deleteWebhook(other.id, a->id));
  EXPECT_FALSE(store->updateWebhook(other.id, a->id, {.url = "https://x.example/"}, 6000));

  auto changed = store->updateWebhook(ws.id, a->id, {.url = "https://a2.example/", .events = std::vector<std::string>{"csat.submitted"}}, 6000);
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->url, "https://a2.example/");
  EXPECT_EQ(changed->events, (std::vector<std::string>{"csat.submitted"}));
  EXPECT_EQ(changed->updated_at, 6000);
  EXPECT_TRUE(store->deleteWebhook(ws.id, a->id));
  EXPECT_FALSE(store->webhookById(ws.id, a->id));
  EXPECT_EQ(store->listWebhooks(ws.id).size(), 1u);
}

TEST_P(WebhookStoreTest, OnlySubscriptionsWithEventsAfterTheirCursorAreClaimed) {
  auto w = store->createWebhook(newHook(ws.id, "https://a.example/"), 20);
  ASSERT_TRUE(w);
  EXPECT_TRUE(store->claimDueWebhooks("node-a", 10'000, 40'000, 10).empty()) << "no events yet";
  start(contact("c1"), 1000);
  const auto last = store->lastOffset(ws.id);
  ASSERT_EQ(store->claimDueWebhooks("node-a", 10'000, 40'000, 10).size(), 1u);
  ASSERT_TRUE(store->saveWebhookProgress(w->id, "node-a", WebhookProgress{.cursor = last}, 40'000));
  EXPECT_TRUE(store->claimDueWebhooks("node-a", 20'000, 50'000, 10).empty()) << "idle: nothing after its cursor";
  Workspace other = workspace("Other");
  ASSERT_TRUE(store->createWebhook(newHook(other.id, "https://b.example/"), 20));
  EXPECT_TRUE(store->claimDueWebhooks("node-a", 20'000, 50'000, 10).empty()) << "another workspace's events do not count";
}

TEST_P(WebhookStoreTest, OneOwnerAtATimeHoldsASubscriptionUntilItsLeaseEnds) {
  auto w = store->createWebhook(newHook(ws.id, "https://a.example/"), 20);
  ASSERT_TRUE(w);
  start(contact("c1"), 1000);
  auto mine = store->claimDueWebhooks("node-a", 10'000, 40'000, 10);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_TRUE(store->claimDueWebhooks("node-b", 20'000, 50'000, 10).empty()) << "held by node-a";
  EXPECT_EQ(store->claimDueWebhooks("node-a", 20'000, 50'000, 10).size(), 1u) << "renewed by its holder";
  auto second = another();
  EXPECT_TRUE(second->claimDueWebhooks("node-b", 49'000, 80'000, 10).empty());

  WebhookProgress p{.cursor = 1, .attempt = 0};
  EXPECT_TRUE(store->saveWebhookProgress(w->id, "node-a", p, 60'000));
  EXPECT_FALSE(second->saveWebhookProgress(w->id, "node-b", WebhookProgress{.cursor = 1}, 90'000))
      << "only the holder writes";
  EXPECT_EQ(store->webhookById(ws.id, w->id)->cursor, 1);

  auto taken = second->claimDueWebhooks("node-b", 60'001, 90'000, 10);
  ASSERT_EQ(taken.size(), 1u) << "the lease ended: another node continues";
  EXPECT_EQ(taken[0].cursor, 1);
  EXPECT_FALSE(store->saveWebhookProgress(w->id, "node-a", p, 100'000)) << "node-a lost it";
  second->releaseWebhookLeases("node-b");
  EXPECT_EQ(store->claimDueWebhooks("node-a", 61'000, 90'000, 10).size(), 1u) << "released at once";
}

TEST_P(WebhookStoreTest, AFailingSubscriptionWaitsThenPausesAndPatchResumesIt) {
  auto w = store->createWebhook(newHook(ws.id, "https://a.example/"), 20);
  start(contact("c1"), 1000);
  ASSERT_TRUE(store->claimDueWebhooks("node-a", 10'000, 40'000, 10).size() == 1);
  WebhookProgress failing{.cursor = 1, .attempt = 2, .failing_since = 10'000, .next_attempt_at = 30'000};
  ASSERT_TRUE(store->saveWebhookProgress(w->id, "node-a", failing, 40'000));
  EXPECT_TRUE(store->claimDueWebhooks("node-a", 20'000, 50'000, 10).empty()) << "not due before its retry";
  EXPECT_EQ(store->claimDueWebhooks("node-a", 30'000, 60'000, 10).size(), 1u);
  auto got = store->webhookById(ws.id, w->id);
  EXPECT_EQ(got->attempt, 2);
  EXPECT_EQ(got->failing_since, 10'000);

  WebhookProgress paused = failing;
  paused.paused_at = 90'000;
  paused.pause_reason = "no successful delivery for 24 hours";
  ASSERT_TRUE(store->saveWebhookProgress(w->id, "node-a", paused, 100'000));
  got = store->webhookById(ws.id, w->id);
  EXPECT_FALSE(got->active);
  EXPECT_EQ(got->paused_at, 90'000);
  EXPECT_EQ(got->pause_reason, "no successful delivery for 24 hours");
  EXPECT_TRUE(store->claimDueWebhooks("node-a", 200'000, 300'000, 10).empty()) << "a paused one is not delivered";

  auto resumed = store->updateWebhook(ws.id, w->id, {.active = true}, 210'000);
  ASSERT_TRUE(resumed);
  EXPECT_TRUE(resumed->active);
  EXPECT_FALSE(resumed->paused_at);
  EXPECT_EQ(resumed->attempt, 0);
  EXPECT_FALSE(resumed->failing_since);
  EXPECT_EQ(resumed->cursor, 1) << "from where it stopped";
  EXPECT_EQ(store->claimDueWebhooks("node-a", 210'001, 300'000, 10).size(), 1u);
  ASSERT_TRUE(store->saveWebhookProgress(w->id, "node-a", failing, 300'000));
  auto moved = store->updateWebhook(ws.id, w->id, {.url = "https://fixed.example/"}, 215'000);
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->attempt, 0) << "a new endpoint starts a new failure run";
  EXPECT_FALSE(moved->failing_since);
  EXPECT_EQ(moved->next_attempt_at, 0);
  ASSERT_TRUE(store->updateWebhook(ws.id, w->id, {.active = false}, 220'000));
  EXPECT_TRUE(store->claimDueWebhooks("node-a", 230'000, 300'000, 10).empty());
}

TEST_P(WebhookStoreTest, TheDeliveryLogKeepsTheNewestRows) {
  auto w = store->createWebhook(newHook(ws.id, "https://a.example/"), 20);
  ASSERT_TRUE(w);
  Id first = 0, last = 0;
  for (std::size_t i = 0; i < kWebhookDeliveriesKept + 5; ++i) {
    WebhookDelivery d;
    d.workspace_id = ws.id;
    d.webhook_id = w->id;
    d.event_id = "ep:" + std::to_string(i);
    d.event_type = "message.created";
    d.attempt = 1;
    d.ok = i % 2 == 0;
    d.status = d.ok ? 200 : 500;
    d.error = d.ok ? "" : "status 500";
    d.response_excerpt = "ok";
    d.request_body = "{}";
    d.duration_ms = 3;
    d.created_at = 1000 + static_cast<Millis>(i);
    auto stored = store->recordWebhookDelivery(d);
    if (i == 0) first = stored.id;
    last = stored.id;
  }
  auto log = store->webhookDeliveries(ws.id, w->id, 1000);
  ASSERT_EQ(log.size(), kWebhookDeliveriesKept);
  EXPECT_EQ(log.front().id, last) << "newest first";
  EXPECT_EQ(log.front().event_id, "ep:" + std::to_string(kWebhookDeliveriesKept + 4));
  EXPECT_FALSE(store->webhookDeliveryById(ws.id, w->id, first)) << "the oldest went";
  auto one = store->webhookDeliveryById(ws.id, w->id, last);
  ASSERT_TRUE(one);
  EXPECT_TRUE(one->ok);
  EXPECT_EQ(one->status, 200);
  EXPECT_EQ(one->kind, "event");
  Workspace other = workspace("Other");
  EXPECT_FALSE(store->webhookDeliveryById(other.id, w->id, last));
  EXPECT_TRUE(store->webhookDeliveries(other.id, w->id, 10).empty());
  EXPECT_EQ(store->webhookDeliveries(ws.id, w->id, 3).size(), 3u);
}

TEST_P(WebhookStoreTest, FactsTheEventLogLacks) {
  auto w = store->createWebhook(newHook(ws.id, "https://a.example/"), 20);
  Contact c = contact("t1");
  Conversation one = start(c, 1000);
  ASSERT_TRUE(store->updateConversation(ws.id, one.id, statusPatch(ConversationStatus::Resolved), 2000));
  Conversation two = start(c, 3000);
  EXPECT_TRUE(store->isFirstConversationOfContact(ws.id, c.id, one.id));
  EXPECT_FALSE(store->isFirstConversationOfContact(ws.id, c.id, two.id));
  EXPECT_FALSE(store->webhookCsatReported(w->id, one.id));
  store->markWebhookCsatReported(w->id, one.id);
  store->markWebhookCsatReported(w->id, one.id);
  EXPECT_TRUE(store->webhookCsatReported(w->id, one.id));
  EXPECT_FALSE(store->webhookCsatReported(w->id, two.id));
}

TEST_P(WebhookStoreTest, AClaimTakesNoMoreThanItsLimit) {
  // On PostgreSQL the claim's pick once ran as a subquery the planner rescanned per row: LIMIT 1
  // claimed every due subscription.
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(store->createWebhook(newHook(ws.id, "https://" + std::to_string(i) + ".example/"), 20));
  start(contact("c1"), 1000);
  EXPECT_EQ(store->claimDueWebhooks("node-a", 10'000, 40'000, 1).size(), 1u);
  EXPECT_EQ(store->claimDueWebhooks("node-b", 10'000, 40'000, 2).size(), 2u);
  EXPECT_EQ(store->claimDueWebhooks("node-c", 10'000, 40'000, 10).size(), 1u) << "the one left";
}

}  // namespace

PARLEY_ON_EVERY_STORE_BACKEND(WebhookStoreTest);

}  // namespace parley::test
