#include "app/report_builder.h"

#include <map>

#include "domain/time_zone.h"

namespace parley {

namespace {

std::shared_ptr<const TimeZone> reportHoursZone(const BusinessHours* hours) {
  auto zone = hours ? TimeZone::load(hours->timezone) : nullptr;
  return zone ? zone : TimeZone::fixed(0);
}

// The median duration of each group's samples.
std::map<std::optional<Id>, Millis> reportGroupMedians(const std::vector<DurationSample>& samples,
                                                       ReportGrouping grouping, const BusinessHours* hours,
                                                       const TimeZone& zone) {
  const auto durations = sampleDurations(samples, hours, zone);
  std::map<std::optional<Id>, std::vector<Millis>> by_group;
  for (std::size_t i = 0; i < samples.size(); ++i)
    by_group[grouping == ReportGrouping::Agent ? samples[i].agent_id : samples[i].team_id].push_back(durations[i]);
  std::map<std::optional<Id>, Millis> out;
  for (auto& [id, values] : by_group)
    if (auto m = percentile(values, 0.5)) out[id] = *m;
  return out;
}

}  // namespace

PeriodNumbers periodNumbers(ReportStore& store, Id workspace_id, Millis from, Millis to, const BusinessHours* hours) {
  const auto zone = reportHoursZone(hours);
  PeriodNumbers n;
  n.counts = store.reportCounts(workspace_id, from, to);
  const auto first = store.firstResponseSamples(workspace_id, from, to, kMaxReportSamples + 1);
  const auto resolved = store.resolutionSamples(workspace_id, from, to, kMaxReportSamples + 1);
  n.truncated = first.size() > kMaxReportSamples || resolved.size() > kMaxReportSamples;
  auto first_durations = sampleDurations(first, hours, *zone);
  auto resolved_durations = sampleDurations(resolved, hours, *zone);
  if (first_durations.size() > kMaxReportSamples) first_durations.resize(kMaxReportSamples);
  if (resolved_durations.size() > kMaxReportSamples) resolved_durations.resize(kMaxReportSamples);
  n.first_response = durationStats(std::move(first_durations));
  n.resolution = durationStats(std::move(resolved_durations));
  return n;
}

std::vector<ReportTableRow> reportTable(ReportStore& store, ReportGrouping grouping, Id workspace_id, Millis from,
                                        Millis to, const BusinessHours* hours) {
  const auto zone = reportHoursZone(hours);
  const auto groups = grouping == ReportGrouping::Agent
                          ? store.agentReportRows(workspace_id, from, to, kMaxReportGroups)
                          : store.teamReportRows(workspace_id, from, to, kMaxReportGroups);
  const auto first = reportGroupMedians(store.firstResponseSamples(workspace_id, from, to, kMaxReportSamples),
                                        grouping, hours, *zone);
  const auto resolved = reportGroupMedians(store.resolutionSamples(workspace_id, from, to, kMaxReportSamples),
                                           grouping, hours, *zone);
  std::vector<ReportTableRow> rows;
  rows.reserve(groups.size());
  for (const auto& g : groups) {
    ReportTableRow row;
    row.id = g.id;
    row.conversations = g.conversations;
    row.replies = g.replies;
    row.csat_count = g.csat_count;
    row.csat_sum = g.csat_sum;
    if (auto it = first.find(g.id); it != first.end()) row.first_response_median = it->second;
    if (auto it = resolved.find(g.id); it != resolved.end()) row.resolution_median = it->second;
    rows.push_back(row);
  }
  return rows;
}

}  // namespace parley
