// Issue 16, item 1: the records of the reports (store/report_store.h counts them, domain/report_math
// does the arithmetic SQL cannot do on both backends: percentiles, business-hours clipping, local
// days and hours of the week). All times are UTC milliseconds; a period is [from, to).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "domain/bot_report.h"
#include "domain/model.h"

namespace parley {

inline constexpr std::int64_t kMaxReportDays = 366;
// Durations read per period for the percentiles; past it the report says `truncated`.
inline constexpr std::size_t kMaxReportSamples = 200'000;
// Rows of the per-agent and per-team tables.
inline constexpr std::size_t kMaxReportGroups = 500;
inline constexpr std::size_t kMaxCsatCommentsPage = 100;
// The store counts new conversations in UTC buckets this long: 15 minutes divides every zone's
// offset (India +5:30, Nepal +5:45), so each bucket falls inside one local hour.
inline constexpr Millis kReportBucketMillis = 15 * 60'000;

struct ReportCounts {
  std::int64_t conversations_new = 0;       // created in the period
  std::int64_t conversations_resolved = 0;  // resolved in the period (and not reopened since)
  std::int64_t conversations_missed = 0;    // created in the period, no public agent message yet
  std::int64_t messages_visitor = 0;        // written in the period
  std::int64_t messages_agent = 0;          // public replies and private notes
  std::int64_t messages_bot = 0;
  std::array<std::int64_t, 5> csat = {};    // ratings 1..5 of conversations created in the period
  BotNumbers bot;                           // conversations the bot began in the period
};

// One conversation's span: created -> first public agent message, or created -> resolved.
struct DurationSample {
  Millis start = 0;
  Millis end = 0;
  std::optional<Id> agent_id;  // the assignee
  std::optional<Id> team_id;
};

// A row of the per-agent or per-team table, as the store counts it (medians are added from samples).
struct ReportGroupCounts {
  std::optional<Id> id;  // agent or team; none: unassigned / no team
  std::int64_t conversations = 0;  // created in the period with this assignee / team
  std::int64_t replies = 0;        // public agent messages in the period (by the agent / in the team's chats)
  std::int64_t csat_count = 0;
  std::int64_t csat_sum = 0;
};

struct TimeBucketCount {
  Millis start = 0;  // a multiple of kReportBucketMillis
  std::int64_t count = 0;
};

struct CsatComment {
  Id conversation_id = 0;
  int score = 0;
  std::string comment;
  Millis created_at = 0;  // the conversation's
  std::optional<Id> agent_id;
};

struct LiveCounts {
  std::int64_t open = 0;                 // status open
  std::int64_t waiting_unassigned = 0;   // open, nobody assigned, the visitor waits for a reply
  std::optional<Millis> oldest_waiting;  // the earliest waiting_since of open conversations
};

}  // namespace parley
