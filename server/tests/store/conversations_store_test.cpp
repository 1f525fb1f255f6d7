// Conversations: patches and status rules, read markers, tags, the inbox list and its cursors.
#include <map>
#include <variant>
#include <set>

#include "store_fixture.h"

namespace parley::test {
namespace {

using ConversationsTest = BackendStoreTest;

TEST_P(ConversationsTest, StatusTransitions) {
  Contact c = contact("t");
  Conversation conv = start(c, 1000);
  std::int64_t before = store->lastOffset(ws.id);

  auto resolved = store->updateConversation(ws.id, conv.id, statusPatch(ConversationStatus::Resolved), 2000);
  ASSERT_TRUE(resolved);
  EXPECT_EQ(resolved->conversation.status, ConversationStatus::Resolved);
  EXPECT_EQ(resolved->conversation.resolved_at, 2000);
  EXPECT_FALSE(resolved->conversation.waiting_since);
  EXPECT_EQ(resolved->conversation.updated_at, 2000);
  EXPECT_GT(resolved->offset, before);
  auto events = store->eventsAfter(ws.id, before, 10);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].event.type, "conversation.updated");
  EXPECT_EQ(events[0].conversation.status, ConversationStatus::Resolved);
  EXPECT_FALSE(store->openConversationForContact(ws.id, c.id));

  auto reopened = store->updateConversation(ws.id, conv.id, statusPatch(ConversationStatus::Open), 3000);
  EXPECT_EQ(reopened->conversation.status, ConversationStatus::Open);
  EXPECT_FALSE(reopened->conversation.resolved_at);

  EXPECT_THROW(store->updateConversation(ws.id, conv.id, statusPatch(ConversationStatus::Snoozed), 3500), std::invalid_argument)
      << "snoozing needs a time";
  EXPECT_EQ(store->lastOffset(ws.id), reopened->offset) << "a refused patch writes nothing";
  auto snoozed = store->updateConversation(
      ws.id, conv.id, statusPatch(ConversationStatus::Snoozed, 9000), 4000);
  EXPECT_EQ(snoozed->conversation.status, ConversationStatus::Snoozed);
  EXPECT_EQ(snoozed->conversation.snoozed_until, 9000);
  EXPECT_TRUE(store->dueSnoozed(8999, 10).empty());
  ASSERT_EQ(store->dueSnoozed(9000, 10).size(), 1u);

  auto woken = store->updateConversation(ws.id, conv.id, statusPatch(ConversationStatus::Open), 9000);
  EXPECT_FALSE(woken->conversation.snoozed_until);
  EXPECT_TRUE(store->dueSnoozed(9000, 10).empty());

  EXPECT_FALSE(store->updateConversation(ws.id, conv.id + 100, statusPatch(ConversationStatus::Open), 9100));
  auto other_ws = workspace("Other", 2000);
  EXPECT_FALSE(store->updateConversation(other_ws.id, conv.id, statusPatch(ConversationStatus::Resolved), 9100));
}

TEST_P(ConversationsTest, PatchAssigneeTeamTagsPriorityCsat) {
  Contact c = contact("t");
  Agent a = agent("a@example.com");
  Team team = store->createTeam(ws.id, "Support");
  Conversation conv = start(c, 1000);
  ConversationPatch p;
  p.assignee_id = std::optional<Id>(a.id);
  p.team_id = std::optional<Id>(team.id);
  p.tags = std::vector<std::string>{"Billing", "vip", "billing "};
  p.priority = Priority::High;
  auto r = store->updateConversation(ws.id, conv.id, p, 2000);
  EXPECT_EQ(r->conversation.assignee_id, a.id);
  EXPECT_EQ(r->conversation.team_id, team.id);
  EXPECT_EQ(r->conversation.tags, (std::vector<std::string>{"billing", "vip"})) << "normalised by applyPatch";
  EXPECT_EQ(r->conversation.priority, Priority::High);

  // A rating: only of a resolved conversation, and once, decided on the row inside the transaction.
  ConversationPatch rate;
  rate.csat_score = 5;
  rate.csat_comment = "great";
  try {
    store->updateConversation(ws.id, conv.id, rate, 2100);
    ADD_FAILURE() << "an open conversation was rated";
  } catch (const InvalidPatch& e) {
    EXPECT_EQ(e.code, "not_resolved");
  }
  store->updateConversation(ws.id, conv.id, statusPatch(ConversationStatus::Resolved), 2200);
  EXPECT_EQ(store->updateConversation(ws.id, conv.id, rate, 2300)->conversation.csat_score, 5);
  rate.csat_score = 1;
  try {
    store->updateConversation(ws.id, conv.id, rate, 2400);
    ADD_FAILURE() << "a rating was rewritten";
  } catch (const InvalidPatch& e) {
    EXPECT_EQ(e.code, "already_rated");
  }
  EXPECT_EQ(store->conversationById(ws.id, conv.id)->csat_score, 5);
  EXPECT_EQ(store->conversationById(ws.id, conv.id)->csat_comment, "great");
  store->updateConversation(ws.id, conv.id, statusPatch(ConversationStatus::Open), 2500);

  ConversationPatch unassign;
  unassign.assignee_id = std::optional<Id>();
  r = store->updateConversation(ws.id, conv.id, unassign, 3000);
  EXPECT_FALSE(r->conversation.assignee_id);
  EXPECT_EQ(r->conversation.team_id, team.id) << "untouched fields stay";

  auto other_ws = workspace("Other", 2000);
  Agent stranger = agent("s@example.com", other_ws.id);
  ConversationPatch foreign;
  foreign.assignee_id = std::optional<Id>(stranger.id);
  try {
    store->updateConversation(ws.id, conv.id, foreign, 4000);
    ADD_FAILURE() << "an agent of another workspace was assigned";
  } catch (const InvalidPatch& e) {
    EXPECT_EQ(e.field, "assignee_id");
  }
  ConversationPatch foreign_team;
  foreign_team.team_id = std::optional<Id>(store->createTeam(other_ws.id, "Theirs").id);
  EXPECT_THROW(store->updateConversation(ws.id, conv.id, foreign_team, 4000), InvalidPatch);
  ConversationPatch bad_tag;
  bad_tag.tags = std::vector<std::string>{"ok", ""};
  EXPECT_THROW(store->updateConversation(ws.id, conv.id, bad_tag, 4000), InvalidPatch);
  EXPECT_EQ(store->conversationById(ws.id, conv.id)->updated_at, 3000) << "refused patches write nothing";

  Conversation conv2 = start(contact("u"), 1000);
  ConversationPatch tag;
  tag.tags = std::vector<std::string>{"vip"};
  store->updateConversation(ws.id, conv2.id, tag, 2000);
  auto counts = store->tagCounts(ws.id);
  ASSERT_EQ(counts.size(), 2u);
  EXPECT_EQ(counts[0].name, "vip");
  EXPECT_EQ(counts[0].count, 2);
  EXPECT_EQ(counts[1].name, "billing");
  EXPECT_EQ(counts[1].count, 1);
  EXPECT_TRUE(store->tagCounts(other_ws.id).empty());
}

// The store decides nothing about a patch: what it writes (and returns) is domain applyPatch's
// result for the row as it was. A second rule in the store would make these differ.
TEST_P(ConversationsTest, WhatIsStoredIsWhatApplyPatchComputes) {
  Contact c = contact("t");
  Agent a = agent("a@example.com");
  Conversation conv = start(c, 1000);
  std::vector<ConversationPatch> patches(9);
  patches[0].status = ConversationStatus::Pending;
  patches[1].status = ConversationStatus::Resolved;
  patches[1].priority = Priority::Low;
  patches[2].status = ConversationStatus::Resolved;  // again: keeps the first resolved_at
  patches[3].status = ConversationStatus::Snoozed;
  patches[3].snoozed_until = std::optional<Millis>{90000};
  patches[4].tags = std::vector<std::string>{"VIP", "vip", "Follow  up"};
  patches[4].assignee_id = std::optional<Id>{a.id};
  patches[5].snoozed_until = std::optional<Millis>{95000};
  patches[6].status = ConversationStatus::Open;
  patches[7].status = ConversationStatus::Resolved;
  patches[8].csat_score = 3;
  patches[8].csat_comment = "ok";
  Millis now = 2000;
  for (std::size_t i = 0; i < patches.size(); ++i, now += 1000) {
    const Conversation before = *store->conversationById(ws.id, conv.id);
    auto expected = applyPatch(before, patches[i], now);
    ASSERT_TRUE(std::holds_alternative<Conversation>(expected)) << i;
    const auto& want = std::get<Conversation>(expected);
    auto change = store->updateConversation(ws.id, conv.id, patches[i], now);
    ASSERT_TRUE(change) << i;
    const Conversation reread = *store->conversationById(ws.id, conv.id);
    for (const Conversation* got : std::initializer_list<const Conversation*>{&change->conversation, &reread}) {
      EXPECT_EQ(got->status, want.status) << i;
      EXPECT_EQ(got->priority, want.priority) << i;
      EXPECT_EQ(got->assignee_id, want.assignee_id) << i;
      EXPECT_EQ(got->team_id, want.team_id) << i;
      EXPECT_EQ(got->tags, want.tags) << i;
      EXPECT_EQ(got->updated_at, want.updated_at) << i;
      EXPECT_EQ(got->resolved_at, want.resolved_at) << i;
      EXPECT_EQ(got->waiting_since, want.waiting_since) << i;
      EXPECT_EQ(got->snoozed_until, want.snoozed_until) << i;
      EXPECT_EQ(got->csat_score, want.csat_score) << i;
      EXPECT_EQ(got->csat_comment, want.csat_comment) << i;
    }
  }
  ConversationPatch refused;
  refused.status = ConversationStatus::Snoozed;
  refused.tags = std::vector<std::string>{"fine"};
  const auto before = store->lastOffset(ws.id);
  try {
    store->updateConversation(ws.id, conv.id, refused, now);
    ADD_FAILURE() << "applyPatch refuses snoozing without a time";
  } catch (const InvalidPatch& e) {
    EXPECT_EQ(e.field, "snoozed_until");
  }
  EXPECT_EQ(store->lastOffset(ws.id), before);
  EXPECT_EQ(store->conversationById(ws.id, conv.id)->tags, (std::vector<std::string>{"vip", "follow up"}))
      << "nothing of a refused patch is written";
}

// Values outside the enums can only come from a cast; the schema's CHECK constraints, the store's
// last defence, keep them out of the file.
TEST_P(ConversationsTest, CheckConstraintsRefuseWordsOutsideTheEnums) {
  Conversation conv = start(contact("t"), 1000);
  const auto offset = store->lastOffset(ws.id);
  ConversationPatch p;
  p.priority = static_cast<Priority>(17);
  EXPECT_ANY_THROW(store->updateConversation(ws.id, conv.id, p, 2000));
  p = ConversationPatch{};
  p.status = static_cast<ConversationStatus>(-1);
  EXPECT_ANY_THROW(store->updateConversation(ws.id, conv.id, p, 2000));
  auto stored = store->conversationById(ws.id, conv.id);
  EXPECT_EQ(stored->priority, Priority::None);
  EXPECT_EQ(stored->status, ConversationStatus::Open);
  EXPECT_EQ(store->lastOffset(ws.id), offset);
}

// Every word of every enum the schema stores survives the trip through its column.
TEST_P(ConversationsTest, EveryEnumWordRoundTrips) {
  Conversation conv = start(contact("t"), 1000);
  Millis now = 2000;
  for (Priority p : allValues<Priority>()) {
    EXPECT_EQ(store->updateConversation(ws.id, conv.id, priorityPatch(p), now++)->conversation.priority, p);
  }
  for (ConversationStatus s : allValues<ConversationStatus>()) {
    auto patch = statusPatch(s, s == ConversationStatus::Snoozed ? std::optional<Millis>{99999} : std::nullopt);
    EXPECT_EQ(store->updateConversation(ws.id, conv.id, patch, now++)->conversation.status, s);
  }
  for (AgentRole r : allValues<AgentRole>()) {
    Agent a = agent(std::string(toString(r)) + "@example.com");
    a.role = r;
    store->updateAgent(a);
    EXPECT_EQ(store->agentById(ws.id, a.id)->role, r);
  }
}

TEST_P(ConversationsTest, ReadMarkersOnlyMoveForward) {
  Contact c = contact("t");
  Agent a = agent("a@example.com");
  Conversation conv = start(c, 1000);
  append(agentMsg(a, conv.id, "1", 1100));
  append(agentMsg(a, conv.id, "2", 1200));
  EXPECT_EQ(store->markRead(ws.id, conv.id, ReaderType::Visitor, 2)->visitor_last_read_seq, 2);
  EXPECT_EQ(store->markRead(ws.id, conv.id, ReaderType::Visitor, 1)->visitor_last_read_seq, 2);
  EXPECT_EQ(store->markRead(ws.id, conv.id, ReaderType::Visitor, 99)->visitor_last_read_seq, 3) << "not past last_seq";
  auto agent_read = store->markRead(ws.id, conv.id, ReaderType::Agent, 1);
  EXPECT_EQ(agent_read->agent_last_read_seq, 1);
  EXPECT_EQ(agent_read->visitor_last_read_seq, 3);
  EXPECT_THROW(store->markRead(ws.id, conv.id, static_cast<ReaderType>(7), 1), std::invalid_argument);
  EXPECT_FALSE(store->markRead(ws.id, conv.id + 1, ReaderType::Agent, 1));
}

// Builds 25 conversations with distinct and tied sort keys, then pages through each sort.
class ConversationListTest : public BackendStoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (notSetUp()) return;
    me = agent("me@example.com");
    const auto priorities = allValues<Priority>();
    for (int i = 0; i < 25; ++i) {
      Contact c = contact("c" + std::to_string(i));
      // Every third conversation shares a timestamp with its neighbour: ties must not break paging.
      Millis at = 10000 + (i / 3) * 100;
      Conversation conv = start(c, at);
      ConversationPatch p;
      p.priority = priorities[i % 5];
      if (i % 2 == 0) p.assignee_id = std::optional<Id>(me.id);
      if (i % 4 == 0) p.tags = std::vector<std::string>{"billing"};
      if (i % 5 == 0) p.status = ConversationStatus::Pending;
      store->updateConversation(ws.id, conv.id, p, at);
      if (i % 3 == 1) append(agentMsg(me, conv.id, "answered", at + 1));  // no longer waiting
      ids.push_back(conv.id);
    }
  }

  // Pages with `limit` until the end; checks no row repeats and returns them in order.
  std::vector<Conversation> all(ConversationFilter f, int limit) {
    std::vector<Conversation> out;
    std::set<Id> seen;
    f.limit = limit;
    for (int guard = 0; guard < 100; ++guard) {
      auto page = store->listConversations(ws.id, f);
      EXPECT_LE(page.conversations.size(), static_cast<std::size_t>(limit));
      for (auto& c : page.conversations) {
        EXPECT_TRUE(seen.insert(c.id).second) << "conversation " << c.id << " repeated";
        out.push_back(c);
      }
      if (!page.next_cursor) break;
      f.cursor = *page.next_cursor;
    }
    return out;
  }

  Agent me;
  std::vector<Id> ids;
};

TEST_P(ConversationListTest, NewestPagesWithoutGaps) {
  auto whole = all({}, 100);
  ASSERT_EQ(whole.size(), 25u);
  for (std::size_t i = 1; i < whole.size(); ++i) {
    auto& p = whole[i - 1];
    auto& c = whole[i];
    EXPECT_TRUE(p.updated_at > c.updated_at || (p.updated_at == c.updated_at && p.id > c.id));
  }
  for (int limit : {1, 2, 3, 7, 24, 25}) {
    auto paged = all({}, limit);
    ASSERT_EQ(paged.size(), whole.size()) << "limit " << limit;
    for (std::size_t i = 0; i < whole.size(); ++i) EXPECT_EQ(paged[i].id, whole[i].id);
  }
  ConversationFilter exact;
  exact.limit = 25;
  EXPECT_FALSE(store->listConversations(ws.id, exact).next_cursor);
  EXPECT_EQ(whole[0].contact_name, std::nullopt);
}

TEST_P(ConversationListTest, WaitingSortPutsNotWaitingLast) {
  ConversationFilter f;
  f.sort = ConversationOrder::Waiting;
  auto whole = all(f, 100);
  ASSERT_EQ(whole.size(), 25u);
  auto paged = all(f, 4);
  ASSERT_EQ(paged.size(), 25u);
  bool nulls = false;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    EXPECT_EQ(paged[i].id, whole[i].id);
    if (!whole[i].waiting_since) nulls = true;
    else EXPECT_FALSE(nulls) << "a waiting conversation after a non-waiting one";
    if (i && whole[i].waiting_since && whole[i - 1].waiting_since) {
      EXPECT_LE(*whole[i - 1].waiting_since, *whole[i].waiting_since);
    }
  }
  EXPECT_TRUE(nulls);
}

TEST_P(ConversationListTest, PrioritySortUrgentFirst) {
  ConversationFilter f;
  f.sort = ConversationOrder::Priority;
  auto whole = all(f, 100);
  auto paged = all(f, 3);
  ASSERT_EQ(paged.size(), 25u);
  for (std::size_t i = 0; i < whole.size(); ++i) EXPECT_EQ(paged[i].id, whole[i].id);
  EXPECT_EQ(whole.front().priority, Priority::Urgent);
  EXPECT_EQ(whole.back().priority, Priority::None);
  // Written out here rather than taken from priorityRank: the test states the order it expects.
  std::map<Priority, int> rank{{Priority::Urgent, 4}, {Priority::High, 3}, {Priority::Medium, 2},
                               {Priority::Low, 1}, {Priority::None, 0}};
  for (std::size_t i = 1; i < whole.size(); ++i) EXPECT_GE(rank[whole[i - 1].priority], rank[whole[i].priority]);
}

TEST_P(ConversationListTest, Filters) {
  ConversationFilter f;
  f.status = ConversationStatus::Pending;
  EXPECT_EQ(all(f, 2).size(), 5u);
  f = {};
  f.assignee = ConversationFilter::Assignee::Id;
  f.assignee_id = me.id;
  EXPECT_EQ(all(f, 5).size(), 13u);
  f.assignee = ConversationFilter::Assignee::None;
  EXPECT_EQ(all(f, 5).size(), 12u);
  f = {};
  f.tag = "billing";
  auto billing = all(f, 2);
  EXPECT_EQ(billing.size(), 7u);
  for (auto& c : billing) EXPECT_EQ(c.tags, std::vector<std::string>{"billing"});
  f.tag = "bill";
  EXPECT_TRUE(all(f, 2).empty()) << "tags match whole";
  f = {};
  f.priority = Priority::Urgent;
  f.sort = ConversationOrder::Waiting;
  EXPECT_EQ(all(f, 2).size(), 5u);
  f = {};
  f.contact_id = store->conversationById(ws.id, ids[3])->contact_id;
  EXPECT_EQ(all(f, 2).size(), 1u);
  auto other_ws = workspace("Other", 2000);
  EXPECT_TRUE(store->listConversations(other_ws.id, {}).conversations.empty());
}

TEST_P(ConversationListTest, BadCursorThrows) {
  ConversationFilter f;
  f.limit = 2;
  auto page = store->listConversations(ws.id, f);
  ASSERT_TRUE(page.next_cursor);
  f.sort = ConversationOrder::Priority;
  f.cursor = *page.next_cursor;
  EXPECT_THROW(store->listConversations(ws.id, f), std::invalid_argument) << "cursor of another sort";
  f.sort = ConversationOrder::Newest;
  for (const char* bad : {"garbage", "n", "n1", "n1.2.3", "n1.x", "n1.2."}) {
    f.cursor = bad;
    EXPECT_THROW(store->listConversations(ws.id, f), std::invalid_argument) << bad;
  }
}

PARLEY_ON_EVERY_STORE_BACKEND(ConversationsTest);
PARLEY_ON_EVERY_STORE_BACKEND(ConversationListTest);

}  // namespace
}  // namespace parley::test
