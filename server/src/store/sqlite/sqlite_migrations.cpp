#include "store/sqlite/sqlite_migrations.h"

#include <stdexcept>

#include "store/sqlite/sqlite_api_token_schema.h"
#include "store/sqlite/sqlite_audit_schema.h"
#include "store/sqlite/sqlite_bot_schema.h"
#include "store/sqlite/sqlite_bot_report_schema.h"
#include "store/sqlite/sqlite_mail_schema.h"
#include "store/sqlite/sqlite_two_factor_schema.h"
#include "store/sqlite/sqlite_privacy_schema.h"
#include "store/sqlite/sqlite_webhook_schema.h"
#include "store/sqlite/sqlite_db.h"
#include "store/report_sql.h"
#include "store/sqlite/sqlite_rows.h"
#include "store/store_random.h"

namespace parley {

namespace {

// Times are INTEGER milliseconds since the epoch. JSON columns hold text the store writes itself.
constexpr const char* kCore = R"sql(
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE workspaces (
  id INTEGER PRIMARY KEY,
  public_id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  settings TEXT NOT NULL DEFAULT '{}',
  hmac_secret TEXT NOT NULL,
  allowed_origins TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL
);

-- Emails are stored lower-cased: UNIQUE then means unique regardless of case.
CREATE TABLE agents (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT 'agent' CHECK (role IN ('admin', 'agent')),
  capacity INTEGER NOT NULL DEFAULT 5,
  presence TEXT NOT NULL DEFAULT 'offline',
  avatar_url TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL
);
CREATE INDEX agents_workspace ON agents(workspace_id);

CREATE TABLE agent_sessions (
  token_hash TEXT PRIMARY KEY,
  agent_id INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX agent_sessions_agent ON agent_sessions(agent_id);

CREATE TABLE teams (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name TEXT NOT NULL
);
CREATE INDEX teams_workspace ON teams(workspace_id);

CREATE TABLE team_members (
  team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  agent_id INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  PRIMARY KEY (team_id, agent_id)
) WITHOUT ROWID;
CREATE INDEX team_members_agent ON team_members(agent_id);

-- visitor_token_hash is NULL for contacts without a widget token (e.g. merged away).
CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  visitor_token_hash TEXT UNIQUE,
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
  first_seen_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  UNIQUE (workspace_id, external_id)
);
CREATE INDEX contacts_last_seen ON contacts(workspace_id, last_seen_at);

CREATE TABLE page_views (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  referrer TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
CREATE INDEX page_views_contact ON page_views(contact_id, created_at);

CREATE TABLE conversations (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'snoozed', 'resolved')),
  priority TEXT NOT NULL DEFAULT 'none' CHECK (priority IN ('none', 'low', 'medium', 'high', 'urgent')),
  assignee_id INTEGER REFERENCES agents(id) ON DELETE SET NULL,
  team_id INTEGER REFERENCES teams(id) ON DELETE SET NULL,
  tags TEXT NOT NULL DEFAULT '[]',
  last_seq INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  first_reply_at INTEGER,
  resolved_at INTEGER,
  waiting_since INTEGER,
  snoozed_until INTEGER,
  visitor_last_read_seq INTEGER NOT NULL DEFAULT 0,
  agent_last_read_seq INTEGER NOT NULL DEFAULT 0,
  last_message_body TEXT,
  last_message_sender_type TEXT,
  last_message_at INTEGER,
  csat_score INTEGER,
  csat_comment TEXT
);
CREATE INDEX conversations_list ON conversations(workspace_id, status, updated_at);
CREATE INDEX conversations_updated ON conversations(workspace_id, updated_at);
CREATE INDEX conversations_contact ON conversations(contact_id, status);
CREATE INDEX conversations_snoozed ON conversations(snoozed_until) WHERE snoozed_until IS NOT NULL;

-- The second UNIQUE makes a resend with the same client_id impossible to store twice.
CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  sender_type TEXT NOT NULL CHECK (sender_type IN ('visitor', 'agent', 'bot', 'system')),
  sender_id INTEGER,
  body TEXT NOT NULL,
  private INTEGER NOT NULL DEFAULT 0,
  client_id TEXT,
  attachments TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL,
  UNIQUE (conversation_id, seq),
  UNIQUE (conversation_id, sender_type, sender_id, client_id)
);

-- AUTOINCREMENT: offsets are never reused, even after the newest event row is deleted.
CREATE TABLE events (
  "offset" INTEGER PRIMARY KEY AUTOINCREMENT,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  message_id INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX events_workspace ON events(workspace_id, "offset");
)sql";

// External-content FTS: the text lives once, in messages; triggers keep the index in step.
constexpr const char* kMessageSearch = R"sql(
CREATE VIRTUAL TABLE messages_fts USING fts5(
  body, content='messages', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
  INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
  INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body);
END;
INSERT INTO messages_fts(messages_fts) VALUES ('rebuild');
)sql";

constexpr const char* kCannedReplies = R"sql(
CREATE TABLE canned_replies (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  shortcut TEXT NOT NULL,
  body TEXT NOT NULL,
  UNIQUE (workspace_id, shortcut)
);
)sql";

// Several tokens per contact: each device that identifies as the same user keeps its own token
// (contacts.visitor_token_hash stays the first one).
constexpr const char* kVisitorTokens = R"sql(
CREATE TABLE visitor_tokens (
  token_hash TEXT PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL
);
CREATE INDEX visitor_tokens_contact ON visitor_tokens(contact_id);
)sql";

// Messages are indexed once per batch by appendMessages instead of by a trigger per row: FTS5
// work per statement was a fifth of the hot path's instructions (docs/benchmarks.md).
constexpr const char* kBatchIndexing = R"sql(
DROP TRIGGER messages_fts_insert;
)sql";

// Indexing is deferred to batches of messages (and to the next search): the watermark says which
// rows messages_fts holds, and deleting or editing a row it does not hold must not touch it (an
// external-content 'delete' of a row that was never inserted corrupts the index).
constexpr const char* kDeferredIndexing = R"sql(
CREATE TABLE search_progress (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  indexed_upto INTEGER NOT NULL
);
INSERT INTO search_progress(id, indexed_upto) VALUES (1, (SELECT coalesce(max(id), 0) FROM messages));
DROP TRIGGER messages_fts_delete;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages
WHEN old.id <= (SELECT indexed_upto FROM search_progress) BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;
DROP TRIGGER messages_fts_update;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages
WHEN old.id <= (SELECT indexed_upto FROM search_progress) BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
  INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body);
END;
)sql";

// Visitors count messages in their own sequence: public messages only, without gaps. With one seq
// for everything, a visitor who saw seq 3 and then seq 5 knew an agent had written a private note
// in between (issue 9). Agents keep `seq`; visitors see `visitor_seq` as "seq", and the read
// markers are kept in both counts. The epoch is renewed: a visitor's stored cursor was counted
// the old way, and a new epoch makes every client reload instead of resuming from it.
constexpr const char* kVisitorSeq = R"sql(
ALTER TABLE messages ADD COLUMN visitor_seq INTEGER;
ALTER TABLE conversations ADD COLUMN visitor_last_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN visitor_read_vseq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN agent_read_vseq INTEGER NOT NULL DEFAULT 0;
WITH numbered AS (
  SELECT id, row_number() OVER (PARTITION BY conversation_id ORDER BY seq) AS n FROM messages WHERE private = 0
)
UPDATE messages SET visitor_seq = numbered.n FROM numbered WHERE numbered.id = messages.id;
CREATE UNIQUE INDEX messages_visitor_seq ON messages(conversation_id, visitor_seq) WHERE visitor_seq IS NOT NULL;
UPDATE conversations SET
  visitor_last_seq = coalesce((SELECT max(visitor_seq) FROM messages m WHERE m.conversation_id = conversations.id), 0),
  visitor_read_vseq = coalesce((SELECT max(visitor_seq) FROM messages m WHERE m.conversation_id = conversations.id
                                AND m.seq <= conversations.visitor_last_read_seq), 0),
  agent_read_vseq = coalesce((SELECT max(visitor_seq) FROM messages m WHERE m.conversation_id = conversations.id
                              AND m.seq <= conversations.agent_last_read_seq), 0);
UPDATE meta SET value = lower(hex(randomblob(16))) WHERE key = 'epoch';
)sql";

// Each agent's own settings (issue 10): notification preferences as a JSON object the API checks.
// A column of its own, so the agents row's other writers (PATCH, role changes) never touch it.
constexpr const char* kAgentPreferences = R"sql(
ALTER TABLE agents ADD COLUMN preferences TEXT NOT NULL DEFAULT '{}';
)sql";

// Routing (issue 13, item 4): a workspace's ordered rules (conditions and tags as JSON arrays, read
// by domain/routing_rule), each team's routing settings (team_id 0: conversations without a team),
// and per conversation when its present assignee got it and whether the team was reminded of it.
constexpr const char* kRouting = R"sql(
CREATE TABLE routing_rules (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  conditions TEXT NOT NULL DEFAULT '[]',
  team_id INTEGER REFERENCES teams(id) ON DELETE SET NULL,
  priority TEXT CHECK (priority IN ('none', 'low', 'medium', 'high', 'urgent')),
  tags TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL
);
CREATE INDEX routing_rules_workspace ON routing_rules(workspace_id, position);
CREATE TABLE team_routing (
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  team_id INTEGER NOT NULL,
  fallback TEXT NOT NULL DEFAULT 'workspace' CHECK (fallback IN ('workspace', 'queue')),
  reassign_offline INTEGER NOT NULL DEFAULT 0,
  reassign_after_minutes INTEGER NOT NULL DEFAULT 0,
  remind_after_seconds INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, team_id)
);
CREATE TABLE conversation_routing (
  conversation_id INTEGER PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
  workspace_id INTEGER NOT NULL,
  assigned_agent_id INTEGER,
  assigned_at INTEGER,
  reminded_at INTEGER
);
)sql";

// Proactive messages by rule (issue 13). Conditions are JSON the API checked (wire/proactive_rule_json.h). A
// delivery row is a rule's one chance with a contact (the primary key is the once-per-rule cap); the cap row is
// the contact's last proactive message (the workspace-wide cap). Counts live on the rule row.
constexpr const char* kProactiveRules = R"sql(
CREATE TABLE proactive_rules (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  priority INTEGER NOT NULL DEFAULT 0,
  conditions TEXT NOT NULL DEFAULT '[]',
  sender_agent_id INTEGER REFERENCES agents(id) ON DELETE SET NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  shown_count INTEGER NOT NULL DEFAULT 0,
  opened_count INTEGER NOT NULL DEFAULT 0,
  replied_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX proactive_rules_workspace ON proactive_rules(workspace_id, priority);
CREATE TABLE proactive_deliveries (
  rule_id INTEGER NOT NULL REFERENCES proactive_rules(id) ON DELETE CASCADE,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  claimed_at INTEGER NOT NULL,
  conversation_id INTEGER,
  message_id INTEGER,
  opened_at INTEGER,
  replied_at INTEGER,
  PRIMARY KEY (rule_id, contact_id)
);
CREATE INDEX proactive_deliveries_contact ON proactive_deliveries(contact_id);
CREATE INDEX proactive_deliveries_unreplied ON proactive_deliveries(conversation_id) WHERE replied_at IS NULL;
CREATE TABLE proactive_caps (
  contact_id INTEGER PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  last_at INTEGER NOT NULL
);
CREATE TABLE proactive_settings (
  workspace_id INTEGER PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
  cap_hours INTEGER NOT NULL
);
)sql";

// Campaigns to segments (issue 13): saved segments (their conditions as JSON, domain/segment.h),
// campaigns, and one row per (campaign, contact) targeted: the primary key makes a contact a
// campaign's recipient once; state and claimed_until make each delivery one node's (lease).
constexpr const char* kCampaigns = R"sql(
CREATE TABLE segments (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  definition TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX segments_workspace ON segments(workspace_id);
CREATE TABLE campaigns (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  segment_id INTEGER REFERENCES segments(id) ON DELETE SET NULL,
  sender_agent_id INTEGER REFERENCES agents(id) ON DELETE SET NULL,
  body TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'scheduled', 'sending', 'sent', 'cancelled')),
  scheduled_at INTEGER,
  started_at INTEGER,
  finished_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX campaigns_workspace ON campaigns(workspace_id);
CREATE INDEX campaigns_state ON campaigns(state, scheduled_at);
CREATE TABLE campaign_recipients (
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'claimed', 'delivered', 'failed')),
  claimed_until INTEGER,
  conversation_id INTEGER,
  message_seq INTEGER,
  delivered_at INTEGER,
  PRIMARY KEY (campaign_id, contact_id)
);
CREATE INDEX campaign_recipients_contact ON campaign_recipients(contact_id);
)sql";

// The knowledge base (issue 14): categories, articles with their rendered body and plain text (FTS5 indexes
// title and text, kept in step by triggers: articles change rarely), and one vote row per (article, voter).
constexpr const char* kArticles = R"sql(
CREATE TABLE article_categories (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  slug TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL DEFAULT 0,
  UNIQUE (workspace_id, slug)
);
CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  category_id INTEGER REFERENCES article_categories(id) ON DELETE SET NULL,
  title TEXT NOT NULL,
  slug TEXT NOT NULL,
  body_markdown TEXT NOT NULL,
  body_html TEXT NOT NULL,
  body_text TEXT NOT NULL,
  excerpt TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  published_at INTEGER,
  views INTEGER NOT NULL DEFAULT 0,
  helpful_yes INTEGER NOT NULL DEFAULT 0,
  helpful_no INTEGER NOT NULL DEFAULT 0,
  UNIQUE (workspace_id, slug)
);
CREATE INDEX articles_updated ON articles(workspace_id, updated_at DESC, id DESC);
CREATE INDEX articles_category ON articles(category_id);
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, body_text, content='articles', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, body_text) VALUES (new.id, new.title, new.body_text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, body_text) VALUES ('delete', old.id, old.title, old.body_text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body_text ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, body_text) VALUES ('delete', old.id, old.title, old.body_text);
  INSERT INTO articles_fts(rowid, title, body_text) VALUES (new.id, new.title, new.body_text);
END;
CREATE TABLE article_votes (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  voter TEXT NOT NULL,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  helpful INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (article_id, voter)
);
)sql";

const std::vector<std::pair<int, const char*>> kMigrations = {
    {1, kCore},
    {2, kMessageSearch},
    {3, kCannedReplies},
    {4, kVisitorTokens},
    {5, kBatchIndexing},
    {6, kDeferredIndexing},
    {7, kVisitorSeq},
    {8, kAgentPreferences},
    {9, kRouting},
    {10, kProactiveRules},
    {11, kCampaigns},
    {12, kArticles},
    {13, kSqliteBotSchema},
    {14, kSqliteBotReportSchema},
    {15, kSqliteApiTokenSchema},
    {16, kSqliteWebhookSchema},
    {17, kSqliteMailSchema},
    {18, kSqliteAgentDigestSchema},
    {19, kSqliteTwoFactorSchema},
    {20, kSqliteAuditLogSchema},
    {21, kSqliteBlockSchema},
    {22, kSqlitePrivacySchema},
    {23, kReportIndexesSchema},
};

}  // namespace

const std::vector<std::pair<int, const char*>>& sqliteMigrations() { return kMigrations; }

int applySqliteMigrations(sqlite::Db& db) {
  db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      "version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
  int current = 0;
  {
    auto q = db.query("SELECT coalesce(max(version), 0) FROM schema_migrations");
    if (q.step()) current = static_cast<int>(q.i64(0));
  }
  int latest = kMigrations.empty() ? 0 : kMigrations.back().first;
  if (current > latest) {
    throw std::runtime_error("database schema version " + std::to_string(current) +
                             " is newer than this binary (" + std::to_string(latest) + ")");
  }
  for (const auto& [version, script] : kMigrations) {
    if (version <= current) continue;
    // BEGIN IMMEDIATE: two processes migrating at once serialise here, and the loser then finds
    // the version already recorded instead of applying it twice.
    sqlite::Tx tx(db);
    bool applied = false;
    {
      auto seen = db.query("SELECT 1 FROM schema_migrations WHERE version = ?1");
      applied = seen.bind(version).step();
    }
    if (!applied) {
      db.exec(script);
      db.query("INSERT INTO schema_migrations(version, applied_at) VALUES (?1, ?2)")
          .bind(version, sqlite::nowMillis())
          .run();
    }
    tx.commit();
    current = version;
  }
  // The epoch names this database for resume cursors; made once, renewed only by a migration
  // that changes what a cursor means (7).
  db.query("INSERT OR IGNORE INTO meta(key, value) VALUES ('epoch', ?1)").bind(storeRandomHex(16)).run();
  return current;
}

int migrateSqlite(const std::string& path) {
  sqlite::Db db(path);
  return applySqliteMigrations(db);
}

}  // namespace parley
