// PrivacyStore on SQLite (store/privacy_store.h). Erasure and retention mark what goes in a TEMP
// table (the doomed conversations) and delete from there, so both take the same steps. With
// PRAGMA secure_delete (sqlite_db.cpp) freed space is zeroed; scrubDeleted() then merges the search
// index (FTS5 keeps a deleted message's words until its segments merge) and checkpoints the WAL,
// whose old page images still hold the text, back to zero bytes.
#include "domain/retention.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store.h"

namespace parley {

using sqlite::Tx;

namespace {

constexpr Millis kPrivacyDayMs = kRetentionDayMs;

void privacyResetDoomed(sqlite::Db& db) {
  db.exec(
      "CREATE TEMP TABLE IF NOT EXISTS privacy_doomed (id INTEGER PRIMARY KEY);"
      "CREATE TEMP TABLE IF NOT EXISTS privacy_doomed_contacts (id INTEGER PRIMARY KEY);"
      "DELETE FROM privacy_doomed; DELETE FROM privacy_doomed_contacts;");
}

// Deletes the doomed conversations (and the doomed contacts, after them) with every row that carries
// their text. Expects mu_ held and a transaction open.
void privacyPurgeDoomed(sqlite::Db& db, Id workspace_id, const std::string& epoch, ErasureOutcome& out) {
  db.query(
        "INSERT OR IGNORE INTO privacy_doomed(id) SELECT id FROM conversations "
        "WHERE workspace_id = ?1 AND contact_id IN (SELECT id FROM privacy_doomed_contacts)")
      .bind(workspace_id)
      .run();
  {
    auto q = db.query(
        "SELECT attachments FROM messages WHERE conversation_id IN (SELECT id FROM privacy_doomed) "
        "AND attachments <> '[]'");
    while (q.step()) out.attachment_lists.push_back(q.text(0));
  }
  {
    auto q = db.query("SELECT count(*) FROM messages WHERE conversation_id IN (SELECT id FROM privacy_doomed)");
    if (q.step()) out.messages += q.i64(0);
  }
  // Webhook delivery logs keep the request body; their event id is "<epoch>:<offset>[:<type>]".
  db.query(
        "DELETE FROM webhook_deliveries WHERE workspace_id = ?1 AND kind <> 'test' "
        "AND event_id LIKE ?2 || ':%' AND CAST(substr(event_id, length(?2) + 2) AS INTEGER) IN "
        "(SELECT \"offset\" FROM events WHERE workspace_id = ?1 AND conversation_id IN (SELECT id FROM privacy_doomed))")
      .bind(workspace_id, epoch)
      .run();
  db.query("DELETE FROM mail_outbox WHERE workspace_id = ?1 AND conversation_id IN (SELECT id FROM privacy_doomed)")
      .bind(workspace_id)
      .run();
  db.query(
        "DELETE FROM agent_digest_items WHERE workspace_id = ?1 AND conversation_id IN (SELECT id FROM privacy_doomed)")
      .bind(workspace_id)
      .run();
  db.query("DELETE FROM webhook_csat_reported WHERE conversation_id IN (SELECT id FROM privacy_doomed)").run();
  // Messages first: the trigger takes indexed ones out of messages_fts while it still has the text.
  db.query("DELETE FROM messages WHERE conversation_id IN (SELECT id FROM privacy_doomed)").run();
  // Events, routing, bot state and email continuity go with their conversation (ON DELETE CASCADE).
  db.query("DELETE FROM conversations WHERE workspace_id = ?1 AND id IN (SELECT id FROM privacy_doomed)")
      .bind(workspace_id)
      .run();
  out.conversations += db.changes();
  {
    auto q = db.query("SELECT count(*) FROM page_views WHERE contact_id IN (SELECT id FROM privacy_doomed_contacts)");
    if (q.step()) out.page_views += q.i64(0);
  }
  db.query("DELETE FROM article_votes WHERE workspace_id = ?1 AND voter IN "
           "(SELECT 'c:' || id FROM privacy_doomed_contacts)")
      .bind(workspace_id)
      .run();
  // Page views, visitor tokens, campaign and proactive rows go with their contact.
  db.query("DELETE FROM contacts WHERE workspace_id = ?1 AND id IN (SELECT id FROM privacy_doomed_contacts)")
      .bind(workspace_id)
      .run();
  out.contacts += db.changes();
}

}  // namespace

std::optional<ErasureOutcome> SqliteStore::eraseContact(Id workspace_id, Id contact_id) {
  std::lock_guard lock(mu_);
  Tx tx(*db_);
  if (!loadContact(workspace_id, contact_id)) return std::nullopt;
  privacyResetDoomed(*db_);
  db_->query("INSERT INTO privacy_doomed_contacts(id) VALUES (?1)").bind(contact_id).run();
  ErasureOutcome out;
  privacyPurgeDoomed(*db_, workspace_id, epoch_, out);
  tx.commit();
  return out;
}

RetentionSettings SqliteStore::retentionSettings(Id workspace_id) {
  std::lock_guard lock(mu_);
  auto q = db_->query(
      "SELECT conversation_days, page_view_days, anonymous_contact_days, updated_at FROM retention_settings "
      "WHERE workspace_id = ?1");
  q.bind(workspace_id);
  RetentionSettings s;
  if (!q.step()) return s;
  s.conversation_days = static_cast<int>(q.i64(0));
  s.page_view_days = static_cast<int>(q.i64(1));
  s.anonymous_contact_days = static_cast<int>(q.i64(2));
  s.updated_at = q.i64(3);
  return s;
}

void SqliteStore::saveRetentionSettings(Id workspace_id, const RetentionSettings& s, Millis now) {
  std::lock_guard lock(mu_);
  db_->query(
         "INSERT INTO retention_settings(workspace_id, conversation_days, page_view_days, anonymous_contact_days, "
         "next_run_at, updated_at) VALUES (?1, ?2, ?3, ?4, 0, ?5) ON CONFLICT(workspace_id) DO UPDATE SET "
         "conversation_days = excluded.conversation_days, page_view_days = excluded.page_view_days, "
         "anonymous_contact_days = excluded.anonymous_contact_days, next_run_at = 0, updated_at = excluded.updated_at")
      .bind(workspace_id, s.conversation_days, s.page_view_days, s.anonymous_contact_days, now)
      .run();
}

std::vector<Id> SqliteStore::claimRetentionRuns(Millis now, Millis lease_until, int limit) {
  std::lock_guard lock(mu_);
  Tx tx(*db_);
  std::vector<Id> out;
  {
    auto q = db_->query(
        "UPDATE retention_settings SET next_run_at = ?2 WHERE workspace_id IN (SELECT workspace_id FROM "
        "retention_settings WHERE next_run_at <= ?1 AND (conversation_days > 0 OR page_view_days > 0 OR "
        "anonymous_contact_days > 0) ORDER BY next_run_at LIMIT ?3) RETURNING workspace_id");
    q.bind(now, lease_until, limit);
    while (q.step()) out.push_back(q.i64(0));
  }
  tx.commit();
  return out;
}

ErasureOutcome SqliteStore::applyRetention(Id workspace_id, Millis now, int limit) {
  std::lock_guard lock(mu_);
  Tx tx(*db_);
  ErasureOutcome out;
  RetentionSettings s;
  {
    auto q = db_->query(
        "SELECT conversation_days, page_view_days, anonymous_contact_days FROM retention_settings "
        "WHERE workspace_id = ?1");
    q.bind(workspace_id);
    if (!q.step()) return out;
    s.conversation_days = static_cast<int>(q.i64(0));
    s.page_view_days = static_cast<int>(q.i64(1));
    s.anonymous_contact_days = static_cast<int>(q.i64(2));
  }
  privacyResetDoomed(*db_);
  if (s.conversation_days > 0) {
    db_->query(
           "INSERT INTO privacy_doomed(id) SELECT id FROM conversations WHERE workspace_id = ?1 AND updated_at < ?2 "
           "ORDER BY updated_at LIMIT ?3")
        .bind(workspace_id, now - s.conversation_days * kPrivacyDayMs, limit)
        .run();
  }
  if (s.anonymous_contact_days > 0) {
    db_->query(
           "INSERT INTO privacy_doomed_contacts(id) SELECT c.id FROM contacts c WHERE c.workspace_id = ?1 "
           "AND c.last_seen_at < ?2 AND c.external_id IS NULL AND c.email IS NULL AND c.name IS NULL "
           "AND NOT EXISTS (SELECT 1 FROM conversations cv JOIN messages m ON m.conversation_id = cv.id "
           "WHERE cv.contact_id = c.id AND m.sender_type = 'visitor') ORDER BY c.last_seen_at LIMIT ?3")
        .bind(workspace_id, now - s.anonymous_contact_days * kPrivacyDayMs, limit)
        .run();
  }
  privacyPurgeDoomed(*db_, workspace_id, epoch_, out);
  if (s.page_view_days > 0) {
    db_->query(
           "DELETE FROM page_views WHERE id IN (SELECT id FROM page_views WHERE workspace_id = ?1 "
           "AND created_at < ?2 ORDER BY created_at LIMIT ?3)")
        .bind(workspace_id, now - s.page_view_days * kPrivacyDayMs, limit)
        .run();
    out.page_views += db_->changes();
  }
  tx.commit();
  return out;
}

void SqliteStore::scrubDeleted() {
  std::lock_guard lock(mu_);
  // 'optimize' rewrites the index as one segment without the deleted entries; secure_delete zeroes
  // the pages the old segments used. Then the WAL, which still holds the pages as they were.
  db_->exec("INSERT INTO messages_fts(messages_fts) VALUES ('optimize');");
  db_->exec("PRAGMA wal_checkpoint(TRUNCATE);");
}

}  // namespace parley
