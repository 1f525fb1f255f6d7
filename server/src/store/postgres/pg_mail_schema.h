// PostgreSQL migration 12 (issue 15, items 1-2): the email outbox (store/mail_outbox_store.h) and, per
// conversation, the replies already emailed to the visitor and when the next email is due.
#pragma once

namespace parley {

constexpr const char* kPostgresMailSchema = R"sql(
CREATE TABLE mail_outbox (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id BIGINT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  dedup_key TEXT NOT NULL,
  conversation_id BIGINT,
  envelope_from TEXT NOT NULL,
  recipients TEXT NOT NULL,
  subject TEXT NOT NULL,
  mime TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed')),
  attempt INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  lease_owner TEXT,
  lease_until BIGINT,
  created_at BIGINT NOT NULL,
  sent_at BIGINT,
  UNIQUE (workspace_id, dedup_key)
);
CREATE INDEX mail_outbox_due ON mail_outbox(state, next_attempt_at);
CREATE INDEX mail_outbox_recent ON mail_outbox(workspace_id, id);
CREATE TABLE conversation_email (
  conversation_id BIGINT PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
  workspace_id BIGINT NOT NULL,
  emailed_vseq BIGINT NOT NULL DEFAULT 0,
  pending_vseq BIGINT NOT NULL DEFAULT 0,
  due_at BIGINT
);
CREATE INDEX conversation_email_due ON conversation_email(due_at) WHERE due_at IS NOT NULL;
)sql";

}  // namespace parley
