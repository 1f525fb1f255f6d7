// Retention rules' limits and arithmetic (issue 16, item 3; docs/privacy.md). 0 keeps forever.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/model.h"

namespace parley {

inline constexpr std::int64_t kMaxRetentionDays = 3650;  // ten years; more is "forever", i.e. 0
inline constexpr Millis kRetentionDayMs = 24LL * 60 * 60 * 1000;

// Why `days` is no retention period, or nullopt when it is one (0 to kMaxRetentionDays).
std::optional<std::string> retentionDaysProblem(std::int64_t days);

// Rows last active before this instant are past a period of `days` at `now`; nullopt for 0 (forever).
std::optional<Millis> retentionCutoff(Millis now, std::int64_t days);

}  // namespace parley
