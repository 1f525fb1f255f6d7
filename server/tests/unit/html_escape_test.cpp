#include <gtest/gtest.h>

#include "domain/html_escape.h"

namespace parley {
namespace {

TEST(HtmlEscape, EscapesTheFiveCharacters) {
  EXPECT_EQ(escapeHtml("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
  EXPECT_EQ(escapeHtml("plain Grüße"), "plain Grüße");
  EXPECT_EQ(escapeHtml("&amp;"), "&amp;amp;") << "already-escaped text is escaped again: text is text";
  EXPECT_EQ(escapeHtml(""), "");
}

TEST(HtmlEscape, UrlEncodesQueryValues) {
  EXPECT_EQ(urlEncode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
  EXPECT_EQ(urlEncode("safe-_.~09"), "safe-_.~09");
}

}  // namespace
}  // namespace parley
