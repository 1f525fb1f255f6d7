// Issue 14 on every backend: message content round-trips (append, history, event log), the bot's
// settings and per-conversation state survive a reopen, and the inbox's Bot view.
#include "store_fixture.h"

namespace parley::test {
namespace {

using BotStoreTest = BackendStoreTest;

const std::string kQuick = R"({"type":"quick_replies","options":[{"id":"a","label":"Älpha"}]})";
const std::string kPress = R"({"type":"reply_to_option","message_id":7,"option_id":"a"})";

TEST_P(BotStoreTest, MessageContentRoundTripsThroughAppendHistoryAndEvents) {
  Contact c = contact("t");
  Conversation conv = start(c, 1000);
  const auto before = store->lastOffset(ws.id);
  auto bot = systemMsg(conv.id, "Pick one", 1100, SenderType::Bot);
  bot.content_json = kQuick;
  auto r = append(bot);
  ASSERT_EQ(r.status, AppendResult::Status::Ok) << r.error;
  EXPECT_EQ(r.message.content_json, kQuick);
  auto press = visitorMsg(c, conv.id, "Älpha", 1200, "p-1");
  press.content_json = kPress;
  ASSERT_EQ(append(press).status, AppendResult::Status::Ok);

  reopen();
  auto msgs = store->messagesAfter(ws.id, conv.id, 0, 10, true);
  ASSERT_EQ(msgs.size(), 3u);
  EXPECT_EQ(msgs[0].content_json, "") << "a plain message has none";
  EXPECT_EQ(msgs[1].content_json, kQuick);
  EXPECT_EQ(msgs[2].content_json, kPress);
  auto visitorView = store->messagesAfter(ws.id, conv.id, 0, 10, false);
  ASSERT_EQ(visitorView.size(), 3u);
  EXPECT_EQ(visitorView[1].content_json, kQuick);
  auto events = store->eventsAfter(ws.id, before, 10);
  ASSERT_EQ(events.size(), 2u);
  ASSERT_TRUE(events[0].message);
  EXPECT_EQ(events[0].message->content_json, kQuick);
}

TEST_P(BotStoreTest, SettingsAreKeptPerWorkspaceAndSurviveAReopen) {
  EXPECT_FALSE(store->botSettings(ws.id));
  store->saveBotSettings(ws.id, R"({"enabled":true})", 1000);
  store->saveBotSettings(ws.id, R"({"enabled":false,"greeting":"Hi"})", 2000);
  Workspace other = workspace("Other");
  store->saveBotSettings(other.id, R"({"enabled":true})", 2000);
  reopen();
  EXPECT_EQ(store->botSettings(ws.id), R"({"enabled":false,"greeting":"Hi"})");
  EXPECT_EQ(store->botSettings(other.id), R"({"enabled":true})");
}

TEST_P(BotStoreTest, StateIsPerConversationReplacedAndScopedByWorkspace) {
  Contact c = contact("t");
  Conversation conv = start(c, 1000);
  EXPECT_FALSE(store->botState(ws.id, conv.id));
  EXPECT_TRUE(store->saveBotState(ws.id, conv.id, "choosing", R"({"stage":"choosing"})", 1100));
  EXPECT_TRUE(store->saveBotState(ws.id, conv.id, "handed_off", R"({"stage":"handed_off"})", 1200));
  Workspace other = workspace("Other");
  EXPECT_FALSE(store->saveBotState(other.id, conv.id, "new", "{}", 1300)) << "not the other workspace's chat";
  EXPECT_FALSE(store->botState(other.id, conv.id));
  reopen();
  EXPECT_EQ(store->botState(ws.id, conv.id), R"({"stage":"handed_off"})");
}

TEST_P(BotStoreTest, TheBotViewListsOnlyTheChatsTheBotTook) {
  Conversation withBot = start(contact("a"), 1000);
  Conversation without = start(contact("b"), 1100);
  ASSERT_TRUE(store->saveBotState(ws.id, withBot.id, "choosing", "{}", 1200));
  ConversationFilter f;
  f.bot_handled = true;
  auto page = store->listConversations(ws.id, f);
  ASSERT_EQ(page.conversations.size(), 1u);
  EXPECT_EQ(page.conversations[0].id, withBot.id);
  ConversationFilter all;
  EXPECT_EQ(store->listConversations(ws.id, all).conversations.size(), 2u);
  (void)without;
}

}  // namespace

PARLEY_ON_EVERY_STORE_BACKEND(BotStoreTest);

}  // namespace parley::test
