// buildMime (mail/mime_builder.h): its output read back with parseInboundEmail, and its raw bytes.
#include <gtest/gtest.h>

#include "mail/inbound_email_parser.h"
#include "mail/mime_builder.h"

namespace parley {
namespace {

OutgoingEmail greetingEmail() {
  OutgoingEmail email;
  email.from = {"Parley Support – Café", "support@parley.test"};
  email.to = {{"Jö Smith", "jo@example.com"}};
  email.reply_to = EmailAddress{"", "reply+tok123@parley.test"};
  email.subject = "Grüße – 你好";
  email.text = "Hallo Jö,\nyour answer is here.\n.\nA line with a dot above.";
  email.html = "<p>Hallo J&ouml;,</p><p>your answer is <b>here</b>.</p>";
  email.message_id = "m1.abc@parley.test";
  email.in_reply_to = "visitor-1@example.com";
  email.references = {"first@parley.test", "visitor-1@example.com"};
  email.headers = {{"Auto-Submitted", "auto-generated"}, {"X-Parley-Conversation", "42"}};
  return email;
}

constexpr Millis kGreetingDateMs = 1'709'547'120'000;  // 2024-03-04 10:12:00 UTC

TEST(MimeBuilder, RoundTripsThroughTheParser) {
  const std::string raw = buildMime(greetingEmail(), kGreetingDateMs);
  const InboundEmail parsed = parseInboundEmail(raw);
  ASSERT_TRUE(parsed.from);
  EXPECT_EQ(parsed.from->address, "support@parley.test");
  EXPECT_EQ(parsed.from->name, "Parley Support – Café");
  ASSERT_EQ(parsed.to.size(), 1u);
  EXPECT_EQ(parsed.to[0].address, "jo@example.com");
  EXPECT_EQ(parsed.to[0].name, "Jö Smith");
  EXPECT_EQ(parsed.subject, "Grüße – 你好");
  EXPECT_EQ(parsed.message_id, "m1.abc@parley.test");
  EXPECT_EQ(parsed.in_reply_to, "visitor-1@example.com");
  EXPECT_EQ(parsed.references, (std::vector<std::string>{"first@parley.test", "visitor-1@example.com"}));
  EXPECT_EQ(parsed.text, "Hallo Jö,\nyour answer is here.\n.\nA line with a dot above.");
  EXPECT_TRUE(parsed.attachments.empty());
  // It says Auto-Submitted: auto-generated, so a reader (ours too) treats it as automatic.
  EXPECT_TRUE(parsed.automatic);
}

TEST(MimeBuilder, HeadersAreSevenBitWithUtf8EncodedWords) {
  const std::string raw = buildMime(greetingEmail(), kGreetingDateMs);
  const std::string head = raw.substr(0, raw.find("\r\n\r\n"));
  for (unsigned char c : raw) ASSERT_LT(c, 0x80) << "raw 8-bit byte in the message";
  EXPECT_NE(head.find("=?UTF-8?"), std::string::npos) << head;
  EXPECT_NE(head.find("Subject: =?UTF-8?"), std::string::npos) << head;
  EXPECT_NE(head.find("Date: Mon, 04 Mar 2024 10:12:00 +0000"), std::string::npos) << head;
  EXPECT_NE(head.find("Message-Id: <m1.abc@parley.test>"), std::string::npos) << head;
  EXPECT_NE(head.find("In-Reply-To: <visitor-1@example.com>"), std::string::npos) << head;
  EXPECT_NE(head.find("References: <first@parley.test> <visitor-1@example.com>"), std::string::npos) << head;
  EXPECT_NE(head.find("Reply-To: reply+tok123@parley.test"), std::string::npos) << head;
  EXPECT_NE(head.find("Auto-Submitted: auto-generated"), std::string::npos) << head;
  EXPECT_NE(head.find("MIME-Version: 1.0"), std::string::npos) << head;
  EXPECT_NE(raw.find("multipart/alternative"), std::string::npos);
  // Text first, then HTML (the last part is the one clients prefer).
  EXPECT_LT(raw.find("text/plain"), raw.find("text/html"));
}

TEST(MimeBuilder, EveryLineEndIsCrlf) {
  const std::string raw = buildMime(greetingEmail(), kGreetingDateMs);
  for (std::size_t i = 0; i < raw.size(); ++i)
    if (raw[i] == '\n') ASSERT_TRUE(i > 0 && raw[i - 1] == '\r') << "bare LF at " << i;
}

TEST(MimeBuilder, TextOnlyWhenThereIsNoHtml) {
  OutgoingEmail email = greetingEmail();
  email.html.clear();
  email.reply_to.reset();
  email.in_reply_to.clear();
  email.references.clear();
  email.headers.clear();
  const std::string raw = buildMime(email, kGreetingDateMs);
  EXPECT_EQ(raw.find("multipart"), std::string::npos);
  EXPECT_EQ(raw.find("In-Reply-To"), std::string::npos);
  EXPECT_EQ(raw.find("References"), std::string::npos);
  EXPECT_EQ(raw.find("Reply-To"), std::string::npos);
  const InboundEmail parsed = parseInboundEmail(raw);
  EXPECT_EQ(parsed.text, email.text);
  EXPECT_FALSE(parsed.automatic);
}

TEST(MimeBuilder, ALineBreakInAHeaderValueCannotAddAHeader) {
  OutgoingEmail email = greetingEmail();
  email.subject = "Hello\r\nBcc: victim@example.com";
  email.to[0].name = "Jo\nX-Evil: 1";
  email.headers = {{"X-Parley-Note", "a\r\nX-Injected: yes"}, {"X-Bad\r\nBcc", "x@example.com"}, {"Bad Name", "v"}};
  const std::string raw = buildMime(email, kGreetingDateMs);
  const std::string head = raw.substr(0, raw.find("\r\n\r\n"));
  EXPECT_EQ(head.find("\r\nBcc:"), std::string::npos) << head;
  EXPECT_EQ(head.find("\r\nX-Evil:"), std::string::npos) << head;
  EXPECT_EQ(head.find("\r\nX-Injected:"), std::string::npos) << head;
  EXPECT_EQ(head.find("X-Bad"), std::string::npos) << head;
  EXPECT_EQ(head.find("Bad Name"), std::string::npos) << head;
  EXPECT_EQ(parseInboundEmail(raw).subject, "Hello  Bcc: victim@example.com");
}

TEST(MimeBuilder, RefusesAnEmailWithoutSenderRecipientOrId) {
  OutgoingEmail email = greetingEmail();
  email.to.clear();
  EXPECT_THROW(buildMime(email, kGreetingDateMs), std::invalid_argument);
  email = greetingEmail();
  email.from.address.clear();
  EXPECT_THROW(buildMime(email, kGreetingDateMs), std::invalid_argument);
  email = greetingEmail();
  email.message_id.clear();
  EXPECT_THROW(buildMime(email, kGreetingDateMs), std::invalid_argument);
}

}  // namespace
}  // namespace parley
