// SqliteStore: what several processes may try at the same moment and only one may do, claimed in
// one transaction (conversation_store.h; docs/scaling.md, "Background jobs"): the snooze
// wake-up and auto-assignment. Tx is BEGIN IMMEDIATE: the file's write lock is taken before the
// rows are read, so another process (or instance) on the same file waits for the commit and then
// reads what this one wrote; the instance's mutex does the same for its own threads.
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace parley {

using sqlite::Tx;

namespace {

std::vector<Conversation> snoozedUntil(sqlite::Db& db, Millis now, int limit) {
  static const std::string sql = sqlite::kSelectConversation +
                                 "WHERE c.snoozed_until IS NOT NULL AND c.snoozed_until <= ?1 "
                                 "AND c.status = 'snoozed' ORDER BY c.snoozed_until, c.id LIMIT ?2";
  std::vector<Conversation> out;
  auto q = db.query(sql);
  q.bind(now, sqlite::clampLimit(limit, 100, 1000));
  while (q.step()) out.push_back(sqlite::readConversation(q));
  return out;
}

}  // namespace

std::vector<Conversation> SqliteStore::dueSnoozed(Millis now, int limit) {
  std::lock_guard lock(mu_);
  return snoozedUntil(*db_, now, limit);
}

std::vector<ConversationChange> SqliteStore::wakeDueSnoozed(Millis now, int limit) {
  std::lock_guard lock(mu_);
  Tx tx(*db_);
  const std::vector<Conversation> due = snoozedUntil(*db_, now, limit);
  if (due.empty()) return {};
  ConversationPatch open;
  open.status = ConversationStatus::Open;
  std::vector<ConversationChange> changes;
  changes.reserve(due.size());
  for (const auto& current : due) {
    writeConversation(patchedOrThrow(current, open, now));
    ConversationChange change;
    change.offset = logEvent(current.workspace_id, "conversation.updated", current.id, std::nullopt, now);
    change.conversation = *loadConversation(current.workspace_id, current.id);
    changes.push_back(std::move(change));
  }
  tx.commit();
  return changes;
}

std::optional<ConversationChange> SqliteStore::assignIfUnderCapacity(Id workspace_id, Id conversation_id,
                                                                     const std::vector<Id>& agents, Millis now) {
  if (agents.empty()) return std::nullopt;
  std::lock_guard lock(mu_);
  Tx tx(*db_);
  auto current = loadConversation(workspace_id, conversation_id);
  if (!current || current->assignee_id) return std::nullopt;
  std::optional<Id> chosen;
  for (Id agent : agents) {
    auto q = db_->query(
        "SELECT a.capacity > (SELECT count(*) FROM conversations o WHERE o.workspace_id = a.workspace_id "
        "AND o.assignee_id = a.id AND o.status = 'open') "
        "FROM agents a WHERE a.id = ?1 AND a.workspace_id = ?2 AND a.active <> 0");
    if (q.bind(agent, workspace_id).step() && q.i64(0)) {
      chosen = agent;
      break;
    }
  }
  if (!chosen) return std::nullopt;
  ConversationPatch p;
  p.assignee_id = std::optional<Id>{*chosen};
  writeConversation(patchedOrThrow(*current, p, now));
  ConversationChange change;
  change.offset = logEvent(workspace_id, "conversation.updated", conversation_id, std::nullopt, now);
  change.conversation = *loadConversation(workspace_id, conversation_id);
  tx.commit();
  return change;
}

}  // namespace parley
