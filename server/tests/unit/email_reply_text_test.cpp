// stripQuotedReply (domain/email_reply_text.h) on the shapes real mail clients send.
#include <gtest/gtest.h>

#include "domain/email_reply_text.h"

namespace parley {
namespace {

TEST(EmailReplyText, GmailAttributionAndQuote) {
  const std::string reply =
      "Thanks, that fixed it!\n"
      "\n"
      "On Mon, 4 Mar 2024 at 10:12, Parley Support <reply+abc@parley.test> wrote:\n"
      "\n"
      "> Hi Jo, try turning it off and on again.\n"
      ">\n"
      "> Sam\n";
  EXPECT_EQ(stripQuotedReply(reply), "Thanks, that fixed it!");
}

TEST(EmailReplyText, GmailAttributionWrappedOverTwoLines) {
  const std::string reply =
      "Sounds good.\r\n"
      "\r\n"
      "On Mon, Mar 4, 2024 at 10:12 AM Parley Support of Example Shop <\r\n"
      "reply+abc@parley.test> wrote:\r\n"
      "\r\n"
      "> Earlier text\r\n";
  EXPECT_EQ(stripQuotedReply(reply), "Sounds good.");
}

TEST(EmailReplyText, AppleMailAttribution) {
  const std::string reply =
      "Yes please.\n"
      "\n"
      "Sent from my iPhone\n"
      "\n"
      "> On 4 Mar 2024, at 10:12, Parley Support <reply+abc@parley.test> wrote:\n"
      "> \n"
      "> Shall we send a new one?\n";
  EXPECT_EQ(stripQuotedReply(reply), "Yes please.\n\nSent from my iPhone");
}

TEST(EmailReplyText, OutlookOriginalMessage) {
  const std::string reply =
      "Order 1234 please.\n"
      "\n"
      "-----Original Message-----\n"
      "From: Parley Support <reply+abc@parley.test>\n"
      "Sent: Monday, March 4, 2024 10:12 AM\n"
      "To: Jo <jo@example.com>\n"
      "Subject: Your question\n"
      "\n"
      "Which order?\n";
  EXPECT_EQ(stripQuotedReply(reply), "Order 1234 please.");
}

TEST(EmailReplyText, OutlookHeaderBlockUnderARuleOfUnderscores) {
  const std::string reply =
      "Order 1234 please.\n"
      "\n"
      "________________________________\n"
      "From: Parley Support <reply+abc@parley.test>\n"
      "Sent: Monday, March 4, 2024 10:12\n"
      "To: Jo\n"
      "Subject: Your question\n"
      "\n"
      "Which order?\n";
  EXPECT_EQ(stripQuotedReply(reply), "Order 1234 please.");
}

TEST(EmailReplyText, AFromLineInTheTextIsNotAHeaderBlock) {
  const std::string reply =
      "From: the shop in Berlin I got a parcel.\n"
      "It was broken.\n";
  EXPECT_EQ(stripQuotedReply(reply), "From: the shop in Berlin I got a parcel.\nIt was broken.");
}

TEST(EmailReplyText, GermanFrenchSpanishAttributions) {
  EXPECT_EQ(stripQuotedReply("Danke!\n\nAm 04.03.2024 um 10:12 schrieb Parley Support <reply+abc@parley.test>:\n> Hallo\n"),
            "Danke!");
  EXPECT_EQ(stripQuotedReply("Merci !\n\nLe lun. 4 mars 2024 à 10:12, Parley <reply+abc@parley.test> a écrit :\n> Bonjour\n"),
            "Merci !");
  // French typography: a non-breaking space before the colon.
  EXPECT_EQ(stripQuotedReply("Merci\n\nLe 4 mars 2024, Parley a écrit\xC2\xA0:\n> Bonjour\n"), "Merci");
  EXPECT_EQ(stripQuotedReply("¡Gracias!\n\nEl lun, 4 mar 2024 a las 10:12, Parley (<reply+abc@parley.test>) escribió:\n> Hola\n"),
            "¡Gracias!");
  EXPECT_EQ(stripQuotedReply("Danke\n\n-----Ursprüngliche Nachricht-----\nVon: Parley\nGesendet: Montag\n"), "Danke");
  EXPECT_EQ(stripQuotedReply("Danke\n\nVon: Parley Support <reply+abc@parley.test>\nGesendet: Montag, 4. März 2024\nAn: Jo\n"),
            "Danke");
}

TEST(EmailReplyText, SignatureAfterDashDashSpace) {
  const std::string reply =
      "See you tomorrow.\n"
      "\n"
      "-- \n"
      "Jo Smith\n"
      "ACME Ltd, +49 30 1234\n";
  EXPECT_EQ(stripQuotedReply(reply), "See you tomorrow.");
  // Two dashes without the space are text (a Markdown rule, a sum): kept.
  EXPECT_EQ(stripQuotedReply("a\n--\nb"), "a\n--\nb");
}

TEST(EmailReplyText, AnswersBetweenQuotesKeepTheirLines) {
  const std::string reply =
      "> Which colour?\n"
      "Blue.\n"
      "> Which size?\n"
      "Large.\n";
  EXPECT_EQ(stripQuotedReply(reply), "Blue.\nLarge.");
}

TEST(EmailReplyText, AReplyWithNoQuoteIsKeptWhole) {
  EXPECT_EQ(stripQuotedReply("  \nJust a question:\nwhen do you open?\n\n\n"), "Just a question:\nwhen do you open?");
  EXPECT_EQ(stripQuotedReply("On Monday I wrote to you about this."), "On Monday I wrote to you about this.");
}

TEST(EmailReplyText, AReplyThatIsOnlyAQuoteKeepsTheOriginal) {
  const std::string reply =
      "On Mon, 4 Mar 2024 at 10:12, Parley Support <reply+abc@parley.test> wrote:\n"
      "> Hi Jo\n\n";
  EXPECT_EQ(stripQuotedReply(reply),
            "On Mon, 4 Mar 2024 at 10:12, Parley Support <reply+abc@parley.test> wrote:\n> Hi Jo");
  EXPECT_EQ(stripQuotedReply("> only quoted\n"), "> only quoted");
  EXPECT_EQ(stripQuotedReply(""), "");
  EXPECT_EQ(stripQuotedReply("\n\n  \n"), "");
}

TEST(EmailReplyText, CrlfBecomesLfAndTrailingBlankLinesGo) {
  EXPECT_EQ(stripQuotedReply("one\r\ntwo\r\n\r\n\r\n"), "one\ntwo");
}

TEST(EmailReplyText, AHugeLineIsNoMarkerAndStaysFast) {
  const std::string line = "On " + std::string(1'000'000, 'x') + " wrote:";
  EXPECT_EQ(stripQuotedReply("Hi\n" + line).size(), 3 + line.size());
}

}  // namespace
}  // namespace parley
