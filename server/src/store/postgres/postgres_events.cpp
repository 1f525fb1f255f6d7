// PostgresStore: the per-workspace event log that agents resume from.
//
// Contract: offsets are readable in commit order. An agent that has read every event up to offset
// N and asks for the events after N must never miss one with an offset <= N that commits later,
// on this instance or on another. A sequence cannot promise that: two transactions may draw 7 and
// 8 and commit 8 first, and a reader that saw 8 would skip 7 for good.
//
// So each workspace has a counter row (event_counters). A transaction that logs events first
// locks its workspaces' rows (lockEventCounters, before any other row lock, in workspace id
// order) and keeps the locks until it commits or rolls back; each event takes the next value of
// its workspace's counter. A second writer of the same workspace, on any instance, waits for the
// first to finish before it draws an offset, so within a workspace the offsets of a later commit
// are all larger than those of every earlier one, and a rolled-back transaction gives its
// offsets back (no gaps either). PostgreSQL makes a commit visible before it releases the
// transaction's locks, so whoever reads offset M sees every smaller offset of that workspace too.
//
// The cost: writers of one workspace take turns from their first event to their commit. Message
// batches are one transaction per MessageWriter batch, so that is one turn per batch per node.
//
// The epoch (postgres_store.cpp) is made once per database, as SQLite's is per file.
#include <algorithm>

#include "store/postgres/pg_rows.h"
#include "store/postgres/postgres_store.h"

namespace parley {

void PostgresStore::lockEventCounters(pg::Connection& c, std::vector<Id> workspace_ids) {
  std::sort(workspace_ids.begin(), workspace_ids.end());
  workspace_ids.erase(std::unique(workspace_ids.begin(), workspace_ids.end()), workspace_ids.end());
  for (Id ws : workspace_ids) {
    // The no-op update locks the row, also one another transaction made a moment ago (ON
    // CONFLICT waits for it and then locks the committed row); a new workspace's row starts at
    // the workspace's largest stored offset, 0 for a new one.
    c.exec("INSERT INTO event_counters(workspace_id, last_offset) "
           "SELECT $1::bigint, coalesce(max(\"offset\"), 0) FROM events WHERE workspace_id = $1::bigint "
           "ON CONFLICT (workspace_id) DO UPDATE SET last_offset = event_counters.last_offset",
           ws);
  }
}

std::int64_t PostgresStore::logEvent(pg::Connection& c, Id workspace_id, std::string_view type, Id conversation_id,
                                     std::optional<Id> message_id, Millis at) {
  // The caller holds the counter's lock (lockEventCounters): the increment and the insert are one
  // statement, one round trip.
  auto r = c.exec(
      "WITH bumped AS (UPDATE event_counters SET last_offset = last_offset + 1 WHERE workspace_id = $1 "
      "RETURNING last_offset) "
      "INSERT INTO events(workspace_id, \"offset\", type, conversation_id, message_id, created_at) "
      "SELECT $1::bigint, bumped.last_offset, $2::text, $3::bigint, $4::bigint, $5::bigint FROM bumped RETURNING \"offset\"",
      workspace_id, type, conversation_id, message_id, at);
  if (r.empty()) throw std::logic_error("logEvent without the workspace's event counter locked");
  return r.i64(0, 0);
}

std::vector<EventRecord> PostgresStore::eventsAfter(Id workspace_id, std::int64_t after_offset, int limit) {
  // One statement (one snapshot) loads each event with its conversation (as it is now) and its
  // message, if any.
  static const std::string sql =
      "SELECT e.\"offset\", e.type, e.conversation_id, e.message_id, e.created_at, " + pg::kConversationColumns +
      ", " + pg::kMessageColumns +
      " FROM events e"
      " JOIN conversations c ON c.id = e.conversation_id"
      " JOIN contacts ct ON ct.id = c.contact_id"
      " LEFT JOIN messages m ON m.id = e.message_id"
      " LEFT JOIN agents a ON m.sender_type = 'agent' AND a.id = m.sender_id"
      " WHERE e.workspace_id = $1 AND e.\"offset\" > $2 ORDER BY e.\"offset\" LIMIT $3";
  constexpr int kConv = 5;
  constexpr int kMsg = kConv + pg::kConversationColumnCount;
  auto c = pool_->acquire();
  auto r = c->exec(sql, workspace_id, after_offset, pg::clampLimit(limit, 1000, 10000));
  std::vector<EventRecord> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) {
    EventRecord e;
    e.event = Event{r.i64(i, 0), workspace_id, r.text(i, 1), r.i64(i, 2), r.optI64(i, 3), r.i64(i, 4)};
    e.conversation = pg::readConversation(r, i, kConv);
    if (!r.isNull(i, kMsg)) e.message = pg::readMessage(r, i, kMsg);
    out.push_back(std::move(e));
  }
  return out;
}

std::int64_t PostgresStore::lastOffset(Id workspace_id) {
  auto c = pool_->acquire();
  return c->exec("SELECT coalesce(max(\"offset\"), 0) FROM events WHERE workspace_id = $1", workspace_id).i64(0, 0);
}

}  // namespace parley
