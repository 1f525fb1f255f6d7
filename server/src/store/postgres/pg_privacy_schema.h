// PostgreSQL migration 17 (issue 16, item 3): as SQLite's migration 22 (sqlite_privacy_schema.h).
#pragma once

namespace parley {

constexpr const char* kPostgresPrivacySchema = R"sql(
CREATE TABLE retention_settings (
  workspace_id BIGINT PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
  conversation_days INTEGER NOT NULL DEFAULT 0,
  page_view_days INTEGER NOT NULL DEFAULT 0,
  anonymous_contact_days INTEGER NOT NULL DEFAULT 0,
  next_run_at BIGINT NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL
);
CREATE INDEX retention_settings_due ON retention_settings(next_run_at);
CREATE INDEX page_views_created ON page_views(workspace_id, created_at);
)sql";

}  // namespace parley
