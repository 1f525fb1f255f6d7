// Article Markdown (security/markdown_renderer.h): what a workspace admin types is rendered by
// cmark-gfm and shown to every visitor of the help center, so nothing in it may run script.
#include <gtest/gtest.h>

#include <string>

#include "security/markdown_renderer.h"

namespace parley {
namespace {

std::string html(std::string_view md) { return renderMarkdown(md).html; }

bool has(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

// Lowercased, for checks that must hold whatever the case of the input.
std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST(MarkdownRenderer, RendersCommonMarkAndGfm) {
  const auto out = html(
      "# Reset your password\n\nOpen **Settings**, then *Account*.\n\n"
      "- one\n- two\n\n1. first\n\n```\ncode <b>\n```\n\n`inline`\n\n[Docs](https://example.com/docs)\n\n"
      "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ and https://example.org\n");
  EXPECT_TRUE(has(out, "<h1>Reset your password</h1>")) << out;
  EXPECT_TRUE(has(out, "<strong>Settings</strong>"));
  EXPECT_TRUE(has(out, "<em>Account</em>"));
  EXPECT_TRUE(has(out, "<ul>\n<li>one</li>"));
  EXPECT_TRUE(has(out, "<ol>\n<li>first</li>"));
  EXPECT_TRUE(has(out, "<pre><code>code &lt;b&gt;\n</code></pre>")) << "code is escaped, not HTML";
  EXPECT_TRUE(has(out, "<code>inline</code>"));
  EXPECT_TRUE(has(out, "<a href=\"https://example.com/docs\">Docs</a>"));
  EXPECT_TRUE(has(out, "<table>")) << out;
  EXPECT_TRUE(has(out, "<td>1</td>"));
  EXPECT_TRUE(has(out, "<del>old</del>"));
  EXPECT_TRUE(has(out, "<a href=\"https://example.org\">https://example.org</a>")) << "autolink";
}

TEST(MarkdownRenderer, DropsScriptTagsAndRawHtmlBlocks) {
  const auto out = html("<script>alert(1)</script>\n\n<div onclick=\"x()\">hi</div>\n\n<iframe src=x></iframe>\n");
  EXPECT_FALSE(has(lower(out), "<script")) << out;
  EXPECT_FALSE(has(lower(out), "<div")) << out;
  EXPECT_FALSE(has(lower(out), "<iframe")) << out;
  EXPECT_FALSE(has(out, "onclick")) << out;
  EXPECT_TRUE(has(out, "raw HTML omitted")) << out;
}

TEST(MarkdownRenderer, DropsInlineHtml) {
  const auto out = html("Hello <img src=x onerror=alert(1)> and <a href=\"javascript:x\">y</a> <SCRIPT>z</SCRIPT>");
  EXPECT_FALSE(has(lower(out), "<img")) << out;
  EXPECT_FALSE(has(lower(out), "onerror")) << out;
  EXPECT_FALSE(has(lower(out), "<script")) << out;
  EXPECT_FALSE(has(lower(out), "javascript:")) << out;
  EXPECT_TRUE(has(out, "Hello ")) << "the text around it stays";
}

TEST(MarkdownRenderer, BlanksJavascriptAndOtherDangerousLinks) {
  for (const char* md : {"[x](javascript:alert(1))", "[x](JavaScript:alert(1))", "[x](&#106;avascript:alert(1))",
                         "[x](&#x4A;avascript&colon;alert(1))", "[x](<java\tscript:alert(1)>)",
                         "[x](vbscript:msgbox)", "[x](data:text/html;base64,PHNjcmlwdD4=)", "[x](file:///etc/passwd)",
                         "<javascript:alert(1)>", "[x][r]\n\n[r]: javascript:alert(1)"}) {
    // The text may still read "javascript:..." (an autolink's text); no URL may.
    const auto out = lower(html(md));
    EXPECT_TRUE(has(out, "<a href=\"\">")) << md << " -> " << out;
    for (const char* scheme : {"=\"javascript", "=\"vbscript", "=\"data:", "=\"file:", "=\"java"})
      EXPECT_FALSE(has(out, scheme)) << md << " -> " << out;
  }
  EXPECT_TRUE(has(html("[x](javascript:alert(1))"), "<a href=\"\">x</a>")) << "the text stays, the link goes";
}

TEST(MarkdownRenderer, KeepsSafeLinks) {
  EXPECT_TRUE(has(html("[a](/help/x)"), "href=\"/help/x\""));
  EXPECT_TRUE(has(html("[a](#top)"), "href=\"#top\""));
  EXPECT_TRUE(has(html("[a](mailto:hi@example.com)"), "href=\"mailto:hi@example.com\""));
  EXPECT_TRUE(has(html("[a](page?x=1)"), "href=\"page?x=1\""));
  EXPECT_TRUE(has(html("[a](https://x.test/a?b=1&c=2)"), "href=\"https://x.test/a?b=1&amp;c=2\""));
}

TEST(MarkdownRenderer, ImagesFromUploadsOrHttpOnly) {
  EXPECT_TRUE(has(html("![Chart](/uploads/1/abc.png)"), "<img src=\"/uploads/1/abc.png\" alt=\"Chart\" />"));
  EXPECT_TRUE(has(html("![a](https://cdn.test/a.png)"), "src=\"https://cdn.test/a.png\""));
  for (const char* md : {"![a](javascript:alert(1))", "![a](data:image/png;base64,AAAA)", "![a](data:image/svg+xml,<svg>)",
                         "![a\"onerror=\"x](/a.png)"}) {
    const auto out = lower(html(md));
    EXPECT_FALSE(has(out, "javascript")) << out;
    EXPECT_FALSE(has(out, "data:")) << out;
    EXPECT_FALSE(has(out, "\"onerror")) << "the alt text is escaped: " << out;
  }
}

TEST(MarkdownRenderer, EscapesTextAndAttributes) {
  const auto out = html("5 < 6 & \"quotes\" [a](/x \"t\\\"onmouseover=alert(1)\")");
  EXPECT_TRUE(has(out, "5 &lt; 6 &amp; &quot;quotes&quot;")) << out;
  EXPECT_FALSE(has(out, "\"onmouseover")) << out;
}

TEST(MarkdownRenderer, PlainTextHasNoMarkup) {
  const auto r = renderMarkdown("# Title\n\nSome **bold** [link](https://x.test) <b>raw</b>\n\n- item\n");
  EXPECT_TRUE(has(r.text, "Title")) << r.text;
  EXPECT_TRUE(has(r.text, "Some bold link")) << r.text;
  EXPECT_TRUE(has(r.text, "item"));
  EXPECT_FALSE(has(r.text, "**"));
  EXPECT_FALSE(has(r.text, "https://x.test")) << "a link's URL is not text";
}

TEST(MarkdownRenderer, PlainTextOfATableIsItsCells) {
  const auto r = renderMarkdown("Before\n\n| Region | Days |\n|---|:---:|\n| EU | 3 |\n\nAfter\n");
  EXPECT_EQ(r.text.find('|'), std::string::npos) << r.text;
  EXPECT_EQ(r.text.find("---"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("EU"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("After"), std::string::npos) << r.text;
}

TEST(MarkdownRenderer, SurvivesInvalidUtf8AndDeepNesting) {
  const auto out = html(std::string("a\xff\xfe b"));
  EXPECT_TRUE(has(out, "\xEF\xBF\xBD")) << "bad bytes become U+FFFD";
  std::string deep(5000, '>');
  deep += " x";
  EXPECT_NO_THROW(html(deep));
  EXPECT_NO_THROW(html(std::string(20000, '[') + std::string(20000, ']')));
}

TEST(MarkdownUrlRule, AllowsOnlyKnownSchemes) {
  EXPECT_TRUE(isSafeMarkdownUrl("https://x", false));
  EXPECT_TRUE(isSafeMarkdownUrl("HTTP://x", false));
  EXPECT_TRUE(isSafeMarkdownUrl("/a:b", false)) << "a colon after a slash is a path";
  EXPECT_TRUE(isSafeMarkdownUrl("tel:+123", false));
  EXPECT_FALSE(isSafeMarkdownUrl("tel:+123", true));
  EXPECT_FALSE(isSafeMarkdownUrl(" javascript:x", false));
  EXPECT_FALSE(isSafeMarkdownUrl("java\nscript:x", false));
  EXPECT_FALSE(isSafeMarkdownUrl("data:image/png;base64,AA", true));
}

}  // namespace
}  // namespace parley
