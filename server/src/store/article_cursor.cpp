#include "store/article_cursor.h"

#include <charconv>
#include <stdexcept>

namespace parley {

namespace {

std::int64_t cursorNumber(std::string_view s) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || v < 0)
    throw std::invalid_argument("cursor is not one this list gave");
  return v;
}

}  // namespace

std::string encodeArticleCursor(Millis updated_at, Id id) {
  return "u" + std::to_string(updated_at) + "." + std::to_string(id);
}

std::string encodeArticleSearchCursor(int offset) { return "o" + std::to_string(offset); }

ArticleCursor decodeArticleCursor(std::string_view cursor, bool search) {
  ArticleCursor c;
  if (search) {
    if (cursor.size() < 2 || cursor[0] != 'o') throw std::invalid_argument("cursor is not one this list gave");
    const auto offset = cursorNumber(cursor.substr(1));
    if (offset > 100'000) throw std::invalid_argument("cursor is not one this list gave");
    c.offset = static_cast<int>(offset);
    return c;
  }
  const auto dot = cursor.find('.');
  if (cursor.size() < 4 || cursor[0] != 'u' || dot == std::string_view::npos)
    throw std::invalid_argument("cursor is not one this list gave");
  c.updated_at = cursorNumber(cursor.substr(1, dot - 1));
  c.id = cursorNumber(cursor.substr(dot + 1));
  return c;
}

int clampArticleLimit(int limit) { return limit <= 0 ? 50 : limit > 100 ? 100 : limit; }

}  // namespace parley
