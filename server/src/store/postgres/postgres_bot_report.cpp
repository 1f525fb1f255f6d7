// BotReportStore on PostgreSQL (store/bot_report_store.h).
#include "domain/text_limits.h"
#include "store/postgres/pg_pool.h"
#include "store/postgres/pg_rows.h"
#include "store/postgres/postgres_store.h"

namespace parley {

void PostgresStore::recordUnanswered(Id workspace_id, std::string_view question, Millis now) {
  const std::string key = unansweredKey(question);
  if (key.empty()) return;
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  c->exec(
      "INSERT INTO bot_unanswered(workspace_id, question_key, question, count, first_at, last_at) "
      "VALUES ($1, $2, $3, 1, $4, $4) ON CONFLICT (workspace_id, question_key) DO UPDATE SET "
      "count = bot_unanswered.count + 1, last_at = GREATEST(bot_unanswered.last_at, excluded.last_at)",
      workspace_id, key, truncateUtf8(question, kMaxUnansweredQuestionChars), now);
  c->exec(
      "DELETE FROM bot_unanswered WHERE workspace_id = $1 AND question_key IN (SELECT question_key FROM "
      "bot_unanswered WHERE workspace_id = $1 ORDER BY last_at DESC, question_key OFFSET $2)",
      workspace_id, static_cast<std::int64_t>(kMaxUnansweredKept));
  tx.commit();
}

std::vector<UnansweredQuestion> PostgresStore::topUnanswered(Id workspace_id, Millis since, std::size_t limit) {
  auto c = pool_->acquire();
  auto r = c->exec(
      "SELECT question, count, last_at FROM bot_unanswered WHERE workspace_id = $1 AND last_at >= $2 "
      "ORDER BY count DESC, last_at DESC LIMIT $3",
      workspace_id, since, static_cast<std::int64_t>(limit));
  std::vector<UnansweredQuestion> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back({r.text(i, 0), r.i64(i, 1), r.i64(i, 2)});
  return out;
}

BotNumbers PostgresStore::botNumbers(Id workspace_id, Millis since) {
  auto c = pool_->acquire();
  auto r = c->exec(
      "SELECT COUNT(*), "
      "COUNT(*) FILTER (WHERE b.stage NOT IN ('handed_off', 'silent') AND c.status = 'resolved'), "
      "COUNT(*) FILTER (WHERE b.stage IN ('handed_off', 'silent')) "
      "FROM bot_conversations b JOIN conversations c ON c.id = b.conversation_id "
      "WHERE b.workspace_id = $1 AND b.created_at >= $2",
      workspace_id, since);
  return {r.i64(0, 0), r.i64(0, 1), r.i64(0, 2)};
}

}  // namespace parley
