// The rule-based bot on a real server (issue 14, item 5): Settings > Bot over REST with errors naming the field;
// the greeting with quick replies on a visitor's first message (and no assignment while the bot has the chat);
// a quick reply's answer; free text answered with a published article's card; the email captured onto the
// contact; "Talk to a human" hands the chat to the online agent with the bot's summary as a private note and
// the Bot view lists it; silence after the agent's reply; nobody online: the email asked and when the team is back.
#include <gtest/gtest.h>

#include <ctime>
#include <thread>

#include "test_server.h"

namespace bj = boost::json;
using namespace parley::test;

namespace {

class BotApi : public ::testing::Test {
 protected:
  void SetUp() override {
    admin = server.login();
    auto r = server.post("/api/v1/agents",
                         bj::object{{"email", "sam@test.local"}, {"name", "Sam"}, {"password", "sam-password"},
                                    {"role", "agent"}, {"capacity", 5}},
                         admin);
    ASSERT_EQ(r.status, 201) << r.body;
    samId = r.json().at("agent").at("id").as_int64();
  }

  HttpResult put(const std::string& target, const bj::value& body, const std::string& token) {
    return httpRequest(server.port(), "PUT", target, bj::serialize(body), token);
  }

  bj::array options() {
    return bj::array{
        bj::object{{"id", "hours"}, {"label", "Opening hours"}, {"action", "answer"}, {"text", "We're open 9 to 5."}},
        bj::object{{"id", "mail"}, {"label", "Email me"}, {"action", "ask"}, {"field", "email"},
                   {"question", "What's your email?"}},
        bj::object{{"id", "human"}, {"label", "Talk to a human"}, {"action", "human"}},
    };
  }

  void enableBot(const std::string& when = "always") {
    auto r = put("/api/v1/bot",
                 bj::object{{"enabled", true}, {"when", when}, {"greeting", "Hi! I'm the bot."},
                            {"options", options()}, {"handoff_text", "Passing you to the team."},
                            {"offline_text", "We're away, back {back}. Leave your email?"}},
                 admin);
    ASSERT_EQ(r.status, 200) << r.body;
  }

  std::unique_ptr<WsClient> samOnline() {
    auto ws = std::make_unique<WsClient>(server.port());
    ws->hello(server.login("sam@test.local", "sam-password"));
    return ws;
  }

  struct Visitor {
    std::string token;
    std::unique_ptr<WsClient> ws;
    std::int64_t conversation = 0;
    int sent = 0;
  };

  Visitor visitor() {
    auto [token, wsId] = server.newVisitor();
    Visitor v{token, std::make_unique<WsClient>(server.port())};
    v.ws->hello(token);
    return v;
  }

  void say(Visitor& v, const std::string& body, std::optional<bj::object> press = std::nullopt) {
    bj::object f{{"type", "message.send"}, {"client_id", "v" + std::to_string(++v.sent)}, {"body", body}};
    if (v.conversation) f["conversation_id"] = v.conversation;
    if (press) f["reply_to_option"] = *press;
    v.ws->send(f);
    auto ack = v.ws->waitFor("message.ack");
    ASSERT_TRUE(ack) << "no ack for " << body;
    v.conversation = ack->at("conversation_id").as_int64();
  }

  // The bot's next public message to the visitor.
  std::optional<bj::object> botMessage(Visitor& v, std::chrono::milliseconds wait = std::chrono::milliseconds(3000)) {
    auto f = v.ws->waitFor(
        [](const bj::object& f) {
          return str(f.at("type")) == "message.created" && str(f.at("message").at("sender_type")) == "bot";
        },
        wait);
    if (!f) return std::nullopt;
    return f->at("message").as_object();
  }

  bj::object conversation(std::int64_t id) {
    return server.get("/api/v1/conversations/" + std::to_string(id), admin).json().at("conversation").as_object();
  }

  bj::array messages(std::int64_t id) {
    return server.get("/api/v1/conversations/" + std::to_string(id) + "/messages", admin)
        .json()
        .at("messages")
        .as_array();
  }

  TestServer server;
  std::string admin;
  std::int64_t samId = 0;
};

TEST_F(BotApi, SettingsDefaultOffAdminOnlyAndErrorsNameTheField) {
  auto g = server.get("/api/v1/bot", admin);
  ASSERT_EQ(g.status, 200) << g.body;
  EXPECT_FALSE(g.json().at("enabled").as_bool());
  EXPECT_FALSE(g.json().at("ai").at("api_key_set").as_bool());
  EXPECT_EQ(server.get("/api/v1/bot", server.login("sam@test.local", "sam-password")).status, 403);
  auto bad = put("/api/v1/bot", bj::object{{"options", bj::array{bj::object{{"id", "x"}, {"label", ""}, {"action", "human"}}}}},
                 admin);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(str(bad.json().at("error").at("field")), "options[0].label") << bad.body;
  auto when = put("/api/v1/bot", bj::object{{"when", "sometimes"}}, admin);
  EXPECT_EQ(when.status, 400);
  EXPECT_EQ(str(when.json().at("error").at("field")), "when");
  auto article = put("/api/v1/bot",
                     bj::object{{"options", bj::array{bj::object{{"id", "a"}, {"label", "A"}, {"action", "article"},
                                                                 {"article_id", 999}}}}},
                     admin);
  EXPECT_EQ(article.status, 400);
  EXPECT_EQ(str(article.json().at("error").at("field")), "options[0].article_id");
  // The AI key is write-only.
  auto key = put("/api/v1/bot", bj::object{{"ai", bj::object{{"api_key", "sk-secret"}}}}, admin);
  ASSERT_EQ(key.status, 200) << key.body;
  EXPECT_TRUE(key.json().at("ai").at("api_key_set").as_bool());
  EXPECT_EQ(key.body.find("sk-secret"), std::string::npos);
  EXPECT_EQ(server.get("/api/v1/bot", admin).body.find("sk-secret"), std::string::npos);
}

TEST_F(BotApi, GreetsAnswersAQuickReplyAndCapturesTheEmail) {
  enableBot();
  auto sam = samOnline();
  auto v = visitor();
  say(v, "hello there");
  auto greeting = botMessage(v);
  ASSERT_TRUE(greeting);
  EXPECT_EQ(str(greeting->at("body")), "Hi! I'm the bot.");
  const auto& content = greeting->at("content").as_object();
  EXPECT_EQ(str(content.at("type")), "quick_replies");
  ASSERT_EQ(content.at("options").as_array().size(), 3u);
  EXPECT_EQ(str(content.at("options").as_array()[2].at("label")), "Talk to a human");
  // The bot has the chat: nobody is assigned although Sam is online.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_TRUE(conversation(v.conversation).at("assignee_id").is_null());

  say(v, "Opening hours", bj::object{{"message_id", greeting->at("id")}, {"option_id", "hours"}});
  auto answer = botMessage(v);
  ASSERT_TRUE(answer);
  EXPECT_EQ(str(answer->at("body")), "We're open 9 to 5.");
  // The press is stored with the visitor's message and comes back in the history.
  bool sawPress = false;
  for (const auto& m : messages(v.conversation))
    if (m.as_object().contains("reply_to_option"))
      sawPress = str(m.at("reply_to_option").at("option_id")) == "hours" && str(m.at("body")) == "Opening hours";
  EXPECT_TRUE(sawPress);

  say(v, "Email me", bj::object{{"message_id", answer->at("id")}, {"option_id", "mail"}});
  auto ask = botMessage(v);
  ASSERT_TRUE(ask);
  EXPECT_EQ(str(ask->at("body")), "What's your email?");
  say(v, "not-an-email");
  auto again = botMessage(v);
  ASSERT_TRUE(again);
  EXPECT_NE(str(again->at("body")).find("valid email address"), std::string::npos);
  say(v, "ann@example.com");
  auto thanks = botMessage(v);
  ASSERT_TRUE(thanks);
  auto contactId = conversation(v.conversation).at("contact_id").as_int64();
  auto contact = server.get("/api/v1/contacts/" + std::to_string(contactId), admin);
  ASSERT_EQ(contact.status, 200) << contact.body;
  EXPECT_NE(contact.body.find("ann@example.com"), std::string::npos) << contact.body;
}

TEST_F(BotApi, AVisitorCannotSendButtonsAndAPressIsChecked) {
  auto v = visitor();
  v.ws->send(bj::object{{"type", "message.send"}, {"client_id", "x1"}, {"body", "hi"},
                        {"content", bj::object{{"type", "quick_replies"},
                                               {"options", bj::array{bj::object{{"id", "a"}, {"label", "A"}}}}}}});
  auto err = v.ws->waitFor("error");
  ASSERT_TRUE(err);
  EXPECT_EQ(str(err->at("field")), "content");
  v.ws->send(bj::object{{"type", "message.send"}, {"client_id", "x2"}, {"body", "hi"},
                        {"reply_to_option", bj::object{{"message_id", 1}, {"option_id", std::string(41, 'a')}}}});
  auto err2 = v.ws->waitFor("error");
  ASSERT_TRUE(err2);
  EXPECT_EQ(str(err2->at("field")), "reply_to_option.option_id");
}

TEST_F(BotApi, AnAgentMaySendQuickRepliesOverRest) {
  auto v = visitor();
  say(v, "hi");
  auto r = server.post("/api/v1/conversations/" + std::to_string(v.conversation) + "/messages",
                       bj::object{{"body", "Pick one"},
                                  {"content", bj::object{{"type", "quick_replies"},
                                                         {"options", bj::array{bj::object{{"id", "y"}, {"label", "Yes"}}}}}}},
                       admin);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(str(r.json().at("message").at("content").at("options").as_array()[0].at("label")), "Yes");
  auto bad = server.post("/api/v1/conversations/" + std::to_string(v.conversation) + "/messages",
                         bj::object{{"body", "x"}, {"content", bj::object{{"type", "articles"}, {"articles", bj::array{}}}}},
                         admin);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(str(bad.json().at("error").at("field")), "content.articles");
}

TEST_F(BotApi, FreeTextIsAnsweredWithAPublishedArticle) {
  auto a = server.post("/api/v1/articles",
                       bj::object{{"title", "Refunds and returns"},
                                  {"body_markdown", "You can ask for a refund within 30 days of delivery."},
                                  {"status", "published"}},
                       admin);
  // The knowledge base's REST comes with its own commit; until it is there, this test has nothing to ask.
  if (a.status == 404) GTEST_SKIP() << "POST /api/v1/articles is not served by this build";
  ASSERT_EQ(a.status, 201) << a.body;
  const auto articleId = a.json().at("id").as_int64();
  enableBot();
  auto v = visitor();
  say(v, "hi");
  ASSERT_TRUE(botMessage(v));
  say(v, "How do I get a refund?");
  auto cards = botMessage(v);
  ASSERT_TRUE(cards);
  ASSERT_TRUE(cards->contains("content")) << bj::serialize(*cards);
  const auto& content = cards->at("content").as_object();
  EXPECT_EQ(str(content.at("type")), "articles");
  ASSERT_EQ(content.at("articles").as_array().size(), 1u);
  const auto& card = content.at("articles").as_array()[0];
  EXPECT_EQ(card.at("id").as_int64(), articleId);
  EXPECT_EQ(str(card.at("title")), "Refunds and returns");
  EXPECT_EQ(str(card.at("url")), "/help/" + server.workspacePublicId() + "/articles/refunds-and-returns");
}

TEST_F(BotApi, TalkToAHumanHandsOverWithASummaryThenTheBotIsQuietAfterTheAgent) {
  enableBot();
  auto sam = samOnline();
  auto v = visitor();
  say(v, "my parcel is late");
  auto greeting = botMessage(v);
  ASSERT_TRUE(greeting);
  say(v, "Talk to a human", bj::object{{"message_id", greeting->at("id")}, {"option_id", "human"}});
  auto handoff = botMessage(v);
  ASSERT_TRUE(handoff);
  EXPECT_EQ(str(handoff->at("body")), "Passing you to the team.");
  // Routed and assigned like a new chat: Sam is online with room.
  bj::object c;
  for (int i = 0; i < 150; ++i) {
    c = conversation(v.conversation);
    if (!c.at("assignee_id").is_null()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_FALSE(c.at("assignee_id").is_null());
  EXPECT_EQ(c.at("assignee_id").as_int64(), samId);
  // The summary is a private note for the agent; the visitor never gets it.
  std::string note;
  for (const auto& m : messages(v.conversation))
    if (m.at("private").as_bool() && str(m.at("sender_type")) == "bot") note = str(m.at("body"));
  EXPECT_NE(note.find("the visitor asked for a human"), std::string::npos) << note;
  EXPECT_NE(note.find("\"my parcel is late\""), std::string::npos) << note;
  EXPECT_NE(note.find("Visitor chose: Talk to a human"), std::string::npos) << note;
  auto view = server.get("/api/v1/conversations?view=bot", admin);
  ASSERT_EQ(view.status, 200) << view.body;
  ASSERT_EQ(view.json().at("conversations").as_array().size(), 1u);
  EXPECT_EQ(view.json().at("conversations").as_array()[0].at("id").as_int64(), v.conversation);
  EXPECT_EQ(server.get("/api/v1/conversations?view=robots", admin).status, 400);

  // Sam answers; from now on the bot says nothing, whatever the visitor writes.
  auto r = server.post("/api/v1/conversations/" + std::to_string(v.conversation) + "/messages",
                       bj::object{{"body", "Hi, Sam here"}}, server.login("sam@test.local", "sam-password"));
  ASSERT_EQ(r.status, 201) << r.body;
  say(v, "Talk to a human");
  say(v, "Opening hours");
  EXPECT_FALSE(botMessage(v, std::chrono::milliseconds(800)));
}

TEST_F(BotApi, SilentForGoodOnceAnAgentRepliedEvenBeforeAHandoff) {
  enableBot();
  auto v = visitor();
  say(v, "hello");
  ASSERT_TRUE(botMessage(v));
  auto r = server.post("/api/v1/conversations/" + std::to_string(v.conversation) + "/messages",
                       bj::object{{"body", "An agent jumps in"}}, admin);
  ASSERT_EQ(r.status, 201);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  say(v, "Opening hours");
  EXPECT_FALSE(botMessage(v, std::chrono::milliseconds(800)));
}

TEST_F(BotApi, NobodyOnlineAsksForTheEmailAndSaysWhenTheTeamIsBack) {
  // Open one hour a day, starting two hours from now (UTC): closed now, back today or tomorrow at that hour.
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char open[6], close[6];
  std::snprintf(open, sizeof open, "%02d:00", (utc.tm_hour + 2) % 24);
  std::snprintf(close, sizeof close, "%02d:00", (utc.tm_hour + 3) % 24 == 0 ? 24 : (utc.tm_hour + 3) % 24);
  bj::object days;
  for (const char* d : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) days[d] = bj::array{open, close};
  auto p = server.patch("/api/v1/workspace",
                        bj::object{{"settings", bj::object{{"business_hours", bj::object{{"enabled", true},
                                                                                         {"timezone", "UTC"},
                                                                                         {"days", days}}}}}},
                        admin);
  ASSERT_EQ(p.status, 200) << p.body;
  enableBot("nobody_online");
  auto v = visitor();
  say(v, "is anyone there?");
  ASSERT_TRUE(botMessage(v));  // the greeting
  auto away = botMessage(v);
  ASSERT_TRUE(away);
  EXPECT_NE(str(away->at("body")).find(std::string("back ") ), std::string::npos);
  EXPECT_NE(str(away->at("body")).find(std::string(open) + " (UTC)"), std::string::npos) << str(away->at("body"));
  say(v, "me@example.org");
  auto thanks = botMessage(v);
  ASSERT_TRUE(thanks);
  EXPECT_NE(str(thanks->at("body")).find("me@example.org"), std::string::npos);
  auto contactId = conversation(v.conversation).at("contact_id").as_int64();
  EXPECT_NE(server.get("/api/v1/contacts/" + std::to_string(contactId), admin).body.find("me@example.org"),
            std::string::npos);
}

TEST_F(BotApi, StateSurvivesARestart) {
  enableBot();
  auto v = visitor();
  say(v, "hello");
  auto greeting = botMessage(v);
  ASSERT_TRUE(greeting);
  say(v, "Email me", bj::object{{"message_id", greeting->at("id")}, {"option_id", "mail"}});
  ASSERT_TRUE(botMessage(v));
  v.ws.reset();
  server.stop();
  server.start();
  v.ws = std::make_unique<WsClient>(server.port());
  v.ws->hello(v.token);
  say(v, "later@example.com");
  auto thanks = botMessage(v);
  ASSERT_TRUE(thanks) << "the bot still waits for the email after a restart";
  EXPECT_NE(str(thanks->at("body")).find("Thanks"), std::string::npos);
}

}  // namespace
