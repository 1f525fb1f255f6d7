// Issue 16, item 1: the report arithmetic that is the same on every backend and has unit tests
// (report_math_test.cpp): nearest-rank percentiles, time inside business hours, the period asked
// for (local dates in the workspace's zone), and new conversations by local day and hour of week.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/business_hours.h"
#include "domain/report.h"

namespace parley {

class TimeZone;

// Adds a count of messages by sender type ("visitor", "agent", "bot"; others are not counted).
void addMessageCount(ReportCounts& counts, std::string_view sender_type, std::int64_t n);

// Joins per-group conversation rows and reply rows on id (a group with replies only gets a row
// too). Most conversations first, then most replies; at most `limit`.
std::vector<ReportGroupCounts> mergeReportGroups(std::vector<ReportGroupCounts> conversations,
                                                 const std::vector<ReportGroupCounts>& replies, std::size_t limit);

struct DurationStats {
  std::int64_t count = 0;
  std::optional<Millis> median;
  std::optional<Millis> p90;
};

// Nearest rank: the smallest value with at least p of the values at or below it (p in (0, 1]).
// nullopt for no values. `values` is sorted in place.
std::optional<Millis> percentile(std::vector<Millis>& values, double p);
DurationStats durationStats(std::vector<Millis> values);

// The milliseconds of [from, to) inside the opening hours, on the wall clock of `zone` (DST included:
// a day of 23 hours has a shorter evening). Everything counts when the hours are disabled.
Millis businessMillisBetween(const BusinessHours& hours, const TimeZone& zone, Millis from, Millis to);

// end - start of each sample (negative spans as 0), clipped to business hours when `hours` is given.
std::vector<Millis> sampleDurations(const std::vector<DurationSample>& samples, const BusinessHours* hours,
                                    const TimeZone& zone);

struct ReportPeriod {
  std::string from_date;  // "YYYY-MM-DD", local
  std::string to_date;    // exclusive
  std::int64_t days = 0;
  Millis from = 0;  // UTC instants of the local midnights
  Millis to = 0;
  Millis previous_from = 0;  // the same number of local days just before
};

struct ReportPeriodError {
  std::string field;
  std::string message;
};

// from and to are local dates "YYYY-MM-DD" in `zone`, to exclusive; 1..kMaxReportDays days.
std::variant<ReportPeriod, ReportPeriodError> parseReportPeriod(std::string_view from, std::string_view to,
                                                                const TimeZone& zone);

struct DayCount {
  std::string date;  // "YYYY-MM-DD", local
  std::int64_t count = 0;
};

struct LocalBuckets {
  std::vector<DayCount> by_day;                       // every day of the period, zeros included
  std::array<std::array<std::int64_t, 24>, 7> week{};  // [weekday, Monday = 0][local hour]
};

// Spreads UTC bucket counts over the period's local days and the hours of the week.
LocalBuckets bucketLocally(const ReportPeriod& period, const TimeZone& zone, const std::vector<TimeBucketCount>& buckets);

}  // namespace parley
