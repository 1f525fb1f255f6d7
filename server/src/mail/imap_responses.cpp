#include "mail/imap_responses.h"

#include <algorithm>
#include <cctype>
#include <limits>

namespace parley {

namespace {

bool equalsNoCaseAscii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(a[i])) != std::toupper(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

// Each response line without its line end.
template <class Fn>
void forEachImapLine(std::string_view response, Fn&& fn) {
  while (!response.empty()) {
    const std::size_t end = response.find('\n');
    std::string_view line = response.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    fn(line);
    if (end == std::string_view::npos) break;
    response.remove_prefix(end + 1);
  }
}

}  // namespace

std::vector<std::uint64_t> parseImapSearchUids(std::string_view response) {
  std::vector<std::uint64_t> uids;
  forEachImapLine(response, [&](std::string_view line) {
    constexpr std::string_view kPrefix = "* SEARCH";
    if (line.size() < kPrefix.size() || !equalsNoCaseAscii(line.substr(0, kPrefix.size()), kPrefix)) return;
    line.remove_prefix(kPrefix.size());
    while (!line.empty()) {
      while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
      if (line.empty() || !std::isdigit(static_cast<unsigned char>(line.front()))) return;
      std::uint64_t value = 0;
      bool overflow = false;
      while (!line.empty() && std::isdigit(static_cast<unsigned char>(line.front()))) {
        const unsigned digit = static_cast<unsigned>(line.front() - '0');
        if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) overflow = true;
        value = value * 10 + digit;
        line.remove_prefix(1);
      }
      if (!line.empty() && line.front() != ' ') return;  // "12abc": not a number list
      // UIDs are 32-bit and never 0 (RFC 3501 2.3.1.1).
      if (!overflow && value > 0 && value <= 0xFFFFFFFFu) uids.push_back(value);
    }
  });
  std::sort(uids.begin(), uids.end());
  uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
  return uids;
}

bool imapFlagsIncludeSeen(std::string_view response) {
  bool seen = false;
  forEachImapLine(response, [&](std::string_view line) {
    if (line.substr(0, 2) != "* ") return;
    for (std::size_t at = 0; (at = line.find("FLAGS (", at)) != std::string_view::npos; at += 7) {
      const std::size_t open = at + 6;
      const std::size_t close = line.find(')', open);
      if (close == std::string_view::npos) return;  // cut off: no list to read
      const std::string_view flags = line.substr(open + 1, close - open - 1);
      std::size_t start = 0;
      while (start <= flags.size()) {
        std::size_t end = flags.find(' ', start);
        if (end == std::string_view::npos) end = flags.size();
        if (equalsNoCaseAscii(flags.substr(start, end - start), "\\Seen")) seen = true;
        start = end + 1;
      }
    }
  });
  return seen;
}

}  // namespace parley
