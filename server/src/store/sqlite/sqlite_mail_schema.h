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

// SQLite migration 18 (issue 15, item 4): an agent's notifications waiting for the digest email
// (store/agent_digest_store.h).
constexpr const char* kSqliteAgentDigestSchema = R"sql(
CREATE TABLE agent_digest_items (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  agent_id INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  conversation_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('new_conversation', 'reply')),
  excerpt TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
CREATE INDEX agent_digest_items_agent ON agent_digest_items(agent_id, id);
CREATE INDEX agent_digest_items_created ON agent_digest_items(created_at);
)sql";

}  // namespace parley
