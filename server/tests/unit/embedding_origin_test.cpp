// Which site embeds the chat, and whether the workspace lets it (Settings > Allowed domains).
#include <gtest/gtest.h>

#include "app/visitor_auth.h"

namespace parley {
namespace {

TEST(EmbeddingOrigin, OurOwnFrameReportsThePageItSitsOn) {
  EXPECT_EQ(embeddingOrigin("https://chat.example.com", "chat.example.com", "https://shop.example.com"),
            "https://shop.example.com");
  EXPECT_EQ(embeddingOrigin("", "chat.example.com", "https://shop.example.com"), "https://shop.example.com");
}

TEST(EmbeddingOrigin, APageCallingUsDirectlyIsNamedByItsOriginHeaderWhateverItReports) {
  EXPECT_EQ(embeddingOrigin("https://evil.example", "chat.example.com", "https://shop.example.com"),
            "https://evil.example");
}

TEST(EmbeddingOrigin, AllowedSitesOnlyWhenTheWorkspaceNamesSome) {
  Workspace open;
  EXPECT_TRUE(embeddingAllowed(open, "https://anything.example", "chat.test"));
  EXPECT_TRUE(embeddingAllowed(open, "", "chat.test"));
  Workspace shop;
  shop.allowed_origins_json = R"(["https://shop.example.com"])";
  EXPECT_TRUE(embeddingAllowed(shop, "https://shop.example.com", "chat.test"));
  EXPECT_FALSE(embeddingAllowed(shop, "https://other.example", "chat.test"));
  EXPECT_FALSE(embeddingAllowed(shop, "", "chat.test")) << "an unnamed site is not one of the allowed";
  EXPECT_TRUE(embeddingAllowed(shop, "http://chat.test", "chat.test")) << "the server's own pages (demo, help center)";
}

}  // namespace
}  // namespace parley
