// Wall-clock times in a time zone (campaign schedules, segment dates): "2026-03-29T02:30" read in a
// zone becomes an instant, and an instant is shown in the zone. TimeZone only knows UTC -> local
// offsets, so local -> UTC tries the offsets in force around the time.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "domain/model.h"

namespace parley {

class TimeZone;

// Milliseconds since 1970-01-01T00:00 of the wall clock (no zone yet). "YYYY-MM-DDTHH:MM" (also with
// ":SS") or, with date_only, "YYYY-MM-DD" (midnight). nullopt for anything else or an impossible date.
std::optional<Millis> parseLocalDateTime(std::string_view text, bool date_only = false);

// The instant the wall clock of `zone` shows `local`. A time skipped by a spring-forward change
// (02:30 in Berlin on the last Sunday of March) is taken as that many minutes after the change
// (03:30), as a clock set forward would show it; a time that occurs twice (autumn) is the first.
Millis localToUtc(const TimeZone& zone, Millis local);

// "YYYY-MM-DDTHH:MM" of `utc` on the wall clock of `zone`.
std::string formatLocalDateTime(const TimeZone& zone, Millis utc);

// The workspace's zone name from its settings JSON: "timezone", else business_hours.timezone,
// else "UTC". (The settings hold one zone for everything that happens at a wall-clock time.)
std::string workspaceTimeZoneName(std::string_view settings_json);

// That zone loaded, with its name; UTC (named "UTC") when the name is not a zone installed here.
struct WorkspaceZone {
  std::string name;
  std::shared_ptr<const TimeZone> zone;  // never null
};
WorkspaceZone workspaceTimeZone(std::string_view settings_json);

}  // namespace parley
