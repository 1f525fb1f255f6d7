// What the AI answerer asks the model and what it makes of the reply (domain/ai_prompt), and the
// chat-completions JSON both ways (wire/chat_completions_json).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "domain/ai_prompt.h"
#include "wire/chat_completions_json.h"

namespace parley {
namespace {

std::vector<AiSource> threeArticles() {
  return {{11, "Shipping times", "/help/w1/articles/shipping", "Orders ship within 2 working days."},
          {12, "Returns", "/help/w1/articles/returns", "You can return items within 30 days."},
          {13, "Payment", "/help/w1/articles/payment", "We take cards and PayPal."}};
}

TEST(AiPrompt, TheSystemTurnCarriesTheRulesAndTheNumberedArticlesAndTheQuestionIsTheUserTurn) {
  auto turns = buildAiPrompt("Acme", "How long does shipping take?", threeArticles());
  ASSERT_EQ(turns.size(), 2u);
  EXPECT_EQ(turns[0].role, "system");
  EXPECT_NE(turns[0].content.find("for Acme"), std::string::npos);
  EXPECT_NE(turns[0].content.find("NO_ANSWER"), std::string::npos);
  EXPECT_NE(turns[0].content.find("[1] Shipping times (/help/w1/articles/shipping)\nOrders ship within 2 working days."),
            std::string::npos);
  EXPECT_NE(turns[0].content.find("[3] Payment"), std::string::npos);
  EXPECT_EQ(turns[1].role, "user");
  EXPECT_EQ(turns[1].content, "How long does shipping take?");
}

TEST(AiPrompt, EverythingInThePromptIsBounded) {
  std::vector<AiSource> many;
  for (int i = 0; i < 10; ++i) many.push_back({i + 1, "T" + std::to_string(i), "/u", std::string(50'000, 'x')});
  auto turns = buildAiPrompt(std::string(5'000, 'n'), std::string(9'000, 'q'), many);
  EXPECT_EQ(turns[0].content.find("[4]"), std::string::npos) << "at most kMaxAiSources articles";
  EXPECT_LT(turns[0].content.size(), kMaxAiSources * (kMaxAiSourceChars + 300) + 1'500);
  EXPECT_EQ(turns[1].content.size(), kMaxAiQuestionChars);
  // A cut never splits a character: 'é' is two bytes.
  std::string accents;
  for (int i = 0; i < 1'000; ++i) accents += "é";
  auto cut = buildAiPrompt("", accents, threeArticles())[1].content;
  EXPECT_EQ(cut.size() % 2, 0u);
  EXPECT_LE(cut.size(), kMaxAiQuestionChars);
}

TEST(AiReply, AnAnswerLosesItsMarkersAndNamesTheArticlesItCites) {
  auto r = interpretAiReply("  Orders ship within 2 working days [1]. Returns are free [2].\n", threeArticles());
  EXPECT_EQ(r.kind, AiReply::Kind::Answer);
  EXPECT_EQ(r.text, "Orders ship within 2 working days. Returns are free.");
  EXPECT_EQ(r.cited, (std::vector<Id>{11, 12}));
}

TEST(AiReply, AnAnswerCitingNothingLinksEveryArticleItWasGivenAndAMarkerOutOfRangeIsDropped) {
  auto r = interpretAiReply("We ship fast [7].", threeArticles());
  EXPECT_EQ(r.kind, AiReply::Kind::Answer);
  EXPECT_EQ(r.text, "We ship fast.");
  EXPECT_EQ(r.cited, (std::vector<Id>{11, 12, 13}));
  EXPECT_EQ(interpretAiReply("Array [x] and [12345] stay", threeArticles()).text, "Array [x] and [12345] stay");
}

TEST(AiReply, NoAnswerEmptyOrNoSourcesIsIDontKnow) {
  EXPECT_EQ(interpretAiReply("NO_ANSWER", threeArticles()).kind, AiReply::Kind::DontKnow);
  EXPECT_EQ(interpretAiReply("Sorry. NO_ANSWER", threeArticles()).kind, AiReply::Kind::DontKnow);
  EXPECT_EQ(interpretAiReply("   \n", threeArticles()).kind, AiReply::Kind::DontKnow);
  EXPECT_EQ(interpretAiReply("[1]", threeArticles()).kind, AiReply::Kind::DontKnow);
  EXPECT_EQ(interpretAiReply("It ships tomorrow.", {}).kind, AiReply::Kind::DontKnow)
      << "an answer with no article to ground it is not shown";
}

TEST(AiReply, ALongAnswerIsCut) {
  auto r = interpretAiReply(std::string(10'000, 'a'), threeArticles());
  EXPECT_EQ(r.kind, AiReply::Kind::Answer);
  EXPECT_LE(r.text.size(), kMaxAiAnswerChars);
}

TEST(ChatCompletionsJson, TheRequestNamesTheModelAndTheTurns) {
  auto body = json::chatCompletionsRequest("llama-3", {{"system", "rules"}, {"user", "q \"x\""}}, 400);
  auto v = boost::json::parse(body).as_object();
  EXPECT_EQ(v.at("model").as_string(), "llama-3");
  EXPECT_EQ(v.at("max_tokens").as_int64(), 400);
  EXPECT_EQ(v.at("stream").as_bool(), false);
  auto& m = v.at("messages").as_array();
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[1].at("role").as_string(), "user");
  EXPECT_EQ(m[1].at("content").as_string(), "q \"x\"");
}

TEST(ChatCompletionsJson, ContentRefusalAndErrorsAreToldApart) {
  using K = json::ChatCompletion::Kind;
  auto ok = json::parseChatCompletion(
      R"({"id":"x","choices":[{"index":0,"message":{"role":"assistant","content":"Hi [1]"},"finish_reason":"stop"}]})");
  EXPECT_EQ(ok.kind, K::Content);
  EXPECT_EQ(ok.text, "Hi [1]");
  EXPECT_EQ(json::parseChatCompletion(R"({"choices":[{"message":{"content":null,"refusal":"I can't help"}}]})").kind,
            K::Refusal);
  EXPECT_EQ(json::parseChatCompletion(R"({"choices":[{"message":{"content":""},"finish_reason":"content_filter"}]})").kind,
            K::Refusal);
  auto err = json::parseChatCompletion(R"({"error":{"message":"model not found","type":"invalid_request_error"}})");
  EXPECT_EQ(err.kind, K::Malformed);
  EXPECT_EQ(err.text, "error: model not found");
  EXPECT_EQ(json::parseChatCompletion("<html>502</html>").kind, K::Malformed);
  EXPECT_EQ(json::parseChatCompletion(R"({"choices":[]})").kind, K::Malformed);
  EXPECT_EQ(json::parseChatCompletion(R"({"choices":[{"message":{"content":5}}]})").kind, K::Malformed);
  EXPECT_EQ(json::parseChatCompletion(std::string(100, '[') + std::string(100, ']')).kind, K::Malformed)
      << "depth is bounded";
}

}  // namespace
}  // namespace parley
