// Email continuity end to end (issue 15, items 1-3), on real mail servers: `parley serve` sends
// through exim (PARLEY_TEST_SMTP) and reads replies from Dovecot (PARLEY_TEST_IMAP), both started
// by scripts/test. Every mailbox of the test servers takes any password "secret"; mail to
// jo+x@... lands in mailbox "jo". A visitor's mailbox is read here as the visitor would, and a
// reply is sent back over SMTP as a mail client would.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <thread>

#include "domain/email.h"
#include "mail/imap_mailbox.h"
#include "mail/inbound_email_parser.h"
#include "mail/mime_builder.h"
#include "mail/smtp_sender.h"
#include "security/token.h"
#include "test_server.h"

namespace parley::test {
namespace {

namespace bj = boost::json;

std::string envOr(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

#define PARLEY_NEED_TEST_MAIL()                                                                        \
  do {                                                                                                 \
    if (envOr("PARLEY_TEST_SMTP").empty() || envOr("PARLEY_TEST_IMAP").empty())                        \
      GTEST_SKIP() << "PARLEY_TEST_SMTP / PARLEY_TEST_IMAP unset (scripts/test starts the mail servers)"; \
  } while (0)

// imap://127.0.0.1:1143 -> imap://USER:secret@127.0.0.1:1143/INBOX
std::string mailboxUrl(const std::string& user) {
  auto base = envOr("PARLEY_TEST_IMAP");
  return "imap://" + user + ":secret@" + base.substr(std::string("imap://").size()) + "/INBOX";
}

// The emails in `user`'s mailbox, waiting up to 15 s for at least `want`.
std::vector<InboundEmail> waitForMail(const std::string& user, std::size_t want) {
  std::vector<InboundEmail> out;
  for (int i = 0; i < 150; ++i) {
    out.clear();
    try {
      ImapMailbox box(ImapSettings{.url = mailboxUrl(user)});
      for (auto uid : box.unseenUids(100)) out.push_back(parseInboundEmail(box.fetch(uid)));
    } catch (const std::exception&) {
      // The mailbox does not exist before its first email.
    }
    if (out.size() >= want) return out;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return out;
}

std::string uniqueUser(const std::string& prefix) { return prefix + randomHex(4); }

class EmailFlow : public ::testing::Test {
 protected:
  void SetUp() override {
    PARLEY_NEED_TEST_MAIL();
    replies_ = uniqueUser("reply");
    server_ = std::make_unique<TestServer>(std::vector<std::string>{
        "--smtp", envOr("PARLEY_TEST_SMTP"), "--mail-from", "Parley Mail <support@parley.test>", "--imap",
        mailboxUrl(replies_), "--mail-tick-ms", "50", "--continuity-tick-ms", "50", "--imap-poll-ms", "100"});
    admin_ = server_->login();
    // Replies come back to reply+TOKEN@<this domain>; exim delivers them to mailbox "reply<hex>".
    auto r = server_->patch("/api/v1/workspace",
                            bj::object{{"settings", bj::object{{"email_continuity_minutes", 0},
                                                               {"email_reply_domain", "replies.parley.test"},
                                                               {"auto_assign", false}}}},
                            admin_);
    ASSERT_EQ(r.status, 200) << r.body;
  }

  // A visitor with an email who wrote once; returns {token, conversation id}.
  std::pair<std::string, std::int64_t> visitorWithEmail(const std::string& address) {
    auto [token, ws] = server_->newVisitor();
    EXPECT_EQ(server_->patch("/api/v1/widget/visitor", bj::object{{"email", address}, {"name", "Jo"}}, token).status, 200);
    WsClient v(server_->port());
    v.hello(token);
    v.send(bj::object{{"type", "message.send"}, {"client_id", "c1"}, {"body", "Do you ship to Norway?"}});
    auto ack = v.waitFor("message.ack");
    EXPECT_TRUE(ack);
    return {token, ack ? ack->at("conversation_id").as_int64() : 0};
  }

  void agentReply(std::int64_t conv, const std::string& body, const std::string& client_id) {
    auto r = server_->post("/api/v1/conversations/" + std::to_string(conv) + "/messages",
                           bj::object{{"body", body}, {"client_id", client_id}}, admin_);
    ASSERT_EQ(r.status, 201) << r.body;
  }

  // An email from `from` to `to` as a mail client writes a reply.
  static void sendReply(const std::string& from, const std::string& to, const std::string& text,
                        std::vector<std::pair<std::string, std::string>> headers = {}) {
    OutgoingEmail e;
    e.from = {"Jo", from};
    e.to = {{"", to}};
    e.subject = "Re: New reply";
    e.text = text;
    e.message_id = randomHex(8) + "@client.example.com";
    e.headers = std::move(headers);
    SmtpSender smtp(SmtpSettings{.url = envOr("PARLEY_TEST_SMTP")});
    auto r = smtp.send(from, {to}, buildMime(e, 1'700'000'000'000));
    ASSERT_TRUE(r.ok) << r.error;
  }

  std::vector<std::string> bodies(std::int64_t conv) {
    std::vector<std::string> out;
    auto j = server_->get("/api/v1/conversations/" + std::to_string(conv) + "/messages", admin_).json();
    for (const auto& m : j.at("messages").as_array()) out.push_back(str(m.at("body")));
    return out;
  }

  std::unique_ptr<TestServer> server_;
  std::string admin_;
  std::string replies_;
};

TEST_F(EmailFlow, AnUnseenReplyIsEmailedAndTheVisitorsAnswerComesBackLive) {
  const auto user = uniqueUser("jo");
  const auto address = user + "@example.com";
  auto [token, conv] = visitorWithEmail(address);
  ASSERT_GT(conv, 0);
  WsClient agent(server_->port());
  agent.hello(admin_);
  agentReply(conv, "Yes, in 3 days. Grüße!", "a1");
  agentReply(conv, "Shipping is free over 50 €.", "a2");

  auto mail = waitForMail(user, 1);
  ASSERT_GE(mail.size(), 1u) << "no continuity email reached the visitor's mailbox";
  // Usually one email with both replies; a pass between the two replies makes it two. Never a
  // reply twice.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  mail = waitForMail(user, 1);
  std::string all;
  for (const auto& m : mail) all += m.text;
  for (const std::string reply : {"Yes, in 3 days. Grüße!", "Shipping is free over 50 €."}) {
    auto first = all.find(reply);
    EXPECT_NE(first, std::string::npos) << all;
    EXPECT_EQ(all.find(reply, first + 1), std::string::npos) << "emailed twice: " << reply;
  }
  const auto& e = mail[0];
  EXPECT_NE(e.subject.find("repl"), std::string::npos) << e.subject;
  // Threading: every email of the conversation names one root, so mail clients show one thread.
  EXPECT_EQ(e.in_reply_to.rfind("conversation." + std::to_string(conv) + ".", 0), 0u) << e.in_reply_to;
  EXPECT_EQ(e.references, std::vector<std::string>{e.in_reply_to});
  EXPECT_FALSE(e.message_id.empty());
  ASSERT_TRUE(e.from);
  EXPECT_EQ(e.from->address, "support@parley.test");
  // The link opens the conversation again: the widget trades its token for a visitor session.
  auto at = e.text.find("/chat/");
  ASSERT_NE(at, std::string::npos) << e.text;
  auto rt = e.text.find("resume=", at);
  ASSERT_NE(rt, std::string::npos);
  auto resume = e.text.substr(rt + 7, e.text.find_first_of(" \r\n", rt) - rt - 7);
  EXPECT_EQ(resume.rfind("pe_", 0), 0u) << resume;
  auto session = server_->post("/api/v1/widget/sessions",
                               bj::object{{"workspace_id", server_->workspacePublicId()}, {"resume_token", resume}});
  ASSERT_EQ(session.status, 201) << session.body;
  auto other_device = str(session.json().at("visitor_token"));
  EXPECT_NE(other_device, token);
  EXPECT_EQ(server_->get("/api/v1/widget/conversations/" + std::to_string(conv) + "/messages", other_device).status, 200)
      << "the link's device is the same visitor";

  // The visitor answers by email, quoting the reply; it arrives live, without the quote.
  std::string replyTo;
  {
    ImapMailbox box(ImapSettings{.url = mailboxUrl(user)});
    auto uids = box.unseenUids(10);
    ASSERT_FALSE(uids.empty());
    auto raw = box.fetch(uids[0]);
    auto pos = raw.find("Reply-To:");
    ASSERT_NE(pos, std::string::npos);
    auto lt = raw.find("reply+", pos);
    replyTo = raw.substr(lt, raw.find('>', lt) - lt);
  }
  EXPECT_NE(replyTo.find("@replies.parley.test"), std::string::npos) << replyTo;
  // exim files replies by their local part: mailbox "reply<hex>" is the one the server polls.
  auto pollAddress = replies_ + "+" + replyTo.substr(6);
  sendReply(address, pollAddress, "Great, I'll order today.\n\nOn Tue, Support wrote:\n> Yes, in 3 days.\n");
  auto live = agent.waitFor(
      [&](const bj::object& f) {
        return str(f.at("type")) == "message.created" && str(f.at("message").at("sender_type")) == "visitor" &&
               str(f.at("message").at("body")) != "Do you ship to Norway?";
      },
      std::chrono::milliseconds(15'000));
  ASSERT_TRUE(live) << "the emailed answer never reached the agent";
  EXPECT_EQ(str(live->at("message").at("body")), "Great, I'll order today.");
  EXPECT_EQ(live->at("message").at("conversation_id").as_int64(), conv);
}

TEST_F(EmailFlow, AutoRepliesBouncesAndStrangersAreNotPosted) {
  const auto user = uniqueUser("sam");
  const auto address = user + "@example.com";
  auto [token, conv] = visitorWithEmail(address);
  agentReply(conv, "Hello Sam", "a1");
  auto mail = waitForMail(user, 1);
  ASSERT_EQ(mail.size(), 1u);
  std::string token_part;
  {
    ImapMailbox box(ImapSettings{.url = mailboxUrl(user)});
    auto raw = box.fetch(box.unseenUids(10).at(0));
    auto lt = raw.find("reply+");
    ASSERT_NE(lt, std::string::npos);
    token_part = raw.substr(lt + 6, raw.find('@', lt) - lt - 6);
  }
  const auto to = replies_ + "+" + token_part + "@replies.parley.test";
  sendReply(address, to, "I am out of office until Monday.", {{"Auto-Submitted", "auto-replied"}});
  sendReply("mallory@example.com", to, "Please send me Sam's order.");
  sendReply(address, replies_ + "+1-" + std::to_string(conv) + "-00000000000000000000@replies.parley.test",
            "A forged reply address.");
  sendReply(address, to, "Thanks!");
  for (int i = 0; i < 150 && bodies(conv).size() < 3; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  // All four emails were polled in order; only the last is the visitor's.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_EQ(bodies(conv), (std::vector<std::string>{"Do you ship to Norway?", "Hello Sam", "Thanks!"}));
}

TEST_F(EmailFlow, OfflineFormAndTranscriptAreEmailedAndMailInPostsAReply) {
  const auto user = uniqueUser("kim");
  const auto address = user + "@example.com";
  auto [token, ws] = server_->newVisitor();
  auto offline = server_->post("/api/v1/widget/offline",
                               bj::object{{"email", address}, {"message", "Call me back please"}, {"client_id", "o1"}},
                               token);
  ASSERT_EQ(offline.status, 201) << offline.body;
  const auto conv = offline.json().at("conversation").at("id").as_int64();
  auto mail = waitForMail(user, 1);
  ASSERT_EQ(mail.size(), 1u);
  EXPECT_NE(mail[0].text.find("Call me back please"), std::string::npos) << mail[0].text;

  // Replies piped by the MTA into `parley mail-in`, with a write token of the workspace.
  auto made = server_->post("/api/v1/api-tokens", bj::object{{"name", "mta"}, {"scope", "write"}}, admin_);
  ASSERT_EQ(made.status, 201) << made.body;
  const auto apiToken = str(made.json().at("token"));
  std::string replyAddress;
  {
    ImapMailbox box(ImapSettings{.url = mailboxUrl(user)});
    auto raw = box.fetch(box.unseenUids(10).at(0));
    auto lt = raw.find("reply+");
    replyAddress = raw.substr(lt, raw.find('>', lt) - lt);
  }
  OutgoingEmail e;
  e.from = {"Kim", address};
  e.to = {{"", replyAddress}};
  e.subject = "Re: We got your message";
  e.text = "My number is 555-0100.\n-- \nKim";
  e.message_id = randomHex(8) + "@client.example.com";
  const auto file = server_->dataDir() + "/reply.eml";
  std::ofstream(file) << buildMime(e, 1'700'000'000'000);
  const std::string cmd = std::string(PARLEY_BINARY) + " mail-in --url http://127.0.0.1:" +
                          std::to_string(server_->port()) + " --token " + apiToken + " < " + file;
  EXPECT_EQ(spawnWait({"/bin/sh", "-c", cmd}, true, nullptr), 0);
  EXPECT_EQ(bodies(conv), (std::vector<std::string>{"Call me back please", "My number is 555-0100."}));
  EXPECT_EQ(spawnWait({"/bin/sh", "-c", cmd}, true, nullptr), 0) << "the same email again is taken";
  EXPECT_EQ(bodies(conv).size(), 2u) << "and stored once";
  const std::string badToken = std::string(PARLEY_BINARY) + " mail-in --url http://127.0.0.1:" +
                               std::to_string(server_->port()) + " --token pk_nope < " + file;
  EXPECT_EQ(spawnWait({"/bin/sh", "-c", badToken}, true, nullptr), 77);
  const std::string down = std::string(PARLEY_BINARY) + " mail-in --url http://127.0.0.1:" + std::to_string(freePort()) +
                           " --token " + apiToken + " < " + file;
  EXPECT_EQ(spawnWait({"/bin/sh", "-c", down}, true, nullptr), 75) << "the MTA keeps it and tries again";

  // A transcript on request, to another address.
  const auto other = uniqueUser("boss");
  auto t = server_->post("/api/v1/conversations/" + std::to_string(conv) + "/transcript",
                         bj::object{{"email", other + "@example.com"}}, admin_);
  ASSERT_EQ(t.status, 202) << t.body;
  auto transcript = waitForMail(other, 1);
  ASSERT_EQ(transcript.size(), 1u);
  EXPECT_NE(transcript[0].text.find("Call me back please"), std::string::npos);
  EXPECT_NE(transcript[0].text.find("My number is 555-0100."), std::string::npos);
}

TEST_F(EmailFlow, AnEmailQueuedWhileTheMailServerIsDownIsSentAfterARestart) {
  // The same data directory, first with a mail server nobody listens on.
  const auto user = uniqueUser("lee");
  const auto address = user + "@example.com";
  TestServer down({"--smtp", "smtp://127.0.0.1:" + std::to_string(freePort()), "--mail-from", "support@parley.test",
                   "--mail-tick-ms", "50", "--mail-retry-base-ms", "100"});
  auto admin = down.login();
  auto [token, ws] = down.newVisitor();
  auto offline = down.post("/api/v1/widget/offline",
                           bj::object{{"email", address}, {"message", "Are you open on Sunday?"}, {"client_id", "o1"}}, token);
  ASSERT_EQ(offline.status, 201) << offline.body;
  bj::object queued;
  for (int i = 0; i < 100; ++i) {
    auto log = down.get("/api/v1/email", admin).json().at("outbox").as_array();
    if (!log.empty() && log[0].at("attempt").as_int64() >= 2) {
      queued = log[0].as_object();
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_FALSE(queued.empty()) << "the email was not retried";
  EXPECT_EQ(str(queued.at("state")), "queued");
  EXPECT_FALSE(str(queued.at("last_error")).empty());
  // Restarted with a working mail server: the email waiting in the outbox goes out.
  down.restartWith({"--smtp", envOr("PARLEY_TEST_SMTP"), "--mail-from", "support@parley.test", "--mail-tick-ms", "50"});
  auto mail = waitForMail(user, 1);
  ASSERT_EQ(mail.size(), 1u) << "lost by the restart";
  EXPECT_NE(mail[0].text.find("Are you open on Sunday?"), std::string::npos);
  // Nor doubled: a few more sending passes, still one email, and the log says sent.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_EQ(waitForMail(user, 1).size(), 1u) << "sent twice";
  auto log = down.get("/api/v1/email", admin).json().at("outbox").as_array();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(str(log[0].at("state")), "sent");
}

}  // namespace
}  // namespace parley::test
