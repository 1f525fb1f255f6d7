#include "security/origin.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

using List = std::vector<std::string>;

TEST(OriginTest, EmptyListAllowsAnything) {
  EXPECT_TRUE(originAllowed("https://evil.example", {}));
  EXPECT_TRUE(originAllowed("null", {}));
  EXPECT_TRUE(originAllowed("", {}));
}

TEST(OriginTest, FullOriginEntryMatchesSchemeHostAndPort) {
  List allowed{"https://shop.example.com"};
  EXPECT_TRUE(originAllowed("https://shop.example.com", allowed));
  EXPECT_TRUE(originAllowed("HTTPS://Shop.Example.COM", allowed));
  EXPECT_TRUE(originAllowed("https://shop.example.com:443", allowed));
  EXPECT_FALSE(originAllowed("http://shop.example.com", allowed));
  EXPECT_FALSE(originAllowed("https://shop.example.com:8443", allowed));
  EXPECT_FALSE(originAllowed("https://example.com", allowed));
  EXPECT_FALSE(originAllowed("https://shop.example.com.evil.io", allowed));
  EXPECT_FALSE(originAllowed("https://evilshop.example.com", allowed));
}

TEST(OriginTest, TrailingSlashAndDefaultPortInEntryAreIgnored) {
  EXPECT_TRUE(originAllowed("https://shop.example.com", List{"https://shop.example.com/"}));
  EXPECT_TRUE(originAllowed("https://shop.example.com", List{"https://shop.example.com:443"}));
  EXPECT_TRUE(originAllowed("http://a.test", List{"http://a.test:80/some/path"}));
}

TEST(OriginTest, HostOnlyEntryMatchesAnySchemeOnDefaultPorts) {
  List allowed{"shop.example.com"};
  EXPECT_TRUE(originAllowed("https://shop.example.com", allowed));
  EXPECT_TRUE(originAllowed("http://shop.example.com", allowed));
  EXPECT_FALSE(originAllowed("https://shop.example.com:8443", allowed));
  EXPECT_FALSE(originAllowed("https://www.shop.example.com", allowed));
}

TEST(OriginTest, WildcardMatchesSubdomainsOnly) {
  List allowed{"*.example.com"};
  EXPECT_TRUE(originAllowed("https://shop.example.com", allowed));
  EXPECT_TRUE(originAllowed("http://a.b.example.com", allowed));
  EXPECT_FALSE(originAllowed("https://example.com", allowed));
  EXPECT_FALSE(originAllowed("https://badexample.com", allowed));
  EXPECT_FALSE(originAllowed("https://example.com.evil.io", allowed));

  List https_only{"https://*.example.com"};
  EXPECT_TRUE(originAllowed("https://shop.example.com", https_only));
  EXPECT_FALSE(originAllowed("http://shop.example.com", https_only));
}

TEST(OriginTest, ExplicitPorts) {
  List allowed{"http://localhost:8080"};
  EXPECT_TRUE(originAllowed("http://localhost:8080", allowed));
  EXPECT_FALSE(originAllowed("http://localhost", allowed));
  EXPECT_FALSE(originAllowed("http://localhost:8081", allowed));
  EXPECT_FALSE(originAllowed("https://localhost:8080", allowed));
  EXPECT_TRUE(originAllowed("https://localhost:8080", List{"localhost:8080"}));
  EXPECT_TRUE(originAllowed("http://127.0.0.1:5173", List{"http://127.0.0.1:5173"}));
  EXPECT_TRUE(originAllowed("http://[::1]:3000", List{"http://[::1]:3000"}));
  EXPECT_FALSE(originAllowed("http://[::1]:3001", List{"http://[::1]:3000"}));
}

TEST(OriginTest, OpaqueAndMissingOriginsOnlyPassAStar) {
  List allowed{"https://shop.example.com"};
  EXPECT_FALSE(originAllowed("null", allowed));
  EXPECT_FALSE(originAllowed("", allowed));
  EXPECT_FALSE(originAllowed("shop.example.com", allowed));  // not an Origin header value
  EXPECT_TRUE(originAllowed("null", List{"*"}));
  EXPECT_TRUE(originAllowed("https://anything.io", List{"https://shop.example.com", "*"}));
}

TEST(OriginTest, InvalidEntriesAreSkippedNotFatal) {
  List allowed{"https://bad host.com", "javascript:alert(1)", "https://ok.example.com"};
  EXPECT_TRUE(originAllowed("https://ok.example.com", allowed));
  EXPECT_FALSE(originAllowed("https://bad host.com", allowed));
}

TEST(OriginTest, ParsePattern) {
  auto p = parseOriginPattern("  HTTPS://Shop.Example.com:443/ ");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->scheme, "https");
  EXPECT_EQ(p->host, "shop.example.com");
  EXPECT_FALSE(p->port);
  auto q = parseOriginPattern("localhost:8080");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->scheme, "");
  EXPECT_EQ(q->host, "localhost");
  EXPECT_EQ(q->port, 8080);
  EXPECT_FALSE(parseOriginPattern("https://a.com:0"));
  EXPECT_FALSE(parseOriginPattern("https://a.com:99999"));
  EXPECT_FALSE(parseOriginPattern("https://a.com:"));
  EXPECT_FALSE(parseOriginPattern("https://"));
  EXPECT_FALSE(parseOriginPattern("https://a.com;b.com"));
  EXPECT_FALSE(parseOriginPattern("'self'"));
  EXPECT_FALSE(parseOriginPattern("https://*evil.com"));
}

TEST(OriginTest, FrameAncestors) {
  EXPECT_EQ(frameAncestors({}), "*");
  EXPECT_EQ(frameAncestors(List{"https://shop.example.com", "*.example.com", "http://localhost:8080"}),
            "'self' https://shop.example.com *.example.com http://localhost:8080");
  // Normalised, deduplicated, default ports dropped.
  EXPECT_EQ(frameAncestors(List{"HTTPS://Shop.Example.com:443/", "https://shop.example.com"}),
            "'self' https://shop.example.com");
  EXPECT_EQ(frameAncestors(List{"shop.example.com"}), "'self' shop.example.com");
  EXPECT_EQ(frameAncestors(List{"*"}), "'self' *");
}

TEST(OriginTest, FrameAncestorsCannotBeInjected) {
  // Each would add a directive or a source the admin did not mean if copied verbatim into the header.
  auto value = frameAncestors(List{"https://a.com; script-src *", "https://b.com 'unsafe-inline'",
                                   "https://c.com,https://d.com", "https://ok.com"});
  EXPECT_EQ(value, "'self' https://ok.com");
}

}  // namespace
}  // namespace parley
