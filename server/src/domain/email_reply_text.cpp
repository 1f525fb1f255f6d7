#include "domain/email_reply_text.h"

#include <array>
#include <cctype>
#include <vector>

namespace parley {

namespace {

// An attribution or header line longer than this is a paragraph of text, not a client's marker; the
// limit also keeps every test below linear in the text's size.
constexpr std::size_t kMaxReplyMarkerLineBytes = 600;
// How far below a "From:" line the Outlook header block's next field may be.
constexpr std::size_t kOutlookHeaderBlockLines = 5;

std::string_view trimReplyLine(std::string_view s) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

// The line with each non-breaking space (U+00A0, French typography puts one before ':') as a plain
// space, and the bold stars of a plain-text rendering of HTML ("*From:*") removed.
std::string normalizedReplyLine(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\xC2' && i + 1 < line.size() && line[i + 1] == '\xA0') {
      out += ' ';
      ++i;
    } else if (line[i] != '*') {
      out += line[i];
    }
  }
  return std::string(trimReplyLine(out));
}

bool startsWithText(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool endsWithText(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool startsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(prefix[i])))
      return false;
  return true;
}

// "On Mon, 1 Jan 2024 at 10:00, Jo <jo@example.com> wrote:" and its translations.
bool isAttributionLine(std::string_view raw) {
  if (raw.size() > kMaxReplyMarkerLineBytes) return false;
  const std::string line = normalizedReplyLine(raw);
  const std::string_view s = line;
  if (startsWithText(s, "On ")) return endsWithText(s, " wrote:");
  if (startsWithText(s, "Am ")) return endsWithText(s, ":") && s.find(" schrieb ") != std::string_view::npos;
  if (startsWithText(s, "Op ")) return endsWithText(s, ":") && s.find(" schreef ") != std::string_view::npos;
  if (startsWithText(s, "Le ")) return endsWithText(s, " a écrit :") || endsWithText(s, " a écrit:");
  if (startsWithText(s, "El ")) return endsWithText(s, " escribió:");
  return false;
}

bool mayBeginAttribution(std::string_view raw) {
  const std::string_view s = trimReplyLine(raw);
  for (std::string_view word : {"On ", "Am ", "Op ", "Le ", "El "})
    if (startsWithText(s, word)) return true;
  return false;
}

bool isOriginalMessageLine(std::string_view raw) {
  const std::string_view s = trimReplyLine(raw);
  if (!startsWithText(s, "-----") && !startsWithText(s, "----- ")) return false;
  for (std::string_view words : {"Original Message", "Ursprüngliche Nachricht", "Message d'origine", "Mensaje original",
                                 "Oorspronkelijk bericht"})
    if (s.find(words) != std::string_view::npos) return true;
  return false;
}

bool isOutlookFromLine(std::string_view raw) {
  if (raw.size() > kMaxReplyMarkerLineBytes) return false;
  const std::string s = normalizedReplyLine(raw);
  return startsWithNoCase(s, "From: ") || startsWithNoCase(s, "Von: ") || startsWithNoCase(s, "De: ") ||
         startsWithNoCase(s, "De : ");
}

bool isOutlookFieldLine(std::string_view raw) {
  if (raw.size() > kMaxReplyMarkerLineBytes) return false;
  const std::string s = normalizedReplyLine(raw);
  static constexpr std::array<std::string_view, 12> kFields = {
      "Sent:", "Date:", "To:", "Subject:", "Cc:", "Gesendet:", "An:", "Betreff:", "Envoyé :", "Objet :", "Enviado:", "Asunto:"};
  for (std::string_view field : kFields)
    if (startsWithNoCase(s, field)) return true;
  return false;
}

bool isUnderscoreRule(std::string_view raw) {
  const std::string_view s = trimReplyLine(raw);
  return s.size() >= 10 && s.find_first_not_of('_') == std::string_view::npos;
}

bool isBlankReplyLine(std::string_view raw) { return trimReplyLine(raw).empty(); }

std::vector<std::string_view> splitReplyLines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  for (auto& line : lines)
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return lines;
}

// The index of the first line of what the client added, or lines.size() when there is none.
std::size_t firstQuotedHistoryLine(const std::vector<std::string_view>& lines) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    if (line == "-- ") return i;
    if (isOriginalMessageLine(line)) return i;
    if (isAttributionLine(line)) return i;
    // Gmail wraps a long attribution: "On Mon, ... Jo Smith <" / "jo@example.com> wrote:".
    if (i + 1 < lines.size() && mayBeginAttribution(line) && line.size() + lines[i + 1].size() <= kMaxReplyMarkerLineBytes) {
      std::string joined(trimReplyLine(line));
      joined += ' ';
      joined += trimReplyLine(lines[i + 1]);
      if (isAttributionLine(joined)) return i;
    }
    if (isOutlookFromLine(line)) {
      for (std::size_t j = i + 1; j < lines.size() && j <= i + kOutlookHeaderBlockLines; ++j) {
        if (!isOutlookFieldLine(lines[j])) continue;
        std::size_t start = i;
        while (start > 0 && isBlankReplyLine(lines[start - 1])) --start;
        if (start > 0 && isUnderscoreRule(lines[start - 1])) return start - 1;
        return i;
      }
    }
  }
  return lines.size();
}

std::string joinTrimmedLines(const std::vector<std::string_view>& lines) {
  std::size_t first = 0, last = lines.size();
  while (first < last && isBlankReplyLine(lines[first])) ++first;
  while (last > first && isBlankReplyLine(lines[last - 1])) --last;
  std::string out;
  for (std::size_t i = first; i < last; ++i) {
    if (i > first) out += '\n';
    out += lines[i];
  }
  return out;
}

}  // namespace

std::string stripQuotedReply(std::string_view text) {
  const std::vector<std::string_view> lines = splitReplyLines(text);
  const std::size_t cut = firstQuotedHistoryLine(lines);
  std::vector<std::string_view> kept;
  kept.reserve(cut);
  for (std::size_t i = 0; i < cut; ++i) {
    const std::string_view trimmed = trimReplyLine(lines[i]);
    if (!trimmed.empty() && trimmed.front() == '>') continue;
    kept.push_back(lines[i]);
  }
  std::string reply = joinTrimmedLines(kept);
  if (!reply.empty()) return reply;
  return joinTrimmedLines(lines);
}

}  // namespace parley
