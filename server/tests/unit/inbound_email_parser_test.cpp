// parseInboundEmail (mail/inbound_email_parser.h) on hand-written emails of the shapes that arrive:
// attachments, transfer encodings, legacy charsets, HTML only, bounces, auto-replies, and garbage.
#include <gtest/gtest.h>

#include <random>

#include "domain/text_limits.h"
#include "mail/inbound_email_parser.h"

namespace parley {
namespace {

// The tests write emails with "\n"; real ones have "\r\n". Both must parse alike.
std::string withCrlf(const std::string& lf) {
  std::string out;
  for (char c : lf) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

const std::string kMixedWithAttachment =
    "From: =?ISO-8859-1?Q?J=F6_Smith?= <jo@example.com>\n"
    "To: Parley <reply+tok123@parley.test>\n"
    "Cc: boss@example.com, \"Parley again\" <REPLY+tok123@parley.test>\n"
    "Subject: =?UTF-8?B?UmU6IEdyw7zDn2U=?=\n"
    "Message-ID: <CAF+xyz@mail.example.com>\n"
    "In-Reply-To: <m1.abc@parley.test>\n"
    "References: <first@parley.test>\n"
    " <m1.abc@parley.test>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/mixed; boundary=\"outer\"\n"
    "\n"
    "--outer\n"
    "Content-Type: multipart/alternative; boundary=\"inner\"\n"
    "\n"
    "--inner\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: quoted-printable\n"
    "\n"
    "Here is the photo =E2=80=93 gr=C3=BC=C3=9Fe.\n"
    "A soft=\n"
    " break.\n"
    "--inner\n"
    "Content-Type: text/html; charset=UTF-8\n"
    "\n"
    "<p>Here is the photo</p>\n"
    "--inner--\n"
    "--outer\n"
    "Content-Type: image/png; name=\"photo.png\"\n"
    "Content-Disposition: attachment; filename=\"photo.png\"\n"
    "Content-Transfer-Encoding: base64\n"
    "\n"
    "iVBORw0KGgoAAAANSUhEUg==\n"
    "--outer--\n";

TEST(InboundEmailParser, MultipartMixedWithAnAttachment) {
  for (const std::string& raw : {kMixedWithAttachment, withCrlf(kMixedWithAttachment)}) {
    const InboundEmail email = parseInboundEmail(raw);
    ASSERT_TRUE(email.from);
    EXPECT_EQ(email.from->address, "jo@example.com");
    EXPECT_EQ(email.from->name, "Jö Smith");
    ASSERT_EQ(email.to.size(), 2u);  // the Cc repeating the reply address (other case) counts once
    EXPECT_EQ(email.to[0].address, "reply+tok123@parley.test");
    EXPECT_EQ(email.to[1].address, "boss@example.com");
    EXPECT_EQ(email.subject, "Re: Grüße");
    EXPECT_EQ(email.message_id, "CAF+xyz@mail.example.com");
    EXPECT_EQ(email.in_reply_to, "m1.abc@parley.test");
    EXPECT_EQ(email.references, (std::vector<std::string>{"first@parley.test", "m1.abc@parley.test"}));
    EXPECT_EQ(email.text, "Here is the photo – grüße.\nA soft break.");
    ASSERT_EQ(email.attachments.size(), 1u);
    EXPECT_EQ(email.attachments[0].filename, "photo.png");
    EXPECT_EQ(email.attachments[0].content_type, "image/png");
    EXPECT_EQ(email.attachments[0].data, std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    EXPECT_FALSE(email.automatic);
  }
}

TEST(InboundEmailParser, Iso88591BodyBecomesUtf8) {
  const std::string raw =
      "From: hans@example.de\n"
      "To: reply+t@parley.test\n"
      "Subject: =?iso-8859-1?q?Gr=FC=DFe?=\n"
      "Content-Type: text/plain; charset=ISO-8859-1\n"
      "Content-Transfer-Encoding: 8bit\n"
      "\n"
      "Sch\xF6ne Gr\xFC\xDF" "e\n";
  const InboundEmail email = parseInboundEmail(raw);
  EXPECT_EQ(email.subject, "Grüße");
  EXPECT_EQ(email.text, "Schöne Grüße");
}

TEST(InboundEmailParser, Base64TextBody) {
  const std::string raw =
      "From: jo@example.com\n"
      "Subject: b64\n"
      "Content-Type: text/plain; charset=utf-8\n"
      "Content-Transfer-Encoding: base64\n"
      "\n"
      "SGVsbG8sIHfDtnJsZCE=\n";
  EXPECT_EQ(parseInboundEmail(raw).text, "Hello, wörld!");
}

TEST(InboundEmailParser, HtmlOnlyBodyLosesItsTags) {
  const std::string raw =
      "From: jo@example.com\n"
      "To: reply+t@parley.test\n"
      "Subject: html\n"
      "Content-Type: text/html; charset=utf-8\n"
      "\n"
      "<html><head><style>p{color:red}</style></head><body>"
      "<p>Hello &amp; welcome,</p><div>second&nbsp;line<br>third &#8211; &#x263A;</div>"
      "<script>alert(1)</script><!-- hidden --></body></html>\n";
  EXPECT_EQ(parseInboundEmail(raw).text, "Hello & welcome,\n\nsecond line\nthird – ☺");
}

TEST(InboundEmailParser, BounceIsAutomatic) {
  const std::string raw =
      "From: Mail Delivery System <MAILER-DAEMON@mx.example.com>\n"
      "To: reply+t@parley.test\n"
      "Subject: Undelivered Mail Returned to Sender\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n"
      "\n"
      "--b\n"
      "Content-Type: text/plain\n"
      "\n"
      "I'm sorry to have to inform you that your message could not be delivered.\n"
      "--b\n"
      "Content-Type: message/delivery-status\n"
      "\n"
      "Reporting-MTA: dns; mx.example.com\n"
      "\n"
      "Final-Recipient: rfc822; nobody@example.com\n"
      "Action: failed\n"
      "Status: 5.1.1\n"
      "--b\n"
      "Content-Type: message/rfc822\n"
      "\n"
      "From: support@parley.test\n"
      "Subject: original\n"
      "\n"
      "original body\n"
      "--b--\n";
  const InboundEmail email = parseInboundEmail(raw);
  EXPECT_TRUE(email.automatic);
  EXPECT_EQ(email.automatic_reason, "bounce");

  // A report without the MAILER-DAEMON sender is a bounce all the same.
  std::string other = raw;
  other.replace(0, other.find('\n'), "From: postmaster@example.com");
  EXPECT_EQ(parseInboundEmail(other).automatic_reason, "bounce");
}

TEST(InboundEmailParser, EmptyReturnPathIsABounce) {
  const std::string raw = "Return-Path: <>\nFrom: someone@example.com\nSubject: x\n\nbody\n";
  EXPECT_EQ(parseInboundEmail(raw).automatic_reason, "bounce");
}

TEST(InboundEmailParser, AutoRepliesAreAutomatic) {
  const std::string base = "From: jo@example.com\nTo: reply+t@parley.test\nSubject: Out of office\n";
  EXPECT_EQ(parseInboundEmail(base + "Auto-Submitted: auto-replied\n\nI am away.\n").automatic_reason, "auto-reply");
  EXPECT_EQ(parseInboundEmail(base + "X-Autoreply: yes\n\nI am away.\n").automatic_reason, "auto-reply");
  EXPECT_EQ(parseInboundEmail(base + "X-Autorespond: yes\n\nI am away.\n").automatic_reason, "auto-reply");
  EXPECT_EQ(parseInboundEmail(base + "Precedence: bulk\n\nnews\n").automatic_reason, "bulk");
  EXPECT_EQ(parseInboundEmail(base + "Precedence: auto_reply\n\naway\n").automatic_reason, "auto-reply");
  // "no" says a person wrote it.
  const InboundEmail person = parseInboundEmail(base + "Auto-Submitted: no\n\nHello\n");
  EXPECT_FALSE(person.automatic);
  EXPECT_EQ(person.automatic_reason, "");
}

TEST(InboundEmailParser, DeliveredToAndXOriginalToCountAsRecipients) {
  const std::string raw =
      "Delivered-To: reply+tok@parley.test\n"
      "X-Original-To: reply+tok2@parley.test\n"
      "From: jo@example.com\n"
      "To: list@example.com\n"
      "Subject: x\n\nbody\n";
  const InboundEmail email = parseInboundEmail(raw);
  ASSERT_EQ(email.to.size(), 3u);
  EXPECT_EQ(email.to[0].address, "list@example.com");
  EXPECT_EQ(email.to[1].address, "reply+tok@parley.test");
  EXPECT_EQ(email.to[2].address, "reply+tok2@parley.test");
}

TEST(InboundEmailParser, AttachmentsPastTheLimitAreCounted) {
  std::string raw = "From: jo@example.com\nSubject: many\nContent-Type: multipart/mixed; boundary=x\n\n"
                    "--x\nContent-Type: text/plain\n\nsee attached\n";
  for (std::size_t i = 0; i < kMaxInboundAttachments + 3; ++i)
    raw += "--x\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=\"f" +
           std::to_string(i) + ".bin\"\n\ndata\n";
  raw += "--x--\n";
  const InboundEmail email = parseInboundEmail(raw);
  EXPECT_EQ(email.attachments.size(), kMaxInboundAttachments);
  EXPECT_EQ(email.dropped_attachments, 3u);
  EXPECT_EQ(email.text, "see attached");
}

TEST(InboundEmailParser, BrokenCharsetsStillGiveValidUtf8) {
  // Labelled UTF-8, written in Latin-1; a raw 8-bit subject; a NUL in the body.
  const std::string raw =
      std::string("From: \"J\xF6\" <jo@example.com>\n"
      "Subject: Gr\xFC\xDF" "e \xFF\xFE\n"
      "Content-Type: text/plain; charset=utf-8\n"
      "Content-Transfer-Encoding: 8bit\n"
      "\n"
      "Sch\xF6n") + std::string(1, '\0') + " \xED\xA0\x80 \xC0\xAF end\n";
  const InboundEmail email = parseInboundEmail(raw);
  EXPECT_TRUE(isValidUtf8(email.subject)) << email.subject;
  EXPECT_TRUE(isValidUtf8(email.text)) << email.text;
  ASSERT_TRUE(email.from);
  EXPECT_TRUE(isValidUtf8(email.from->name)) << email.from->name;
  EXPECT_EQ(email.text.find('\0'), std::string::npos);
  EXPECT_NE(email.text.find("end"), std::string::npos);
  EXPECT_EQ(email.text.rfind("Schön", 0), 0u) << email.text;  // read as Windows-1252, the usual culprit
}

TEST(InboundEmailParser, TooLargeIsRefusedUnread) {
  const std::string raw(kMaxInboundEmailBytes + 1, 'a');
  EXPECT_THROW(parseInboundEmail(raw), std::invalid_argument);
}

TEST(InboundEmailParser, GarbageAndTruncatedMessagesDoNotCrash) {
  const std::string truncated = kMixedWithAttachment.substr(0, kMixedWithAttachment.size() / 2);
  const InboundEmail email = parseInboundEmail(truncated);
  EXPECT_EQ(email.subject, "Re: Grüße");

  std::mt19937 random(15);
  for (int round = 0; round < 200; ++round) {
    std::string bytes(random() % 4096, '\0');
    for (char& c : bytes) c = static_cast<char>(random());
    // Some rounds start like an email so the parser goes deeper.
    if (round % 2) bytes = "Content-Type: multipart/mixed; boundary=a\n\n--a\n" + bytes;
    try {
      const InboundEmail email = parseInboundEmail(bytes);
      ASSERT_TRUE(isValidUtf8(email.text) && isValidUtf8(email.subject));
    } catch (const std::invalid_argument&) {
    }
  }
  // Cut at every length: each prefix of a real message is a message the parser must survive.
  for (std::size_t n = 0; n < kMixedWithAttachment.size(); n += 7) {
    try {
      (void)parseInboundEmail(kMixedWithAttachment.substr(0, n));
    } catch (const std::invalid_argument&) {
    }
  }
  // Deep nesting of multiparts.
  std::string nested = "From: a@b.c\n";
  for (int i = 0; i < 2000; ++i) nested += "Content-Type: multipart/mixed; boundary=b" + std::to_string(i) + "\n\n--b" + std::to_string(i) + "\n";
  nested += "Content-Type: text/plain\n\ndeep\n";
  try {
    (void)parseInboundEmail(nested);
  } catch (const std::invalid_argument&) {
  }
  SUCCEED();
}

}  // namespace
}  // namespace parley
