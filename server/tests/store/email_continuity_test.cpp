// The continuity pass (app/email_outbox.h) on every backend, with a fixed clock: the replies a
// visitor has not read go out in one email once the workspace's delay has passed, never twice, and
// not at all when the visitor read them meanwhile or has no address.
#include "app/email_outbox.h"
#include "store_fixture.h"

namespace parley::test {
namespace {

class EmailContinuity : public BackendStoreTest {
 protected:
  void SetUp() override {
    BackendStoreTest::SetUp();
    if (notSetUp()) return;
    EmailConfig config;
    config.enabled = true;
    config.from = {"Acme Support", "support@acme.test"};
    config.public_url = "https://chat.acme.test";
    config.key = "0123456789abcdef0123456789abcdef";
    outbox = std::make_unique<EmailOutbox>(config, *store, *store, *store, *store, *store, *store);
    sam = agent("sam@acme.test");
  }

  Contact visitorWithEmail(const std::string& token, const std::optional<std::string>& email) {
    auto c = contact(token);
    c.email = email;
    store->updateContact(c);
    return c;
  }

  // An agent's reply, as the AfterCommit listener hands it over.
  Message reply(const Conversation& conv, const std::string& body, Millis at) {
    auto r = append(agentMsg(sam, conv.id, body, at));
    EXPECT_EQ(r.status, AppendResult::Status::Ok) << r.error;
    outbox->onStoredMessage(r.message);
    return r.message;
  }

  std::unique_ptr<EmailOutbox> outbox;
  Agent sam;
};

constexpr Millis kDelay = 5 * 60'000;  // the default: 5 minutes

TEST_P(EmailContinuity, UnseenRepliesGoOutInOneEmailAfterTheDelayAndNeverTwice) {
  auto jo = visitorWithEmail("jo", "jo@example.com");
  auto conv = start(jo, 1000, "Do you ship to Norway?");
  reply(conv, "Yes, in 3 days.", 2000);
  reply(conv, "Shipping is free over 50 EUR.", 2500);
  reply(conv, "A third one, a minute later.", 62'500);
  append(agentMsg(sam, conv.id, "Internal: VIP", 2700, true));  // a private note never leaves

  EXPECT_EQ(outbox->runContinuityPass(2000 + kDelay - 1), 0u) << "not before the delay";
  EXPECT_EQ(outbox->runContinuityPass(2000 + kDelay), 1u);
  auto sent = store->recentEmails(ws.id, 10);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].kind, "continuity");
  EXPECT_EQ(sent[0].subject, "3 new replies from Acme");
  EXPECT_EQ(sent[0].recipients, (std::vector<std::string>{"jo@example.com"}));
  EXPECT_EQ(sent[0].conversation_id, conv.id);
  for (const char* text : {"Yes, in 3 days.", "Shipping is free over 50 EUR.", "A third one, a minute later."})
    EXPECT_NE(sent[0].mime.find(text), std::string::npos) << text;
  EXPECT_EQ(sent[0].mime.find("Internal: VIP"), std::string::npos) << "a private note was emailed";
  EXPECT_NE(sent[0].mime.find("Reply-To: "), std::string::npos);
  EXPECT_NE(sent[0].mime.find("reply+"), std::string::npos);
  EXPECT_NE(sent[0].mime.find("In-Reply-To: <conversation." + std::to_string(conv.id) + "."), std::string::npos);

  EXPECT_EQ(outbox->runContinuityPass(10 * kDelay), 0u) << "the same replies again";
  // A later reply is emailed on its own.
  reply(conv, "Did that help?", 20 * kDelay);
  EXPECT_EQ(outbox->runContinuityPass(21 * kDelay), 1u);
  sent = store->recentEmails(ws.id, 10);
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0].subject, "New reply from Acme");
  EXPECT_NE(sent[0].mime.find("Did that help?"), std::string::npos);
  EXPECT_EQ(sent[0].mime.find("Yes, in 3 days."), std::string::npos);
}

TEST_P(EmailContinuity, RepliesReadMeanwhileOrAVisitorWithoutAnAddressGetNothing) {
  auto ann = visitorWithEmail("ann", "ann@example.com");
  auto conv = start(ann, 1000);
  auto m = reply(conv, "Hello Ann", 2000);
  ASSERT_TRUE(store->markRead(ws.id, conv.id, ReaderType::Visitor, m.visitor_seq));
  EXPECT_EQ(outbox->runContinuityPass(2000 + kDelay), 0u) << "read in the chat";

  auto anon = visitorWithEmail("anon", std::nullopt);
  auto conv2 = start(anon, 1000);
  reply(conv2, "Hello?", 3000);
  EXPECT_EQ(outbox->runContinuityPass(3000 + kDelay), 0u) << "no address";
  EXPECT_TRUE(store->recentEmails(ws.id, 10).empty());
  EXPECT_TRUE(store->dueContinuity(100 * kDelay, 10).empty()) << "both are settled, not looked at again";
}

}  // namespace

PARLEY_ON_EVERY_STORE_BACKEND(EmailContinuity);

}  // namespace parley::test
