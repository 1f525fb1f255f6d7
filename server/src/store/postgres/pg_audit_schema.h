// PostgreSQL migrations 15 and 16 (issue 16, items 2 and 4): the audit log, append-only (a trigger
// refuses UPDATE and DELETE, TRUNCATE too), and blocks (store/audit_store.h, store/block_store.h).
#pragma once

namespace parley {

constexpr const char* kPostgresAuditLogSchema = R"sql(
CREATE TABLE audit_log (
  id BIGSERIAL PRIMARY KEY,
  workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
  at BIGINT NOT NULL,
  actor_type TEXT NOT NULL CHECK (actor_type IN ('agent', 'api_token', 'system')),
  actor_id BIGINT NOT NULL,
  actor_name TEXT NOT NULL CHECK (length(actor_name) <= 200),
  address TEXT NOT NULL CHECK (length(address) <= 64),
  action TEXT NOT NULL CHECK (length(action) <= 64),
  target_type TEXT NOT NULL CHECK (length(target_type) <= 32),
  target_id BIGINT NOT NULL,
  target_label TEXT NOT NULL CHECK (length(target_label) <= 200),
  details TEXT NOT NULL CHECK (octet_length(details) <= 2000)
);
CREATE INDEX audit_log_workspace ON audit_log(workspace_id, id);
CREATE INDEX audit_log_action ON audit_log(workspace_id, action, id);
CREATE INDEX audit_log_actor ON audit_log(workspace_id, actor_type, actor_id, id);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
)sql";

constexpr const char* kPostgresBlockSchema = R"sql(
CREATE TABLE blocks (
  id BIGSERIAL PRIMARY KEY,
  workspace_id BIGINT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('contact', 'ip')),
  contact_id BIGINT NOT NULL,
  ip_range TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (workspace_id, kind, contact_id, ip_range)
);
)sql";

}  // namespace parley
