// ReportStore on PostgreSQL (store/report_store.h); the SQL is store/report_sql.h's.
#include "domain/report_math.h"
#include "store/postgres/pg_pool.h"
#include "store/postgres/pg_rows.h"
#include "store/postgres/postgres_store.h"
#include "store/report_sql.h"

namespace parley {

namespace {

std::int64_t pgReportLimit(std::size_t n) { return static_cast<std::int64_t>(n); }

std::vector<DurationSample> pgReportSamples(pg::Connection& c, const char* sql, Id ws, Millis from, Millis to,
                                            std::size_t limit) {
  auto r = c.exec(sql, ws, from, to, pgReportLimit(limit));
  std::vector<DurationSample> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back({r.i64(i, 0), r.i64(i, 1), r.optI64(i, 2), r.optI64(i, 3)});
  return out;
}

std::vector<ReportGroupCounts> pgReportGroups(pg::Connection& c, const char* conversations_sql,
                                              const char* replies_sql, Id ws, Millis from, Millis to,
                                              std::size_t limit) {
  std::vector<ReportGroupCounts> conversations, replies;
  auto rc = c.exec(conversations_sql, ws, from, to, pgReportLimit(limit));
  for (int i = 0; i < rc.rows(); ++i)
    conversations.push_back({rc.optI64(i, 0), rc.i64(i, 1), 0, rc.i64(i, 2), rc.i64(i, 3)});
  auto rr = c.exec(replies_sql, ws, from, to, pgReportLimit(limit));
  for (int i = 0; i < rr.rows(); ++i) replies.push_back({rr.optI64(i, 0), 0, rr.i64(i, 1), 0, 0});
  return mergeReportGroups(std::move(conversations), replies, limit);
}

}  // namespace

ReportCounts PostgresStore::reportCounts(Id workspace_id, Millis from, Millis to) {
  auto c = pool_->acquire();
  ReportCounts out;
  auto rc = c->exec(kReportConversationCounts, workspace_id, from, to);
  out.conversations_new = rc.i64(0, 0);
  out.conversations_resolved = rc.i64(0, 1);
  out.conversations_missed = rc.i64(0, 2);
  auto rm = c->exec(kReportMessageCounts, workspace_id, from, to);
  for (int i = 0; i < rm.rows(); ++i) addMessageCount(out, rm.text(i, 0), rm.i64(i, 1));
  auto rs = c->exec(kReportCsatCounts, workspace_id, from, to);
  for (int i = 0; i < rs.rows(); ++i) out.csat[static_cast<std::size_t>(rs.i64(i, 0) - 1)] = rs.i64(i, 1);
  auto rb = c->exec(kReportBotCounts, workspace_id, from, to);
  out.bot = {rb.i64(0, 0), rb.i64(0, 1), rb.i64(0, 2)};
  return out;
}

std::vector<DurationSample> PostgresStore::firstResponseSamples(Id workspace_id, Millis from, Millis to,
                                                               std::size_t limit) {
  auto c = pool_->acquire();
  return pgReportSamples(*c, kReportFirstResponseSamples, workspace_id, from, to, limit);
}

std::vector<DurationSample> PostgresStore::resolutionSamples(Id workspace_id, Millis from, Millis to,
                                                            std::size_t limit) {
  auto c = pool_->acquire();
  return pgReportSamples(*c, kReportResolutionSamples, workspace_id, from, to, limit);
}

std::vector<ReportGroupCounts> PostgresStore::agentReportRows(Id workspace_id, Millis from, Millis to,
                                                             std::size_t limit) {
  auto c = pool_->acquire();
  return pgReportGroups(*c, kReportAgentConversations, kReportAgentReplies, workspace_id, from, to, limit);
}

std::vector<ReportGroupCounts> PostgresStore::teamReportRows(Id workspace_id, Millis from, Millis to,
                                                            std::size_t limit) {
  auto c = pool_->acquire();
  return pgReportGroups(*c, kReportTeamConversations, kReportTeamReplies, workspace_id, from, to, limit);
}

std::vector<TimeBucketCount> PostgresStore::conversationBuckets(Id workspace_id, Millis from, Millis to) {
  auto c = pool_->acquire();
  auto r = c->exec(kReportConversationBuckets, workspace_id, from, to);
  std::vector<TimeBucketCount> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back({r.i64(i, 0) * kReportBucketMillis, r.i64(i, 1)});
  return out;
}

std::vector<CsatComment> PostgresStore::csatComments(Id workspace_id, Millis from, Millis to, std::size_t limit,
                                                     std::size_t offset) {
  auto c = pool_->acquire();
  auto r = c->exec(kReportCsatComments, workspace_id, from, to, pgReportLimit(limit), pgReportLimit(offset));
  std::vector<CsatComment> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({r.i64(i, 0), static_cast<int>(r.i64(i, 1)), r.text(i, 2), r.i64(i, 3), r.optI64(i, 4)});
  return out;
}

LiveCounts PostgresStore::liveCounts(Id workspace_id) {
  auto c = pool_->acquire();
  auto r = c->exec(kReportLiveCounts, workspace_id);
  return {r.i64(0, 0), r.i64(0, 1), r.optI64(0, 2)};
}

}  // namespace parley
