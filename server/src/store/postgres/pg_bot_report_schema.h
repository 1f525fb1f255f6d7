// PostgreSQL migration 9 (issue 14, item 7): the questions the bot could not answer, one row per
// distinct question (domain unansweredKey) with its count; and the bot's conversations by time,
// for the numbers of a period.
#pragma once

namespace parley {

constexpr const char* kPostgresBotReportSchema = R"sql(
CREATE TABLE bot_unanswered (
  workspace_id BIGINT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  question_key TEXT NOT NULL,
  question TEXT NOT NULL,
  count BIGINT NOT NULL,
  first_at BIGINT NOT NULL,
  last_at BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, question_key)
);
CREATE INDEX bot_unanswered_recent ON bot_unanswered(workspace_id, last_at);
CREATE INDEX bot_conversations_recent ON bot_conversations(workspace_id, created_at);
)sql";

}  // namespace parley
