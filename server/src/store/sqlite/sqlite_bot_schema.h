// SQLite migration 13 (issue 14, items 4 and 5): structured message content, the bot's settings per
// workspace and its state per conversation (a row means the bot handled the chat: the inbox's Bot view).
#pragma once

namespace parley {

constexpr const char* kSqliteBotSchema = R"sql(
ALTER TABLE messages ADD COLUMN content TEXT;
CREATE TABLE bot_settings (
  workspace_id INTEGER PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
  settings TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE bot_conversations (
  conversation_id INTEGER PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  stage TEXT NOT NULL,
  state TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX bot_conversations_workspace ON bot_conversations(workspace_id, conversation_id);
)sql";

}  // namespace parley
