#include "domain/retention.h"

namespace parley {

std::optional<std::string> retentionDaysProblem(std::int64_t days) {
  if (days < 0) return "must be 0 (keep forever) or a number of days";
  if (days > kMaxRetentionDays) return "must be at most " + std::to_string(kMaxRetentionDays) + " days (or 0: forever)";
  return std::nullopt;
}

std::optional<Millis> retentionCutoff(Millis now, std::int64_t days) {
  if (days <= 0) return std::nullopt;
  return now - days * kRetentionDayMs;
}

}  // namespace parley
