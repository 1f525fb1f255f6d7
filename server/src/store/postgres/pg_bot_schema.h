// PostgreSQL migration 8 (issue 14, items 4 and 5): as SQLite's migration 13.
#pragma once

namespace parley {

constexpr const char* kPostgresBotSchema = R"sql(
ALTER TABLE messages ADD COLUMN content TEXT;
CREATE TABLE bot_settings (
  workspace_id BIGINT PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
  settings TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE bot_conversations (
  conversation_id BIGINT PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
  workspace_id BIGINT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  stage TEXT NOT NULL,
  state TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX bot_conversations_workspace ON bot_conversations(workspace_id, conversation_id);
)sql";

}  // namespace parley
