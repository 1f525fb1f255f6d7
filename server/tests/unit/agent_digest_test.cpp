// The pure parts of agents' notification emails (app/agent_digest.h): the preference is opt-in, the
// excerpt is one short line cut on a character boundary, and each line links to the dashboard.
#include <gtest/gtest.h>

#include "app/agent_digest.h"

namespace parley {
namespace {

TEST(AgentDigest, EmailNotificationsAreOptIn) {
  EXPECT_FALSE(agentEmailNotificationsOn(""));
  EXPECT_FALSE(agentEmailNotificationsOn("{}"));
  EXPECT_FALSE(agentEmailNotificationsOn("not json"));
  EXPECT_FALSE(agentEmailNotificationsOn(R"({"notifications":{"sound":true,"new_conversation":true}})"))
      << "the other keys default on; this one does not";
  EXPECT_FALSE(agentEmailNotificationsOn(R"({"notifications":{"email":false}})"));
  EXPECT_FALSE(agentEmailNotificationsOn(R"({"notifications":{"email":"yes"}})"));
  EXPECT_FALSE(agentEmailNotificationsOn(R"({"notifications":true})"));
  EXPECT_TRUE(agentEmailNotificationsOn(R"({"notifications":{"email":true}})"));
}

TEST(AgentDigest, TheExcerptIsOneShortLine) {
  EXPECT_EQ(digestExcerpt("  Hello\n\n  do you\tship?\r\n"), "Hello do you ship?");
  EXPECT_EQ(digestExcerpt("a\x01" "b"), "ab") << "control characters out";
  EXPECT_EQ(digestExcerpt(""), "");
  const std::string exact(kDigestExcerptMax, 'x');
  EXPECT_EQ(digestExcerpt(exact), exact);
  auto cut = digestExcerpt(std::string(500, 'x'));
  EXPECT_EQ(cut.size(), kDigestExcerptMax);
  EXPECT_EQ(cut.substr(cut.size() - 3), "...");
  // Two-byte characters: never cut inside one.
  std::string umlauts;
  for (int i = 0; i < 150; ++i) umlauts += "ü";
  auto u = digestExcerpt(umlauts);
  EXPECT_LE(u.size(), kDigestExcerptMax);
  ASSERT_GE(u.size(), 3u);
  EXPECT_EQ(u.substr(u.size() - 3), "...");
  EXPECT_EQ((u.size() - 3) % 2, 0u) << "whole characters only: " << u;
}

TEST(AgentDigest, LinesSayWhatHappenedAndLinkToTheDashboard) {
  EXPECT_EQ(dashboardConversationLink("https://chat.acme.com", 42), "https://chat.acme.com/app/#/inbox?c=42");
  DigestItem item;
  item.conversation_id = 7;
  item.excerpt = "Do you ship?";
  auto line = digestLine(item, "Jo", "https://x");
  EXPECT_EQ(line.what, "New conversation from Jo");
  EXPECT_EQ(line.excerpt, "Do you ship?");
  EXPECT_EQ(line.link, "https://x/app/#/inbox?c=7");
  item.kind = DigestItemKind::Reply;
  EXPECT_EQ(digestLine(item, "Jo", "https://x").what, "Jo replied");
}

}  // namespace
}  // namespace parley
