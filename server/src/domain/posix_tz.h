// POSIX TZ rule strings such as "CET-1CEST,M3.5.0,M10.5.0/3": the footer of a TZif file, which says how a zone
// behaves after its last listed transition (Debian's files list transitions only up to 2037).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace parley {

struct PosixTzRule {
  enum class Kind { Julian1, Julian0, MonthWeekDay };  // "Jn" (no Feb 29), "n" (0-based), "Mm.w.d"
  Kind kind = Kind::MonthWeekDay;
  int day = 0;    // Jn: 1..365, n: 0..365, M: weekday 0 = Sunday
  int month = 0;  // M only: 1..12
  int week = 0;   // M only: 1..5, 5 = last
  int time = 7200;  // seconds after local midnight (may be negative or past 24h, RFC 8536 extension)
};

struct PosixTz {
  int std_offset = 0;  // seconds east of UTC (the string writes west of UTC: "CET-1" is +3600)
  bool has_dst = false;
  int dst_offset = 0;
  PosixTzRule start;  // DST starts, in local standard time
  PosixTzRule end;    // DST ends, in local daylight time

  int offsetAt(std::int64_t utc_seconds) const;  // seconds to add to UTC for local time
};

std::optional<PosixTz> parsePosixTz(std::string_view text);

}  // namespace parley
