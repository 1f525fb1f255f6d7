#include "domain/text_limits.h"

#include <cstdint>

namespace parley {

namespace {

bool isContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Decodes one code point from valid UTF-8 starting at i and advances i.
char32_t decodeAt(std::string_view s, std::size_t& i) {
  auto c = static_cast<unsigned char>(s[i]);
  int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

bool isSpaceCodePoint(char32_t cp) {
  switch (cp) {
    case U' ': case U'\t': case U'\n': case U'\r': case U'\f': case U'\v':
    case 0x85: case 0xA0: case 0x1680: case 0x180E: case 0x2028: case 0x2029:
    case 0x202F: case 0x205F: case 0x2060: case 0x3000: case 0xFEFF:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200D;  // en quad .. zero-width joiner
  }
}

}  // namespace

bool isValidUtf8(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int len;
    char32_t min;
    char32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2, min = 0x80, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, min = 0x800, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, min = 0x10000, cp = c & 0x07;
    } else {
      return false;  // stray continuation byte or 0xF8..0xFF
    }
    if (n - i < static_cast<std::size_t>(len)) return false;
    for (int k = 1; k < len; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if (!isContinuation(cc)) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

std::size_t countCodePoints(std::string_view s) {
  std::size_t count = 0;
  for (char c : s) count += !isContinuation(static_cast<unsigned char>(c));
  return count;
}

bool isBlank(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (!isSpaceCodePoint(decodeAt(s, i))) return false;
  }
  return true;
}

std::optional<TextProblem> checkMessageBody(std::string_view body) {
  if (!isValidUtf8(body)) return TextProblem{"invalid", "message body is not valid UTF-8"};
  if (isBlank(body)) return TextProblem{"missing", "message body is empty"};
  if (countCodePoints(body) > kMaxMessageChars)
    return TextProblem{"too_large", "message body is longer than 10000 characters"};
  return std::nullopt;
}

std::optional<std::string> validateMessageBody(std::string_view body) {
  if (auto problem = checkMessageBody(body)) return std::move(problem->message);
  return std::nullopt;
}

std::string truncateUtf8(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  std::size_t cut = max_bytes;
  // Back up over at most 3 continuation bytes: a longer run means the input was not UTF-8 to begin with,
  // and walking further would only throw away more text.
  while (cut > 0 && max_bytes - cut < 3 && isContinuation(static_cast<unsigned char>(s[cut]))) --cut;
  if (isContinuation(static_cast<unsigned char>(s[cut]))) cut = max_bytes;
  return std::string(s.substr(0, cut));
}

}  // namespace parley
