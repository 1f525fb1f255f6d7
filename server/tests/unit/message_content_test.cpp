// wire/message_content: structured content checked with the field named, its canonical form, and how the encoders
// show it ("content" or "reply_to_option"); wire/bot_json: the bot's state and settings stored and read back.
#include "wire/message_content.h"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "wire/bot_json.h"
#include "wire/json_codec.h"
#include "wire/json_writer.h"

namespace parley {
namespace {

namespace bj = boost::json;

std::string contentFieldOf(const std::string& json, bool press = false) {
  try {
    press ? parseReplyToOption(bj::parse(json)) : parseMessageContent(bj::parse(json));
  } catch (const json::FieldError& e) {
    return e.field;
  }
  return "ok";
}

TEST(MessageContent, QuickRepliesAreCheckedAndMadeCanonical) {
  auto c = parseMessageContent(bj::parse(R"({"options":[{"label":"Yes","id":"y","extra":1}],"type":"quick_replies"})"));
  EXPECT_EQ(c, R"({"type":"quick_replies","options":[{"id":"y","label":"Yes"}]})");
  EXPECT_EQ(contentFieldOf(R"({"type":"quick_replies","options":[]})"), "content.options");
  EXPECT_EQ(contentFieldOf(R"({"type":"quick_replies"})"), "content.options");
  std::string eleven = R"({"type":"quick_replies","options":[)";
  for (int i = 0; i < 11; ++i) eleven += std::string(i ? "," : "") + R"({"id":"a","label":"A"})";
  EXPECT_EQ(contentFieldOf(eleven + "]}"), "content.options");
  EXPECT_EQ(contentFieldOf(R"({"type":"quick_replies","options":[{"id":"y","label":" "}]})"), "content.options[0].label");
  const std::string longLabel =
      std::string(R"({"type":"quick_replies","options":[{"id":"y","label":")") + std::string(81, 'a') + "\"}]}";
  EXPECT_EQ(contentFieldOf(longLabel), "content.options[0].label");
  const std::string longId =
      std::string(R"({"type":"quick_replies","options":[{"id":")") + std::string(41, 'a') + R"(","label":"A"}]})";
  EXPECT_EQ(contentFieldOf(longId), "content.options[0].id");
}

TEST(MessageContent, ArticleCardsNeedSafeLinksAndAtMostThree) {
  EXPECT_EQ(contentFieldOf(R"({"type":"articles","articles":[{"id":1,"title":"T","excerpt":"","url":"/help/x/articles/t"}]})"),
            "ok");
  EXPECT_EQ(contentFieldOf(R"j({"type":"articles","articles":[{"id":1,"title":"T","url":"javascript:alert(1)"}]})j"),
            "content.articles[0].url");
  EXPECT_EQ(contentFieldOf(R"({"type":"articles","articles":[{"id":1,"title":"T","url":"//evil.example/x"}]})"),
            "content.articles[0].url");
  EXPECT_EQ(contentFieldOf(R"({"type":"articles","articles":[{"id":0,"title":"T","url":"/x"}]})"), "content.articles[0].id");
  const std::string card = R"({"id":1,"title":"T","url":"https://example.com/a"})";
  EXPECT_EQ(contentFieldOf(R"({"type":"articles","articles":[)" + card + "," + card + "," + card + "," + card + "]}"),
            "content.articles");
}

TEST(MessageContent, OnlyTheServerMarksAnAiAnswerAndTypesAreKnown) {
  EXPECT_EQ(contentFieldOf(R"({"type":"articles","ai":true,"articles":[]})"), "content.ai");
  EXPECT_EQ(contentFieldOf(R"({"type":"carousel"})"), "content.type");
  EXPECT_EQ(contentFieldOf(R"("text")"), "content");
  EXPECT_NE(articlesContent({{1, "T", "E", "/x"}}, true).find(R"("ai":true)"), std::string::npos);
}

TEST(MessageContent, APressIsCheckedAndShownAsReplyToOption) {
  EXPECT_EQ(contentFieldOf(R"({"message_id":0,"option_id":"a"})", true), "reply_to_option.message_id");
  EXPECT_EQ(contentFieldOf(R"({"message_id":5})", true), "reply_to_option.option_id");
  auto stored = parseReplyToOption(bj::parse(R"({"message_id":5,"option_id":"human"})"));
  EXPECT_TRUE(isReplyToOption(stored));
  EXPECT_EQ(pressedOptionId(stored), "human");
  EXPECT_FALSE(isReplyToOption(quickRepliesContent({{"a", "A"}})));
  EXPECT_FALSE(pressedOptionId(quickRepliesContent({{"a", "A"}})));
  Message m;
  m.content_json = stored;
  auto codec = json::message(m);
  EXPECT_FALSE(codec.contains("content"));
  EXPECT_EQ(codec.at("reply_to_option").at("option_id").as_string(), "human");
  EXPECT_EQ(bj::parse(json::messageJson(m)), bj::value(codec)) << "the streaming writer says the same";
}

TEST(MessageContent, EncodersCarryContentAndSkipADamagedRow) {
  Message m;
  m.content_json = quickRepliesContent({{"a", "A"}, {"b", "B"}});
  auto codec = json::message(m);
  EXPECT_EQ(codec.at("content").at("options").as_array().size(), 2u);
  EXPECT_EQ(bj::parse(json::messageJson(m)), bj::value(codec));
  m.content_json = "{not json";
  EXPECT_FALSE(json::message(m).contains("content"));
  EXPECT_EQ(json::messageJson(m).find("content"), std::string::npos);
  m.content_json = "";
  EXPECT_FALSE(json::message(m).contains("content"));
}

TEST(BotJson, StateRoundTripsAndADamagedOneIsQuiet) {
  BotState s;
  s.stage = BotStage::AskingField;
  s.asking = BotField::OrderNumber;
  s.misses = 1;
  s.field_attempts = 1;
  s.questions = {"where is it?"};
  s.choices = {"My order"};
  s.asked = {"Order number?"};
  s.learned = {{BotField::Email, "a@b.co"}};
  auto back = readStoredBotState(storedBotState(s));
  EXPECT_EQ(back.stage, BotStage::AskingField);
  EXPECT_EQ(back.asking, BotField::OrderNumber);
  EXPECT_EQ(back.misses, 1);
  EXPECT_EQ(back.field_attempts, 1);
  EXPECT_EQ(back.questions, s.questions);
  EXPECT_EQ(back.choices, s.choices);
  EXPECT_EQ(back.asked, s.asked);
  ASSERT_EQ(back.learned.size(), 1u);
  EXPECT_EQ(back.learned[0].second, "a@b.co");
  EXPECT_EQ(readStoredBotState("garbage").stage, BotStage::HandedOff);
  EXPECT_EQ(readStoredBotState(R"({"stage":"dancing"})").stage, BotStage::HandedOff);
}

TEST(BotJson, SettingsKeepTheKeyOutOfTheApiAndAPutKeepsWhatItLeavesOut) {
  auto s = defaultBotSettings();
  s.ai.api_key = "sk-secret";
  EXPECT_EQ(bj::serialize(botSettingsJson(s)).find("sk-secret"), std::string::npos);
  EXPECT_TRUE(botSettingsJson(s).at("ai").at("api_key_set").as_bool());
  auto stored = readStoredBotSettings(storedBotSettings(s));
  EXPECT_EQ(stored.ai.api_key, "sk-secret");
  auto put = botSettingsFromRequest(bj::parse(R"({"enabled":true})").as_object(), stored);
  EXPECT_TRUE(put.enabled);
  EXPECT_EQ(put.ai.api_key, "sk-secret");
  EXPECT_EQ(put.options.size(), s.options.size());
  auto field = [](const char* body) {
    try {
      botSettingsFromRequest(bj::parse(body).as_object(), defaultBotSettings());
    } catch (const json::FieldError& e) {
      return e.field;
    }
    return std::string("ok");
  };
  EXPECT_EQ(field(R"({"enabled":"yes"})"), "enabled");
  EXPECT_EQ(field(R"({"options":[{"id":"a","label":"A","action":"dance"}]})"), "options[0].action");
  EXPECT_EQ(field(R"({"options":[{"id":"a","label":"A","action":"ask","field":"phone"}]})"), "options[0].field");
  EXPECT_EQ(field(R"({"ai":{"timeout_ms":"1"}})"), "ai.timeout_ms");
  EXPECT_EQ(readStoredBotSettings("nonsense").enabled, false);
}

}  // namespace
}  // namespace parley
