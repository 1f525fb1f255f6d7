#include "mail/html_text.h"

#include <cctype>
#include <cstdint>

namespace parley {

namespace {

std::string lowerAsciiHtmlTag(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

void appendUtf8CodePoint(std::string& out, std::uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes the entity starting at html[i] == '&' into `out`; returns the number of bytes it took
// (0: not an entity we know, the '&' stays as it is).
std::size_t decodeHtmlEntity(std::string_view html, std::size_t i, std::string& out) {
  const std::size_t semi = html.find(';', i);
  if (semi == std::string_view::npos || semi - i > 10) return 0;
  const std::string_view name = html.substr(i + 1, semi - i - 1);
  if (name.size() >= 2 && name[0] == '#') {
    std::uint32_t cp = 0;
    const bool hex = name[1] == 'x' || name[1] == 'X';
    const std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    for (char c : digits) {
      const int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                    : hex && std::isxdigit(static_cast<unsigned char>(c))
                        ? std::tolower(static_cast<unsigned char>(c)) - 'a' + 10
                        : -1;
      if (d < 0) return 0;
      cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
      if (cp > 0x10FFFF) cp = 0x110000;  // stays out of range, no overflow
    }
    appendUtf8CodePoint(out, cp);
    return semi - i + 1;
  }
  static constexpr std::pair<std::string_view, std::string_view> kNamedEntities[] = {
      {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", " "},
      {"ndash", "\u2013"}, {"mdash", "\u2014"}, {"hellip", "\u2026"}, {"rsquo", "\u2019"}, {"lsquo", "\u2018"},
      {"rdquo", "\u201D"}, {"ldquo", "\u201C"}, {"euro", "\u20AC"}, {"copy", "\u00A9"}};
  for (const auto& [entity, text] : kNamedEntities) {
    if (name == entity) {
      out += text;
      return semi - i + 1;
    }
  }
  return 0;
}

// Tags after which the text continues on a new line.
bool isLineBreakingTag(std::string_view tag) {
  static constexpr std::string_view kTags[] = {"br", "p", "/p", "div", "/div", "li", "/li", "tr", "/tr", "hr",
                                               "h1", "h2", "h3", "h4", "/h1", "/h2", "/h3", "/h4", "blockquote",
                                               "/blockquote", "table", "/table"};
  for (std::string_view t : kTags)
    if (tag == t) return true;
  return false;
}

// Collapses runs of spaces, keeps at most one blank line in a row, trims each line's end.
std::string tidyHtmlText(const std::string& text) {
  std::string out;
  int newlines = 0;
  bool pending_space = false;
  for (char c : text) {
    if (c == '\n') {
      pending_space = false;
      if (newlines < 2 && !out.empty()) out += '\n';
      ++newlines;
    } else if (c == ' ' || c == '\t' || c == '\r') {
      pending_space = !out.empty() && newlines == 0;
    } else {
      if (pending_space) out += ' ';
      pending_space = false;
      newlines = 0;
      out += c;
    }
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace

std::string htmlToText(std::string_view html) {
  std::string text;
  text.reserve(html.size() / 2);
  std::size_t i = 0;
  while (i < html.size()) {
    const char c = html[i];
    if (c == '<') {
      if (html.substr(i, 4) == "<!--") {
        const std::size_t end = html.find("-->", i + 4);
        i = end == std::string_view::npos ? html.size() : end + 3;
        continue;
      }
      const std::size_t end = html.find('>', i + 1);
      if (end == std::string_view::npos) break;  // a cut-off tag: the rest is not text
      std::string_view inside = html.substr(i + 1, end - i - 1);
      std::size_t name_end = 0;
      while (name_end < inside.size() && !std::isspace(static_cast<unsigned char>(inside[name_end])) &&
             inside[name_end] != '>' && (inside[name_end] != '/' || name_end == 0))
        ++name_end;
      const std::string tag = lowerAsciiHtmlTag(inside.substr(0, name_end));
      i = end + 1;
      if (tag == "script" || tag == "style" || tag == "head" || tag == "title") {
        const std::string closing = "</" + tag;
        std::size_t close = i;
        // Case-insensitive search for the closing tag, linear: compare lowered windows.
        while (close < html.size()) {
          close = html.find('<', close);
          if (close == std::string_view::npos) break;
          if (lowerAsciiHtmlTag(html.substr(close, closing.size())) == closing) break;
          ++close;
        }
        if (close == std::string_view::npos || close >= html.size()) {
          i = html.size();
        } else {
          const std::size_t close_end = html.find('>', close);
          i = close_end == std::string_view::npos ? html.size() : close_end + 1;
        }
        continue;
      }
      if (isLineBreakingTag(tag)) text += '\n';
      else if (tag == "td" || tag == "th") text += ' ';
      continue;
    }
    if (c == '&') {
      if (const std::size_t taken = decodeHtmlEntity(html, i, text)) {
        i += taken;
        continue;
      }
    }
    text += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    ++i;
  }
  return tidyHtmlText(text);
}

}  // namespace parley
