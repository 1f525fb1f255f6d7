// ReportStore on SQLite (store/report_store.h); the SQL is store/report_sql.h's.
#include <algorithm>

#include "domain/report_math.h"
#include "store/report_sql.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store.h"

namespace parley {

namespace {

// report_sql.h is written with PostgreSQL's $n; SQLite's numbered parameters are ?n.
std::string sqliteReportSql(const char* sql) {
  std::string s(sql);
  std::replace(s.begin(), s.end(), '$', '?');
  return s;
}

std::int64_t sqliteReportLimit(std::size_t n) { return static_cast<std::int64_t>(n); }

std::vector<DurationSample> sqliteReportSamples(sqlite::Db& db, const char* sql, Id ws, Millis from, Millis to,
                                                std::size_t limit) {
  auto q = db.query(sqliteReportSql(sql));
  q.bind(ws, from, to, sqliteReportLimit(limit));
  std::vector<DurationSample> out;
  while (q.step()) out.push_back({q.i64(0), q.i64(1), q.optI64(2), q.optI64(3)});
  return out;
}

std::vector<ReportGroupCounts> sqliteReportGroups(sqlite::Db& db, const char* conversations_sql,
                                                  const char* replies_sql, Id ws, Millis from, Millis to,
                                                  std::size_t limit) {
  std::vector<ReportGroupCounts> conversations, replies;
  {
    auto q = db.query(sqliteReportSql(conversations_sql));
    q.bind(ws, from, to, sqliteReportLimit(limit));
    while (q.step()) conversations.push_back({q.optI64(0), q.i64(1), 0, q.i64(2), q.i64(3)});
  }
  {
    auto q = db.query(sqliteReportSql(replies_sql));
    q.bind(ws, from, to, sqliteReportLimit(limit));
    while (q.step()) replies.push_back({q.optI64(0), 0, q.i64(1), 0, 0});
  }
  return mergeReportGroups(std::move(conversations), replies, limit);
}

}  // namespace

ReportCounts SqliteStore::reportCounts(Id workspace_id, Millis from, Millis to) {
  std::lock_guard lock(mu_);
  ReportCounts r;
  {
    auto q = db_->query(sqliteReportSql(kReportConversationCounts));
    q.bind(workspace_id, from, to);
    if (q.step()) {
      r.conversations_new = q.i64(0);
      r.conversations_resolved = q.i64(1);
      r.conversations_missed = q.i64(2);
    }
  }
  {
    auto q = db_->query(sqliteReportSql(kReportMessageCounts));
    q.bind(workspace_id, from, to);
    while (q.step()) addMessageCount(r, q.text(0), q.i64(1));
  }
  {
    auto q = db_->query(sqliteReportSql(kReportCsatCounts));
    q.bind(workspace_id, from, to);
    while (q.step()) r.csat[static_cast<std::size_t>(q.i64(0) - 1)] = q.i64(1);
  }
  {
    auto q = db_->query(sqliteReportSql(kReportBotCounts));
    q.bind(workspace_id, from, to);
    if (q.step()) r.bot = {q.i64(0), q.i64(1), q.i64(2)};
  }
  return r;
}

std::vector<DurationSample> SqliteStore::firstResponseSamples(Id workspace_id, Millis from, Millis to,
                                                             std::size_t limit) {
  std::lock_guard lock(mu_);
  return sqliteReportSamples(*db_, kReportFirstResponseSamples, workspace_id, from, to, limit);
}

std::vector<DurationSample> SqliteStore::resolutionSamples(Id workspace_id, Millis from, Millis to,
                                                          std::size_t limit) {
  std::lock_guard lock(mu_);
  return sqliteReportSamples(*db_, kReportResolutionSamples, workspace_id, from, to, limit);
}

std::vector<ReportGroupCounts> SqliteStore::agentReportRows(Id workspace_id, Millis from, Millis to,
                                                           std::size_t limit) {
  std::lock_guard lock(mu_);
  return sqliteReportGroups(*db_, kReportAgentConversations, kReportAgentReplies, workspace_id, from, to, limit);
}

std::vector<ReportGroupCounts> SqliteStore::teamReportRows(Id workspace_id, Millis from, Millis to,
                                                          std::size_t limit) {
  std::lock_guard lock(mu_);
  return sqliteReportGroups(*db_, kReportTeamConversations, kReportTeamReplies, workspace_id, from, to, limit);
}

std::vector<TimeBucketCount> SqliteStore::conversationBuckets(Id workspace_id, Millis from, Millis to) {
  std::lock_guard lock(mu_);
  auto q = db_->query(sqliteReportSql(kReportConversationBuckets));
  q.bind(workspace_id, from, to);
  std::vector<TimeBucketCount> out;
  while (q.step()) out.push_back({q.i64(0) * kReportBucketMillis, q.i64(1)});
  return out;
}

std::vector<CsatComment> SqliteStore::csatComments(Id workspace_id, Millis from, Millis to, std::size_t limit,
                                                   std::size_t offset) {
  std::lock_guard lock(mu_);
  auto q = db_->query(sqliteReportSql(kReportCsatComments));
  q.bind(workspace_id, from, to, sqliteReportLimit(limit), sqliteReportLimit(offset));
  std::vector<CsatComment> out;
  while (q.step())
    out.push_back({q.i64(0), static_cast<int>(q.i64(1)), q.text(2), q.i64(3), q.optI64(4)});
  return out;
}

LiveCounts SqliteStore::liveCounts(Id workspace_id) {
  std::lock_guard lock(mu_);
  auto q = db_->query(sqliteReportSql(kReportLiveCounts));
  q.bind(workspace_id);
  LiveCounts out;
  if (q.step()) out = {q.i64(0), q.i64(1), q.optI64(2)};
  return out;
}

}  // namespace parley
