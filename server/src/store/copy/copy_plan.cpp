#include "store/copy/copy_plan.h"

namespace parley::copy {

namespace {

// Parents before children: workspaces, then what hangs off them. events.message_id and
// messages.sender_id have no foreign key, so only their tables' own parents matter.
constexpr CopiedTableRule kCopied[] = {
    {"workspaces", {}, "settings, widget secrets, allowed origins"},
    {"agents", {}, "password hashes, roles, capacity, preferences"},
    {"agent_sessions", {}, "copied: agents stay logged in"},
    {"agent_two_factor", {}, "sealed TOTP secrets (the key is in meta, copied too) and the last step used"},
    {"agent_recovery_codes", {}, "hashes only"},
    {"teams"},
    {"team_members"},
    {"contacts", {}, "attributes and first visitor token"},
    {"visitor_tokens", {}, "every device's widget token"},
    {"page_views"},
    {"conversations"},
    {"messages", {}, "seq, visitor_seq, client_id, attachments metadata; the search column is computed"},
    {"events", {}, "offsets kept"},
    {"canned_replies"},
    {"routing_rules"},
    {"team_routing"},
    {"conversation_routing"},
    {"proactive_rules", {}, "counts kept"},
    {"proactive_deliveries", {}, "the once-per-rule caps"},
    {"proactive_caps"},
    {"proactive_settings"},
    {"segments"},
    {"campaigns"},
    {"campaign_recipients", {}, "claims and deliveries kept"},
    {"article_categories"},
    {"articles", {}, "views and votes kept; the search column is computed"},
    {"article_votes"},
    {"bot_settings", {}, "the AI key too"},
    {"bot_conversations", {}, "the bot's state per chat"},
    {"bot_unanswered", {}, "the questions the bot could not answer, with counts"},
    {"api_tokens", {}, "hashes only: the tokens keep working"},
    {"webhooks", {}, "secrets, cursors into the event log (offsets are kept), failure runs and pauses; leases too"},
    {"webhook_deliveries", {}, "the delivery log"},
    {"webhook_csat_reported", {}, "the ratings each subscription has reported"},
    {"mail_outbox", {}, "queued, sent and failed emails with their bytes, retries and leases"},
    {"conversation_email", {}, "the replies already emailed to each visitor and when the next email is due"},
    {"agent_digest_items", {}, "agents' notifications waiting for their digest email"},
    {"audit_log", {}, "every entry; append-only on both sides"},
    {"blocks", {}, "blocked contacts and address ranges"},
    {"retention_settings", {}, "each workspace's retention rules and the retention job's next run"},
    {"meta", "ON CONFLICT (key) DO UPDATE SET value = excluded.value", "epoch and installation secrets"},
};

constexpr SkippedTableRule kSkipped[] = {
    {"schema_migrations", "each backend numbers its own migrations; the target's schema comes from PostgreSQL's"},
    {"search_progress", "SQLite's search indexing watermark; PostgreSQL computes messages.search itself"},
    {"messages_fts", "SQLite's FTS5 index; PostgreSQL computes messages.search itself"},
    {"articles_fts", "SQLite's FTS5 index of articles; PostgreSQL computes articles.search itself"},
};

}  // namespace

std::span<const CopiedTableRule> copiedTables() { return kCopied; }
std::span<const SkippedTableRule> skippedTables() { return kSkipped; }

bool isSqliteInternalTable(std::string_view name) { return name.substr(0, 7) == "sqlite_"; }

bool isSearchIndexShadowTable(std::string_view name) {
  for (std::string_view index : {"messages_fts", "articles_fts"})
    for (std::string_view suffix : {"_data", "_idx", "_docsize", "_config", "_content"})
      if (name.size() == index.size() + suffix.size() && name.substr(0, index.size()) == index &&
          name.substr(index.size()) == suffix)
        return true;
  return false;
}

}  // namespace parley::copy
