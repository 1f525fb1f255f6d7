#include "domain/bot_availability.h"

#include <array>
#include <cstdio>

#include "domain/local_time.h"
#include "domain/time_zone.h"

namespace parley {

namespace {

std::int64_t floorDiv(std::int64_t a, std::int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }
int weekdayOf(std::int64_t day) { return static_cast<int>(((day + 3) % 7 + 7) % 7); }  // Monday = 0
}  // namespace

std::optional<Millis> nextOpening(const BusinessHours& hours, Millis now) {
  if (!hours.enabled) return std::nullopt;
  if (isOpen(hours, now)) return now;
  auto zone = TimeZone::load(hours.timezone);
  if (!zone) zone = TimeZone::fixed(0);
  const std::int64_t today = floorDiv(now + static_cast<std::int64_t>(zone->offsetAt(now)) * 1000, kMsPerDay);
  for (std::int64_t day = today; day <= today + 8; ++day) {
    const auto& h = hours.days[static_cast<std::size_t>(weekdayOf(day))];
    if (!h) continue;
    const Millis at = localToUtc(*zone, day * kMsPerDay + static_cast<std::int64_t>(h->first) * 60'000);
    if (at > now) return at;
  }
  return std::nullopt;
}

std::string describeNextOpening(const BusinessHours& hours, Millis now) {
  auto at = nextOpening(hours, now);
  if (!at || *at == now) return "";
  auto zone = TimeZone::load(hours.timezone);
  if (!zone) zone = TimeZone::fixed(0);
  const std::int64_t local = *at + static_cast<std::int64_t>(zone->offsetAt(*at)) * 1000;
  const std::int64_t day = floorDiv(local, kMsPerDay);
  const int minute = static_cast<int>((local - day * kMsPerDay) / 60'000);
  static constexpr std::array<const char*, 7> kDays{"Monday", "Tuesday", "Wednesday", "Thursday",
                                                    "Friday", "Saturday", "Sunday"};
  char buf[96];
  std::snprintf(buf, sizeof buf, "%s %02d:%02d (%s)", kDays[static_cast<std::size_t>(weekdayOf(day))], minute / 60,
                minute % 60, hours.timezone.c_str());
  return buf;
}

}  // namespace parley
