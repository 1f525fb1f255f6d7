// Contacts: tokens, page views, search, identify merges.
#include "store_fixture.h"

namespace parley::test {
namespace {

using ContactsTest = BackendStoreTest;

TEST_P(ContactsTest, FoundByTokenHashWithinItsWorkspace) {
  Contact c;
  c.workspace_id = ws.id;
  c.name = "Vera";
  c.country = "DE";
  c.browser = "Firefox 120";
  c.first_seen_at = 10;
  c.last_seen_at = 20;
  Contact made = store->createContact(c, "tokhash");
  EXPECT_GT(made.id, 0);
  auto found = store->contactByVisitorToken(ws.id, "tokhash");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, made.id);
  EXPECT_EQ(found->name, "Vera");
  EXPECT_EQ(found->country, "DE");
  EXPECT_FALSE(found->email);
  EXPECT_EQ(found->attributes_json, "{}");
  EXPECT_FALSE(store->contactByVisitorToken(ws.id, "other"));
  auto other_ws = workspace("Other", 2000);
  EXPECT_FALSE(store->contactByVisitorToken(other_ws.id, "tokhash"));
  EXPECT_FALSE(store->contactById(other_ws.id, made.id));
  EXPECT_THROW(contact("tokhash"), StoreConflict);
  // Contacts without a token do not collide with each other.
  contact("");
  contact("");
  EXPECT_FALSE(store->contactByVisitorToken(ws.id, ""));
}

TEST_P(ContactsTest, UpdateAndExternalIdIsUniquePerWorkspace) {
  Contact a = contact("a");
  Contact b = contact("b");
  a.external_id = "user-1";
  a.email = "v@example.com";
  a.attributes_json = R"({"plan":"pro"})";
  store->updateContact(a);
  auto found = store->contactByExternalId(ws.id, "user-1");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, a.id);
  EXPECT_EQ(found->attributes_json, R"({"plan":"pro"})");
  b.external_id = "user-1";
  EXPECT_THROW(store->updateContact(b), StoreConflict);
  auto other_ws = workspace("Other", 2000);
  Contact c = contact("c", other_ws.id);
  c.external_id = "user-1";
  EXPECT_NO_THROW(store->updateContact(c));
}

TEST_P(ContactsTest, PageViewsNewestFirstAndCurrentPage) {
  Contact c = contact("t");
  pageView(c, "https://a/1", 2000, "One");
  pageView(c, "https://a/3", 4000, "Three");
  pageView(c, "https://a/2", 3000, "Two", "https://google");
  auto views = store->pageViews(ws.id, c.id, 10);
  ASSERT_EQ(views.size(), 3u);
  EXPECT_EQ(views[0].url, "https://a/3");
  EXPECT_EQ(views[1].url, "https://a/2");
  EXPECT_EQ(views[1].referrer, "https://google");
  EXPECT_EQ(views[2].url, "https://a/1");
  EXPECT_EQ(store->pageViews(ws.id, c.id, 2).size(), 2u);

  auto after = store->contactById(ws.id, c.id);
  EXPECT_EQ(after->current_url, "https://a/2") << "the last view reported is the current page";
  EXPECT_EQ(after->last_seen_at, 4000) << "last_seen_at never moves back";

  auto other_ws = workspace("Other", 2000);
  pageView(c, "https://evil", 5000, "", "", other_ws.id);
  EXPECT_EQ(store->pageViews(ws.id, c.id, 10).size(), 3u);
  EXPECT_TRUE(store->pageViews(other_ws.id, c.id, 10).empty());
}

TEST_P(ContactsTest, SearchByNameEmailOrExternalId) {
  Contact a = contact("a");
  a.name = "Maria Lopez";
  a.email = "maria@shop.test";
  a.last_seen_at = 3000;
  store->updateContact(a);
  Contact b = contact("b");
  b.name = "Mario";
  b.external_id = "cust_100%";
  b.last_seen_at = 4000;
  store->updateContact(b);

  auto hits = store->searchContacts(ws.id, "MARI", 10);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].id, b.id) << "newest seen first";
  EXPECT_EQ(store->searchContacts(ws.id, "shop.test", 10).size(), 1u);
  EXPECT_EQ(store->searchContacts(ws.id, "100%", 10).size(), 1u);
  EXPECT_TRUE(store->searchContacts(ws.id, "a%", 10).empty()) << "LIKE wildcards are literal";
  EXPECT_TRUE(store->searchContacts(ws.id, "m_ria", 10).empty()) << "LIKE wildcards are literal";
  EXPECT_TRUE(store->searchContacts(ws.id, "   ", 10).empty());
  auto other_ws = workspace("Other", 2000);
  EXPECT_TRUE(store->searchContacts(other_ws.id, "mari", 10).empty());
}

TEST_P(ContactsTest, MergeMovesHistoryToTheKnownContact) {
  Contact known = contact("known");
  known.external_id = "user-7";
  known.name = "Known";
  store->updateContact(known);
  Contact anon = contact("anon");
  anon.email = "anon@example.com";
  anon.last_seen_at = 9000;
  store->updateContact(anon);
  Conversation conv = start(anon, 5000);
  pageView(anon, "https://a", 6000);
  std::int64_t before = store->lastOffset(ws.id);

  auto merged = store->mergeContacts(ws.id, anon.id, known.id, "newtoken", 9500);
  ASSERT_TRUE(merged);
  EXPECT_EQ(merged->contact.id, known.id);
  EXPECT_EQ(merged->contact.name, "Known");
  EXPECT_EQ(merged->contact.email, "anon@example.com");
  EXPECT_EQ(merged->contact.last_seen_at, 9000);
  ASSERT_EQ(merged->moved.size(), 1u);
  EXPECT_EQ(merged->moved[0].conversation.contact_id, known.id);
  EXPECT_GT(merged->moved[0].offset, before);

  EXPECT_FALSE(store->contactById(ws.id, anon.id));
  EXPECT_FALSE(store->contactByVisitorToken(ws.id, "anon"));
  ASSERT_TRUE(store->contactByVisitorToken(ws.id, "known")) << "the known contact's other devices keep their token";
  EXPECT_EQ(store->contactByVisitorToken(ws.id, "known")->id, known.id);
  EXPECT_EQ(store->contactByVisitorToken(ws.id, "newtoken")->id, known.id);
  EXPECT_EQ(store->pageViews(ws.id, known.id, 10).size(), 1u);
  auto msgs = store->messagesAfter(ws.id, conv.id, 0, 10, true);
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_EQ(msgs[0].sender_id, known.id);

  // The known contact can keep writing in the moved conversation.
  auto r = append(visitorMsg(*store->contactById(ws.id, known.id), conv.id, "still me", 10000));
  EXPECT_EQ(r.status, AppendResult::Status::Ok);
  EXPECT_FALSE(store->mergeContacts(ws.id, anon.id, known.id, "x", 11000)) << "already merged";
}

TEST_P(ContactsTest, ContactsSeenSince) {
  Contact a = contact("a");
  Contact b = contact("b");
  pageView(b, "https://a", 8000);
  auto seen = store->contactsSeenSince(ws.id, 5000, 10);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].id, b.id);
  EXPECT_EQ(store->contactsSeenSince(ws.id, 0, 10).size(), 2u);
  (void)a;
}

TEST_P(ContactsTest, AContactChangeIsLoggedOnItsNewestConversation) {
  auto jo = contact("jo");
  EXPECT_FALSE(store->logContactUpdated(ws.id, jo.id, 5000)) << "no conversation: nothing to reference";
  auto conv = start(jo, 1000);
  Workspace other = workspace("Other");
  EXPECT_FALSE(store->logContactUpdated(other.id, jo.id, 5000)) << "another workspace's contact";
  const auto before = store->lastOffset(ws.id);
  auto offset = store->logContactUpdated(ws.id, jo.id, 5000);
  ASSERT_TRUE(offset);
  EXPECT_EQ(*offset, before + 1);
  auto events = store->eventsAfter(ws.id, before, 10);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].event.type, "contact.updated");
  EXPECT_EQ(events[0].event.conversation_id, conv.id);
  EXPECT_EQ(events[0].event.created_at, 5000);
  EXPECT_EQ(events[0].conversation.contact_id, jo.id);
}

PARLEY_ON_EVERY_STORE_BACKEND(ContactsTest);

}  // namespace
}  // namespace parley::test
