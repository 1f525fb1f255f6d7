// domain botStep: every transition of the rule-based bot (issue 14, item 5).
#include "domain/bot_flow.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

using K = BotAction::Kind;

BotSettings settings() {
  BotSettings s = defaultBotSettings();
  s.enabled = true;
  s.greeting = "Hi there";
  s.options = {
      {.id = "hours", .label = "Opening hours", .action = BotOptionAction::Answer, .text = "9 to 5"},
      {.id = "returns", .label = "Returns", .action = BotOptionAction::Article, .text = "Read this", .article_id = 7},
      {.id = "order", .label = "My order", .action = BotOptionAction::Ask, .field = BotField::OrderNumber,
       .question = "What's your order number?"},
      {.id = "mail", .label = "Email me", .action = BotOptionAction::Ask, .field = BotField::Email,
       .question = "What's your email?"},
      {.id = "human", .label = "Talk to a human", .action = BotOptionAction::Human},
  };
  s.handoff_text = "Passing you on";
  s.offline_text = "Away, back {back}. Your email?";
  return s;
}

BotEvent visitor(std::string text, std::optional<std::string> option = std::nullopt, bool available = true) {
  BotEvent e;
  e.text = std::move(text);
  e.option_id = std::move(option);
  e.availability.team_available = available;
  e.availability.back_at = "Monday 09:00 (UTC)";
  return e;
}

BotState choosing() {
  BotState st;
  st.stage = BotStage::Choosing;
  return st;
}

TEST(BotFlow, FirstMessageGreetsWithTheOptionsAndKeepsTheQuestion) {
  auto r = botStep(settings(), {}, visitor("where is my parcel?"));
  EXPECT_EQ(r.state.stage, BotStage::Choosing);
  ASSERT_EQ(r.actions.size(), 1u);
  EXPECT_EQ(r.actions[0].kind, K::Say);
  EXPECT_EQ(r.actions[0].text, "Hi there");
  ASSERT_EQ(r.actions[0].quick_replies.size(), 5u);
  EXPECT_EQ(r.actions[0].quick_replies[4].id, "human");
  EXPECT_EQ(r.actions[0].quick_replies[4].label, "Talk to a human");
  ASSERT_EQ(r.state.questions.size(), 1u);
  EXPECT_EQ(r.state.questions[0], "where is my parcel?");
}

TEST(BotFlow, FirstMessageWhileNobodyIsThereAsksForTheEmailAndSaysWhenTheTeamIsBack) {
  auto r = botStep(settings(), {}, visitor("hello", std::nullopt, false));
  EXPECT_EQ(r.state.stage, BotStage::AskingField);
  EXPECT_EQ(r.state.asking, BotField::Email);
  EXPECT_FALSE(r.state.handed_off);
  ASSERT_EQ(r.actions.size(), 2u);
  EXPECT_EQ(r.actions[1].text, "Away, back Monday 09:00 (UTC). Your email?");
}

TEST(BotFlow, AnswerOptionRepliesWithItsTextAndTheOptionsAgain) {
  auto r = botStep(settings(), choosing(), visitor("Opening hours", "hours"));
  EXPECT_EQ(r.state.stage, BotStage::Choosing);
  ASSERT_EQ(r.actions.size(), 1u);
  EXPECT_EQ(r.actions[0].text, "9 to 5");
  EXPECT_EQ(r.actions[0].quick_replies.size(), 5u);
  EXPECT_EQ(r.state.choices, std::vector<std::string>{"Opening hours"});
}

TEST(BotFlow, ATypedLabelChoosesLikeAPress) {
  auto r = botStep(settings(), choosing(), visitor("  opening HOURS "));
  ASSERT_EQ(r.actions.size(), 1u);
  EXPECT_EQ(r.actions[0].text, "9 to 5");
}

TEST(BotFlow, AnUnknownOptionIdFallsBackToTheLabel) {
  auto r = botStep(settings(), choosing(), visitor("Returns", "nope"));
  ASSERT_EQ(r.actions.size(), 1u);
  EXPECT_EQ(r.actions[0].kind, K::SayArticle);
  EXPECT_EQ(r.actions[0].article_id, 7);
  EXPECT_EQ(r.actions[0].text, "Read this");
}

TEST(BotFlow, AskOptionAsksAndCapturesAValidValue) {
  auto r = botStep(settings(), choosing(), visitor("My order", "order"));
  EXPECT_EQ(r.state.stage, BotStage::AskingField);
  EXPECT_EQ(r.state.asking, BotField::OrderNumber);
  ASSERT_EQ(r.actions.size(), 1u);
  EXPECT_EQ(r.actions[0].text, "What's your order number?");
  auto r2 = botStep(settings(), r.state, visitor(" #A-1042 "));
  EXPECT_EQ(r2.state.stage, BotStage::Choosing);
  ASSERT_EQ(r2.actions.size(), 2u);
  EXPECT_EQ(r2.actions[0].kind, K::SaveField);
  EXPECT_EQ(r2.actions[0].field, BotField::OrderNumber);
  EXPECT_EQ(r2.actions[0].value, "A-1042");
  EXPECT_EQ(r2.actions[1].quick_replies.size(), 5u);
  ASSERT_EQ(r2.state.learned.size(), 1u);
}

TEST(BotFlow, AnInvalidEmailIsAskedAgainThenTakenAsAQuestion) {
  auto r = botStep(settings(), choosing(), visitor("Email me", "mail"));
  auto r2 = botStep(settings(), r.state, visitor("not-an-email"));
  EXPECT_EQ(r2.state.stage, BotStage::AskingField);
  ASSERT_EQ(r2.actions.size(), 1u);
  EXPECT_NE(r2.actions[0].text.find("valid email address"), std::string::npos);
  auto r3 = botStep(settings(), r2.state, visitor("still-not"));
  EXPECT_EQ(r3.state.stage, BotStage::Choosing);
  EXPECT_EQ(r3.state.misses, 1);
  EXPECT_EQ(r3.state.questions, std::vector<std::string>{"still-not"});
}

TEST(BotFlow, ASentenceWhileAskedForAFieldIsAnsweredAsAQuestion) {
  auto r = botStep(settings(), {}, visitor("hello", std::nullopt, false));  // nobody there: the email is asked
  ASSERT_EQ(r.state.stage, BotStage::AskingField);
  auto e = visitor("how do refunds work?", std::nullopt, false);
  e.matches = {{1, "Refunds", "", "/help/x/articles/refunds"}};
  ASSERT_TRUE(wantsArticleSearch(settings(), r.state, e));
  auto r2 = botStep(settings(), r.state, e);
  EXPECT_EQ(r2.state.stage, BotStage::Choosing);
  EXPECT_FALSE(r2.state.asking);
  ASSERT_EQ(r2.actions.size(), 1u);
  EXPECT_EQ(r2.actions[0].kind, K::SayArticles);
  // A single word is an attempt at the field: asked again, no search.
  EXPECT_FALSE(wantsArticleSearch(settings(), r.state, visitor("refunds")));
}

TEST(BotFlow, AnOptionWhileAskingChoosesIt) {
  auto r = botStep(settings(), choosing(), visitor("Email me", "mail"));
  auto r2 = botStep(settings(), r.state, visitor("Opening hours", "hours"));
  EXPECT_EQ(r2.state.stage, BotStage::Choosing);
  EXPECT_FALSE(r2.state.asking);
  EXPECT_EQ(r2.actions[0].text, "9 to 5");
}

TEST(BotFlow, FreeTextWithGoodMatchesAnswersWithCards) {
  auto e = visitor("how do refunds work");
  e.matches = {{1, "Refunds", "How refunds work", "/help/x/articles/refunds"}};
  ASSERT_TRUE(wantsArticleSearch(settings(), choosing(), e));
  auto r = botStep(settings(), choosing(), e);
  EXPECT_EQ(r.state.stage, BotStage::Choosing);
  EXPECT_EQ(r.state.misses, 0);
  ASSERT_EQ(r.actions.size(), 1u);
  EXPECT_EQ(r.actions[0].kind, K::SayArticles);
  ASSERT_EQ(r.actions[0].articles.size(), 1u);
  EXPECT_EQ(r.actions[0].articles[0].id, 1);
}

TEST(BotFlow, TwoMissesHandTheChatOverWithASummary) {
  BotState st = choosing();
  st.choices = {"My order"};
  st.asked = {"What's your order number?"};
  st.learned = {{BotField::OrderNumber, "1042"}};
  auto r = botStep(settings(), st, visitor("my parcel is wet"));
  EXPECT_EQ(r.state.misses, 1);
  EXPECT_EQ(r.state.stage, BotStage::Choosing);
  ASSERT_EQ(r.actions.size(), 1u);
  EXPECT_FALSE(r.actions[0].quick_replies.empty());
  auto r2 = botStep(settings(), r.state, visitor("and broken"));
  EXPECT_EQ(r2.state.stage, BotStage::HandedOff);
  ASSERT_EQ(r2.actions.size(), 2u);
  EXPECT_EQ(r2.actions[0].text, "Passing you on");
  EXPECT_EQ(r2.actions[1].kind, K::Handoff);
  const auto& note = r2.actions[1].note;
  EXPECT_NE(note.find("two questions the bot could not answer"), std::string::npos) << note;
  EXPECT_NE(note.find("\"my parcel is wet\"; \"and broken\""), std::string::npos) << note;
  EXPECT_NE(note.find("Visitor chose: My order"), std::string::npos) << note;
  EXPECT_NE(note.find("Bot asked: What's your order number?"), std::string::npos) << note;
  EXPECT_NE(note.find("Learned: order_number 1042"), std::string::npos) << note;
}

TEST(BotFlow, TalkToAHumanHandsOver) {
  auto r = botStep(settings(), choosing(), visitor("Talk to a human", "human"));
  EXPECT_EQ(r.state.stage, BotStage::HandedOff);
  ASSERT_EQ(r.actions.size(), 2u);
  EXPECT_EQ(r.actions[1].kind, K::Handoff);
  EXPECT_NE(r.actions[1].note.find("the visitor asked for a human"), std::string::npos);
  EXPECT_NE(r.actions[1].note.find("Learned: nothing yet."), std::string::npos);
}

TEST(BotFlow, HandoffWhileNobodyIsThereAsksForTheEmailThenGoesQuiet) {
  auto r = botStep(settings(), choosing(), visitor("Talk to a human", "human", false));
  EXPECT_EQ(r.state.stage, BotStage::AskingField);
  EXPECT_TRUE(r.state.handed_off);
  ASSERT_EQ(r.actions.size(), 3u);
  EXPECT_EQ(r.actions[1].kind, K::Handoff);
  EXPECT_EQ(r.actions[2].text, "Away, back Monday 09:00 (UTC). Your email?");
  // After the handoff the options are no longer offered: the label is just text.
  EXPECT_EQ(chosenOption(settings(), r.state, visitor("Opening hours", "hours")), nullptr);
  auto r2 = botStep(settings(), r.state, visitor("ann@example.com"));
  EXPECT_EQ(r2.state.stage, BotStage::HandedOff);
  ASSERT_EQ(r2.actions.size(), 2u);
  EXPECT_EQ(r2.actions[0].kind, K::SaveField);
  EXPECT_EQ(r2.actions[0].value, "ann@example.com");
  EXPECT_NE(r2.actions[1].text.find("ann@example.com"), std::string::npos);
  auto r3 = botStep(settings(), r2.state, visitor("hello?"));
  EXPECT_TRUE(r3.actions.empty());
}

TEST(BotFlow, HandoffWhileNobodyIsThereWithAKnownEmailDoesNotAskAgain) {
  BotState st = choosing();
  st.learned = {{BotField::Email, "a@b.co"}};
  auto r = botStep(settings(), st, visitor("Talk to a human", "human", false));
  EXPECT_EQ(r.state.stage, BotStage::HandedOff);
  EXPECT_EQ(r.actions.size(), 3u);  // handoff text, note, "back Monday"
}

TEST(BotFlow, AnAgentsReplySilencesTheBotForGood) {
  for (auto stage : {BotStage::New, BotStage::Choosing, BotStage::AskingField, BotStage::HandedOff}) {
    BotState st;
    st.stage = stage;
    BotEvent agent;
    agent.kind = BotEvent::Kind::AgentReplied;
    auto r = botStep(settings(), st, agent);
    EXPECT_EQ(r.state.stage, BotStage::Silent);
    EXPECT_TRUE(r.actions.empty());
    auto r2 = botStep(settings(), r.state, visitor("Talk to a human", "human"));
    EXPECT_TRUE(r2.actions.empty());
    EXPECT_EQ(r2.state.stage, BotStage::Silent);
  }
}

TEST(BotFlow, HandedOffStaysQuiet) {
  BotState st;
  st.stage = BotStage::HandedOff;
  st.handed_off = true;
  auto r = botStep(settings(), st, visitor("anyone?"));
  EXPECT_TRUE(r.actions.empty());
  EXPECT_FALSE(wantsArticleSearch(settings(), st, visitor("refunds")));
}

TEST(BotFlow, QuestionsKeptAreBounded) {
  BotState st = choosing();
  st.misses = -100;  // never hand over here
  for (int i = 0; i < 9; ++i) st = botStep(settings(), st, visitor(std::string(500, 'x'))).state;
  EXPECT_EQ(st.questions.size(), kMaxBotQuestionsKept);
  EXPECT_EQ(st.questions[0].size(), kMaxBotQuestionKeptChars);
}

TEST(BotFields, Normalised) {
  EXPECT_EQ(normalizeBotField(BotField::Email, " a.b@example.co "), "a.b@example.co");
  for (const char* bad : {"a@b", "@b.co", "a@@b.co", "a b@c.co", "a@.co", "a@b.co.", ""})
    EXPECT_FALSE(normalizeBotField(BotField::Email, bad)) << bad;
  EXPECT_EQ(normalizeBotField(BotField::Name, " Ann Lee "), "Ann Lee");
  EXPECT_FALSE(normalizeBotField(BotField::Name, std::string(101, 'a')));
  EXPECT_EQ(normalizeBotField(BotField::OrderNumber, "#1042"), "1042");
  EXPECT_FALSE(normalizeBotField(BotField::OrderNumber, "my order is 12"));
}

TEST(BotFlow, OfflineNoticeWithoutATime) {
  BotAvailability a;
  EXPECT_EQ(offlineNotice(settings(), a), "Away, back soon. Your email?");
}

}  // namespace
}  // namespace parley
