// SqliteStore: the per-workspace event log that agents resume from.
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace parley {

// Offsets are handed out inside the write transaction and SQLite has one writer at a time, so
// commit order equals offset order: a reader can never see offset N+1 while N is still to come,
// which is what lets a client resume from "the highest offset I have".
std::int64_t SqliteStore::logEvent(Id workspace_id, std::string_view type, Id conversation_id,
                                   std::optional<Id> message_id, Millis at) {
  db_->query(
         "INSERT INTO events(workspace_id, type, conversation_id, message_id, created_at) "
         "VALUES (?1, ?2, ?3, ?4, ?5)")
      .bind(workspace_id, type, conversation_id, message_id, at)
      .run();
  return db_->lastInsertId();
}

std::vector<EventRecord> SqliteStore::eventsAfter(Id workspace_id, std::int64_t after_offset, int limit) {
  // One query loads each event with its conversation (as it is now) and its message, if any.
  static const std::string sql =
      "SELECT e.\"offset\", e.type, e.conversation_id, e.message_id, e.created_at, " +
      sqlite::kConversationColumns + ", " + sqlite::kMessageColumns +
      " FROM events e"
      " JOIN conversations c ON c.id = e.conversation_id"
      " JOIN contacts ct ON ct.id = c.contact_id"
      " LEFT JOIN messages m ON m.id = e.message_id"
      " LEFT JOIN agents a ON m.sender_type = 'agent' AND a.id = m.sender_id"
      " WHERE e.workspace_id = ?1 AND e.\"offset\" > ?2 ORDER BY e.\"offset\" LIMIT ?3";
  constexpr int kConv = 5;
  constexpr int kMsg = kConv + sqlite::kConversationColumnCount;
  std::lock_guard lock(mu_);
  std::vector<EventRecord> out;
  auto q = db_->query(sql);
  q.bind(workspace_id, after_offset, sqlite::clampLimit(limit, 1000, 10000));
  while (q.step()) {
    EventRecord r;
    r.event = Event{q.i64(0), workspace_id, q.text(1), q.i64(2), q.optI64(3), q.i64(4)};
    r.conversation = sqlite::readConversation(q, kConv);
    if (!q.isNull(kMsg)) r.message = sqlite::readMessage(q, kMsg);
    out.push_back(std::move(r));
  }
  return out;
}

std::int64_t SqliteStore::lastOffset(Id workspace_id) {
  std::lock_guard lock(mu_);
  auto q = db_->query("SELECT coalesce(max(\"offset\"), 0) FROM events WHERE workspace_id = ?1");
  q.bind(workspace_id).step();
  return q.i64(0);
}

}  // namespace parley
