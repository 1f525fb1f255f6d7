// Issue 14 item 7 on every backend: the bot's numbers for a period (handled, resolved alone,
// handed off) and the questions it could not answer, counted once per distinct question and kept
// to kMaxUnansweredKept per workspace.
#include "store_fixture.h"

namespace parley::test {
namespace {

using BotReportStoreTest = BackendStoreTest;

TEST_P(BotReportStoreTest, TheBotsNumbersCountItsConversationsOfThePeriod) {
  Conversation alone = start(contact("a"), 1000);
  Conversation handed = start(contact("b"), 1000);
  Conversation human = start(contact("c"), 1000);
  Conversation open = start(contact("d"), 1000);
  Conversation old = start(contact("e"), 1000);
  ASSERT_TRUE(store->saveBotState(ws.id, alone.id, "choosing", "{}", 5000));
  ASSERT_TRUE(store->saveBotState(ws.id, handed.id, "handed_off", "{}", 5000));
  ASSERT_TRUE(store->saveBotState(ws.id, human.id, "silent", "{}", 5000));
  ASSERT_TRUE(store->saveBotState(ws.id, open.id, "choosing", "{}", 5000));
  ASSERT_TRUE(store->saveBotState(ws.id, old.id, "choosing", "{}", 100));
  ASSERT_TRUE(store->updateConversation(ws.id, alone.id, statusPatch(ConversationStatus::Resolved), 6000));
  ASSERT_TRUE(store->updateConversation(ws.id, handed.id, statusPatch(ConversationStatus::Resolved), 6000));
  ASSERT_TRUE(store->updateConversation(ws.id, old.id, statusPatch(ConversationStatus::Resolved), 6000));

  auto n = store->botNumbers(ws.id, 4000);
  EXPECT_EQ(n.handled, 4);
  EXPECT_EQ(n.resolved_alone, 1) << "resolved without a human";
  EXPECT_EQ(n.handed_off, 2) << "handed over, or a human replied";
  EXPECT_EQ(store->botNumbers(ws.id, 0).handled, 5);
  Workspace other = workspace("Other");
  EXPECT_EQ(store->botNumbers(other.id, 0).handled, 0);
}

TEST_P(BotReportStoreTest, TheSameQuestionIsCountedOnceAndTheMostAskedComeFirst) {
  store->recordUnanswered(ws.id, "Do you ship to Norway?", 1000);
  store->recordUnanswered(ws.id, "do you  ship to norway", 2000);
  store->recordUnanswered(ws.id, "DO YOU SHIP TO NORWAY!!", 3000);
  store->recordUnanswered(ws.id, "Gift cards?", 4000);
  store->recordUnanswered(ws.id, "   ?! ", 4000);  // nothing left to count
  Workspace other = workspace("Other");
  store->recordUnanswered(other.id, "Gift cards?", 4000);
  reopen();
  auto top = store->topUnanswered(ws.id, 0, 10);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].question, "Do you ship to Norway?") << "as first asked";
  EXPECT_EQ(top[0].count, 3);
  EXPECT_EQ(top[0].last_at, 3000);
  EXPECT_EQ(top[1].question, "Gift cards?");
  EXPECT_EQ(top[1].count, 1);
  EXPECT_EQ(store->topUnanswered(ws.id, 3500, 10).size(), 1u) << "asked since";
  EXPECT_EQ(store->topUnanswered(ws.id, 0, 1).size(), 1u) << "limit";
}

TEST_P(BotReportStoreTest, AWorkspaceKeepsItsMostRecentQuestionsUpToTheLimit) {
  for (std::size_t i = 0; i < kMaxUnansweredKept + 5; ++i)
    store->recordUnanswered(ws.id, "question " + std::to_string(i), 1000 + static_cast<Millis>(i));
  auto all = store->topUnanswered(ws.id, 0, 10'000);
  EXPECT_EQ(all.size(), kMaxUnansweredKept);
  for (const auto& q : all) EXPECT_NE(q.question, "question 0") << "the stalest went";
  EXPECT_EQ(unansweredKey(std::string(1000, 'x')).size(), kMaxUnansweredQuestionChars);
}

}  // namespace

PARLEY_ON_EVERY_STORE_BACKEND(BotReportStoreTest);

}  // namespace parley::test
