// Agents' notifications by email end to end (issue 15, item 4), on the real mail servers
// (PARLEY_TEST_SMTP / PARLEY_TEST_IMAP, started by scripts/test): an offline agent who turned them
// on gets one email for what happened within the batch window; an agent who did not, or who is
// online, gets none. Each agent's mailbox is the local part of a unique address.
#include <gtest/gtest.h>

#include <cstdlib>
#include <thread>

#include "domain/email.h"
#include "mail/imap_mailbox.h"
#include "mail/inbound_email_parser.h"
#include "security/token.h"
#include "test_server.h"

namespace parley::test {
namespace {

namespace bj = boost::json;

std::string digestEnv(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string digestMailboxUrl(const std::string& user) {
  auto base = digestEnv("PARLEY_TEST_IMAP");
  return "imap://" + user + ":secret@" + base.substr(std::string("imap://").size()) + "/INBOX";
}

// The emails in `user`'s mailbox now (none when it does not exist yet).
std::vector<InboundEmail> digestMailNow(const std::string& user) {
  std::vector<InboundEmail> out;
  try {
    ImapMailbox box(ImapSettings{.url = digestMailboxUrl(user)});
    for (auto uid : box.unseenUids(100)) out.push_back(parseInboundEmail(box.fetch(uid)));
  } catch (const std::exception&) {
  }
  return out;
}

// Waits up to 15 s for at least `want` emails.
std::vector<InboundEmail> digestWaitForMail(const std::string& user, std::size_t want) {
  std::vector<InboundEmail> out;
  for (int i = 0; i < 150; ++i) {
    out = digestMailNow(user);
    if (out.size() >= want) return out;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return out;
}

constexpr int kTestDigestWindowMs = 2500;

class AgentEmailDigest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (digestEnv("PARLEY_TEST_SMTP").empty() || digestEnv("PARLEY_TEST_IMAP").empty())
      GTEST_SKIP() << "PARLEY_TEST_SMTP / PARLEY_TEST_IMAP unset (scripts/test starts the mail servers)";
    server_ = std::make_unique<TestServer>(std::vector<std::string>{
        "--smtp", digestEnv("PARLEY_TEST_SMTP"), "--mail-from", "Parley Mail <support@parley.test>", "--mail-tick-ms",
        "50", "--agent-digest-ms", std::to_string(kTestDigestWindowMs)});
    admin_ = server_->login();
  }

  // A new agent with a unique address (its mailbox is the local part); returns {mailbox, id, token}.
  std::tuple<std::string, std::int64_t, std::string> newAgent(const std::string& prefix, bool email_on) {
    const auto user = prefix + randomHex(4);
    auto made = server_->post("/api/v1/agents",
                              bj::object{{"email", user + "@example.com"}, {"name", prefix}, {"password", "agent-password"},
                                         {"role", "agent"}},
                              admin_);
    EXPECT_EQ(made.status, 201) << made.body;
    auto token = server_->login(user + "@example.com", "agent-password");
    if (email_on) {
      auto r = server_->patch("/api/v1/me/preferences", bj::object{{"notifications", bj::object{{"email", true}}}}, token);
      EXPECT_EQ(r.status, 200) << r.body;
      EXPECT_TRUE(r.json().at("preferences").at("notifications").at("email").as_bool());
    }
    return {user, made.status == 201 ? made.json().at("agent").at("id").as_int64() : 0, token};
  }

  // A visitor named `name` who writes `body`; returns {visitor token, conversation id}.
  std::pair<std::string, std::int64_t> visitorWrites(const std::string& name, const std::string& body) {
    auto [token, ws] = server_->newVisitor();
    EXPECT_EQ(server_->patch("/api/v1/widget/visitor", bj::object{{"name", name}}, token).status, 200);
    return {token, visitorSends(token, body, "c1")};
  }

  std::int64_t visitorSends(const std::string& token, const std::string& body, const std::string& client_id) {
    WsClient v(server_->port());
    v.hello(token);
    v.send(bj::object{{"type", "message.send"}, {"client_id", client_id}, {"body", body}});
    auto ack = v.waitFor("message.ack");
    EXPECT_TRUE(ack);
    return ack ? ack->at("conversation_id").as_int64() : 0;
  }

  std::unique_ptr<TestServer> server_;
  std::string admin_;
};

TEST_F(AgentEmailDigest, AnOfflineAgentGetsOneEmailForTheWindowOthersNone) {
  auto [sam, samId, samToken] = newAgent("sam", true);   // on, offline
  auto [kim, kimId, kimToken] = newAgent("kim", false);  // off (the default), offline
  auto [lee, leeId, leeToken] = newAgent("lee", true);   // on, but online
  WsClient leeSocket(server_->port());
  leeSocket.hello(leeToken);

  auto [jo, conv1] = visitorWrites("Jo", "Do you ship to Norway?");
  auto [ann, conv2] = visitorWrites("Ann", "Is the  blue\n\nmodel in stock?");
  ASSERT_GT(conv1, 0);
  ASSERT_GT(conv2, 0);
  EXPECT_TRUE(digestMailNow(sam).empty()) << "batched: nothing before the window ends";

  auto mail = digestWaitForMail(sam, 1);
  ASSERT_EQ(mail.size(), 1u) << "no digest reached the agent's mailbox";
  std::this_thread::sleep_for(std::chrono::milliseconds(kTestDigestWindowMs + 500));
  mail = digestMailNow(sam);
  ASSERT_EQ(mail.size(), 1u) << "both conversations in one email";
  const auto& e = mail[0];
  EXPECT_NE(e.subject.find("2 updates"), std::string::npos) << e.subject;
  EXPECT_NE(e.text.find("New conversation from Jo: Do you ship to Norway?"), std::string::npos) << e.text;
  EXPECT_NE(e.text.find("New conversation from Ann: Is the blue model in stock?"), std::string::npos) << e.text;
  EXPECT_NE(e.text.find("/app/#/inbox?c=" + std::to_string(conv1)), std::string::npos) << e.text;
  EXPECT_NE(e.text.find("/app/#/inbox?c=" + std::to_string(conv2)), std::string::npos) << e.text;
  ASSERT_TRUE(e.from);
  EXPECT_EQ(e.from->address, "support@parley.test");

  EXPECT_TRUE(digestMailNow(kim).empty()) << "the preference is off by default";
  EXPECT_TRUE(digestMailNow(lee).empty()) << "an online agent sees it in the dashboard";

  // The outbox's log names it.
  auto log = server_->get("/api/v1/email", admin_).json();
  bool listed = false;
  for (const auto& m : log.at("outbox").as_array())
    listed = listed || (str(m.at("kind")) == "agent_notification" && m.at("to").as_array().size() == 1 &&
                        str(m.at("to").as_array()[0]) == sam + "@example.com");
  EXPECT_TRUE(listed) << bj::serialize(log);

  // A reply in a chat assigned to the agent comes in the next digest; one in another chat does not.
  auto assign = server_->patch("/api/v1/conversations/" + std::to_string(conv1), bj::object{{"assignee_id", samId}}, admin_);
  ASSERT_EQ(assign.status, 200) << assign.body;
  visitorSends(jo, "Hello? Anyone there?", "c2");
  visitorSends(ann, "Still waiting", "c2");
  mail = digestWaitForMail(sam, 2);
  ASSERT_EQ(mail.size(), 2u) << "the reply's digest";
  const auto& reply = mail[1].subject.find("replied") != std::string::npos ? mail[1] : mail[0];
  EXPECT_NE(reply.subject.find("Jo replied"), std::string::npos) << reply.subject;
  EXPECT_NE(reply.text.find("Hello? Anyone there?"), std::string::npos) << reply.text;
  EXPECT_EQ(reply.text.find("Still waiting"), std::string::npos) << "not the agent's chat";
}

}  // namespace
}  // namespace parley::test
