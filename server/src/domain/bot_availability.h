// When the team is back, for the bot's "we're away" message (issue 14, item 5).
#pragma once

#include <optional>
#include <string>

#include "domain/business_hours.h"

namespace parley {

// The next instant the hours open after `now` (now itself when open); nullopt when the hours are
// disabled or no day is open.
std::optional<Millis> nextOpening(const BusinessHours& hours, Millis now);

// "Monday 09:00 (Europe/Berlin)" for the next opening, "" when open now or unknown.
std::string describeNextOpening(const BusinessHours& hours, Millis now);

}  // namespace parley
