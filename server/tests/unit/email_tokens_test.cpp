// The signed strings in emails (security/email_tokens.h) and the address rules
// (domain/email_address.h): what verifies, what expires, what is refused.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "app/mail_sender.h"
#include "domain/email_address.h"
#include "security/email_tokens.h"

namespace parley {
namespace {

constexpr const char* kEmailKey = "0123456789abcdef0123456789abcdef";

TEST(ConversationLinkToken, VerifiesUntilItExpiresAndOnlyWithItsKey) {
  const Millis now = 1'700'000'000'000;
  auto t = makeConversationLinkToken(kEmailKey, 42, 7, now);
  EXPECT_EQ(t.rfind("pe_42.7.", 0), 0u) << t;
  auto v = verifyConversationLinkToken(kEmailKey, t, now + 1000);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->conversation_id, 42);
  EXPECT_EQ(v->contact_id, 7);
  EXPECT_FALSE(verifyConversationLinkToken(kEmailKey, t, now + kConversationLinkLifetime)) << "expired";
  EXPECT_FALSE(verifyConversationLinkToken("another key", t, now));
  // Another conversation or contact with the same signature fails.
  auto forged = t;
  forged.replace(3, 2, "43");
  EXPECT_FALSE(verifyConversationLinkToken(kEmailKey, forged, now));
  for (const std::string& bad : std::vector<std::string>{"", "pe_", "pe_1.2", "pe_1.2.3", "pe_x.2.3.abc", "pd_1.2.3." + std::string(64, 'a'),
                          "pe_-1.2.99999999999999." + std::string(64, 'a'), std::string(500, 'a')})
    EXPECT_FALSE(verifyConversationLinkToken(kEmailKey, bad, now)) << bad;
}

TEST(ReplyToken, NamesItsWorkspaceAndConversationInAnyCase) {
  auto t = makeReplyToken(kEmailKey, 3, 42);
  EXPECT_EQ(t.rfind("3-42-", 0), 0u);
  EXPECT_EQ(t.size(), std::string("3-42-").size() + 20);
  auto v = verifyReplyToken(kEmailKey, t);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->workspace_id, 3);
  EXPECT_EQ(v->conversation_id, 42);
  std::string upper = t;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_TRUE(verifyReplyToken(kEmailKey, upper)) << "mail systems may fold the case";
  EXPECT_FALSE(verifyReplyToken(kEmailKey, "4-42-" + t.substr(5))) << "another workspace";
  EXPECT_FALSE(verifyReplyToken(kEmailKey, "3-43-" + t.substr(5))) << "another conversation";
  EXPECT_FALSE(verifyReplyToken("other", t));
  for (const std::string& bad : std::vector<std::string>{"", "3", "3-42", "3-42-", "x-42-" + t.substr(5), "3--" + t.substr(5), std::string(100, '1')})
    EXPECT_FALSE(verifyReplyToken(kEmailKey, bad)) << bad;
}

TEST(ReplyToken, IsFoundAfterThePlusOfAnyMailbox) {
  EXPECT_EQ(replyTokenOfAddress("reply+3-42-abc@mail.example.com"), "3-42-abc");
  EXPECT_EQ(replyTokenOfAddress("support+3-42-abc@example.com"), "3-42-abc");
  EXPECT_FALSE(replyTokenOfAddress("reply@example.com"));
  EXPECT_FALSE(replyTokenOfAddress("reply+@example.com"));
  EXPECT_FALSE(replyTokenOfAddress("no-at-sign"));
}

TEST(EmailAddress, PlainAddressesOnly) {
  for (const char* ok : {"jo@example.com", "jo.doe+tag@mail.example.co.uk", "a_b-c@x-y.io"})
    EXPECT_TRUE(isPlainEmailAddress(ok)) << ok;
  for (const std::string& bad : std::vector<std::string>{"", "jo", "@example.com", "jo@", "jo@example", "jo@@example.com", "jo@ex..com",
                          "jo doe@example.com", "jo@exa mple.com", "\"jo\"@example.com", "jo<x>@example.com",
                          "jo,sam@example.com", "jo@example.com\r\nRCPT TO:<x@y.z>", ".jo@example.com",
                          "jö@example.com", std::string(250, 'a') + "@example.com", "jo@-example.com"})
    EXPECT_FALSE(isPlainEmailAddress(bad)) << bad;
}

TEST(EmailAddress, MailboxesAsPeopleWriteThem) {
  auto a = parseMailbox("Acme Support <support@acme.com>");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->name, "Acme Support");
  EXPECT_EQ(a->address, "support@acme.com");
  a = parseMailbox("\"Acme, Inc.\" <support@acme.com>");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->name, "Acme, Inc.");
  a = parseMailbox("  support@acme.com ");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->name, "");
  EXPECT_EQ(a->address, "support@acme.com");
  EXPECT_TRUE(parseMailbox("<support@acme.com>"));
  EXPECT_FALSE(parseMailbox("Acme <support@acme.com"));
  EXPECT_FALSE(parseMailbox("Acme\r\nBcc: x@y.z <support@acme.com>"));
  EXPECT_FALSE(parseMailbox("Acme <not an address>"));
}

TEST(MailSender, RetriesDoubleFromTheFirstWaitUpToAnHour) {
  EXPECT_EQ(MailSender::retryDelay(1, 30'000), 30'000);
  EXPECT_EQ(MailSender::retryDelay(2, 30'000), 60'000);
  EXPECT_EQ(MailSender::retryDelay(5, 30'000), 480'000);
  EXPECT_EQ(MailSender::retryDelay(8, 30'000), 3'600'000);
  EXPECT_EQ(MailSender::retryDelay(1000, 30'000), 3'600'000);
}

}  // namespace
}  // namespace parley
