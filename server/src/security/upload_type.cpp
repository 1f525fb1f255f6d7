#include "security/upload_type.h"

#include <algorithm>
#include <vector>

#include "domain/text_limits.h"

namespace parley {

namespace {

constexpr std::size_t kMaxFilenameChars = 120;
constexpr std::size_t kMaxKeptExtensionChars = 16;

bool startsWith(std::string_view bytes, std::string_view magic) { return bytes.substr(0, magic.size()) == magic; }

// Decodes valid UTF-8 into code points; invalid bytes become U+FFFD (which no rule below keeps).
std::vector<char32_t> decode(std::string_view s) {
  std::vector<char32_t> out;
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || i + len > s.size() || !isValidUtf8(s.substr(i, len))) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

void encode(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Letters of scripts people name files in. Deliberately a list of letter blocks, not "anything printable":
// bidi overrides (U+202E turns "gpj.exe" into "exe.jpg" on screen), zero-width and look-alike punctuation
// stay out.
bool isNameLetter(char32_t c) {
  return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9') ||
         (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||  // Latin-1 letters, Latin Extended-A/B
         (c >= 0x370 && c <= 0x3FF && c != 0x37E && c != 0x387) ||  // Greek (minus its ';' and '·')
         (c >= 0x400 && c <= 0x4FF) ||                            // Cyrillic
         (c >= 0x5D0 && c <= 0x5EA) ||                            // Hebrew letters
         (c >= 0x620 && c <= 0x64A) ||                            // Arabic letters
         (c >= 0x3041 && c <= 0x30FF) ||                          // Hiragana, Katakana
         (c >= 0x4E00 && c <= 0x9FFF) ||                          // CJK ideographs
         (c >= 0xAC00 && c <= 0xD7A3);                            // Hangul syllables
}

bool looksLikeText(std::string_view bytes) {
  if (bytes.find('\0') != std::string_view::npos || !isValidUtf8(bytes)) return false;
  // "Mostly printable": allow the odd form feed or escape in a log file, but not binary that happens to be UTF-8.
  std::size_t chars = 0;
  std::size_t controls = 0;
  for (unsigned char c : bytes) {
    if ((c & 0xC0) == 0x80) continue;
    ++chars;
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) ++controls;
  }
  return controls * 100 <= chars * 2;  // at most 2 %
}

}  // namespace

std::optional<std::string> sniffContentType(std::string_view b) {
  if (startsWith(b, "\x89PNG\r\n\x1a\n")) return "image/png";
  if (startsWith(b, "\xFF\xD8\xFF")) return "image/jpeg";
  if (startsWith(b, "GIF87a") || startsWith(b, "GIF89a")) return "image/gif";
  if (b.size() >= 12 && startsWith(b, "RIFF") && b.substr(8, 4) == "WEBP") return "image/webp";
  if (startsWith(b, "%PDF-")) return "application/pdf";
  // Local file header, or the end-of-central-directory record that is all an empty archive has.
  if (startsWith(b, std::string_view("PK\x03\x04", 4)) || startsWith(b, std::string_view("PK\x05\x06", 4)))
    return "application/zip";
  if (!b.empty() && looksLikeText(b)) return "text/plain";
  return std::nullopt;
}

std::string sanitizeFilename(std::string_view name) {
  if (auto slash = name.find_last_of("/\\"); slash != std::string_view::npos) name.remove_prefix(slash + 1);

  std::vector<char32_t> kept;
  for (char32_t c : decode(name)) {
    char32_t mapped;
    if (isNameLetter(c) || c == U'.' || c == U'-' || c == U'_') {
      mapped = c;
    } else if (c == U' ' || c == U'\t') {
      mapped = U' ';
    } else {
      mapped = U'_';
    }
    // Collapse runs so "a   b" and "a<>|b" stay short and readable.
    if ((mapped == U' ' || mapped == U'_') && !kept.empty() && kept.back() == mapped) continue;
    kept.push_back(mapped);
  }
  auto trimmable = [](char32_t c) { return c == U' ' || c == U'.' || c == U'_'; };
  // Leading dots would make a hidden file or "..", trailing dots and spaces are dropped by Windows anyway.
  kept.erase(kept.begin(), std::find_if_not(kept.begin(), kept.end(), trimmable));  // one erase: names can be long
  while (!kept.empty() && (kept.back() == U' ' || kept.back() == U'.')) kept.pop_back();

  if (kept.size() > kMaxFilenameChars) {
    auto dot = std::find(kept.rbegin(), kept.rend(), U'.');
    std::size_t ext_len = dot == kept.rend() ? 0 : static_cast<std::size_t>(dot - kept.rbegin()) + 1;
    if (ext_len > kMaxKeptExtensionChars) ext_len = 0;
    std::vector<char32_t> ext(kept.end() - ext_len, kept.end());
    kept.resize(kMaxFilenameChars - ext_len);
    while (!kept.empty() && (kept.back() == U' ' || kept.back() == U'.')) kept.pop_back();
    kept.insert(kept.end(), ext.begin(), ext.end());
  }

  std::string out;
  for (char32_t c : kept) encode(c, out);
  if (out.empty() || out.find_first_not_of("_-") == std::string::npos) return "file";
  return out;
}

}  // namespace parley
