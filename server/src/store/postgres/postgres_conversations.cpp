// PostgresStore: single conversations — lookups, patches (written as domain applyPatch computes
// them), read markers, tags (due snoozes and auto-assignment: postgres_claims.cpp).
#include <stdexcept>

#include "store/postgres/pg_rows.h"
#include "store/postgres/postgres_store.h"

namespace parley {

std::optional<Conversation> PostgresStore::loadConversation(pg::Connection& c, Id workspace_id, Id id,
                                                            bool for_update) {
  static const std::string sql = pg::kSelectConversation + "WHERE c.id = $1 AND c.workspace_id = $2";
  static const std::string locking = sql + " FOR UPDATE OF c";
  auto r = c.exec(for_update ? locking : sql, id, workspace_id);
  if (r.empty()) return std::nullopt;
  return pg::readConversation(r, 0);
}

void PostgresStore::writeConversation(pg::Connection& c, const Conversation& next) {
  c.exec("UPDATE conversations SET status = $3, priority = $4, assignee_id = $5, team_id = $6, tags = $7, "
         "updated_at = $8, resolved_at = $9, waiting_since = $10, snoozed_until = $11, csat_score = $12, "
         "csat_comment = $13 WHERE id = $1 AND workspace_id = $2",
         next.id, next.workspace_id, next.status, next.priority, next.assignee_id, next.team_id,
         pg::tagsToJson(next.tags), next.updated_at, next.resolved_at, next.waiting_since, next.snoozed_until,
         next.csat_score, next.csat_comment);
}

std::optional<Conversation> PostgresStore::conversationById(Id workspace_id, Id id) {
  auto c = pool_->acquire();
  return loadConversation(*c, workspace_id, id);
}

std::optional<Conversation> PostgresStore::openConversationForContact(Id workspace_id, Id contact_id) {
  static const std::string sql = pg::kSelectConversation +
                                 "WHERE c.contact_id = $1 AND c.workspace_id = $2 AND c.status <> 'resolved' "
                                 "ORDER BY c.id DESC LIMIT 1";
  auto c = pool_->acquire();
  auto r = c->exec(sql, contact_id, workspace_id);
  if (r.empty()) return std::nullopt;
  return pg::readConversation(r, 0);
}

std::optional<ConversationChange> PostgresStore::updateConversation(Id workspace_id, Id id,
                                                                    const ConversationPatch& p, Millis now) {
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  lockEventCounters(*c, {workspace_id});
  // Locked: a concurrent append on another instance cannot write between this read and the write.
  auto current = loadConversation(*c, workspace_id, id, true);
  if (!current) return std::nullopt;
  // Every rule is applyPatch's; the store only checks what needs its tables (and keeps workspaces apart).
  auto outcome = applyPatch(*current, p, now);
  if (auto* refusal = std::get_if<PatchRefusal>(&outcome)) throw InvalidPatch(*refusal);
  if (p.assignee_id && *p.assignee_id &&
      c->exec("SELECT 1 FROM agents WHERE id = $1 AND workspace_id = $2", **p.assignee_id, workspace_id).empty())
    throw InvalidPatch({"assignee_id", "assignee_id is not an agent of this workspace"});
  if (p.team_id && *p.team_id &&
      c->exec("SELECT 1 FROM teams WHERE id = $1 AND workspace_id = $2", **p.team_id, workspace_id).empty())
    throw InvalidPatch({"team_id", "team_id is not a team of this workspace"});
  const Conversation& next = std::get<Conversation>(outcome);

  writeConversation(*c, next);
  ConversationChange change;
  change.offset = logEvent(*c, workspace_id, "conversation.updated", id, std::nullopt, now);
  change.conversation = *loadConversation(*c, workspace_id, id);
  tx.commit();
  return change;
}

std::optional<Conversation> PostgresStore::markRead(Id workspace_id, Id conversation_id, ReaderType reader,
                                                    std::int64_t seq) {
  // Each marker is kept in both counts: agents compare it with seq, the visitor with visitor seqs.
  // The visitor reads in visitor seqs; the agent in seqs. One UPDATE: its row lock makes
  // concurrent markers (and appends) take turns, and greatest() only moves forward.
  const char* sql = nullptr;
  switch (reader) {
    case ReaderType::Visitor:
      sql = "UPDATE conversations SET visitor_read_vseq = greatest(visitor_read_vseq, least($3::bigint, visitor_last_seq)), "
            "visitor_last_read_seq = greatest(visitor_last_read_seq, coalesce((SELECT m.seq FROM messages m "
            "WHERE m.conversation_id = $1 AND m.visitor_seq <= least($3::bigint, conversations.visitor_last_seq) "
            "ORDER BY m.visitor_seq DESC LIMIT 1), 0)) "
            "WHERE id = $1 AND workspace_id = $2";
      break;
    case ReaderType::Agent:
      sql = "UPDATE conversations SET agent_last_read_seq = greatest(agent_last_read_seq, least($3::bigint, last_seq)), "
            "agent_read_vseq = greatest(agent_read_vseq, coalesce((SELECT m.visitor_seq FROM messages m "
            "WHERE m.conversation_id = $1 AND m.seq <= least($3::bigint, conversations.last_seq) "
            "AND m.visitor_seq IS NOT NULL ORDER BY m.seq DESC LIMIT 1), 0)) "
            "WHERE id = $1 AND workspace_id = $2";
      break;
  }
  if (!sql) throw std::invalid_argument("reader_type");
  auto c = pool_->acquire();
  c->exec(sql, conversation_id, workspace_id, seq);
  return loadConversation(*c, workspace_id, conversation_id);
}

std::vector<TagCount> PostgresStore::tagCounts(Id workspace_id) {
  // COLLATE "C": ties by bytes, as SQLite orders text.
  auto c = pool_->acquire();
  auto r = c->exec("SELECT v #>> '{}', count(*) FROM conversations c, jsonb_array_elements(c.tags) v "
                   "WHERE c.workspace_id = $1 AND jsonb_typeof(v) = 'string' "
                   "GROUP BY v #>> '{}' ORDER BY count(*) DESC, (v #>> '{}') COLLATE \"C\"",
                   workspace_id);
  std::vector<TagCount> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back(TagCount{r.text(i, 0), r.i64(i, 1)});
  return out;
}

}  // namespace parley
