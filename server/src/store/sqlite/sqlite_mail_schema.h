// SQLite migration 17 (issue 15, items 1-2): the email outbox (store/mail_outbox_store.h) and, per
// conversation, the replies already emailed to the visitor and when the next email is due.
#pragma once

namespace parley {

constexpr const char* kSqliteMailSchema = R"sql(
CREATE TABLE mail_outbox (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  dedup_key TEXT NOT NULL,
  conversation_id INTEGER,
  envelope_from TEXT NOT NULL,
  recipients TEXT NOT NULL,
  subject TEXT NOT NULL,
  mime TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed')),
  attempt INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  lease_owner TEXT,
  lease_until INTEGER,
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  UNIQUE (workspace_id, dedup_key)
);
CREATE INDEX mail_outbox_due ON mail_outbox(state, next_attempt_at);
CREATE INDEX mail_outbox_recent ON mail_outbox(workspace_id, id);
CREATE TABLE conversation_email (
  conversation_id INTEGER PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
  workspace_id INTEGER NOT NULL,
  emailed_vseq INTEGER NOT NULL DEFAULT 0,
  pending_vseq INTEGER NOT NULL DEFAULT 0,
  due_at INTEGER
);
CREATE INDEX conversation_email_due ON conversation_email(due_at) WHERE due_at IS NOT NULL;
)sql";

}  // namespace parley
