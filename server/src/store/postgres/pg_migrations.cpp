#include "store/postgres/pg_migrations.h"

#include <chrono>
#include <cstdint>
#include <stdexcept>

#include "store/postgres/pg_api_token_schema.h"
#include "store/postgres/pg_audit_schema.h"
#include "store/postgres/pg_bot_schema.h"
#include "store/postgres/pg_bot_report_schema.h"
#include "store/postgres/pg_mail_schema.h"
#include "store/postgres/pg_two_factor_schema.h"
#include "store/postgres/pg_privacy_schema.h"
#include "store/postgres/pg_webhook_schema.h"
#include "store/postgres/pg_connection.h"
#include "store/report_sql.h"

namespace parley {

namespace {

// The accounts aggregates (workspaces, agents and their sessions and preferences, teams, canned
// replies, installation secrets): the same columns, constraints and meaning as the SQLite schema
// after its migration 8. Times are BIGINT milliseconds since the epoch. JSON columns are TEXT,
// not JSONB: the store hands back exactly what it was given, as SQLite does. Unique constraints
// are named: pg_connection.cpp turns each into its sentence for people.
constexpr const char* kAccounts = R"sql(
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE workspaces (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  public_id TEXT NOT NULL CONSTRAINT workspaces_public_id_unique UNIQUE,
  name TEXT NOT NULL,
  settings TEXT NOT NULL DEFAULT '{}',
  hmac_secret TEXT NOT NULL,
  allowed_origins TEXT NOT NULL DEFAULT '[]',
  created_at BIGINT NOT NULL
);

-- Emails are stored lower-cased (ASCII): UNIQUE then means unique regardless of case.
CREATE TABLE agents (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id BIGINT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  email TEXT NOT NULL CONSTRAINT agents_email_unique UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT 'agent' CHECK (role IN ('admin', 'agent')),
  capacity INTEGER NOT NULL DEFAULT 5,
  presence TEXT NOT NULL DEFAULT 'offline',
  avatar_url TEXT NOT NULL DEFAULT '',
  active BOOLEAN NOT NULL DEFAULT true,
  created_at BIGINT NOT NULL,
  preferences TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX agents_workspace ON agents(workspace_id);

CREATE TABLE agent_sessions (
  token_hash TEXT PRIMARY KEY,
  agent_id BIGINT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  expires_at BIGINT NOT NULL
);
CREATE INDEX agent_sessions_agent ON agent_sessions(agent_id);

CREATE TABLE teams (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id BIGINT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name TEXT NOT NULL
);
CREATE INDEX teams_workspace ON teams(workspace_id);

CREATE TABLE team_members (
  team_id BIGINT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  agent_id BIGINT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  PRIMARY KEY (team_id, agent_id)
);
CREATE INDEX team_members_agent ON team_members(agent_id);

CREATE TABLE canned_replies (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id BIGINT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  shortcut TEXT NOT NULL,
  body TEXT NOT NULL,
  CONSTRAINT canned_replies_shortcut_unique UNIQUE (workspace_id, shortcut)
);
)sql";

// Contacts, conversations, the message log, the event log and full-text search, with the meaning
// of the SQLite schema after its migration 8 (visitor seqs included). What differs, and why:
//  - tags are JSONB (written by the store itself, never handed back as given), so the inbox's tag
//    filter and tagCounts use the jsonb operators;
//  - client_id idempotency is a partial unique index over coalesce(sender_id, 0): a UNIQUE
//    constraint would treat two NULL sender ids as different, and NULLS NOT DISTINCT would make
//    every message without a client_id collide;
//  - event offsets are per workspace, (workspace_id, offset) is the key, and event_counters holds
//    each workspace's last offset: a transaction that logs events updates its row and keeps its
//    lock until commit, so offsets are handed out in commit order (postgres_events.cpp);
//  - messages.search is the body's tsvector under the 'simple' configuration (no stemming and no
//    stop words, like FTS5's unicode61; unlike it, no diacritics are removed), with a GIN index.
constexpr const char* kConversations = R"sql(
CREATE TABLE contacts (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id BIGINT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  visitor_token_hash TEXT CONSTRAINT contacts_visitor_token_unique UNIQUE,
  external_id TEXT,
  name TEXT,
  email TEXT,
  attributes TEXT NOT NULL DEFAULT '{}',
  country TEXT,
  timezone TEXT,
  language TEXT,
  browser TEXT,
  os TEXT,
  current_url TEXT,
  current_title TEXT,
  first_seen_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  CONSTRAINT contacts_external_id_unique UNIQUE (workspace_id, external_id)
);
CREATE INDEX contacts_last_seen ON contacts(workspace_id, last_seen_at, id);

CREATE TABLE visitor_tokens (
  token_hash TEXT PRIMARY KEY,
  contact_id BIGINT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL
);
CREATE INDEX visitor_tokens_contact ON visitor_tokens(contact_id);

CREATE TABLE page_views (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id BIGINT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  contact_id BIGINT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  referrer TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX page_views_contact ON page_views(contact_id, created_at);

CREATE TABLE conversations (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id BIGINT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  contact_id BIGINT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'snoozed', 'resolved')),
  priority TEXT NOT NULL DEFAULT 'none' CHECK (priority IN ('none', 'low', 'medium', 'high', 'urgent')),
  assignee_id BIGINT REFERENCES agents(id) ON DELETE SET NULL,
  team_id BIGINT REFERENCES teams(id) ON DELETE SET NULL,
  tags JSONB NOT NULL DEFAULT '[]',
  last_seq BIGINT NOT NULL DEFAULT 0,
  visitor_last_seq BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  first_reply_at BIGINT,
  resolved_at BIGINT,
  waiting_since BIGINT,
  snoozed_until BIGINT,
  visitor_last_read_seq BIGINT NOT NULL DEFAULT 0,
  agent_last_read_seq BIGINT NOT NULL DEFAULT 0,
  visitor_read_vseq BIGINT NOT NULL DEFAULT 0,
  agent_read_vseq BIGINT NOT NULL DEFAULT 0,
  last_message_body TEXT,
  last_message_sender_type TEXT,
  last_message_at BIGINT,
  csat_score INTEGER,
  csat_comment TEXT
);
CREATE INDEX conversations_list ON conversations(workspace_id, status, updated_at);
CREATE INDEX conversations_updated ON conversations(workspace_id, updated_at);
CREATE INDEX conversations_contact ON conversations(contact_id, status);
CREATE INDEX conversations_snoozed ON conversations(snoozed_until) WHERE snoozed_until IS NOT NULL;

CREATE TABLE messages (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id BIGINT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  conversation_id BIGINT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  seq BIGINT NOT NULL,
  visitor_seq BIGINT,
  sender_type TEXT NOT NULL CHECK (sender_type IN ('visitor', 'agent', 'bot', 'system')),
  sender_id BIGINT,
  body TEXT NOT NULL,
  private BOOLEAN NOT NULL DEFAULT false,
  client_id TEXT,
  attachments TEXT NOT NULL DEFAULT '[]',
  created_at BIGINT NOT NULL,
  search TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, body)) STORED,
  CONSTRAINT messages_seq_unique UNIQUE (conversation_id, seq)
);
CREATE UNIQUE INDEX messages_visitor_seq_unique ON messages(conversation_id, visitor_seq)
  WHERE visitor_seq IS NOT NULL;
CREATE UNIQUE INDEX messages_client_id_unique ON messages(conversation_id, sender_type, (coalesce(sender_id, 0)), client_id)
  WHERE client_id IS NOT NULL;
CREATE INDEX messages_sender ON messages(sender_id) WHERE sender_type = 'visitor';
CREATE INDEX messages_search ON messages USING GIN (search);

CREATE TABLE event_counters (
  workspace_id BIGINT PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
  last_offset BIGINT NOT NULL
);

CREATE TABLE events (
  workspace_id BIGINT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  "offset" BIGINT NOT NULL,
  type TEXT NOT NULL,
  conversation_id BIGINT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  message_id BIGINT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, "offset")
);
)sql";

// Ended sessions reach every node (InstallationStore::changesFromOtherProcesses): a counter bumped
// by triggers in the transaction that deletes sessions or changes what a session depends on
// (active, role, password), so no code path can forget it. Each node polls the one row.
const char* kSessionChanges = R"sql(
CREATE TABLE session_changes (
  one BOOLEAN PRIMARY KEY DEFAULT true CHECK (one),
  n BIGINT NOT NULL
);
INSERT INTO session_changes(one, n) VALUES (true, 0);
CREATE FUNCTION bump_session_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE session_changes SET n = n + 1;
  RETURN NULL;
END $$;
CREATE TRIGGER agent_sessions_deleted AFTER DELETE ON agent_sessions
  FOR EACH STATEMENT EXECUTE FUNCTION bump_session_changes();
CREATE TRIGGER agents_access_changed AFTER UPDATE ON agents FOR EACH ROW
  WHEN (OLD.active IS DISTINCT FROM NEW.active OR OLD.role IS DISTINCT FROM NEW.role
        OR OLD.password_hash IS DISTINCT FROM NEW.password_hash)
  EXECUTE FUNCTION bump_session_changes();
)sql";

// Routing (issue 13, item 4): as SQLite's migration 9 (store/routing_rule_store.h).
const char* kPgRouting = R"sql(
CREATE TABLE routing_rules (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id BIGINT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  enabled BOOLEAN NOT NULL DEFAULT true,
  conditions TEXT NOT NULL DEFAULT '[]',
  team_id BIGINT REFERENCES teams(id) ON DELETE SET NULL,
  priority TEXT CHECK (priority IN ('none', 'low', 'medium', 'high', 'urgent')),
  tags TEXT NOT NULL DEFAULT '[]',
  created_at BIGINT NOT NULL
);
CREATE INDEX routing_rules_workspace ON routing_rules(workspace_id, position);
CREATE TABLE team_routing (
  workspace_id BIGINT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  team_id BIGINT NOT NULL,
  fallback TEXT NOT NULL DEFAULT 'workspace' CHECK (fallback IN ('workspace', 'queue')),
  reassign_offline BOOLEAN NOT NULL DEFAULT false,
  reassign_after_minutes INTEGER NOT NULL DEFAULT 0,
  remind_after_seconds INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, team_id)
);
CREATE TABLE conversation_routing (
  conversation_id BIGINT PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
  workspace_id BIGINT NOT NULL,
  assigned_agent_id BIGINT,
  assigned_at BIGINT,
  reminded_at BIGINT
);
)sql";

// Proactive messages by rule (issue 13): SQLite's migration 10, same tables and meaning.
const char* kPgProactiveRules = R"sql(
CREATE TABLE proactive_rules (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id BIGINT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  enabled BOOLEAN NOT NULL DEFAULT true,
  priority INTEGER NOT NULL DEFAULT 0,
  conditions TEXT NOT NULL DEFAULT '[]',
  sender_agent_id BIGINT REFERENCES agents(id) ON DELETE SET NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  shown_count BIGINT NOT NULL DEFAULT 0,
  opened_count BIGINT NOT NULL DEFAULT 0,
  replied_count BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX proactive_rules_workspace ON proactive_rules(workspace_id, priority);
CREATE TABLE proactive_deliveries (
  rule_id BIGINT NOT NULL REFERENCES proactive_rules(id) ON DELETE CASCADE,
  contact_id BIGINT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  workspace_id BIGINT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  claimed_at BIGINT NOT NULL,
  conversation_id BIGINT,
  message_id BIGINT,
  opened_at BIGINT,
  replied_at BIGINT,
  PRIMARY KEY (rule_id, contact_id)
);
CREATE INDEX proactive_deliveries_contact ON proactive_deliveries(contact_id);
CREATE INDEX proactive_deliveries_unreplied ON proactive_deliveries(conversation_id) WHERE replied_at IS NULL;
CREATE TABLE proactive_caps (
  contact_id BIGINT PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
  workspace_id BIGINT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  last_at BIGINT NOT NULL
);
CREATE TABLE proactive_settings (
  workspace_id BIGINT PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
  cap_hours BIGINT NOT NULL
);
)sql";

// Campaigns to segments (issue 13): as SQLite's migration 11.
constexpr const char* kPgCampaigns = R"sql(
CREATE TABLE segments (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id BIGINT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  definition TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX segments_workspace ON segments(workspace_id);
CREATE TABLE campaigns (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id BIGINT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  segment_id BIGINT REFERENCES segments(id) ON DELETE SET NULL,
  sender_agent_id BIGINT REFERENCES agents(id) ON DELETE SET NULL,
  body TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'scheduled', 'sending', 'sent', 'cancelled')),
  scheduled_at BIGINT,
  started_at BIGINT,
  finished_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX campaigns_workspace ON campaigns(workspace_id);
CREATE INDEX campaigns_state ON campaigns(state, scheduled_at);
CREATE TABLE campaign_recipients (
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  contact_id BIGINT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  workspace_id BIGINT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'claimed', 'delivered', 'failed')),
  claimed_until BIGINT,
  conversation_id BIGINT,
  message_seq BIGINT,
  delivered_at BIGINT,
  PRIMARY KEY (campaign_id, contact_id)
);
CREATE INDEX campaign_recipients_contact ON campaign_recipients(contact_id);
)sql";

// The knowledge base (issue 14): as SQLite's migration 12; search is a stored tsvector ('english': stems, so
// "resetting" finds "reset"; the title weighs more) with a GIN index.
constexpr const char* kPgArticles = R"sql(
CREATE TABLE article_categories (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id BIGINT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  slug TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT article_categories_slug_unique UNIQUE (workspace_id, slug)
);
CREATE TABLE articles (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id BIGINT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  category_id BIGINT REFERENCES article_categories(id) ON DELETE SET NULL,
  title TEXT NOT NULL,
  slug TEXT NOT NULL,
  body_markdown TEXT NOT NULL,
  body_html TEXT NOT NULL,
  body_text TEXT NOT NULL,
  excerpt TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  published_at BIGINT,
  views BIGINT NOT NULL DEFAULT 0,
  helpful_yes BIGINT NOT NULL DEFAULT 0,
  helpful_no BIGINT NOT NULL DEFAULT 0,
  search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body_text), 'B')) STORED,
  CONSTRAINT articles_slug_unique UNIQUE (workspace_id, slug)
);
CREATE INDEX articles_updated ON articles(workspace_id, updated_at DESC, id DESC);
CREATE INDEX articles_category ON articles(category_id);
CREATE INDEX articles_search ON articles USING GIN (search);
CREATE TABLE article_votes (
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  voter TEXT NOT NULL,
  workspace_id BIGINT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  helpful BOOLEAN NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (article_id, voter)
);
)sql";

const std::vector<std::pair<int, const char*>> kPgMigrations = {
    {1, kAccounts},
    {2, kConversations},
    {3, kSessionChanges},
    {4, kPgRouting},
    {5, kPgProactiveRules},
    {6, kPgCampaigns},
    {7, kPgArticles},
    {8, kPostgresBotSchema},
    {9, kPostgresBotReportSchema},
    {10, kPostgresApiTokenSchema},
    {11, kPostgresWebhookSchema},
    {12, kPostgresMailSchema},
    {13, kPostgresAgentDigestSchema},
    {14, kPostgresTwoFactorSchema},
    {15, kPostgresAuditLogSchema},
    {16, kPostgresBlockSchema},
    {17, kPostgresPrivacySchema},
    {18, kReportIndexesSchema},
};

// pg_advisory_xact_lock's key: any constant no other user of the database takes ("parley" in ASCII).
constexpr std::int64_t kMigrationLock = 0x7061726c6579;

std::int64_t nowMillis() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

const std::vector<std::pair<int, const char*>>& postgresMigrations() { return kPgMigrations; }

int applyPostgresMigrations(pg::Connection& c) {
  // One transaction under an advisory lock: a second process migrating at the same moment waits,
  // then finds every version recorded. DDL is transactional here, so a failed script leaves
  // nothing half made.
  pg::Tx tx(c);
  c.exec("SELECT pg_advisory_xact_lock($1)", kMigrationLock);
  c.script(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      "version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
  int current = static_cast<int>(c.exec("SELECT coalesce(max(version), 0) FROM schema_migrations").i64(0, 0));
  const int latest = kPgMigrations.empty() ? 0 : kPgMigrations.back().first;
  if (current > latest) {
    throw std::runtime_error("database schema version " + std::to_string(current) + " is newer than this binary (" +
                             std::to_string(latest) + ")");
  }
  for (const auto& [version, script] : kPgMigrations) {
    if (version <= current) continue;
    c.script(script);
    c.exec("INSERT INTO schema_migrations(version, applied_at) VALUES ($1, $2)", version, nowMillis());
    current = version;
  }
  tx.commit();
  return current;
}

}  // namespace parley
