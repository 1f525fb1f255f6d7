// SQLite migrations 20 and 21 (issue 16, items 2 and 4): the audit log, append-only (triggers refuse
// UPDATE and DELETE), and blocks (store/audit_store.h, store/block_store.h).
#pragma once

namespace parley {

constexpr const char* kSqliteAuditLogSchema = R"sql(
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  at INTEGER NOT NULL,
  actor_type TEXT NOT NULL CHECK (actor_type IN ('agent', 'api_token', 'system')),
  actor_id INTEGER NOT NULL,
  actor_name TEXT NOT NULL CHECK (length(actor_name) <= 200),
  address TEXT NOT NULL CHECK (length(address) <= 64),
  action TEXT NOT NULL CHECK (length(action) <= 64),
  target_type TEXT NOT NULL CHECK (length(target_type) <= 32),
  target_id INTEGER NOT NULL,
  target_label TEXT NOT NULL CHECK (length(target_label) <= 200),
  details TEXT NOT NULL CHECK (length(details) <= 2000)
);
CREATE INDEX audit_log_workspace ON audit_log(workspace_id, id);
CREATE INDEX audit_log_action ON audit_log(workspace_id, action, id);
CREATE INDEX audit_log_actor ON audit_log(workspace_id, actor_type, actor_id, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql";

constexpr const char* kSqliteBlockSchema = R"sql(
CREATE TABLE blocks (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('contact', 'ip')),
  contact_id INTEGER NOT NULL,
  ip_range TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_by INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (workspace_id, kind, contact_id, ip_range)
);
)sql";

}  // namespace parley
