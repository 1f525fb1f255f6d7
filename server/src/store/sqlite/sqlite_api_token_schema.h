// SQLite migration 15 (issue 15, item 6): API tokens, kept as SHA-256 hex (store/api_token_store.h).
#pragma once

namespace parley {

constexpr const char* kSqliteApiTokenSchema = R"sql(
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  scope TEXT NOT NULL CHECK (scope IN ('read', 'write', 'admin')),
  created_by INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  token_hash TEXT NOT NULL UNIQUE,
  hint TEXT NOT NULL
);
CREATE INDEX api_tokens_workspace ON api_tokens(workspace_id, created_at);
)sql";

}  // namespace parley
