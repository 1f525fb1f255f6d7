// The email outbox on every backend (store/mail_outbox_store.h): one email per dedup key, the
// per-workspace queue limit, the lease that gives each due email to one process, outcomes written
// only by the lease holder, the sent log trimmed, and the continuity marks (due once, cleared by
// the email that covers them, kept when a newer reply came meanwhile).
#include "store_fixture.h"

namespace parley::test {
namespace {

using MailOutboxStoreTest = BackendStoreTest;

QueuedEmail email(Id workspace_id, const std::string& key, Millis at = 5000, std::optional<Id> conversation = {}) {
  QueuedEmail e;
  e.workspace_id = workspace_id;
  e.kind = "transcript";
  e.dedup_key = key;
  e.conversation_id = conversation;
  e.envelope_from = "support@acme.test";
  e.recipients = {"jo@example.com", "sam@example.com"};
  e.subject = "Your conversation";
  e.mime = "Subject: x\r\n\r\nGrüße\r\n";
  e.next_attempt_at = at;
  e.created_at = at;
  return e;
}

TEST_P(MailOutboxStoreTest, OneEmailPerEventKeyAndClaimedByOneProcess) {
  EXPECT_EQ(store->enqueueEmail(email(ws.id, "transcript:1"), 1000), EnqueueResult::Queued);
  EXPECT_EQ(store->enqueueEmail(email(ws.id, "transcript:1"), 1000), EnqueueResult::Duplicate);
  Workspace other = workspace("Other");
  EXPECT_EQ(store->enqueueEmail(email(other.id, "transcript:1"), 1000), EnqueueResult::Queued) << "keys are per workspace";
  EXPECT_EQ(store->enqueueEmail(email(ws.id, "later", 9000), 1000), EnqueueResult::Queued);

  // Across workspaces, oldest due first: ws's and other's "transcript:1" (due 5000), not "later".
  auto a = store->claimDueEmails("node-a", 6000, 60'000, 10);
  ASSERT_EQ(a.size(), 2u) << "the one due at 9000 waits";
  EXPECT_EQ(a[0].workspace_id, ws.id);
  EXPECT_EQ(a[1].workspace_id, other.id);
  EXPECT_EQ(a[0].recipients, (std::vector<std::string>{"jo@example.com", "sam@example.com"}));
  EXPECT_EQ(a[0].mime, "Subject: x\r\n\r\nGrüße\r\n");
  EXPECT_EQ(a[0].state, QueuedEmailState::Queued);
  EXPECT_TRUE(store->claimDueEmails("node-b", 6000, 60'000, 10).empty()) << "leased to node-a";

  EXPECT_FALSE(store->saveEmailAttempt(a[0].id, "node-b", QueuedEmailState::Sent, 0, 0, "", 7000))
      << "only the lease holder writes the outcome";
  EXPECT_TRUE(store->saveEmailAttempt(a[0].id, "node-a", QueuedEmailState::Sent, 0, 0, "", 7000));
  EXPECT_FALSE(store->saveEmailAttempt(a[0].id, "node-a", QueuedEmailState::Failed, 1, 0, "x", 7000))
      << "sent is final";
  ASSERT_TRUE(store->saveEmailAttempt(a[1].id, "node-a", QueuedEmailState::Queued, 1, 20'000, "421 busy", 7000));

  // An outcome gives the lease up: the retry is anyone's once due.
  auto early = store->claimDueEmails("node-b", 19'000, 60'000, 10);
  ASSERT_EQ(early.size(), 1u);
  EXPECT_EQ(early[0].dedup_key, "later");
  auto b = store->claimDueEmails("node-b", 20'000, 60'000, 10);
  ASSERT_EQ(b.size(), 2u) << "the retry, and node-b's own lease again";
  EXPECT_EQ(b[1].id, a[1].id);
  EXPECT_EQ(b[1].attempt, 1);
  EXPECT_EQ(b[1].last_error, "421 busy");
  // A lease that ended goes to another process.
  EXPECT_EQ(store->claimDueEmails("node-c", 70'000, 90'000, 10).size(), 2u);
  store->releaseEmailLeases("node-c");
  EXPECT_EQ(store->claimDueEmails("node-d", 70'000, 90'000, 10).size(), 2u) << "released at once";

  auto log = store->recentEmails(ws.id, 10);
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].dedup_key, "later") << "newest first";
  EXPECT_EQ(log[1].state, QueuedEmailState::Sent);
  EXPECT_EQ(log[1].sent_at, 7000);
  EXPECT_TRUE(store->recentEmails(workspace("Third").id, 10).empty());
}

TEST_P(MailOutboxStoreTest, TheQueueOfAWorkspaceIsBounded) {
  for (int i = 0; i < 5; ++i) ASSERT_EQ(store->enqueueEmail(email(ws.id, "k" + std::to_string(i)), 5), EnqueueResult::Queued) << i;
  EXPECT_EQ(store->enqueueEmail(email(ws.id, "one-more"), 5), EnqueueResult::QueueFull);
  EXPECT_EQ(store->enqueueEmail(email(ws.id, "k0"), 5), EnqueueResult::Duplicate) << "a duplicate is still a duplicate";
  EXPECT_EQ(store->enqueueEmail(email(workspace("Other").id, "k0"), 5), EnqueueResult::Queued);
  // Sent ones do not count: the limit is on what waits.
  auto claimed = store->claimDueEmails("n", 9000, 20'000, 1);
  ASSERT_EQ(claimed.size(), 1u);
  ASSERT_TRUE(store->saveEmailAttempt(claimed[0].id, "n", QueuedEmailState::Sent, 0, 0, "", 9000));
  EXPECT_EQ(store->enqueueEmail(email(ws.id, "one-more"), 5), EnqueueResult::Queued);
}

TEST_P(MailOutboxStoreTest, ContinuityIsDueOnceAndClearedByTheEmailThatCoversIt) {
  auto c = start(contact("v1"), 1000);
  store->markContinuityDue(ws.id, c.id, 2, 301'000);
  store->markContinuityDue(ws.id, c.id, 3, 302'000);  // a second reply: due at the first one's time
  EXPECT_TRUE(store->dueContinuity(300'999, 10).empty());
  auto due = store->dueContinuity(301'000, 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].conversation_id, c.id);
  EXPECT_EQ(due[0].workspace_id, ws.id);
  EXPECT_EQ(due[0].emailed_vseq, 0);
  EXPECT_EQ(due[0].due_at, 301'000);

  // The email covers the replies through vseq 3: no longer due, and the mark remembers it.
  auto e = email(ws.id, "continuity:" + std::to_string(c.id) + ":3", 301'000, c.id);
  EXPECT_EQ(store->enqueueContinuityEmail(e, 3, 1000), EnqueueResult::Queued);
  EXPECT_TRUE(store->dueContinuity(999'999, 10).empty());
  EXPECT_EQ(store->enqueueContinuityEmail(e, 3, 1000), EnqueueResult::Duplicate);

  // A newer reply makes it due again, with the emailed mark.
  store->markContinuityDue(ws.id, c.id, 5, 400'000);
  due = store->dueContinuity(400'000, 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].emailed_vseq, 3);
  // The visitor read through 4 but a reply at 5 was marked: clearing through 4 keeps it due.
  store->clearContinuityDue(c.id, 4);
  EXPECT_EQ(store->dueContinuity(400'000, 10).size(), 1u);
  store->clearContinuityDue(c.id, 5);
  EXPECT_TRUE(store->dueContinuity(400'000, 10).empty());

  // An email covering less than the newest marked reply leaves the conversation due.
  store->markContinuityDue(ws.id, c.id, 7, 500'000);
  EXPECT_EQ(store->enqueueContinuityEmail(email(ws.id, "continuity:x:6", 500'000, c.id), 6, 1000), EnqueueResult::Queued);
  due = store->dueContinuity(500'000, 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].emailed_vseq, 6);
}

}  // namespace

PARLEY_ON_EVERY_STORE_BACKEND(MailOutboxStoreTest);

// The one-address-per-line column both backends share: round trip, and blank lines are no address.
TEST(MailRecipientsColumn, JoinsOnePerLineAndSplitsBackSkippingBlankLines) {
  EXPECT_EQ(joinMailRecipients({"a@x.test", "b@y.test"}), "a@x.test\nb@y.test");
  EXPECT_EQ(joinMailRecipients({}), "");
  EXPECT_EQ(splitMailRecipients("a@x.test\nb@y.test"), (std::vector<std::string>{"a@x.test", "b@y.test"}));
  EXPECT_EQ(splitMailRecipients("\na@x.test\n\nb@y.test\n"), (std::vector<std::string>{"a@x.test", "b@y.test"}));
  EXPECT_TRUE(splitMailRecipients("").empty());
  EXPECT_TRUE(splitMailRecipients("\n\n").empty());
}

}  // namespace parley::test
