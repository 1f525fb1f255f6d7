// Issue 14, item 7: the numbers of the bot and the help center an admin reads in the dashboard.
// Plain records; the store counts them (store/bot_report_store.h), the REST route adds the
// articles' views and votes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/model.h"

namespace parley {

inline constexpr std::size_t kMaxUnansweredKept = 500;        // distinct questions per workspace; past it the stalest go
inline constexpr std::size_t kMaxUnansweredQuestionChars = 200;

struct BotNumbers {
  std::int64_t handled = 0;         // conversations the bot spoke in
  std::int64_t resolved_alone = 0;  // ... resolved without being handed to a human
  std::int64_t handed_off = 0;      // ... handed to the team (or answered by a human)
};

struct UnansweredQuestion {
  std::string question;  // as first asked (cut to kMaxUnansweredQuestionChars)
  std::int64_t count = 0;
  Millis last_at = 0;
};

// The same question asked twice is counted once: ASCII case ignored, runs of spaces as one, and
// trailing punctuation and spaces dropped ("Do you ship to Norway?" == "do you  ship to norway").
// Cut to kMaxUnansweredQuestionChars. Empty when nothing is left.
std::string unansweredKey(std::string_view question);

}  // namespace parley
