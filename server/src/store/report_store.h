// Issue 16, item 1: the numbers of the reports, counted by SQL on indexes (SQLite migration 23,
// PostgreSQL 18: conversations by created_at and resolved_at, messages by created_at). Every call
// reads one period [from, to) in UTC; the arithmetic that is the same on every backend (percentiles,
// business hours, local days) is domain/report_math's.
#pragma once

#include <cstddef>
#include <vector>

#include "domain/model.h"
#include "domain/report.h"

namespace parley {

class ReportStore {
 public:
  virtual ~ReportStore() = default;

  // Conversations new / resolved / missed, messages by sender, the CSAT distribution and the bot's
  // conversations of the period.
  virtual ReportCounts reportCounts(Id workspace_id, Millis from, Millis to) = 0;
  // Conversations created in the period that have a public agent message: created -> the first one.
  // At most `limit`, earliest first.
  virtual std::vector<DurationSample> firstResponseSamples(Id workspace_id, Millis from, Millis to,
                                                           std::size_t limit) = 0;
  // Conversations resolved in the period: created -> resolved. At most `limit`, earliest first.
  virtual std::vector<DurationSample> resolutionSamples(Id workspace_id, Millis from, Millis to,
                                                        std::size_t limit) = 0;
  // Per assignee (agent tables) or per team: conversations created in the period, public agent
  // replies written in it, CSAT. Most conversations first, at most `limit`.
  virtual std::vector<ReportGroupCounts> agentReportRows(Id workspace_id, Millis from, Millis to,
                                                         std::size_t limit) = 0;
  virtual std::vector<ReportGroupCounts> teamReportRows(Id workspace_id, Millis from, Millis to,
                                                        std::size_t limit) = 0;
  // New conversations per kReportBucketMillis bucket (UTC), empty buckets left out, in order: at
  // most one row per bucket of the period (35,136 for 366 days).
  virtual std::vector<TimeBucketCount> conversationBuckets(Id workspace_id, Millis from, Millis to) = 0;
  // Rated conversations created in the period with a comment, newest first.
  virtual std::vector<CsatComment> csatComments(Id workspace_id, Millis from, Millis to, std::size_t limit,
                                                std::size_t offset) = 0;
  // Now: open conversations, those waiting without an assignee, the longest wait.
  virtual LiveCounts liveCounts(Id workspace_id) = 0;
};

}  // namespace parley
