// Issue 16, item 3 on every backend: erasing a contact removes every row about it (and nothing of
// anyone else's), and retention deletes exactly what is past its age, in batches.
#include <fstream>
#include <iterator>

#include "store_fixture.h"

namespace parley::test {
namespace {

constexpr Millis kPrivacyDay = 24LL * 60 * 60 * 1000;

class PrivacyStoreTest : public BackendStoreTest {
 protected:
  // A contact with a conversation that has a visitor message with a file, an agent's reply, a
  // private note, a page view, a queued email, a digest item and a webhook delivery of its event.
  struct Seeded {
    Contact contact;
    Conversation conversation;
    std::int64_t offset = 0;
  };
  Seeded seed(const std::string& token, const std::string& word, Millis at) {
    Seeded s;
    s.contact = contact(token);
    s.contact.email = token + "@example.com";
    store->updateContact(s.contact);
    auto first = visitorMsg(s.contact, 0, "hello " + word, at);
    first.attachments_json = R"([{"url":"/uploads/0123456789abcdef0123456789abcdef.png","name":"a.png"}])";
    auto r = append(first);
    EXPECT_EQ(r.status, AppendResult::Status::Ok) << r.error;
    s.conversation = r.conversation;
    s.offset = r.offset;
    Agent a = agentFor();
    append(agentMsg(a, s.conversation.id, "reply " + word, at + 1));
    append(agentMsg(a, s.conversation.id, "note " + word, at + 2, true));
    pageView(s.contact, "https://shop.example/" + word, at);
    QueuedEmail e;
    e.workspace_id = ws.id;
    e.kind = "transcript";
    e.dedup_key = "transcript:" + token;
    e.conversation_id = s.conversation.id;
    e.envelope_from = "support@example.com";
    e.recipients = {*s.contact.email};
    e.subject = "Your conversation";
    e.mime = "Subject: x\r\n\r\n" + word + "\r\n";
    e.created_at = at;
    store->enqueueEmail(e, 1000);
    DigestItem d;
    d.workspace_id = ws.id;
    d.agent_id = a.id;
    d.conversation_id = s.conversation.id;
    d.excerpt = word;
    d.created_at = at;
    store->addDigestItem(d, 1000);
    WebhookDelivery wd;
    wd.workspace_id = ws.id;
    wd.webhook_id = hook_;
    wd.event_id = store->epoch() + ":" + std::to_string(s.offset);
    wd.event_type = "message.created";
    wd.request_body = "{\"body\":\"" + word + "\"}";
    wd.created_at = at;
    store->recordWebhookDelivery(wd);
    return s;
  }

  Agent agentFor() {
    if (!agent_) agent_ = agent("agent@example.com");
    return *agent_;
  }

  void SetUp() override {
    BackendStoreTest::SetUp();
    if (notSetUp()) return;
    Webhook w;
    w.workspace_id = ws.id;
    w.url = "https://hooks.example/";
    w.events = {"message.created"};
    w.secret = "0123456789abcdef";
    w.created_at = w.updated_at = 1000;
    hook_ = store->createWebhook(w, 10)->id;
  }

  bool deliveryMentions(const std::string& word) {
    for (const auto& d : store->webhookDeliveries(ws.id, hook_, 100))
      if (d.request_body.find(word) != std::string::npos) return true;
    return false;
  }
  bool emailMentions(const std::string& word) {
    for (const auto& e : store->recentEmails(ws.id, 100))
      if (e.mime.find(word) != std::string::npos) return true;
    return false;
  }

  std::optional<Agent> agent_;
  Id hook_ = 0;
};

TEST_P(PrivacyStoreTest, ErasingAContactRemovesEveryRowAboutItAndNothingElse) {
  auto gone = seed("gone", "zebracrossing", 10'000);
  auto kept = seed("kept", "lighthouse", 20'000);

  auto outcome = store->eraseContact(ws.id, gone.contact.id);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->contacts, 1);
  EXPECT_EQ(outcome->conversations, 1);
  EXPECT_EQ(outcome->messages, 3);
  EXPECT_EQ(outcome->page_views, 1);
  ASSERT_EQ(outcome->attachment_lists.size(), 1u);
  EXPECT_NE(outcome->attachment_lists[0].find("0123456789abcdef0123456789abcdef.png"), std::string::npos);

  reopen();
  EXPECT_FALSE(store->contactById(ws.id, gone.contact.id));
  EXPECT_FALSE(store->contactByVisitorToken(ws.id, "gone")) << "the visitor's token is gone with it";
  EXPECT_FALSE(store->conversationById(ws.id, gone.conversation.id));
  EXPECT_TRUE(store->messagesAfter(ws.id, gone.conversation.id, 0, 100, true).empty());
  EXPECT_TRUE(store->pageViews(ws.id, gone.contact.id, 100).empty());
  EXPECT_TRUE(store->searchMessages(ws.id, "zebracrossing", 10).empty()) << "out of the search index";
  EXPECT_TRUE(store->searchContacts(ws.id, "gone@example.com", 10).empty());
  for (const auto& e : store->eventsAfter(ws.id, 0, 1000)) EXPECT_NE(e.event.conversation_id, gone.conversation.id);
  EXPECT_FALSE(emailMentions("zebracrossing")) << "queued and sent emails about it";
  EXPECT_FALSE(deliveryMentions("zebracrossing")) << "webhook delivery logs with its text";
  for (const auto& d : store->digestItems(ws.id, agentFor().id)) EXPECT_NE(d.excerpt, "zebracrossing");

  // The other contact keeps everything.
  EXPECT_TRUE(store->contactById(ws.id, kept.contact.id));
  EXPECT_EQ(store->messagesAfter(ws.id, kept.conversation.id, 0, 100, true).size(), 3u);
  EXPECT_EQ(store->searchMessages(ws.id, "lighthouse", 10).size(), 3u);
  EXPECT_TRUE(emailMentions("lighthouse"));
  EXPECT_TRUE(deliveryMentions("lighthouse"));
  EXPECT_EQ(store->pageViews(ws.id, kept.contact.id, 100).size(), 1u);

  EXPECT_FALSE(store->eraseContact(ws.id, gone.contact.id)) << "erased once";
  Workspace other = workspace("Other");
  EXPECT_FALSE(store->eraseContact(other.id, kept.contact.id)) << "another workspace cannot erase it";
  store->scrubDeleted();
  EXPECT_EQ(store->searchMessages(ws.id, "lighthouse", 10).size(), 3u) << "the index still works after the merge";
}

TEST_P(PrivacyStoreTest, RetentionSettingsAreKeptPerWorkspaceAndZeroByDefault) {
  auto none = store->retentionSettings(ws.id);
  EXPECT_EQ(none.conversation_days, 0);
  EXPECT_EQ(none.page_view_days, 0);
  EXPECT_EQ(none.anonymous_contact_days, 0);
  store->saveRetentionSettings(ws.id, {30, 7, 90, 0}, 5000);
  reopen();
  auto s = store->retentionSettings(ws.id);
  EXPECT_EQ(s.conversation_days, 30);
  EXPECT_EQ(s.page_view_days, 7);
  EXPECT_EQ(s.anonymous_contact_days, 90);
  EXPECT_EQ(s.updated_at, 5000);
  Workspace other = workspace("Other");
  EXPECT_EQ(store->retentionSettings(other.id).conversation_days, 0);
}

TEST_P(PrivacyStoreTest, AWorkspaceIsClaimedByOneNodeUntilItsNextRun) {
  Workspace quiet = workspace("Quiet");
  store->saveRetentionSettings(quiet.id, {0, 0, 0, 0}, 1000);  // keeps forever: never claimed
  store->saveRetentionSettings(ws.id, {30, 0, 0, 0}, 1000);
  auto node_b = another();
  EXPECT_EQ(store->claimRetentionRuns(10'000, 10'000 + kPrivacyDay, 10), std::vector<Id>{ws.id});
  EXPECT_TRUE(node_b->claimRetentionRuns(10'000, 10'000 + kPrivacyDay, 10).empty()) << "claimed by the first node";
  EXPECT_TRUE(store->claimRetentionRuns(10'000 + kPrivacyDay - 1, 20'000 + kPrivacyDay, 10).empty());
  EXPECT_EQ(node_b->claimRetentionRuns(10'000 + kPrivacyDay, 20'000 + kPrivacyDay, 10), std::vector<Id>{ws.id});
  store->saveRetentionSettings(ws.id, {31, 0, 0, 0}, 1000);
  EXPECT_EQ(store->claimRetentionRuns(10'001, 20'000, 10), std::vector<Id>{ws.id}) << "a change runs at once";
}

TEST_P(PrivacyStoreTest, RetentionDeletesExactlyWhatIsPastItsAgeInBatches) {
  const Millis now = 400 * kPrivacyDay;
  // Conversations: last activity 100, 50 and 10 days ago; the rule keeps 30 days.
  std::vector<Seeded> convs;
  for (int days : {100, 50, 10}) convs.push_back(seed("c" + std::to_string(days), "word" + std::to_string(days), now - days * kPrivacyDay));
  // Page views: 20 and 3 days old, the rule keeps 7 days (on a contact the rules keep).
  Contact named = contact("named");
  named.name = "Named Person";
  named.last_seen_at = now - 200 * kPrivacyDay;
  store->updateContact(named);
  pageView(named, "https://shop.example/old", now - 20 * kPrivacyDay);
  pageView(named, "https://shop.example/new", now - 3 * kPrivacyDay);
  // Anonymous contacts: one never wrote, seen 120 days ago (goes); one seen 10 days ago (stays);
  // one wrote (stays, whatever its age, until its conversations age out).
  Contact silent = contact("silent");
  silent.last_seen_at = now - 120 * kPrivacyDay;
  store->updateContact(silent);
  Contact recent = contact("recent");
  recent.last_seen_at = now - 10 * kPrivacyDay;
  store->updateContact(recent);
  Contact wrote = contact("wrote");
  start(wrote, now - 5 * kPrivacyDay, "I did write");
  wrote.last_seen_at = now - 120 * kPrivacyDay;
  store->updateContact(wrote);

  store->saveRetentionSettings(ws.id, {30, 7, 90, 0}, 1000);
  auto first = store->applyRetention(ws.id, now, 1);
  EXPECT_EQ(first.conversations, 1) << "one conversation per batch of 1";
  EXPECT_EQ(first.contacts, 1);
  EXPECT_EQ(first.page_views, 1);
  std::int64_t conversations = first.conversations, page_views = first.page_views, contacts = first.contacts;
  int batches = 1;
  for (;;) {
    auto batch = store->applyRetention(ws.id, now, 1);
    EXPECT_LE(batch.conversations, 1);
    EXPECT_LE(batch.page_views, 1);
    if (batch.conversations + batch.contacts + batch.page_views == 0) break;
    conversations += batch.conversations;
    page_views += batch.page_views;
    contacts += batch.contacts;
    ASSERT_LT(++batches, 20);
  }
  EXPECT_EQ(conversations, 2) << "100 and 50 days";
  EXPECT_EQ(contacts, 1) << "the silent one";
  EXPECT_EQ(page_views, 4) << "the three seeded ones (3 days and more) and the old one";
  EXPECT_EQ(batches, 4);

  EXPECT_FALSE(store->conversationById(ws.id, convs[0].conversation.id));
  EXPECT_FALSE(store->conversationById(ws.id, convs[1].conversation.id));
  EXPECT_TRUE(store->conversationById(ws.id, convs[2].conversation.id));
  EXPECT_TRUE(store->searchMessages(ws.id, "word100", 10).empty());
  EXPECT_TRUE(store->searchMessages(ws.id, "word50", 10).empty());
  EXPECT_EQ(store->searchMessages(ws.id, "word10", 10).size(), 3u);
  EXPECT_FALSE(emailMentions("word100"));
  EXPECT_FALSE(deliveryMentions("word50"));
  EXPECT_TRUE(deliveryMentions("word10"));
  // Contacts whose conversations aged out stay: they are not anonymous (an email).
  EXPECT_TRUE(store->contactById(ws.id, convs[0].contact.id));
  EXPECT_FALSE(store->contactById(ws.id, silent.id));
  EXPECT_TRUE(store->contactById(ws.id, recent.id));
  EXPECT_TRUE(store->contactById(ws.id, wrote.id));
  auto views = store->pageViews(ws.id, named.id, 10);
  ASSERT_EQ(views.size(), 1u);
  EXPECT_EQ(views[0].url, "https://shop.example/new");
  // The page views of the seeded contacts were all older than 7 days.
  EXPECT_TRUE(store->pageViews(ws.id, convs[2].contact.id, 10).empty());

  store->saveRetentionSettings(ws.id, {0, 0, 0, 0}, 1000);
  auto off = store->applyRetention(ws.id, now + 1000 * kPrivacyDay, 100);
  EXPECT_EQ(off.conversations + off.contacts + off.page_views, 0) << "0 keeps forever";
}

PARLEY_ON_EVERY_STORE_BACKEND(PrivacyStoreTest);

std::string sqlitePrivacyFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// SQLite's own: the text leaves the file and its WAL (secure_delete, the index merge, the checkpoint).
TEST_F(StoreTest, SqliteErasedTextLeavesTheDatabaseFileAndItsWal) {
  const std::string marker = "qwxplumbicorn";
  Contact gone = contact("gone-token");
  gone.email = "erase-me-" + marker + "@example.com";
  store->updateContact(gone);
  auto conv = start(gone, 5000, "my secret " + marker + " text");
  for (int i = 0; i < 300; ++i) append(visitorMsg(gone, conv.id, "filler " + std::to_string(i) + " " + marker, 6000 + i));
  Contact kept = contact("kept-token");
  start(kept, 7000, "someone else entirely");
  ASSERT_FALSE(store->searchMessages(ws.id, marker, 10).empty()) << "indexed before the erasure";
  store->scrubDeleted();  // the text is in the main file now, not only in the WAL
  ASSERT_NE(sqlitePrivacyFileBytes(path_).find(marker), std::string::npos) << "the test looks at the right file";

  ASSERT_TRUE(store->eraseContact(ws.id, gone.id));
  store->scrubDeleted();
  EXPECT_EQ(sqlitePrivacyFileBytes(path_).find(marker), std::string::npos) << "found in the database file";
  EXPECT_EQ(sqlitePrivacyFileBytes(path_ + "-wal").find(marker), std::string::npos) << "found in the WAL";
  EXPECT_EQ(store->searchMessages(ws.id, "someone", 10).size(), 1u);
}

}  // namespace
}  // namespace parley::test
