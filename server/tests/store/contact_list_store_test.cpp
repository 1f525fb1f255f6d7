// The contacts page (issue 10): newest seen first, keyset pages, search, segments, counts; an
// agent's merge of a duplicate. (Agent preferences, password hash and session hashes are in
// accounts_store_test.cpp, on every backend.)
#include "store_fixture.h"

namespace parley::test {
namespace {

class ContactListTest : public BackendStoreTest {
 protected:
  Contact seen(const std::string& token, Millis last_seen, std::optional<std::string> name = {},
               std::optional<std::string> email = {}, Id workspace_id = 0) {
    Contact c = contact(token, workspace_id);
    c.last_seen_at = last_seen;
    c.name = std::move(name);
    c.email = std::move(email);
    store->updateContact(c);
    return c;
  }

  std::vector<Id> ids(const ContactPage& p) {
    std::vector<Id> out;
    for (const auto& i : p.contacts) out.push_back(i.contact.id);
    return out;
  }

  ContactPage list(const std::string& q = {}, const std::string& cursor = {}, int limit = 50,
                   ContactSegment segment = ContactSegment::All) {
    ContactFilter f;
    f.query = q;
    f.cursor = cursor;
    f.limit = limit;
    f.segment = segment;
    return store->listContacts(ws.id, f);
  }
};

TEST_P(ContactListTest, NewestSeenFirstInKeysetPagesWithConversationCounts) {
  auto a = seen("a", 5000, "Ann");
  auto b = seen("b", 7000);
  auto c = seen("c", 7000, std::nullopt, "cy@example.com");  // same time as b: the higher id first
  auto d = seen("d", 1000);
  auto resolved = start(a, 100, "one");
  store->updateConversation(ws.id, resolved.id, statusPatch(ConversationStatus::Resolved), 200);
  start(a, 300, "two");
  start(c, 400);

  auto first = list({}, {}, 2);
  EXPECT_EQ(ids(first), (std::vector<Id>{c.id, b.id}));
  ASSERT_TRUE(first.next_cursor);
  EXPECT_EQ(first.contacts[0].conversation_count, 1);
  EXPECT_EQ(first.contacts[1].conversation_count, 0);
  auto second = list({}, *first.next_cursor, 2);
  EXPECT_EQ(ids(second), (std::vector<Id>{a.id, d.id}));
  EXPECT_EQ(second.contacts[0].conversation_count, 2) << "a resolved and a newer open conversation";
  EXPECT_FALSE(second.next_cursor);
  // A contact seen again while an agent pages moves to the top; the pages after it neither repeat
  // nor skip the rows that did not move.
  pageView(d, "https://shop/x", 9000);
  EXPECT_EQ(ids(list({}, *first.next_cursor, 2)), (std::vector<Id>{a.id}));
}

TEST_P(ContactListTest, SearchesNameEmailAndUserIdAndFiltersSegments) {
  auto ann = seen("a", 5000, "Ann Berg");
  auto cy = seen("b", 6000, std::nullopt, "cy@Example.com");
  auto anon = seen("c", 7000);
  auto ext = seen("d", 8000);
  ext.external_id = "user-42";
  store->updateContact(ext);
  start(anon, 100);

  EXPECT_EQ(ids(list("ann")), (std::vector<Id>{ann.id})) << "case-insensitive";
  EXPECT_EQ(ids(list("EXAMPLE.com")), (std::vector<Id>{cy.id}));
  EXPECT_EQ(ids(list("user-4")), (std::vector<Id>{ext.id}));
  EXPECT_TRUE(list("100%").contacts.empty()) << "LIKE wildcards in the query are plain characters";
  EXPECT_TRUE(list("_").contacts.empty());
  EXPECT_EQ(list("   ").contacts.size(), 4u) << "blank means everyone";
  EXPECT_EQ(ids(list({}, {}, 50, ContactSegment::Known)), (std::vector<Id>{ext.id, cy.id, ann.id}));
  EXPECT_EQ(ids(list({}, {}, 50, ContactSegment::Chatted)), (std::vector<Id>{anon.id}));
}

TEST_P(ContactListTest, ScopedByWorkspaceAndStrictAboutCursorsAndSegments) {
  auto mine = seen("a", 5000, "Mine");
  auto other_ws = workspace("Other", 2000);
  auto theirs = seen("b", 6000, "Theirs", std::nullopt, other_ws.id);
  EXPECT_EQ(ids(list()), (std::vector<Id>{mine.id}));
  ContactFilter f;
  EXPECT_EQ(ids(store->listContacts(other_ws.id, f)), (std::vector<Id>{theirs.id}));
  for (const char* bad : {"x", "l12", "l12.", "l.5", "l1.0", "n1.2", "l1.2.3", "l99999999999999999999.1"}) {
    EXPECT_THROW(list({}, bad), std::invalid_argument) << bad;
  }
  EXPECT_FALSE(store->mergeDuplicateContact(ws.id, theirs.id, mine.id, 10));
  EXPECT_FALSE(store->mergeDuplicateContact(other_ws.id, theirs.id, mine.id, 10));
  EXPECT_TRUE(store->contactById(other_ws.id, theirs.id)) << "nothing was merged across workspaces";
}

TEST_P(ContactListTest, MergingADuplicateKeepsBothHistoriesAndTheDuplicatesDevices) {
  auto keep = seen("keep-token", 5000, "Kim");
  keep.attributes_json = R"({"plan":"pro"})";
  store->updateContact(keep);
  auto dup = seen("dup-token", 9000, std::nullopt, "kim@example.com");
  dup.attributes_json = R"({"plan":"free","company":"Acme"})";
  dup.external_id = "kim-1";
  store->updateContact(dup);
  pageView(dup, "https://shop/cart", 9000, "Cart");
  auto c1 = start(keep, 100, "from keep");
  auto c2 = start(dup, 200, "from dup");
  const auto before = store->lastOffset(ws.id);

  auto merge = store->mergeDuplicateContact(ws.id, dup.id, keep.id, 10'000);
  ASSERT_TRUE(merge);
  EXPECT_EQ(merge->contact.id, keep.id);
  EXPECT_EQ(merge->contact.name, "Kim");
  EXPECT_EQ(merge->contact.email, "kim@example.com");
  EXPECT_EQ(merge->contact.external_id, "kim-1") << "the survivor had no user id: it takes the duplicate's";
  EXPECT_EQ(merge->contact.attributes_json, R"({"plan":"pro","company":"Acme"})");
  EXPECT_EQ(merge->contact.last_seen_at, 9000);
  ASSERT_EQ(merge->moved.size(), 1u);
  EXPECT_EQ(merge->moved[0].conversation.id, c2.id);
  EXPECT_EQ(merge->moved[0].conversation.contact_id, keep.id);
  EXPECT_GT(merge->moved[0].offset, before) << "logged as conversation.updated";

  EXPECT_FALSE(store->contactById(ws.id, dup.id));
  ConversationFilter f;
  f.contact_id = keep.id;
  EXPECT_EQ(store->listConversations(ws.id, f).conversations.size(), 2u);
  (void)c1;
  EXPECT_EQ(store->pageViews(ws.id, keep.id, 10).size(), 1u);
  auto byToken = store->contactByVisitorToken(ws.id, "dup-token");
  ASSERT_TRUE(byToken) << "the duplicate's device goes on as the survivor";
  EXPECT_EQ(byToken->id, keep.id);
  EXPECT_EQ(store->contactByVisitorToken(ws.id, "keep-token")->id, keep.id);
  EXPECT_EQ(list().contacts.at(0).conversation_count, 2);
}

TEST_P(ContactListTest, TwoDifferentUsersAreNotMerged) {
  auto a = seen("a", 5000, "A");
  a.external_id = "user-a";
  store->updateContact(a);
  auto b = seen("b", 6000, "B");
  b.external_id = "user-b";
  store->updateContact(b);
  start(b, 100);
  try {
    store->mergeDuplicateContact(ws.id, b.id, a.id, 10);
    FAIL() << "merged two users";
  } catch (const StoreConflict& e) {
    EXPECT_EQ(e.field, "into_id");
  }
  EXPECT_TRUE(store->contactById(ws.id, b.id)) << "nothing written";
  EXPECT_EQ(list().contacts.at(0).conversation_count, 1);
  EXPECT_THROW(store->mergeDuplicateContact(ws.id, a.id, a.id, 10), std::invalid_argument);
}

PARLEY_ON_EVERY_STORE_BACKEND(ContactListTest);

}  // namespace
}  // namespace parley::test
