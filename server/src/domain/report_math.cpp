#include "domain/report_math.h"

#include <algorithm>
#include <cmath>

#include "domain/local_time.h"
#include "domain/time_zone.h"

namespace parley {

namespace {

constexpr Millis kReportDayMs = 86'400'000;

std::int64_t reportFloorDiv(std::int64_t a, std::int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

// Monday = 0; day 0 (1970-01-01) was a Thursday.
int reportWeekday(std::int64_t local_day) { return static_cast<int>(((local_day + 3) % 7 + 7) % 7); }

std::string reportDateOf(std::int64_t local_day) {
  static const auto utc = TimeZone::fixed(0);
  return formatLocalDateTime(*utc, local_day * kReportDayMs).substr(0, 10);
}

Millis reportOverlap(Millis a0, Millis a1, Millis b0, Millis b1) {
  const Millis lo = std::max(a0, b0), hi = std::min(a1, b1);
  return hi > lo ? hi - lo : 0;
}

}  // namespace

void addMessageCount(ReportCounts& counts, std::string_view sender_type, std::int64_t n) {
  if (sender_type == "visitor") counts.messages_visitor += n;
  else if (sender_type == "agent") counts.messages_agent += n;
  else if (sender_type == "bot") counts.messages_bot += n;
}

std::vector<ReportGroupCounts> mergeReportGroups(std::vector<ReportGroupCounts> conversations,
                                                 const std::vector<ReportGroupCounts>& replies, std::size_t limit) {
  for (const auto& r : replies) {
    auto it = std::find_if(conversations.begin(), conversations.end(), [&](const auto& c) { return c.id == r.id; });
    if (it == conversations.end()) {
      ReportGroupCounts row;
      row.id = r.id;
      row.replies = r.replies;
      conversations.push_back(row);
    } else {
      it->replies += r.replies;
    }
  }
  std::stable_sort(conversations.begin(), conversations.end(), [](const auto& a, const auto& b) {
    return a.conversations != b.conversations ? a.conversations > b.conversations : a.replies > b.replies;
  });
  if (conversations.size() > limit) conversations.resize(limit);
  return conversations;
}

std::optional<Millis> percentile(std::vector<Millis>& values, double p) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const auto n = static_cast<double>(values.size());
  auto rank = static_cast<std::size_t>(std::ceil(p * n - 1e-9));
  rank = std::clamp<std::size_t>(rank, 1, values.size());
  return values[rank - 1];
}

DurationStats durationStats(std::vector<Millis> values) {
  DurationStats s;
  s.count = static_cast<std::int64_t>(values.size());
  s.median = percentile(values, 0.5);
  s.p90 = percentile(values, 0.9);
  return s;
}

Millis businessMillisBetween(const BusinessHours& hours, const TimeZone& zone, Millis from, Millis to) {
  if (to <= from) return 0;
  if (!hours.enabled) return to - from;
  // Every local day whose hours can touch [from, to): the day before the first (its hours may run
  // past midnight) up to the last. Offsets are at most a day, so one day of margin each side.
  const std::int64_t first = reportFloorDiv(from, kReportDayMs) - 2;
  const std::int64_t last = reportFloorDiv(to, kReportDayMs) + 1;
  Millis total = 0;
  for (std::int64_t day = first; day <= last; ++day) {
    const auto& span = hours.days[static_cast<std::size_t>(reportWeekday(day))];
    if (!span) continue;
    const auto [open, close] = *span;
    const int end_minute = close < open ? close + 1440 : close;  // past midnight into the next day
    if (end_minute <= open) continue;
    const Millis local_open = day * kReportDayMs + open * 60'000LL;
    const Millis local_close = day * kReportDayMs + end_minute * 60'000LL;
    total += reportOverlap(localToUtc(zone, local_open), localToUtc(zone, local_close), from, to);
  }
  return total;
}

std::vector<Millis> sampleDurations(const std::vector<DurationSample>& samples, const BusinessHours* hours,
                                    const TimeZone& zone) {
  std::vector<Millis> out;
  out.reserve(samples.size());
  for (const auto& s : samples) {
    if (s.end <= s.start) {
      out.push_back(0);
    } else {
      out.push_back(hours ? businessMillisBetween(*hours, zone, s.start, s.end) : s.end - s.start);
    }
  }
  return out;
}

std::variant<ReportPeriod, ReportPeriodError> parseReportPeriod(std::string_view from, std::string_view to,
                                                                const TimeZone& zone) {
  const auto f = from.size() == 10 ? parseLocalDateTime(from, true) : std::nullopt;
  if (!f) return ReportPeriodError{"from", "from must be a date YYYY-MM-DD"};
  const auto t = to.size() == 10 ? parseLocalDateTime(to, true) : std::nullopt;
  if (!t) return ReportPeriodError{"to", "to must be a date YYYY-MM-DD"};
  const std::int64_t days = (*t - *f) / kReportDayMs;
  if (days < 1) return ReportPeriodError{"to", "to must be after from"};
  if (days > kMaxReportDays) return ReportPeriodError{"to", "the period is at most 366 days"};
  ReportPeriod p;
  p.from_date = std::string(from);
  p.to_date = std::string(to);
  p.days = days;
  p.from = localToUtc(zone, *f);
  p.to = localToUtc(zone, *t);
  p.previous_from = localToUtc(zone, *f - days * kReportDayMs);
  return p;
}

LocalBuckets bucketLocally(const ReportPeriod& period, const TimeZone& zone,
                           const std::vector<TimeBucketCount>& buckets) {
  LocalBuckets out;
  const std::int64_t first_day = reportFloorDiv(period.from + zone.offsetAt(period.from) * 1000LL, kReportDayMs);
  out.by_day.reserve(static_cast<std::size_t>(period.days));
  for (std::int64_t i = 0; i < period.days; ++i) out.by_day.push_back({reportDateOf(first_day + i), 0});
  for (const auto& b : buckets) {
    if (b.start < period.from || b.start >= period.to) continue;
    const Millis local = b.start + zone.offsetAt(b.start) * 1000LL;
    const std::int64_t day = reportFloorDiv(local, kReportDayMs);
    const auto index = day - first_day;
    if (index >= 0 && index < period.days) out.by_day[static_cast<std::size_t>(index)].count += b.count;
    const auto hour = static_cast<std::size_t>((local - day * kReportDayMs) / 3'600'000);
    out.week[static_cast<std::size_t>(reportWeekday(day))][hour] += b.count;
  }
  return out;
}

}  // namespace parley
