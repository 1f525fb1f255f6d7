// Opening hours from the workspace settings: outside them the widget shows the away message and the offline form.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "domain/model.h"

namespace parley {

struct BusinessHours {
  bool enabled = false;
  std::string timezone = "UTC";  // IANA name
  // Per day, Monday = 0: [open, close) in minutes from local midnight; nullopt = closed all day.
  // close may be 1440 ("24:00"). close < open means the day's hours run past midnight into the next day.
  std::array<std::optional<std::pair<int, int>>, 7> days;
};

// Reads settings_json["business_hours"] = {"enabled":true,"timezone":"Europe/Berlin",
// "days":{"mon":["09:00","17:00"],...,"sun":null}}. A day that is absent, null or [] is closed.
// Anything malformed (bad JSON, bad time, unknown day key, unknown time zone) gives a disabled BusinessHours:
// a typo in the settings must not close the chat for good.
BusinessHours parseBusinessHours(std::string_view settings_json);

// True when disabled, or when `now` falls inside the day's hours in the configured zone. A zone that cannot be
// loaded is treated as UTC (parseBusinessHours never produces one).
bool isOpen(const BusinessHours& hours, Millis now);

// "09:30" -> 570; "24:00" -> 1440; nullopt for anything else.
std::optional<int> parseClockMinutes(std::string_view text);

}  // namespace parley
