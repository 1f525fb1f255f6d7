#include "domain/article.h"

namespace parley {

std::string_view toString(ArticleStatus s) { return s == ArticleStatus::Published ? "published" : "draft"; }

std::optional<ArticleStatus> parseArticleStatus(std::string_view s) {
  if (s == "draft") return ArticleStatus::Draft;
  if (s == "published") return ArticleStatus::Published;
  return std::nullopt;
}

namespace {

bool isSlugChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

char lowerAlnum(char c) {
  if (c >= 'A' && c <= 'Z') return static_cast<char>(c + 32);
  if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return c;
  return 0;
}

// Cut at the last hyphen within the limit (a whole word), else hard at the limit.
std::string cutSlug(std::string s, std::size_t max) {
  if (s.size() <= max) return s;
  auto hyphen = s.rfind('-', max);
  s.resize(hyphen != std::string::npos && hyphen > 0 ? hyphen : max);
  while (!s.empty() && s.back() == '-') s.pop_back();
  return s;
}

}  // namespace

bool isValidSlug(std::string_view slug) {
  if (slug.empty() || slug.size() > kMaxArticleSlugBytes) return false;
  if (slug.front() == '-' || slug.back() == '-') return false;
  char prev = 0;
  for (char c : slug) {
    if (c == '-' ? prev == '-' : !isSlugChar(c)) return false;
    prev = c;
  }
  return true;
}

std::string slugify(std::string_view title) {
  std::string out;
  bool pending_hyphen = false;
  for (char c : title) {
    if (char l = lowerAlnum(c)) {
      if (pending_hyphen && !out.empty()) out += '-';
      pending_hyphen = false;
      out += l;
    } else {
      pending_hyphen = true;
    }
  }
  return cutSlug(std::move(out), kMaxArticleSlugBytes);
}

std::string slugWithSuffix(std::string_view slug, int n) {
  const std::string suffix = "-" + std::to_string(n);
  return cutSlug(std::string(slug), kMaxArticleSlugBytes - suffix.size()) + suffix;
}

std::vector<std::string> articleSearchWords(std::string_view query) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty() && words.size() < kMaxArticleSearchWords) words.push_back(word);
    word.clear();
  };
  for (std::size_t i = 0; i < query.size(); ++i) {
    const auto b = static_cast<unsigned char>(query[i]);
    if (b >= 0x80) {
      // A whole sequence or nothing: the word limit never splits a character.
      const std::size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
      if (i + len > query.size()) break;
      if (word.size() + len <= kMaxArticleSearchWordBytes) word.append(query.substr(i, len));
      i += len - 1;
    } else if (char l = lowerAlnum(static_cast<char>(b))) {
      if (word.size() < kMaxArticleSearchWordBytes) word += l;
    } else {
      flush();
    }
  }
  flush();
  return words;
}

std::string shorterSearchPrefix(std::string_view word) {
  if (word.size() < 5) return {};
  for (char c : word)
    if (!lowerAlnum(c)) return {};  // non-ASCII: no letter to drop safely
  return std::string(word.substr(0, word.size() - 1));
}

std::string excerptOf(std::string_view text, std::size_t max_chars) {
  std::string out;
  std::size_t chars = 0, last_space = std::string::npos;
  bool space = false, cut = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b == ' ' || b == '\n' || b == '\t' || b == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) {
      if (chars + 1 > max_chars) { cut = true; break; }
      last_space = out.size();
      out += ' ';
      ++chars;
      space = false;
    }
    if ((b & 0xC0) != 0x80) {  // a new code point
      if (chars + 1 > max_chars) { cut = true; break; }
      ++chars;
    }
    out += static_cast<char>(b);
  }
  if (!cut) return out;
  // The cut falls before a code point, so `out` is whole characters; drop the partial word when a
  // whole one fits before it.
  if (last_space != std::string::npos && last_space > out.size() / 2) out.resize(last_space);
  while (!out.empty() && (out.back() == ' ' || out.back() == ',' || out.back() == '.' || out.back() == ';'))
    out.pop_back();
  return out + "…";
}

}  // namespace parley
