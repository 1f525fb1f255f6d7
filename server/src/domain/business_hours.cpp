#include "domain/business_hours.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "domain/time_zone.h"

namespace parley {

namespace {

constexpr std::array<std::string_view, 7> kDayKeys = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr int kMinutesPerDay = 24 * 60;

std::optional<int> dayIndex(std::string_view key) {
  for (std::size_t i = 0; i < kDayKeys.size(); ++i)
    if (kDayKeys[i] == key) return static_cast<int>(i);
  return std::nullopt;
}

// nullopt = malformed; optional containing nullopt = closed.
std::optional<std::optional<std::pair<int, int>>> parseDay(const boost::json::value& v) {
  if (v.is_null()) return std::optional<std::pair<int, int>>{};
  const auto* arr = v.if_array();
  if (!arr) return std::nullopt;
  if (arr->empty()) return std::optional<std::pair<int, int>>{};
  if (arr->size() != 2 || !(*arr)[0].is_string() || !(*arr)[1].is_string()) return std::nullopt;
  auto open = parseClockMinutes((*arr)[0].get_string());
  auto close = parseClockMinutes((*arr)[1].get_string());
  if (!open || !close || *open == kMinutesPerDay || *open == *close) return std::nullopt;
  return std::optional<std::pair<int, int>>{std::pair{*open, *close}};
}

bool within(const std::optional<std::pair<int, int>>& day, int minute) {
  if (!day) return false;
  auto [open, close] = *day;
  return open < close ? minute >= open && minute < close : minute >= open;
}

// The part of yesterday's overnight hours ("22:00"-"06:00") that falls on today.
bool withinOvernightTail(const std::optional<std::pair<int, int>>& yesterday, int minute) {
  if (!yesterday) return false;
  auto [open, close] = *yesterday;
  return close < open && minute < close;
}

}  // namespace

std::optional<int> parseClockMinutes(std::string_view t) {
  auto colon = t.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2 || t.size() != colon + 3) return std::nullopt;
  int h = 0;
  for (char c : t.substr(0, colon)) {
    if (c < '0' || c > '9') return std::nullopt;
    h = h * 10 + (c - '0');
  }
  if (t[colon + 1] < '0' || t[colon + 1] > '5' || t[colon + 2] < '0' || t[colon + 2] > '9') return std::nullopt;
  int m = (t[colon + 1] - '0') * 10 + (t[colon + 2] - '0');
  if (h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

BusinessHours parseBusinessHours(std::string_view settings_json) {
  boost::json::error_code ec;
  boost::json::value root = boost::json::parse(settings_json, ec);
  if (ec || !root.is_object()) return {};
  const auto* bh = root.as_object().if_contains("business_hours");
  if (!bh || !bh->is_object()) return {};
  const auto& obj = bh->as_object();

  BusinessHours out;
  if (const auto* enabled = obj.if_contains("enabled")) {
    if (!enabled->is_bool()) return {};
    out.enabled = enabled->as_bool();
  }
  if (const auto* tz = obj.if_contains("timezone"); tz && !tz->is_null()) {
    if (!tz->is_string()) return {};
    out.timezone = std::string(tz->as_string());
  }
  if (const auto* days = obj.if_contains("days"); days && !days->is_null()) {
    if (!days->is_object()) return {};
    for (const auto& [key, value] : days->as_object()) {
      auto index = dayIndex(key);
      auto day = parseDay(value);
      if (!index || !day) return {};
      out.days[static_cast<std::size_t>(*index)] = *day;
    }
  }
  if (out.enabled && !TimeZone::load(out.timezone)) return {};
  return out;
}

bool isOpen(const BusinessHours& hours, Millis now) {
  if (!hours.enabled) return true;
  auto tz = TimeZone::load(hours.timezone);
  std::int64_t offset_ms = tz ? static_cast<std::int64_t>(tz->offsetAt(now)) * 1000 : 0;
  std::int64_t local = now + offset_ms;
  std::int64_t day = local >= 0 ? local / kMsPerDay : -((-local + kMsPerDay - 1) / kMsPerDay);
  int minute = static_cast<int>((local - day * kMsPerDay) / 60'000);
  // 1970-01-01 was a Thursday, index 3 with Monday = 0.
  int weekday = static_cast<int>(((day + 3) % 7 + 7) % 7);
  int yesterday = (weekday + 6) % 7;
  return within(hours.days[static_cast<std::size_t>(weekday)], minute) ||
         withinOvernightTail(hours.days[static_cast<std::size_t>(yesterday)], minute);
}

}  // namespace parley
