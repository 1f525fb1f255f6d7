// PostgresStore: what several nodes may try at the same moment and only one may do, claimed in
// one transaction (conversation_store.h; docs/scaling.md, "Background jobs"): the snooze
// wake-up and auto-assignment.
//
// Both keep postgres_store.h's lock order: the workspaces' event counters first, then the
// conversations, then (assignment) the agents. The pattern for a new job: find the due rows
// without locking, lock their workspaces' counters, then claim the rows with a statement that
// checks again that they are due and locks them FOR UPDATE SKIP LOCKED; change only what that
// statement returned, log the events, commit, and return what was changed.
#include <unordered_map>

#include "store/postgres/pg_rows.h"
#include "store/postgres/postgres_store.h"

namespace parley {

std::vector<Conversation> PostgresStore::dueSnoozed(Millis now, int limit) {
  static const std::string sql = pg::kSelectConversation +
                                 "WHERE c.snoozed_until IS NOT NULL AND c.snoozed_until <= $1 "
                                 "AND c.status = 'snoozed' ORDER BY c.snoozed_until, c.id LIMIT $2";
  auto c = pool_->acquire();
  auto r = c->exec(sql, now, pg::clampLimit(limit, 100, 1000));
  std::vector<Conversation> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back(pg::readConversation(r, i));
  return out;
}

std::vector<ConversationChange> PostgresStore::wakeDueSnoozed(Millis now, int limit) {
  const int n = pg::clampLimit(limit, 100, 1000);
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  // Only to learn whose event counters to lock: nothing is claimed by this read.
  auto due = c->exec("SELECT DISTINCT workspace_id FROM (SELECT workspace_id FROM conversations "
                     "WHERE status = 'snoozed' AND snoozed_until <= $1 ORDER BY snoozed_until, id LIMIT $2) d",
                     now, n);
  if (due.empty()) return {};
  std::vector<Id> workspaces;
  for (int i = 0; i < due.rows(); ++i) workspaces.push_back(due.i64(i, 0));
  lockEventCounters(*c, workspaces);
  // The claim. A new statement sees every commit made before it (READ COMMITTED), so a
  // conversation another node woke while we waited for the counters is no longer 'snoozed'; one
  // whose row another transaction holds right now is skipped, not waited for (it is that
  // transaction's, or the next pass's). FOR UPDATE re-checks the condition on the newest row.
  static const std::string claim = pg::kSelectConversation +
                                   "WHERE c.workspace_id = ANY($3::bigint[]) AND c.status = 'snoozed' "
                                   "AND c.snoozed_until <= $1 ORDER BY c.snoozed_until, c.id LIMIT $2 "
                                   "FOR UPDATE OF c SKIP LOCKED";
  auto claimed = c->exec(claim, now, n, workspaces);
  ConversationPatch open;
  open.status = ConversationStatus::Open;
  std::vector<ConversationChange> changes;
  changes.reserve(static_cast<std::size_t>(claimed.rows()));
  for (int i = 0; i < claimed.rows(); ++i) {
    const Conversation current = pg::readConversation(claimed, i);
    writeConversation(*c, patchedOrThrow(current, open, now));
    ConversationChange change;
    change.offset = logEvent(*c, current.workspace_id, "conversation.updated", current.id, std::nullopt, now);
    change.conversation = *loadConversation(*c, current.workspace_id, current.id);
    changes.push_back(std::move(change));
  }
  tx.commit();
  return changes;
}

std::optional<ConversationChange> PostgresStore::assignIfUnderCapacity(Id workspace_id, Id conversation_id,
                                                                       const std::vector<Id>& agents, Millis now) {
  if (agents.empty()) return std::nullopt;
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  lockEventCounters(*c, {workspace_id});
  auto current = loadConversation(*c, workspace_id, conversation_id, true);
  if (!current || current->assignee_id) return std::nullopt;
  // Every candidate's row, locked in id order (one order for every assigner, whatever its
  // preference, so two of them cannot deadlock). An assignment to any of them, on any node, now
  // waits for this commit. NO KEY UPDATE, not UPDATE: it does not block the key-share locks that
  // foreign keys take (a login inserting the agent's session), only other assigners.
  auto locked = c->exec("SELECT id, capacity FROM agents WHERE workspace_id = $1 AND id = ANY($2::bigint[]) "
                        "AND active ORDER BY id FOR NO KEY UPDATE",
                        workspace_id, agents);
  std::unordered_map<Id, std::int64_t> room;  // capacity minus open assigned, per lockable agent
  std::vector<Id> ids;
  for (int i = 0; i < locked.rows(); ++i) {
    room[locked.i64(i, 0)] = locked.i64(i, 1);
    ids.push_back(locked.i64(i, 0));
  }
  if (ids.empty()) return std::nullopt;
  // Counted in a statement of its own, after the locks: its snapshot includes every assignment
  // committed by whoever held them before us (the locking statement's snapshot may not).
  auto counts = c->exec("SELECT assignee_id, count(*) FROM conversations WHERE workspace_id = $1 "
                        "AND status = 'open' AND assignee_id = ANY($2::bigint[]) GROUP BY assignee_id",
                        workspace_id, ids);
  for (int i = 0; i < counts.rows(); ++i) room[counts.i64(i, 0)] -= counts.i64(i, 1);
  std::optional<Id> chosen;
  for (Id agent : agents) {
    auto it = room.find(agent);
    if (it != room.end() && it->second > 0) {
      chosen = agent;
      break;
    }
  }
  if (!chosen) return std::nullopt;
  ConversationPatch p;
  p.assignee_id = std::optional<Id>{*chosen};
  writeConversation(*c, patchedOrThrow(*current, p, now));
  ConversationChange change;
  change.offset = logEvent(*c, workspace_id, "conversation.updated", conversation_id, std::nullopt, now);
  change.conversation = *loadConversation(*c, workspace_id, conversation_id);
  tx.commit();
  return change;
}

}  // namespace parley
