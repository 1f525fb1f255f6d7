// SqliteStore: single conversations — lookups, patches (status rules), read markers, tags.
#include <algorithm>
#include <stdexcept>

#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace parley {

using sqlite::Tx;

namespace {

// Tags are compared as given (case matters, like the filter), without blanks or repeats.
std::vector<std::string> cleanTags(const std::vector<std::string>& in) {
  std::vector<std::string> out;
  for (const auto& t : in) {
    if (t.empty() || std::find(out.begin(), out.end(), t) != out.end()) continue;
    out.push_back(t);
  }
  return out;
}

}  // namespace

std::optional<Conversation> SqliteStore::loadConversation(Id workspace_id, Id id) {
  static const std::string sql = sqlite::kSelectConversation + "WHERE c.id = ?1 AND c.workspace_id = ?2";
  auto q = db_->query(sql);
  if (!q.bind(id, workspace_id).step()) return std::nullopt;
  return sqlite::readConversation(q);
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
  Conversation c = *current;

  if (p.priority) c.priority = *p.priority;
  if (p.assignee_id) {
    if (*p.assignee_id && !agentInWorkspace(workspace_id, **p.assignee_id)) {
      throw std::invalid_argument("assignee_id");
    }
    c.assignee_id = *p.assignee_id;
  }
  if (p.team_id) {
    if (*p.team_id && !loadTeam(workspace_id, **p.team_id)) throw std::invalid_argument("team_id");
    c.team_id = *p.team_id;
  }
  if (p.tags) c.tags = cleanTags(*p.tags);
  if (p.snoozed_until) c.snoozed_until = *p.snoozed_until;
  if (p.csat_score) c.csat_score = *p.csat_score;
  if (p.csat_comment) c.csat_comment = *p.csat_comment;
  if (p.status) {
    using S = ConversationStatus;
    const S s = *p.status;
    // Re-resolving keeps the first resolution time: reports measure when it was resolved.
    if (s == S::Resolved && c.status != S::Resolved) c.resolved_at = now;
    if (s != S::Resolved) c.resolved_at.reset();
    if (s == S::Resolved) c.waiting_since.reset();
    if (s != S::Snoozed) c.snoozed_until.reset();
    if (s == S::Snoozed && !c.snoozed_until) throw std::invalid_argument("snoozed_until");
    c.status = s;
  }
  c.updated_at = now;

  db_->query(
         "UPDATE conversations SET status = ?3, priority = ?4, assignee_id = ?5, team_id = ?6, tags = ?7, "
         "updated_at = ?8, resolved_at = ?9, waiting_since = ?10, snoozed_until = ?11, csat_score = ?12, "
         "csat_comment = ?13 WHERE id = ?1 AND workspace_id = ?2")
      .bind(id, workspace_id, c.status, c.priority, c.assignee_id, c.team_id, sqlite::tagsToJson(c.tags),
            c.updated_at, c.resolved_at, c.waiting_since, c.snoozed_until, c.csat_score, c.csat_comment)
      .run();
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

std::vector<Conversation> SqliteStore::dueSnoozed(Millis now, int limit) {
  static const std::string sql = sqlite::kSelectConversation +
                                 "WHERE c.snoozed_until IS NOT NULL AND c.snoozed_until <= ?1 "
                                 "AND c.status = 'snoozed' ORDER BY c.snoozed_until, c.id LIMIT ?2";
  std::lock_guard lock(mu_);
  std::vector<Conversation> out;
  auto q = db_->query(sql);
  q.bind(now, sqlite::clampLimit(limit, 100, 1000));
  while (q.step()) out.push_back(sqlite::readConversation(q));
  return out;
}

}  // namespace parley
