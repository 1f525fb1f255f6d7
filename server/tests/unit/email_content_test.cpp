// What Parley's emails say (domain/email_content.h): every reply once, the link, and everything a
// visitor or agent wrote escaped in the HTML part.
#include <gtest/gtest.h>

#include "domain/email_content.h"

namespace parley {
namespace {

TEST(EmailContent, UnseenRepliesCarryEveryReplyAndTheLink) {
  auto e = unseenRepliesEmail("Acme", {{"Sam (Acme)", "Yes, we do.\nFree over 50 €.", 0},
                                       {"Sam (Acme)", "<script>alert(1)</script>", 0}},
                              "https://chat.acme.com/chat/w1?resume=pe_1");
  EXPECT_EQ(e.subject, "2 new replies from Acme");
  EXPECT_NE(e.text.find("  Yes, we do.\n  Free over 50 €."), std::string::npos) << e.text;
  EXPECT_NE(e.text.find("https://chat.acme.com/chat/w1?resume=pe_1"), std::string::npos);
  EXPECT_EQ(e.html.find("<script>"), std::string::npos) << "escaped";
  EXPECT_NE(e.html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(e.html.find("Yes, we do.<br>Free over 50 €."), std::string::npos);
  EXPECT_NE(e.html.find("href=\"https://chat.acme.com/chat/w1?resume=pe_1\""), std::string::npos);
  EXPECT_EQ(unseenRepliesEmail("Acme", {{"Sam", "Hi", 0}}, "x").subject, "New reply from Acme");
}

TEST(EmailContent, TranscriptIsOldestFirstWithTimes) {
  auto e = transcriptEmail("Acme \"Shop\"", {{"You", "Hello", 1'700'000'000'000}, {"Sam (Acme)", "Hi!", 1'700'000'060'000}},
                           "https://x/chat/w?resume=t");
  EXPECT_EQ(e.subject, "Your conversation with Acme \"Shop\"");
  auto you = e.text.find("You · 2023-11-14 22:13 UTC:");
  auto sam = e.text.find("Sam (Acme) · 2023-11-14 22:14 UTC:");
  ASSERT_NE(you, std::string::npos) << e.text;
  ASSERT_NE(sam, std::string::npos);
  EXPECT_LT(you, sam);
  EXPECT_NE(e.html.find("Acme &quot;Shop&quot;"), std::string::npos);
  EXPECT_NE(transcriptEmail("Acme", {}, "l").text.find("(no messages)"), std::string::npos);
}

TEST(EmailContent, OfflineConfirmationQuotesTheMessage) {
  auto e = offlineFormEmail("Acme", "Call me\nplease", "https://x/chat/w?resume=t");
  EXPECT_NE(e.subject.find("We got your message"), std::string::npos);
  EXPECT_NE(e.text.find("  Call me\n  please"), std::string::npos);
  EXPECT_NE(e.html.find("Call me<br>please"), std::string::npos);
}

TEST(EmailContent, AgentDigestListsEachItemWithItsLink) {
  auto e = agentNotificationEmail("Acme", {{"New conversation from Jo", "Do you ship?", "https://x/app/c/1"},
                                           {"Kim replied", "", "https://x/app/c/2"}});
  EXPECT_EQ(e.subject, "2 updates - Acme");
  EXPECT_NE(e.text.find("- New conversation from Jo: Do you ship?\n  https://x/app/c/1"), std::string::npos) << e.text;
  EXPECT_NE(e.html.find("<a href=\"https://x/app/c/2\">Kim replied</a>"), std::string::npos);
}

}  // namespace
}  // namespace parley
