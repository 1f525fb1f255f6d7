// BotReportStore on SQLite (store/bot_report_store.h).
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store.h"

#include "domain/text_limits.h"

namespace parley {

void SqliteStore::recordUnanswered(Id workspace_id, std::string_view question, Millis now) {
  const std::string key = unansweredKey(question);
  if (key.empty()) return;
  std::lock_guard lock(mu_);
  sqlite::Tx tx(*db_);
  db_->query(
         "INSERT INTO bot_unanswered(workspace_id, question_key, question, count, first_at, last_at) "
         "VALUES (?1, ?2, ?3, 1, ?4, ?4) ON CONFLICT (workspace_id, question_key) DO UPDATE SET "
         "count = count + 1, last_at = excluded.last_at")
      .bind(workspace_id, key, truncateUtf8(question, kMaxUnansweredQuestionChars), now)
      .run();
  db_->query(
         "DELETE FROM bot_unanswered WHERE workspace_id = ?1 AND question_key IN (SELECT question_key FROM "
         "bot_unanswered WHERE workspace_id = ?1 ORDER BY last_at DESC, question_key LIMIT -1 OFFSET ?2)")
      .bind(workspace_id, static_cast<std::int64_t>(kMaxUnansweredKept))
      .run();
  tx.commit();
}

std::vector<UnansweredQuestion> SqliteStore::topUnanswered(Id workspace_id, Millis since, std::size_t limit) {
  std::lock_guard lock(mu_);
  auto q = db_->query(
      "SELECT question, count, last_at FROM bot_unanswered WHERE workspace_id = ?1 AND last_at >= ?2 "
      "ORDER BY count DESC, last_at DESC LIMIT ?3");
  q.bind(workspace_id, since, static_cast<std::int64_t>(limit));
  std::vector<UnansweredQuestion> out;
  while (q.step()) out.push_back({q.text(0), q.i64(1), q.i64(2)});
  return out;
}

BotNumbers SqliteStore::botNumbers(Id workspace_id, Millis since) {
  std::lock_guard lock(mu_);
  auto q = db_->query(
      "SELECT COUNT(*), "
      "COALESCE(SUM(CASE WHEN b.stage NOT IN ('handed_off', 'silent') AND c.status = 'resolved' THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN b.stage IN ('handed_off', 'silent') THEN 1 ELSE 0 END), 0) "
      "FROM bot_conversations b JOIN conversations c ON c.id = b.conversation_id "
      "WHERE b.workspace_id = ?1 AND b.created_at >= ?2");
  q.bind(workspace_id, since);
  BotNumbers n;
  if (q.step()) n = {q.i64(0), q.i64(1), q.i64(2)};
  return n;
}

}  // namespace parley
