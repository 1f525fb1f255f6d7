// The bot with AI answers on a real server (issue 14, items 6 and 7), against a real HTTP server on
// loopback that speaks OpenAI's chat-completions protocol (fake_chat_completions): a question is
// answered by the model from the published article, marked as AI, with the article's card; when
// the model fails or the hour's calls are used up the bot answers as it would without AI; when the
// model says the articles do not hold the answer, the bot says so, offers a human and counts the
// question as unanswered in GET /api/v1/bot/report. The key never leaves the server.
#include <gtest/gtest.h>

#include "fake_chat_completions.h"
#include "test_server.h"

namespace bj = boost::json;
using namespace parley::test;

namespace {

class BotAi : public ::testing::Test {
 protected:
  void SetUp() override {
    admin = server.login();
    auto a = server.post("/api/v1/articles",
                         bj::object{{"title", "Shipping times"},
                                    {"body_markdown", "Orders ship within **two working days** of payment."},
                                    {"status", "published"}},
                         admin);
    ASSERT_EQ(a.status, 201) << a.body;
    articleId = a.json().at("id").as_int64();
  }

  void enableBot(int max_per_hour = 100) {
    auto r = httpRequest(
        server.port(), "PUT", "/api/v1/bot",
        bj::serialize(bj::object{
            {"enabled", true},
            {"when", "always"},
            {"greeting", "Hi! Ask me anything."},
            {"options", bj::array{bj::object{{"id", "human"}, {"label", "Talk to a human"}, {"action", "human"}}}},
            {"ai", bj::object{{"enabled", true}, {"base_url", model.baseUrl()}, {"model", "test-model"},
                              {"api_key", "sk-secret-42"}, {"timeout_ms", 3000}, {"max_per_hour", max_per_hour}}}}),
        admin);
    ASSERT_EQ(r.status, 200) << r.body;
  }

  // A visitor who opens a chat (the bot greets) and then asks `question`; returns the bot's answer.
  std::optional<bj::object> ask(const std::string& question) {
    auto [token, ws] = server.newVisitor();
    visitor = std::make_unique<WsClient>(server.port());
    visitor->hello(token);
    conversation = 0;
    send("Hello", 1);
    if (!botMessage()) return std::nullopt;  // the greeting
    // No agent is online, so the greeting is followed by the "team is away" notice. Waiting for it
    // keeps it from being taken for the answer (it could otherwise be stored after the question).
    auto away = botMessage();
    if (!away || str(away->at("body")).find("away") == std::string::npos) return std::nullopt;
    send(question, 2);
    return botMessage(lastAckedId);
  }

  void send(const std::string& body, int n) {
    bj::object f{{"type", "message.send"}, {"client_id", "v" + std::to_string(n)}, {"body", body}};
    if (conversation) f["conversation_id"] = conversation;
    visitor->send(f);
    auto ack = visitor->waitFor("message.ack");
    ASSERT_TRUE(ack) << "no ack for " << body;
    conversation = ack->at("conversation_id").as_int64();
    lastAckedId = ack->at("id").as_int64();
  }

  // The next bot message with an id above `after` (ids grow with each stored message).
  std::optional<bj::object> botMessage(std::int64_t after = 0) {
    auto f = visitor->waitFor(
        [after](const bj::object& f) {
          return str(f.at("type")) == "message.created" && str(f.at("message").at("sender_type")) == "bot" &&
                 f.at("message").at("id").as_int64() > after;
        },
        std::chrono::milliseconds(8000));
    if (!f) return std::nullopt;
    return f->at("message").as_object();
  }

  parley::testing::FakeChatCompletions model;
  TestServer server;
  std::string admin;
  std::int64_t articleId = 0;
  std::unique_ptr<WsClient> visitor;
  std::int64_t conversation = 0;
  std::int64_t lastAckedId = 0;
};

TEST_F(BotAi, AQuestionIsAnsweredByTheModelFromTheArticleMarkedAsAiWithItsCard) {
  enableBot();
  model.answerWith("Orders ship within two working days [1].");
  auto m = ask("How long does shipping take?");
  ASSERT_TRUE(m);
  EXPECT_EQ(str(m->at("body")), "Orders ship within two working days.");
  const auto& content = m->at("content").as_object();
  EXPECT_EQ(str(content.at("type")), "articles");
  EXPECT_TRUE(content.at("ai").as_bool());
  ASSERT_EQ(content.at("articles").as_array().size(), 1u);
  EXPECT_EQ(content.at("articles").as_array()[0].at("id").as_int64(), articleId);

  auto reqs = model.requests();
  ASSERT_EQ(reqs.size(), 1u) << "the greeting asks the model nothing";
  EXPECT_NE(reqs[0].body.find("Orders ship within two working days of payment."), std::string::npos)
      << "the prompt carries the article's text: " << reqs[0].body;
  EXPECT_NE(reqs[0].body.find("How long does shipping take?"), std::string::npos);
  EXPECT_NE(reqs[0].headers.find("Bearer sk-secret-42"), std::string::npos);

  auto settings = server.get("/api/v1/bot", admin);
  EXPECT_TRUE(settings.json().at("ai").at("api_key_set").as_bool());
  EXPECT_EQ(settings.body.find("sk-secret-42"), std::string::npos) << "the key never leaves the server";
}

TEST_F(BotAi, AFailingModelFallsBackToTheRuleBasedAnswer) {
  enableBot();
  model.answerRaw(500, R"({"error":{"message":"overloaded"}})");
  auto m = ask("What are your shipping times?");
  ASSERT_TRUE(m);
  EXPECT_EQ(str(m->at("body")), "This article may help:");
  const auto& content = m->at("content").as_object();
  EXPECT_EQ(content.if_contains("ai"), nullptr) << "not marked as AI";
  EXPECT_EQ(content.at("articles").as_array()[0].at("id").as_int64(), articleId);
  EXPECT_EQ(model.requests().size(), 1u);
}

TEST_F(BotAi, PastTheHoursCallsTheBotAnswersWithoutTheModel) {
  enableBot(1);
  model.answerWith("Two working days [1].");
  auto first = ask("What are your shipping times?");
  ASSERT_TRUE(first);
  EXPECT_EQ(str(first->at("body")), "Two working days.");
  auto second = ask("Shipping times, please?");
  ASSERT_TRUE(second);
  EXPECT_EQ(str(second->at("body")), "This article may help:");
  EXPECT_EQ(model.requests().size(), 1u) << "nothing is sent past the limit";
}

TEST_F(BotAi, WhenTheArticlesDoNotHoldTheAnswerTheBotSaysSoAndTheQuestionIsCounted) {
  enableBot();
  model.answerWith("NO_ANSWER");
  auto m = ask("Do you ship by drone?");
  ASSERT_TRUE(m);
  EXPECT_EQ(str(m->at("body")).rfind("Sorry, I couldn't find an answer", 0), 0u) << str(m->at("body"));
  EXPECT_EQ(str(m->at("content").at("type")), "quick_replies") << "a human is offered";

  auto report = server.get("/api/v1/bot/report?days=7", admin);
  ASSERT_EQ(report.status, 200) << report.body;
  auto j = report.json().as_object();
  EXPECT_EQ(j.at("days").as_int64(), 7);
  EXPECT_EQ(j.at("bot").at("handled").as_int64(), 1);
  const auto& unanswered = j.at("unanswered").as_array();
  ASSERT_EQ(unanswered.size(), 1u);
  EXPECT_EQ(str(unanswered[0].at("question")), "Do you ship by drone?");
  EXPECT_EQ(unanswered[0].at("count").as_int64(), 1);
  ASSERT_EQ(j.at("articles").as_array().size(), 1u);
  EXPECT_EQ(j.at("articles").as_array()[0].at("id").as_int64(), articleId);

  EXPECT_EQ(server.get("/api/v1/bot/report?days=0", admin).status, 400);
  EXPECT_EQ(server.get("/api/v1/bot/report", "").status, 401);
}

}  // namespace
