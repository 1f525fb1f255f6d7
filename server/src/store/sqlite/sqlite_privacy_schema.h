// SQLite migration 22 (issue 16, item 3): a workspace's retention rules (store/privacy_store.h) and
// when the retention job next looks at it (the claim: whoever moves next_run_at runs it).
#pragma once

namespace parley {

constexpr const char* kSqlitePrivacySchema = R"sql(
CREATE TABLE retention_settings (
  workspace_id INTEGER PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
  conversation_days INTEGER NOT NULL DEFAULT 0,
  page_view_days INTEGER NOT NULL DEFAULT 0,
  anonymous_contact_days INTEGER NOT NULL DEFAULT 0,
  next_run_at INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL
);
CREATE INDEX retention_settings_due ON retention_settings(next_run_at);
CREATE INDEX page_views_created ON page_views(workspace_id, created_at);
)sql";

}  // namespace parley
