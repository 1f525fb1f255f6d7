// Issue 16, item 1: the SQL of ReportStore, the same text on both backends (written with $n; the
// SQLite backend reads it with ?n). Portable on purpose: `NOT m.private` is true for SQLite's 0
// and PostgreSQL's false; integer division is integer on both.
#pragma once

namespace parley {

// SQLite migration 23, PostgreSQL migration 18: the periods are ranges of created_at and resolved_at.
constexpr const char* kReportIndexesSchema = R"sql(
CREATE INDEX conversations_created ON conversations(workspace_id, created_at);
CREATE INDEX conversations_resolved ON conversations(workspace_id, resolved_at);
CREATE INDEX messages_report ON messages(workspace_id, created_at, sender_type, sender_id);
CREATE INDEX bot_conversations_created ON bot_conversations(workspace_id, created_at);
)sql";

// A conversation with first_reply_at unset has had no reply at all; with it set, the reply may have
// been the bot's, so the agent's is looked up (messages' (conversation_id, sender_type, ...) key).
#define PARLEY_REPORT_HAS_AGENT_REPLY                                                     \
  "EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.sender_type = 'agent' " \
  "AND NOT m.private)"

constexpr const char* kReportConversationCounts =
    "SELECT "
    "(SELECT COUNT(*) FROM conversations c WHERE c.workspace_id = $1 AND c.created_at >= $2 AND c.created_at < $3), "
    "(SELECT COUNT(*) FROM conversations c WHERE c.workspace_id = $1 AND c.resolved_at >= $2 AND c.resolved_at < $3), "
    "(SELECT COUNT(*) FROM conversations c WHERE c.workspace_id = $1 AND c.created_at >= $2 AND c.created_at < $3 "
    "AND (c.first_reply_at IS NULL OR NOT " PARLEY_REPORT_HAS_AGENT_REPLY "))";

constexpr const char* kReportMessageCounts =
    "SELECT sender_type, COUNT(*) FROM messages WHERE workspace_id = $1 AND created_at >= $2 AND created_at < $3 "
    "GROUP BY sender_type";

constexpr const char* kReportCsatCounts =
    "SELECT csat_score, COUNT(*) FROM conversations WHERE workspace_id = $1 AND created_at >= $2 "
    "AND created_at < $3 AND csat_score BETWEEN 1 AND 5 GROUP BY csat_score";

constexpr const char* kReportBotCounts =
    "SELECT COUNT(*), "
    "COALESCE(SUM(CASE WHEN b.stage NOT IN ('handed_off', 'silent') AND c.status = 'resolved' THEN 1 ELSE 0 END), 0), "
    "COALESCE(SUM(CASE WHEN b.stage IN ('handed_off', 'silent') THEN 1 ELSE 0 END), 0) "
    "FROM bot_conversations b JOIN conversations c ON c.id = b.conversation_id "
    "WHERE b.workspace_id = $1 AND b.created_at >= $2 AND b.created_at < $3";

// created_at, first public agent message, assignee, team.
constexpr const char* kReportFirstResponseSamples =
    "SELECT s.created_at, s.first_at, s.assignee_id, s.team_id FROM (SELECT c.created_at, c.assignee_id, c.team_id, "
    "(SELECT MIN(m.created_at) FROM messages m WHERE m.conversation_id = c.id AND m.sender_type = 'agent' "
    "AND NOT m.private) AS first_at "
    "FROM conversations c WHERE c.workspace_id = $1 AND c.created_at >= $2 AND c.created_at < $3 "
    "AND c.first_reply_at IS NOT NULL) s WHERE s.first_at IS NOT NULL ORDER BY s.created_at LIMIT $4";

constexpr const char* kReportResolutionSamples =
    "SELECT created_at, resolved_at, assignee_id, team_id FROM conversations WHERE workspace_id = $1 "
    "AND resolved_at >= $2 AND resolved_at < $3 ORDER BY resolved_at LIMIT $4";

// id, conversations, CSAT count, CSAT sum: of the conversations created in the period.
constexpr const char* kReportAgentConversations =
    "SELECT assignee_id, COUNT(*), COUNT(csat_score), COALESCE(SUM(csat_score), 0) FROM conversations "
    "WHERE workspace_id = $1 AND created_at >= $2 AND created_at < $3 GROUP BY assignee_id "
    "ORDER BY COUNT(*) DESC, assignee_id LIMIT $4";
constexpr const char* kReportTeamConversations =
    "SELECT team_id, COUNT(*), COUNT(csat_score), COALESCE(SUM(csat_score), 0) FROM conversations "
    "WHERE workspace_id = $1 AND created_at >= $2 AND created_at < $3 GROUP BY team_id "
    "ORDER BY COUNT(*) DESC, team_id LIMIT $4";
// id, public agent replies written in the period.
constexpr const char* kReportAgentReplies =
    "SELECT sender_id, COUNT(*) FROM messages WHERE workspace_id = $1 AND created_at >= $2 AND created_at < $3 "
    "AND sender_type = 'agent' AND NOT private GROUP BY sender_id ORDER BY COUNT(*) DESC LIMIT $4";
constexpr const char* kReportTeamReplies =
    "SELECT c.team_id, COUNT(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id "
    "WHERE m.workspace_id = $1 AND m.created_at >= $2 AND m.created_at < $3 AND m.sender_type = 'agent' "
    "AND NOT m.private GROUP BY c.team_id ORDER BY COUNT(*) DESC LIMIT $4";

constexpr const char* kReportConversationBuckets =
    "SELECT created_at / 900000 AS bucket, COUNT(*) FROM conversations WHERE workspace_id = $1 "
    "AND created_at >= $2 AND created_at < $3 GROUP BY bucket ORDER BY bucket";

constexpr const char* kReportCsatComments =
    "SELECT id, csat_score, csat_comment, created_at, assignee_id FROM conversations WHERE workspace_id = $1 "
    "AND created_at >= $2 AND created_at < $3 AND csat_score IS NOT NULL AND csat_comment IS NOT NULL "
    "AND csat_comment <> '' ORDER BY created_at DESC, id DESC LIMIT $4 OFFSET $5";

constexpr const char* kReportLiveCounts =
    "SELECT COUNT(*), COALESCE(SUM(CASE WHEN assignee_id IS NULL AND waiting_since IS NOT NULL THEN 1 ELSE 0 END), 0), "
    "MIN(waiting_since) FROM conversations WHERE workspace_id = $1 AND status = 'open'";

}  // namespace parley
