// Agents' notification items on every backend (store/agent_digest_store.h): one per agent and
// conversation, at most N per agent (the newest ignored), due by the oldest, and the digest that
// enqueues one email and deletes what it covered in the same transaction, once across nodes.
#include "store_fixture.h"

namespace parley::test {
namespace {

using AgentDigestStoreTest = BackendStoreTest;

DigestItem digestItemFor(const Agent& a, Id conversation_id, Millis at, DigestItemKind kind = DigestItemKind::NewConversation) {
  DigestItem d;
  d.workspace_id = a.workspace_id;
  d.agent_id = a.id;
  d.conversation_id = conversation_id;
  d.kind = kind;
  d.excerpt = "Hallo, könnt ihr helfen?";
  d.created_at = at;
  return d;
}

QueuedEmail digestEmailFor(const Agent& a, Id through, Millis at) {
  QueuedEmail e;
  e.workspace_id = a.workspace_id;
  e.kind = "agent_notification";
  e.dedup_key = "agent_digest:" + std::to_string(a.id) + ":" + std::to_string(through);
  e.envelope_from = "support@acme.test";
  e.recipients = {a.email};
  e.subject = "2 updates - Acme";
  e.mime = "Subject: x\r\n\r\nx\r\n";
  e.next_attempt_at = at;
  e.created_at = at;
  return e;
}

TEST_P(AgentDigestStoreTest, ItemsWaitPerAgentAndAreDueByTheOldest) {
  Agent sam = agent("sam@acme.test");
  Agent kim = agent("kim@acme.test");
  ASSERT_TRUE(store->addDigestItem(digestItemFor(sam, 11, 1000), 50));
  ASSERT_TRUE(store->addDigestItem(digestItemFor(sam, 12, 5000, DigestItemKind::Reply), 50));
  EXPECT_FALSE(store->addDigestItem(digestItemFor(sam, 12, 6000, DigestItemKind::Reply), 50))
      << "one line per conversation";
  ASSERT_TRUE(store->addDigestItem(digestItemFor(kim, 12, 3000), 50)) << "per agent";

  EXPECT_TRUE(store->dueDigests(999, 10).empty());
  auto due = store->dueDigests(1000, 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].agent_id, sam.id);
  EXPECT_EQ(due[0].workspace_id, ws.id);
  due = store->dueDigests(4000, 10);
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].agent_id, sam.id) << "oldest first";
  EXPECT_EQ(due[1].agent_id, kim.id);
  EXPECT_EQ(store->dueDigests(4000, 1).size(), 1u);

  auto items = store->digestItems(ws.id, sam.id);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].conversation_id, 11);
  EXPECT_EQ(items[0].kind, DigestItemKind::NewConversation);
  EXPECT_EQ(items[0].excerpt, "Hallo, könnt ihr helfen?");
  EXPECT_EQ(items[0].created_at, 1000);
  EXPECT_EQ(items[1].kind, DigestItemKind::Reply);
  EXPECT_LT(items[0].id, items[1].id);
  EXPECT_TRUE(store->digestItems(workspace("Other").id, sam.id).empty()) << "scoped by workspace";
}

TEST_P(AgentDigestStoreTest, AnAgentsItemsAreBoundedTheNewestIgnored) {
  Agent sam = agent("sam@acme.test");
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(store->addDigestItem(digestItemFor(sam, 100 + i, 1000 + i), 3)) << i;
  EXPECT_FALSE(store->addDigestItem(digestItemFor(sam, 200, 2000), 3));
  auto items = store->digestItems(ws.id, sam.id);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items.back().conversation_id, 102) << "the oldest are kept";
  EXPECT_TRUE(store->addDigestItem(digestItemFor(agent("kim@acme.test"), 200, 2000), 3)) << "another agent's own bound";
}

TEST_P(AgentDigestStoreTest, TheDigestEmailTakesTheItemsOnceAcrossNodes) {
  Agent sam = agent("sam@acme.test");
  ASSERT_TRUE(store->addDigestItem(digestItemFor(sam, 11, 1000), 50));
  ASSERT_TRUE(store->addDigestItem(digestItemFor(sam, 12, 2000), 50));
  auto items = store->digestItems(ws.id, sam.id);
  ASSERT_EQ(items.size(), 2u);
  const Id through = items.back().id;
  // Another node read the same items; an item comes after both read them.
  auto node2 = another();
  ASSERT_EQ(node2->digestItems(ws.id, sam.id).size(), 2u);
  ASSERT_TRUE(store->addDigestItem(digestItemFor(sam, 13, 3000), 50));

  EXPECT_EQ(store->enqueueDigestEmail(digestEmailFor(sam, through, 9000), sam.id, through, 1000), EnqueueResult::Queued);
  EXPECT_EQ(node2->enqueueDigestEmail(digestEmailFor(sam, through, 9000), sam.id, through, 1000),
            EnqueueResult::Duplicate)
      << "the second node stores no second email";
  EXPECT_EQ(store->recentEmails(ws.id, 10).size(), 1u);
  items = store->digestItems(ws.id, sam.id);
  ASSERT_EQ(items.size(), 1u) << "the one after `through` waits for the next digest";
  EXPECT_EQ(items[0].conversation_id, 13);
  EXPECT_TRUE(store->dueDigests(2999, 10).empty()) << "due by the oldest left";
  EXPECT_EQ(store->dueDigests(3000, 10).size(), 1u);

  // A full outbox changes nothing: the items wait.
  const Id last = items[0].id;
  ASSERT_EQ(store->enqueueEmail(digestEmailFor(sam, 999'999, 9000), 1000), EnqueueResult::Queued);
  EXPECT_EQ(store->enqueueDigestEmail(digestEmailFor(sam, last, 9000), sam.id, last, 2), EnqueueResult::QueueFull);
  EXPECT_EQ(store->digestItems(ws.id, sam.id).size(), 1u);

  store->dropDigestItems(ws.id, sam.id, last);
  EXPECT_TRUE(store->digestItems(ws.id, sam.id).empty());
  EXPECT_TRUE(store->dueDigests(1'000'000, 10).empty());
}

TEST_P(AgentDigestStoreTest, ItemsSurviveARestart) {
  Agent sam = agent("sam@acme.test");
  ASSERT_TRUE(store->addDigestItem(digestItemFor(sam, 11, 1000), 50));
  reopen();
  EXPECT_EQ(store->digestItems(ws.id, sam.id).size(), 1u);
}

}  // namespace

PARLEY_ON_EVERY_STORE_BACKEND(AgentDigestStoreTest);

}  // namespace parley::test
