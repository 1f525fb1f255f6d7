// Issue 15 on a real server, the REST side of email: Settings > Email's settings and their
// validation, who may ask for a transcript (and 503 while the server sends no email: TestServer
// has no --smtp), an email's conversation link traded for a visitor session, and the /chat page.
// Sending itself (a transcript arriving at an SMTP server) is tested where the mail worker is.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "domain/clock.h"
#include "security/email_tokens.h"
#include "store/sqlite/sqlite_store.h"
#include "test_server.h"

namespace bj = boost::json;
using namespace parley::test;

namespace {

class EmailApi : public ::testing::Test {
 protected:
  void SetUp() override { admin = server.login(); }

  // A visitor who wrote once: {visitor token, conversation id}.
  std::pair<std::string, std::int64_t> visitorWithConversation(const std::string& client_id) {
    auto [token, ws] = server.newVisitor();
    WsClient visitor(server.port());
    visitor.hello(token);
    visitor.send(bj::object{{"type", "message.send"}, {"client_id", client_id}, {"body", "hello"}});
    auto ack = visitor.waitFor("message.ack");
    EXPECT_TRUE(ack);
    return {token, ack ? ack->at("conversation_id").as_int64() : 0};
  }

  HttpResult patchSettings(const bj::object& settings) {
    return server.patch("/api/v1/workspace", bj::object{{"settings", settings}}, admin);
  }

  static std::string fieldOf(const HttpResult& r) {
    const auto j = r.json();  // kept: what if_contains points into
    const auto* e = j.is_object() ? j.get_object().if_contains("error") : nullptr;
    const auto* f = e && e->is_object() ? e->get_object().if_contains("field") : nullptr;
    return f && f->is_string() ? std::string(f->get_string()) : "";
  }

  // The installation's link key, as `parley serve` reads it (the same row: INSERT OR IGNORE).
  std::string linkKey() {
    parley::SqliteStore store(server.dataDir() + "/parley.db");
    return store.installationSecret("email");
  }

  TestServer server;
  std::string admin;
};

TEST_F(EmailApi, SettingsAreValidatedAndKept) {
  auto ok = patchSettings(bj::object{{"email_sender_name", "Acme Support"},
                                     {"email_reply_domain", "mail.example.com"},
                                     {"email_continuity", false},
                                     {"email_continuity_minutes", 30}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  auto settings = server.get("/api/v1/workspace", admin).json().at("workspace").at("settings");
  EXPECT_EQ(str(settings.at("email_sender_name")), "Acme Support");
  EXPECT_EQ(str(settings.at("email_reply_domain")), "mail.example.com");
  EXPECT_FALSE(settings.at("email_continuity").as_bool());
  EXPECT_EQ(settings.at("email_continuity_minutes").as_int64(), 30);

  const std::vector<std::pair<std::string, bj::value>> bad = {
      {"email_sender_name", bj::value(std::string(81, 'a'))},
      {"email_sender_name", bj::value("Acme\r\nBcc: everyone@example.com")},
      {"email_sender_name", bj::value(7)},
      {"email_reply_domain", bj::value("Mail.Example.com")},
      {"email_reply_domain", bj::value("example")},
      {"email_reply_domain", bj::value("mail.example.com:25")},
      {"email_reply_domain", bj::value("user@example.com")},
      {"email_continuity", bj::value("yes")},
      {"email_continuity_minutes", bj::value(-1)},
      {"email_continuity_minutes", bj::value(1441)},
      {"email_continuity_minutes", bj::value(2.5)},
      {"email_continuity_minutes", bj::value("5")},
  };
  for (const auto& [key, value] : bad) {
    auto r = patchSettings(bj::object{{key, value}});
    EXPECT_EQ(r.status, 400) << key << " = " << bj::serialize(value) << ": " << r.body;
    EXPECT_EQ(fieldOf(r), "settings." + key) << r.body;
  }
  // Nothing of the refused values was kept.
  settings = server.get("/api/v1/workspace", admin).json().at("workspace").at("settings");
  EXPECT_EQ(settings.at("email_continuity_minutes").as_int64(), 30);
}

TEST_F(EmailApi, StatusSaysOffWithTheWorkspaceNameAndAnEmptyLog) {
  auto r = server.get("/api/v1/email", admin);
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.json().as_object();
  EXPECT_FALSE(j.at("enabled").as_bool());
  EXPECT_FALSE(str(j.at("from").at("name")).empty());
  EXPECT_TRUE(j.at("outbox").as_array().empty());
  ASSERT_EQ(patchSettings(bj::object{{"email_sender_name", "Acme <Support>"}}).status, 200);
  EXPECT_EQ(str(server.get("/api/v1/email", admin).json().at("from").at("name")), "Acme <Support>");

  EXPECT_EQ(server.get("/api/v1/email?limit=0", admin).status, 400);
  EXPECT_EQ(server.get("/api/v1/email?limit=201", admin).status, 400);
  EXPECT_EQ(server.get("/api/v1/email").status, 401);
  auto [visitor, ws] = server.newVisitor();
  EXPECT_EQ(server.get("/api/v1/email", visitor).status, 401);
  ASSERT_EQ(server.runCli({"agent", "add", "--data", server.dataDir(), "--email", "amy@test.local", "--name", "Amy",
                           "--password", "amy-password-1", "--role", "agent"}),
            0);
  EXPECT_EQ(server.get("/api/v1/email", server.login("amy@test.local", "amy-password-1")).status, 403);
}

TEST_F(EmailApi, AgentTranscriptChecksTheAddressThenSays503WhileEmailIsOff) {
  auto [visitor, conv] = visitorWithConversation("t1");
  const auto path = "/api/v1/conversations/" + std::to_string(conv) + "/transcript";

  // The contact has no email and none is given.
  auto none = server.post(path, bj::object{}, admin);
  EXPECT_EQ(none.status, 400) << none.body;
  EXPECT_EQ(fieldOf(none), "email");
  for (const char* bad : {"", "jo", "jo@", "@example.com", "jo@example", "jo@@example.com", "jo smith@example.com",
                          "<jo@example.com>", "jo@example.com, eve@example.com", "jo@example.com\r\nBcc: x@y.z",
                          "jo@.example.com", "jo@example.com."}) {
    auto r = server.post(path, bj::object{{"email", bad}}, admin);
    EXPECT_EQ(r.status, 400) << bad << ": " << r.body;
    EXPECT_EQ(fieldOf(r), "email") << bad;
  }
  auto tooLong = server.post(path, bj::object{{"email", std::string(250, 'a') + "@example.com"}}, admin);
  EXPECT_EQ(tooLong.status, 400) << tooLong.body;
  EXPECT_EQ(server.post(path, bj::object{{"email", 42}}, admin).status, 400);

  auto off = server.post(path, bj::object{{"email", "jo@example.com"}}, admin);
  EXPECT_EQ(off.status, 503) << off.body;
  EXPECT_EQ(str(off.json().at("error").at("code")), "email_unavailable");

  // The contact's own email is the default.
  ASSERT_EQ(server.patch("/api/v1/widget/visitor", bj::object{{"email", "jo@example.com"}}, visitor).status, 200);
  EXPECT_EQ(server.post(path, bj::object{}, admin).status, 503);

  // Who may: a visitor token is no agent; another workspace's agent does not see the conversation.
  EXPECT_EQ(server.post(path, bj::object{{"email", "jo@example.com"}}, visitor).status, 401);
  EXPECT_EQ(server.post("/api/v1/conversations/999999/transcript", bj::object{{"email", "jo@example.com"}}, admin).status,
            404);
  ASSERT_EQ(server.runCli({"agent", "add", "--data", server.dataDir(), "--workspace", "Other Co", "--email",
                           "bob@other.test", "--name", "Bob", "--password", "bob-password", "--role", "admin"}),
            0);
  auto other = server.post(path, bj::object{{"email", "jo@example.com"}}, server.login("bob@other.test", "bob-password"));
  EXPECT_EQ(other.status, 404) << other.body;
}

TEST_F(EmailApi, VisitorTranscriptOnlyForTheirOwnConversation) {
  auto [visitor, conv] = visitorWithConversation("v1");
  auto [stranger, strangerConv] = visitorWithConversation("v2");
  const auto path = "/api/v1/widget/conversations/" + std::to_string(conv) + "/transcript";

  auto missing = server.post(path, bj::object{}, visitor);
  EXPECT_EQ(missing.status, 400) << missing.body;
  EXPECT_EQ(fieldOf(missing), "email");
  auto bad = server.post(path, bj::object{{"email", "not an address"}}, visitor);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(fieldOf(bad), "email");
  auto off = server.post(path, bj::object{{"email", "jo@example.com"}}, visitor);
  EXPECT_EQ(off.status, 503) << off.body;
  EXPECT_EQ(str(off.json().at("error").at("code")), "email_unavailable");

  EXPECT_EQ(server.post(path, bj::object{{"email", "eve@example.com"}}, stranger).status, 404);
  EXPECT_EQ(server.post(path, bj::object{{"email", "jo@example.com"}}, admin).status, 401);
  EXPECT_EQ(server.post(path, bj::object{{"email", "jo@example.com"}}).status, 401);
  (void)strangerConv;
}

TEST_F(EmailApi, AResumeTokenGivesTheLinkedContactANewSessionAndABadOneIsLinkExpired) {
  auto [visitor, conv] = visitorWithConversation("r1");
  auto ws = server.workspacePublicId();
  auto contact = server.get("/api/v1/conversations/" + std::to_string(conv), admin)
                     .json().at("conversation").at("contact_id").as_int64();

  const std::vector<std::string> forged = {
      "pe_1.2.3.abc", "nonsense", "pe_" + std::to_string(conv) + "." + std::to_string(contact) + ".99999999999999.00"};
  for (const auto& bad : forged) {
    auto r = server.post("/api/v1/widget/sessions", bj::object{{"workspace_id", ws}, {"resume_token", bad}});
    EXPECT_EQ(r.status, 400) << bad << ": " << r.body;
    EXPECT_EQ(str(r.json().at("error").at("code")), "link_expired");
    EXPECT_EQ(fieldOf(r), "resume_token");
  }
  auto tooLong = server.post("/api/v1/widget/sessions", bj::object{{"workspace_id", ws}, {"resume_token", std::string(201, 'a')}});
  EXPECT_EQ(tooLong.status, 400);
  EXPECT_EQ(fieldOf(tooLong), "resume_token");

  const auto key = linkKey();
  // Signed, but expired; and signed for another contact than the conversation's.
  auto expired = parley::makeConversationLinkToken(key, conv, contact, parley::nowMillis() - parley::kConversationLinkLifetime - 1000);
  auto wrongContact = parley::makeConversationLinkToken(key, conv, contact + 1000, parley::nowMillis());
  for (const auto& t : {expired, wrongContact}) {
    auto r = server.post("/api/v1/widget/sessions", bj::object{{"workspace_id", ws}, {"resume_token", t}});
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(str(r.json().at("error").at("code")), "link_expired");
  }

  auto good = parley::makeConversationLinkToken(key, conv, contact, parley::nowMillis());
  auto r = server.post("/api/v1/widget/sessions", bj::object{{"workspace_id", ws}, {"resume_token", good}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto j = r.json().as_object();
  EXPECT_EQ(j.at("open_conversation_id").as_int64(), conv);
  EXPECT_EQ(j.at("conversation").at("id").as_int64(), conv);
  EXPECT_EQ(j.at("visitor").at("id").as_int64(), contact);
  auto fresh = str(j.at("visitor_token"));
  EXPECT_NE(fresh, visitor);
  // The new token reads the conversation; the old device's token still works.
  auto msgs = server.get("/api/v1/widget/conversations/" + std::to_string(conv) + "/messages", fresh);
  EXPECT_EQ(msgs.status, 200) << msgs.body;
  EXPECT_EQ(server.get("/api/v1/widget/conversations/" + std::to_string(conv) + "/messages", visitor).status, 200);

  // The link of this workspace is nothing in another one.
  ASSERT_EQ(server.runCli({"agent", "add", "--data", server.dataDir(), "--workspace", "Other Co", "--email",
                           "bob@other.test", "--name", "Bob", "--password", "bob-password", "--role", "admin"}),
            0);
  auto otherWs = str(server.get("/api/v1/workspace", server.login("bob@other.test", "bob-password"))
                         .json().at("workspace").at("public_id"));
  auto elsewhere = server.post("/api/v1/widget/sessions", bj::object{{"workspace_id", otherWs}, {"resume_token", good}});
  EXPECT_EQ(elsewhere.status, 400) << elsewhere.body;
  EXPECT_EQ(str(elsewhere.json().at("error").at("code")), "link_expired");
}

TEST_F(EmailApi, ChatPageEmbedsTheWidgetEscapedAndRedirectsTheResumeParameter) {
  ASSERT_EQ(server.patch("/api/v1/workspace", bj::object{{"name", "Tom & Jerry's <Shop>"}}, admin).status, 200);
  auto ws = server.workspacePublicId();
  auto page = server.get("/chat/" + ws);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.headers["content-type"].find("text/html"), std::string::npos);
  EXPECT_NE(page.body.find("Chat with Tom &amp; Jerry&#39;s &lt;Shop&gt;"), std::string::npos) << page.body;
  EXPECT_EQ(page.body.find("<Shop>"), std::string::npos);
  EXPECT_NE(page.body.find("src=\"/widget.js\" data-workspace=\"" + ws + "\" data-page=\"1\""), std::string::npos) << page.body;
  const auto& csp = page.headers["content-security-policy"];
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos);

  auto resume = server.get("/chat/" + ws + "?resume=pe_1.2.3.a%22b");
  EXPECT_EQ(resume.status, 303);
  EXPECT_EQ(resume.headers["location"], "/chat/" + ws + "?parley_resume=pe_1.2.3.a%22b");

  auto missing = server.get("/chat/no-such-workspace%3Cscript%3E");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.body.find("<script"), std::string::npos);
  EXPECT_NE(missing.headers["content-type"].find("text/html"), std::string::npos);
}

}  // namespace
