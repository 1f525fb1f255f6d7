// SQLite migration 16 (issue 15, item 5): webhook subscriptions with their delivery state (cursor
// into the event log, the failure run, the pause, the lease of the node delivering them), the
// delivery log, and the ratings each subscription has reported (csat.submitted once).
#pragma once

namespace parley {

constexpr const char* kSqliteWebhookSchema = R"sql(
CREATE TABLE webhooks (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  events TEXT NOT NULL,
  secret TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  event_cursor INTEGER NOT NULL,
  attempt INTEGER NOT NULL DEFAULT 0,
  failing_since INTEGER,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  paused_at INTEGER,
  pause_reason TEXT NOT NULL DEFAULT '',
  lease_owner TEXT,
  lease_until INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX webhooks_workspace ON webhooks(workspace_id, id);
CREATE INDEX webhooks_due ON webhooks(active, next_attempt_at);
CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  webhook_id INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  event_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('event', 'test', 'redeliver')),
  attempt INTEGER NOT NULL,
  ok INTEGER NOT NULL,
  status INTEGER NOT NULL,
  error TEXT NOT NULL,
  response_excerpt TEXT NOT NULL,
  request_body TEXT NOT NULL,
  duration_ms INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX webhook_deliveries_recent ON webhook_deliveries(webhook_id, id);
CREATE TABLE webhook_csat_reported (
  webhook_id INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  conversation_id INTEGER NOT NULL,
  PRIMARY KEY (webhook_id, conversation_id)
);
)sql";

}  // namespace parley
