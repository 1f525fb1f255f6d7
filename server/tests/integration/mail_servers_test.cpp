// SmtpSender and ImapMailbox (mail/) against real servers: exim4 on PARLEY_TEST_SMTP delivering into
// the Maildir tree that Dovecot serves on PARLEY_TEST_IMAP (scripts/lib.sh's start_test_mail: any
// local part, "+suffix" stripped; any user with the password "secret"; local part reject-me refused
// with 550). Without PARLEY_TEST_SMTP these tests skip; ./scripts/test always sets it. Each test
// finds its own message by a Message-ID of its own, so runs sharing the servers do not mix.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <optional>
#include <string>
#include <thread>

#include "mail/imap_mailbox.h"
#include "mail/inbound_email_parser.h"
#include "mail/mime_builder.h"
#include "mail/smtp_sender.h"

namespace parley {
namespace {

std::string mailTestEnv(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

#define PARLEY_NEED_TEST_MAIL()                                                                \
  do {                                                                                         \
    if (mailTestEnv("PARLEY_TEST_SMTP").empty())                                               \
      GTEST_SKIP() << "PARLEY_TEST_SMTP is not set: mail server tests skipped (start_test_mail)"; \
  } while (0)

// imap://127.0.0.1:1143 as user `user` (password "secret"), mailbox INBOX.
ImapSettings testImapMailboxOf(const std::string& user) {
  const std::string base = mailTestEnv("PARLEY_TEST_IMAP");
  const std::size_t host = base.find("://") + 3;
  return ImapSettings{base.substr(0, host) + user + ":secret@" + base.substr(host) + "/INBOX"};
}

std::string uniqueMailTestId() {
  static std::atomic<int> n{0};
  return std::to_string(::getpid()) + "." + std::to_string(++n) + "." +
         std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
}

OutgoingEmail testReplyEmail(const std::string& id, const std::string& to) {
  OutgoingEmail email;
  email.from = {"Parley Support", "support@parley.test"};
  email.to = {{"Jo", to}};
  email.reply_to = EmailAddress{"", "reply+" + id + "@parley.test"};
  email.subject = "Your chat – Grüße " + id;
  email.text = "Hello Jo,\n.\nA line that is only a dot, above.\n";
  email.html = "<p>Hello Jo</p>";
  email.message_id = "m." + id + "@parley.test";
  email.in_reply_to = "v." + id + "@example.com";
  email.references = {"v." + id + "@example.com"};
  return email;
}

// Polls the mailbox until a message with `message_id` is there (delivery takes a moment, ~0.2 s;
// seconds on a loaded CI machine or under ASan): its UID and parsed form, or nothing after 20 s.
std::optional<std::pair<std::uint64_t, InboundEmail>> awaitMessageInMailbox(ImapMailbox& mailbox, const std::string& message_id) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    for (std::uint64_t uid : mailbox.unseenUids(1000)) {
      InboundEmail email = parseInboundEmail(mailbox.fetch(uid));
      if (email.message_id == message_id) return std::make_pair(uid, std::move(email));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return std::nullopt;
}

bool uidListContains(const std::vector<std::uint64_t>& uids, std::uint64_t uid) {
  return std::find(uids.begin(), uids.end(), uid) != uids.end();
}

TEST(MailServers, SentThroughEximIsReadBackFromDovecot) {
  PARLEY_NEED_TEST_MAIL();
  const std::string id = uniqueMailTestId();
  const OutgoingEmail sent = testReplyEmail(id, "jo@example.com");
  const SmtpSender sender(SmtpSettings{mailTestEnv("PARLEY_TEST_SMTP")});
  const SmtpSendResult result = sender.send("bounces@parley.test", {"jo@example.com"}, buildMime(sent, 1'709'547'120'000));
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_EQ(result.reply_code, 250);

  ImapMailbox mailbox(testImapMailboxOf("jo"));
  auto found = awaitMessageInMailbox(mailbox, sent.message_id);
  ASSERT_TRUE(found) << "not delivered to jo's mailbox within 20 s";
  const auto& [uid, received] = *found;
  ASSERT_TRUE(received.from);
  EXPECT_EQ(received.from->address, "support@parley.test");
  EXPECT_EQ(received.from->name, "Parley Support");
  EXPECT_EQ(received.subject, sent.subject);
  EXPECT_EQ(received.text, "Hello Jo,\n.\nA line that is only a dot, above.");  // dot-stuffing undone
  EXPECT_EQ(received.in_reply_to, sent.in_reply_to);
  EXPECT_EQ(received.references, sent.references);
  ASSERT_FALSE(received.to.empty());
  EXPECT_EQ(received.to[0].address, "jo@example.com");
  EXPECT_FALSE(received.automatic) << received.automatic_reason;

  // fetch() left it unseen; markSeen takes it out of the unseen list.
  EXPECT_TRUE(uidListContains(mailbox.unseenUids(1000), uid));
  mailbox.markSeen(uid);
  EXPECT_FALSE(uidListContains(mailbox.unseenUids(1000), uid));
  EXPECT_EQ(parseInboundEmail(mailbox.fetch(uid)).message_id, sent.message_id);  // still there, seen
  EXPECT_FALSE(uidListContains(mailbox.unseenUids(1000), uid));  // and fetch did not make it unseen

  mailbox.markDeleted(uid);
  EXPECT_THROW(mailbox.fetch(uid), ImapError);
}

TEST(MailServers, APlusSuffixLandsInTheMailboxOfTheLocalPart) {
  PARLEY_NEED_TEST_MAIL();
  const std::string id = uniqueMailTestId();
  const std::string to = "reply+" + id + "@parley.test";
  const OutgoingEmail sent = testReplyEmail(id, to);
  const SmtpSender sender(SmtpSettings{mailTestEnv("PARLEY_TEST_SMTP")});
  const SmtpSendResult result = sender.send("jo@example.com", {to}, buildMime(sent, 1'709'547'120'000));
  ASSERT_TRUE(result.ok) << result.error;

  ImapMailbox mailbox(testImapMailboxOf("reply"));
  auto found = awaitMessageInMailbox(mailbox, sent.message_id);
  ASSERT_TRUE(found) << "not delivered to the mailbox `reply` within 20 s";
  EXPECT_EQ(found->second.to.at(0).address, to);
  mailbox.markDeleted(found->first);
}

TEST(MailServers, ARecipientTheServerRefusesIsAPermanentFailure) {
  PARLEY_NEED_TEST_MAIL();
  const std::string id = uniqueMailTestId();
  const SmtpSender sender(SmtpSettings{mailTestEnv("PARLEY_TEST_SMTP")});
  const SmtpSendResult result =
      sender.send("support@parley.test", {"reject-me@example.com"}, buildMime(testReplyEmail(id, "reject-me@example.com"), 0));
  EXPECT_FALSE(result.ok);
  EXPECT_TRUE(result.permanent);
  EXPECT_EQ(result.reply_code, 550);
  EXPECT_NE(result.error.find("refuses all mail"), std::string::npos) << result.error;
}

TEST(MailServers, AServerThatIsNotThereIsATemporaryFailure) {
  // Port 1 on loopback: nothing listens, the connection is refused at once.
  const SmtpSender sender(SmtpSettings{"smtp://user:hunter2@127.0.0.1:1", std::chrono::milliseconds(2000)});
  const SmtpSendResult result = sender.send("a@parley.test", {"b@example.com"}, "Subject: x\n\nbody\n");
  EXPECT_FALSE(result.ok);
  EXPECT_FALSE(result.permanent);
  EXPECT_FALSE(result.error.empty());
  EXPECT_EQ(result.error.find("hunter2"), std::string::npos) << result.error;
}

TEST(MailServers, AnImapLoginWithTheWrongPasswordThrowsWithoutThePassword) {
  PARLEY_NEED_TEST_MAIL();
  ImapSettings settings = testImapMailboxOf("jo");
  settings.url.replace(settings.url.find(":secret@"), 8, ":wrong%21pass@");
  ImapMailbox mailbox(settings);
  try {
    mailbox.unseenUids(10);
    FAIL() << "a wrong password logged in";
  } catch (const ImapError& e) {
    EXPECT_EQ(std::string(e.what()).find("wrong"), std::string::npos) << e.what();
  }
}

TEST(MailServers, AnEnvelopeAddressWithALineBreakIsRefusedUnsent) {
  const SmtpSender sender(SmtpSettings{"smtp://127.0.0.1:1"});
  const SmtpSendResult result = sender.send("a@parley.test", {"b@example.com>\r\nRCPT TO:<c@example.com"}, "x");
  EXPECT_FALSE(result.ok);
  EXPECT_TRUE(result.permanent);
}

}  // namespace
}  // namespace parley
