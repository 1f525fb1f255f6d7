// SqliteStore: single conversations — lookups, patches (written as domain applyPatch computes them),
// read markers, tags.
#include <stdexcept>

#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace parley {

using sqlite::Tx;

std::optional<Conversation> SqliteStore::loadConversation(Id workspace_id, Id id) {
  static const std::string sql = sqlite::kSelectConversation + "WHERE c.id = ?1 AND c.workspace_id = ?2";
  auto q = db_->query(sql);
  if (!q.bind(id, workspace_id).step()) return std::nullopt;
  return sqlite::readConversation(q);
}

void SqliteStore::writeConversation(const Conversation& c) {
  db_->query(
         "UPDATE conversations SET status = ?3, priority = ?4, assignee_id = ?5, team_id = ?6, tags = ?7, "
         "updated_at = ?8, resolved_at = ?9, waiting_since = ?10, snoozed_until = ?11, csat_score = ?12, "
         "csat_comment = ?13 WHERE id = ?1 AND workspace_id = ?2")
      .bind(c.id, c.workspace_id, c.status, c.priority, c.assignee_id, c.team_id, sqlite::tagsToJson(c.tags),
            c.updated_at, c.resolved_at, c.waiting_since, c.snoozed_until, c.csat_score, c.csat_comment)
      .run();
}

std::optional<Conversation> SqliteStore::conversationById(Id workspace_id, Id id) {
  std::lock_guard lock(mu_);
  return loadConversation(workspace_id, id);
}

std::optional<Conversation> SqliteStore::openConversationForContact(Id workspace_id, Id contact_id) {
  static const std::string sql = sqlite::kSelectConversation +
                                 "WHERE c.contact_id = ?1 AND c.workspace_id = ?2 AND c.status <> 'resolved' "
                                 "ORDER BY c.id DESC LIMIT 1";
  std::lock_guard lock(mu_);
  auto q = db_->query(sql);
  if (!q.bind(contact_id, workspace_id).step()) return std::nullopt;
  return sqlite::readConversation(q);
}

std::optional<ConversationChange> SqliteStore::updateConversation(Id workspace_id, Id id,
                                                                  const ConversationPatch& p, Millis now) {
  std::lock_guard lock(mu_);
  Tx tx(*db_);
  auto current = loadConversation(workspace_id, id);
  if (!current) return std::nullopt;
  // Every rule is applyPatch's; the store only checks what needs its tables (and keeps workspaces apart).
  auto outcome = applyPatch(*current, p, now);
  if (auto* refusal = std::get_if<PatchRefusal>(&outcome)) throw InvalidPatch(*refusal);
  if (p.assignee_id && *p.assignee_id && !agentInWorkspace(workspace_id, **p.assignee_id))
    throw InvalidPatch({"assignee_id", "assignee_id is not an agent of this workspace"});
  if (p.team_id && *p.team_id && !loadTeam(workspace_id, **p.team_id))
    throw InvalidPatch({"team_id", "team_id is not a team of this workspace"});
  const Conversation& c = std::get<Conversation>(outcome);

  writeConversation(c);
  ConversationChange change;
  change.offset = logEvent(workspace_id, "conversation.updated", id, std::nullopt, now);
  change.conversation = *loadConversation(workspace_id, id);
  tx.commit();
  return change;
}

std::optional<Conversation> SqliteStore::markRead(Id workspace_id, Id conversation_id,
                                                  ReaderType reader, std::int64_t seq) {
  // Each marker is kept in both counts: agents compare it with seq, the visitor with visitor seqs.
  // The visitor reads in visitor seqs; the agent in seqs.
  const char* sql = nullptr;
  switch (reader) {
    case ReaderType::Visitor:
      sql = "UPDATE conversations SET visitor_read_vseq = max(visitor_read_vseq, min(?3, visitor_last_seq)), "
            "visitor_last_read_seq = max(visitor_last_read_seq, coalesce((SELECT m.seq FROM messages m "
            "WHERE m.conversation_id = ?1 AND m.visitor_seq <= min(?3, conversations.visitor_last_seq) "
            "ORDER BY m.visitor_seq DESC LIMIT 1), 0)) "
            "WHERE id = ?1 AND workspace_id = ?2";
      break;
    case ReaderType::Agent:
      sql = "UPDATE conversations SET agent_last_read_seq = max(agent_last_read_seq, min(?3, last_seq)), "
            "agent_read_vseq = max(agent_read_vseq, coalesce((SELECT m.visitor_seq FROM messages m "
            "WHERE m.conversation_id = ?1 AND m.seq <= min(?3, conversations.last_seq) AND m.visitor_seq IS NOT NULL "
            "ORDER BY m.seq DESC LIMIT 1), 0)) "
            "WHERE id = ?1 AND workspace_id = ?2";
      break;
  }
  if (!sql) throw std::invalid_argument("reader_type");
  std::lock_guard lock(mu_);
  db_->query(sql).bind(conversation_id, workspace_id, seq).run();
  return loadConversation(workspace_id, conversation_id);
}

std::vector<TagCount> SqliteStore::tagCounts(Id workspace_id) {
  std::lock_guard lock(mu_);
  std::vector<TagCount> out;
  auto q = db_->query(
      "SELECT t.value, count(*) AS n FROM conversations c, json_each(c.tags) t "
      "WHERE c.workspace_id = ?1 AND t.type = 'text' GROUP BY t.value ORDER BY n DESC, t.value");
  q.bind(workspace_id);
  while (q.step()) out.push_back(TagCount{q.text(0), q.i64(1)});
  return out;
}

}  // namespace parley
