#include "domain/local_time.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <algorithm>
#include <cstdio>

#include "domain/time_zone.h"

namespace parley {

namespace {


// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civilFromDays(std::int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yoe + era * 400 + (m <= 2));
}

bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
  if (at + n > s.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

std::optional<Millis> parseLocalDateTime(std::string_view t, bool date_only) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (!digits(t, 0, 4, y) || t.size() < 10 || t[4] != '-' || !digits(t, 5, 2, mo) || t[7] != '-' ||
      !digits(t, 8, 2, d))
    return std::nullopt;
  if (date_only) {
    if (t.size() != 10) return std::nullopt;
  } else {
    if (t.size() != 16 && t.size() != 19) return std::nullopt;
    if (t[10] != 'T' || !digits(t, 11, 2, h) || t[13] != ':' || !digits(t, 14, 2, mi)) return std::nullopt;
    if (t.size() == 19 && (t[16] != ':' || !digits(t, 17, 2, s))) return std::nullopt;
  }
  if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return std::nullopt;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > kDays[mo - 1] + (mo == 2 && leap ? 1 : 0)) return std::nullopt;
  const std::int64_t days = daysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  return days * kMsPerDay + ((h * 60 + mi) * 60 + s) * 1000LL;
}

Millis localToUtc(const TimeZone& zone, Millis local) {
  // The offsets in force a day before and a day after: a zone changes at most once in between.
  const std::int64_t before = zone.offsetAt(local - kMsPerDay) * 1000LL;
  const std::int64_t after = zone.offsetAt(local + kMsPerDay) * 1000LL;
  // The larger offset first: of a time that occurs twice, the earlier instant.
  for (std::int64_t o : {std::max(before, after), std::min(before, after)})
    if (zone.offsetAt(local - o) * 1000LL == o) return local - o;
  // Skipped by a change forward: read with the offset before the change, i.e. moved forward by the gap.
  return local - before;
}

std::string formatLocalDateTime(const TimeZone& zone, Millis utc) {
  const Millis local = utc + zone.offsetAt(utc) * 1000LL;
  std::int64_t day = local >= 0 ? local / kMsPerDay : -((-local + kMsPerDay - 1) / kMsPerDay);
  const auto minute = static_cast<int>((local - day * kMsPerDay) / 60'000);
  int y = 0;
  unsigned m = 0, d = 0;
  civilFromDays(day, y, m, d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d", y, m, d, minute / 60, minute % 60);
  return buf;
}

std::string workspaceTimeZoneName(std::string_view settings_json) {
  boost::json::error_code ec;
  auto root = boost::json::parse(settings_json, ec);
  if (ec || !root.is_object()) return "UTC";
  const auto& o = root.as_object();
  if (const auto* tz = o.if_contains("timezone"); tz && tz->is_string() && !tz->as_string().empty())
    return std::string(tz->as_string());
  if (const auto* bh = o.if_contains("business_hours"); bh && bh->is_object())
    if (const auto* tz = bh->as_object().if_contains("timezone"); tz && tz->is_string() && !tz->as_string().empty())
      return std::string(tz->as_string());
  return "UTC";
}

WorkspaceZone workspaceTimeZone(std::string_view settings_json) {
  WorkspaceZone out{workspaceTimeZoneName(settings_json), nullptr};
  out.zone = TimeZone::load(out.name);
  if (!out.zone) out = {"UTC", TimeZone::fixed(0)};
  return out;
}

}  // namespace parley
