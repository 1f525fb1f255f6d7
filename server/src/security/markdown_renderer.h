// Article bodies (issue 14): Markdown to safe HTML with cmark-gfm, the CommonMark reference
// library (GitHub's tables, strikethrough and autolinks on). Raw HTML is never passed through
// (cmark's safe mode: CMARK_OPT_UNSAFE is never set), and every link and image URL is checked again
// here by one rule: relative URLs, http(s) and mailto/tel for links, relative and http(s) for
// images; anything else (javascript:, vbscript:, data:, file:, or a scheme hidden by entities,
// case or control characters) becomes an empty URL.
#pragma once

#include <string>
#include <string_view>

namespace parley {

struct RenderedMarkdown {
  std::string html;  // safe to put inside an element as is
  std::string text;  // plain text, for search and excerpts
};

// Input that is not valid UTF-8 has its bad bytes replaced (U+FFFD); never throws for any text.
RenderedMarkdown renderMarkdown(std::string_view markdown);

// The URL rule above, exposed for tests: true when `url` may be a link's href (or an image's src).
bool isSafeMarkdownUrl(std::string_view url, bool image);

}  // namespace parley
