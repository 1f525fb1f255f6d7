#include "domain/bot_report.h"

#include <cctype>

#include "domain/text_limits.h"

namespace parley {

std::string unansweredKey(std::string_view question) {
  std::string out;
  out.reserve(question.size());
  bool space = false;
  for (const char ch : question) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isspace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c < 0x80 ? static_cast<char>(std::tolower(c)) : ch;
  }
  while (!out.empty() && (std::ispunct(static_cast<unsigned char>(out.back())) || out.back() == ' ')) out.pop_back();
  return truncateUtf8(out, kMaxUnansweredQuestionChars);
}

}  // namespace parley
