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

// PostgreSQL migration 13 (issue 15, item 4): an agent's notifications waiting for the digest email
// (store/agent_digest_store.h).
constexpr const char* kPostgresAgentDigestSchema = R"sql(
CREATE TABLE agent_digest_items (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id BIGINT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  agent_id BIGINT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  conversation_id BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('new_conversation', 'reply')),
  excerpt TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX agent_digest_items_agent ON agent_digest_items(agent_id, id);
CREATE INDEX agent_digest_items_created ON agent_digest_items(created_at);
)sql";

}  // namespace parley
