// The AI answerer against a real HTTP server on loopback that speaks OpenAI's chat-completions
// protocol (tests/integration/fake_chat_completions): the prompt it sends, and its answer,
// "I don't know", refusal, failure, timeout, size, rate-limit and queue paths.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <future>

#include "app/ai_answerer.h"
#include "fake_chat_completions.h"

namespace parley {
namespace {

using Kind = AiAnswerer::Outcome::Kind;

struct AiAnswererTest : ::testing::Test {
  testing::FakeChatCompletions model;
  Millis now = 1'700'000'000'000;
  AiAnswerer answerer{[this] { return now; }};

  AiAnswerer::Question question(std::string text = "How long does shipping take?") {
    AiAnswerer::Question q;
    q.workspace_id = 7;
    q.settings.enabled = true;
    q.settings.base_url = model.baseUrl() + "/";
    q.settings.model = "llama-3.1-8b";
    q.settings.api_key = "sk-test-123";
    q.settings.timeout_ms = 2'000;
    q.settings.max_per_hour = 100;
    q.workspace_name = "Acme";
    q.text = std::move(text);
    q.sources = {{11, "Shipping times", "/help/w1/articles/shipping", "Orders ship within 2 working days."},
                 {12, "Returns", "/help/w1/articles/returns", "Returns are free for 30 days."}};
    return q;
  }
};

TEST_F(AiAnswererTest, ThePromptCarriesTheArticlesTheQuestionTheModelAndTheKey) {
  model.answerWith("Orders ship within 2 working days [1].");
  auto out = answerer.answerNow(question());
  EXPECT_EQ(out.kind, Kind::Answer) << out.detail;
  EXPECT_EQ(out.text, "Orders ship within 2 working days.");
  EXPECT_EQ(out.cited, std::vector<Id>{11});

  auto reqs = model.requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].path, "/v1/chat/completions") << "one slash between base URL and path";
  EXPECT_NE(reqs[0].headers.find("Authorization: Bearer sk-test-123"), std::string::npos);
  auto body = boost::json::parse(reqs[0].body).as_object();
  EXPECT_EQ(body.at("model").as_string(), "llama-3.1-8b");
  const auto& messages = body.at("messages").as_array();
  const std::string system(messages[0].at("content").as_string());
  EXPECT_NE(system.find("Orders ship within 2 working days."), std::string::npos);
  EXPECT_NE(system.find("[2] Returns (/help/w1/articles/returns)"), std::string::npos);
  EXPECT_EQ(messages[1].at("content").as_string(), "How long does shipping take?");
}

TEST_F(AiAnswererTest, NoAnswerAndARefusalAreIDontKnow) {
  model.answerWith("NO_ANSWER");
  EXPECT_EQ(answerer.answerNow(question("Do you sell cars?")).kind, Kind::DontKnow);
  model.answerRaw(200, R"({"choices":[{"message":{"role":"assistant","content":null,"refusal":"I cannot help with that."}}]})");
  auto out = answerer.answerNow(question());
  EXPECT_EQ(out.kind, Kind::DontKnow);
  EXPECT_EQ(out.detail, "refused");
}

TEST_F(AiAnswererTest, WithoutARelevantArticleNothingIsAsked) {
  auto q = question();
  q.sources.clear();
  EXPECT_EQ(answerer.answerNow(q).kind, Kind::DontKnow);
  EXPECT_TRUE(model.requests().empty());
}

TEST_F(AiAnswererTest, ServerErrorsAndNonsenseAreFailures) {
  model.answerRaw(500, R"({"error":{"message":"overloaded"}})");
  auto out = answerer.answerNow(question());
  EXPECT_EQ(out.kind, Kind::Failed);
  EXPECT_EQ(out.detail, "HTTP 500");
  model.answerRaw(200, R"({"error":{"message":"model not loaded"}})");
  out = answerer.answerNow(question());
  EXPECT_EQ(out.kind, Kind::Failed);
  EXPECT_EQ(out.detail, "error: model not loaded");
  model.answerRaw(200, "<html>gateway</html>");
  EXPECT_EQ(answerer.answerNow(question()).kind, Kind::Failed);
}

TEST_F(AiAnswererTest, AnEndpointThatDoesNotAnswerInTimeIsATimeout) {
  model.answerRaw(200, "{}", std::chrono::milliseconds(4'000));
  auto out = answerer.answerNow(question());  // timeout_ms 2,000
  EXPECT_EQ(out.kind, Kind::Failed);
  EXPECT_EQ(out.detail, "timeout");
}

TEST_F(AiAnswererTest, AnAnswerTooLargeIsDropped) {
  model.answerRaw(200, std::string(AiAnswerer::kMaxAnswerBytes + 10, ' '));
  auto out = answerer.answerNow(question());
  EXPECT_EQ(out.kind, Kind::Failed);
  EXPECT_EQ(out.detail, "answer too large");
}

TEST_F(AiAnswererTest, NothingIsReachableAtAPortNobodyListensOn) {
  auto q = question();
  q.settings.base_url = "http://127.0.0.1:1/v1";
  EXPECT_EQ(answerer.answerNow(q).kind, Kind::Failed);
}

TEST_F(AiAnswererTest, AWorkspaceGetsItsCallsAnHourAndNoMore) {
  model.answerWith("Yes [1].");
  auto q = question();
  q.settings.max_per_hour = 2;
  EXPECT_EQ(answerer.answerNow(q).kind, Kind::Answer);
  EXPECT_EQ(answerer.answerNow(q).kind, Kind::Answer);
  EXPECT_EQ(answerer.answerNow(q).kind, Kind::RateLimited);
  EXPECT_EQ(model.requests().size(), 2u) << "a limited question is not sent";
  auto other = q;
  other.workspace_id = 8;
  EXPECT_EQ(answerer.answerNow(other).kind, Kind::Answer) << "the limit is each workspace's own";
  now += 3'600'000;
  EXPECT_EQ(answerer.answerNow(q).kind, Kind::Answer) << "a new hour";
}

TEST_F(AiAnswererTest, OffOrNotConfiguredAsksNothing) {
  auto q = question();
  q.settings.enabled = false;
  EXPECT_EQ(answerer.answerNow(q).kind, Kind::Off);
  q = question();
  q.settings.base_url = "file:///etc/passwd";
  EXPECT_EQ(answerer.answerNow(q).kind, Kind::Off);
  q = question();
  q.settings.model.clear();
  EXPECT_EQ(answerer.answerNow(q).kind, Kind::Off);
  EXPECT_TRUE(model.requests().empty());
}

TEST_F(AiAnswererTest, QuestionsBeyondTheQueueAreBusyAtOnce) {
  AiAnswerer small([this] { return now; }, 1, 1);
  model.answerRaw(200, "{}", std::chrono::milliseconds(600));
  std::promise<Kind> first, second, third;
  small.ask(question(), [&](AiAnswerer::Outcome o) { first.set_value(o.kind); });
  // Wait until the first is running (the fake server has it), so exactly one waits in the queue.
  for (int i = 0; i < 200 && model.requests().empty(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  small.ask(question(), [&](AiAnswerer::Outcome o) { second.set_value(o.kind); });
  small.ask(question(), [&](AiAnswerer::Outcome o) { third.set_value(o.kind); });
  EXPECT_EQ(third.get_future().get(), Kind::Busy);
  EXPECT_EQ(first.get_future().get(), Kind::Failed) << "an empty object is no answer";
  EXPECT_EQ(second.get_future().get(), Kind::Failed);
  small.stop();
}

}  // namespace
}  // namespace parley
