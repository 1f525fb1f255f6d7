// IANA time zones for business hours. libstdc++ 12 (Debian 12's g++) has no std::chrono::locate_zone, and
// setenv("TZ") + localtime_r is process-global and not thread-safe, so we read the system's compiled zone files
// (/usr/share/zoneinfo, package tzdata) ourselves: transitions from the TZif data, later years from its POSIX
// footer. Only UTC offsets are needed, so abbreviations and leap seconds are ignored.
//
// Why not Howard Hinnant's date library (Debian's libhowardhinnant-date-dev 3.0.1, the reference for C++20 time
// zones)? Tried and measured: built as Debian builds it (USE_OS_TZDB), it reads the same files but ignores their
// footer, so from 2038 on every zone with daylight saving reports standard time (Europe/Berlin in July 2045: +1
// instead of +2; New York and Sydney likewise). time_zone_test.cpp checks those dates.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"
#include "domain/posix_tz.h"

namespace parley {

class TimeZone {
 public:
  // "Europe/Berlin"; nullptr when the name is malformed or no such zone is installed. "UTC", "Etc/UTC" and "GMT"
  // work without tzdata. Loaded zones are cached for the process; thread-safe.
  static std::shared_ptr<const TimeZone> load(std::string_view name);

  // Parses TZif bytes (RFC 8536, versions 1-4); nullptr when they are not TZif.
  static std::shared_ptr<const TimeZone> fromTzif(std::string_view data);

  static std::shared_ptr<const TimeZone> fixed(int offset_seconds);

  // Seconds to add to UTC to get local wall-clock time at the instant `utc`.
  int offsetAt(Millis utc) const;

 private:
  std::vector<std::int64_t> transitions_;    // UTC seconds, ascending
  std::vector<int> offset_after_;            // offset in force from transitions_[i] on
  int initial_offset_ = 0;                   // before the first transition
  std::optional<PosixTz> footer_;            // after the last transition
};

// Whether `name` could be a zone name: letters, digits, '_', '+', '-', '/' with no empty or dot components.
// Checked before touching the file system so that a setting like "../../etc/passwd" is never opened.
bool isPlausibleZoneName(std::string_view name);

}  // namespace parley
