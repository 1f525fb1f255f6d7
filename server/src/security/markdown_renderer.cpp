#include "security/markdown_renderer.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <memory>
#include <mutex>

#include "domain/ascii.h"

namespace parley {

namespace {

// No CMARK_OPT_UNSAFE: raw HTML blocks and inline HTML render as an HTML comment saying they were
// omitted, and cmark blanks the URLs it considers dangerous (the check below is stricter).
constexpr int kOptions = CMARK_OPT_DEFAULT | CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE;

void ensureExtensions() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

struct FreeNode {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct FreeParser {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct FreeChars {
  void operator()(char* s) const { std::free(s); }
};

void sanitizeUrls(cmark_node* root) {
  cmark_iter* iter = cmark_iter_new(root);
  for (auto ev = cmark_iter_next(iter); ev != CMARK_EVENT_DONE; ev = cmark_iter_next(iter)) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* n = cmark_iter_get_node(iter);
    const auto type = cmark_node_get_type(n);
    if (type != CMARK_NODE_LINK && type != CMARK_NODE_IMAGE) continue;
    const char* url = cmark_node_get_url(n);
    if (url && !isSafeMarkdownUrl(url, type == CMARK_NODE_IMAGE)) cmark_node_set_url(n, "");
  }
  cmark_iter_free(iter);
}

// cmark's plain text writes a table as Markdown ("| a | b |" and a "|---|" row): its cells become
// words, the delimiter row goes, so excerpts and the search index hold text only.
std::string tableFreeText(std::string_view text) {
  std::string out;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (!line.empty() && line.front() == '|') {
      if (line.find_first_not_of("|-: ") == std::string_view::npos) continue;
      std::string cells;
      for (char c : line) cells += c == '|' ? ' ' : c;
      const auto b = cells.find_first_not_of(' '), e = cells.find_last_not_of(' ');
      out += b == std::string::npos ? "" : cells.substr(b, e - b + 1);
    } else {
      out += line;
    }
    out += '\n';
  }
  return out;
}

}  // namespace

bool isSafeMarkdownUrl(std::string_view url, bool image) {
  // A scheme is what comes before the first ':' when no '/', '?' or '#' comes first; browsers drop
  // tabs and newlines anywhere in a URL and spaces at its ends, so any such byte before the ':'
  // makes it no allowed scheme at all.
  std::string scheme;
  for (char c : url) {
    if (c == '/' || c == '?' || c == '#') return true;  // relative: no scheme
    if (c == ':') {
      if (scheme == "http" || scheme == "https") return true;
      return !image && (scheme == "mailto" || scheme == "tel");
    }
    scheme += asciiLower(c);
  }
  return true;  // no ':' at all: a relative path
}

RenderedMarkdown renderMarkdown(std::string_view markdown) {
  ensureExtensions();
  std::unique_ptr<cmark_parser, FreeParser> parser(cmark_parser_new(kOptions));
  for (const char* name : {"table", "strikethrough", "autolink"})
    if (auto* ext = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(parser.get(), ext);
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, FreeNode> doc(cmark_parser_finish(parser.get()));
  sanitizeUrls(doc.get());
  cmark_llist* extensions = cmark_parser_get_syntax_extensions(parser.get());
  std::unique_ptr<char, FreeChars> html(cmark_render_html(doc.get(), kOptions, extensions));
  std::unique_ptr<char, FreeChars> text(cmark_render_plaintext(doc.get(), kOptions, 0));
  return {html ? html.get() : "", tableFreeText(text ? text.get() : "")};
}

}  // namespace parley
