// Issue 16, item 1: a report's numbers for one period, from the store's counts and samples and the
// domain's arithmetic (percentiles, business hours). The REST routes (http/report_routes.cpp) turn
// them into JSON; nothing here knows HTTP.
#pragma once

#include <optional>
#include <vector>

#include "domain/report_math.h"
#include "store/report_store.h"

namespace parley {

struct PeriodNumbers {
  ReportCounts counts;
  DurationStats first_response;
  DurationStats resolution;
  bool truncated = false;  // more than kMaxReportSamples durations: the percentiles are of the first ones
};

struct ReportTableRow {
  std::optional<Id> id;  // agent or team; none: unassigned / no team
  std::int64_t conversations = 0;
  std::int64_t replies = 0;
  std::optional<Millis> first_response_median;
  std::optional<Millis> resolution_median;
  std::int64_t csat_count = 0;
  std::int64_t csat_sum = 0;
};

enum class ReportGrouping { Agent, Team };

// `hours`: clip the durations to these opening hours (their own zone); nullptr: wall-clock time.
PeriodNumbers periodNumbers(ReportStore& store, Id workspace_id, Millis from, Millis to, const BusinessHours* hours);

std::vector<ReportTableRow> reportTable(ReportStore& store, ReportGrouping grouping, Id workspace_id, Millis from,
                                        Millis to, const BusinessHours* hours);

}  // namespace parley
