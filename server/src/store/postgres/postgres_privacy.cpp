// PrivacyStore on PostgreSQL (store/privacy_store.h): the same steps as sqlite_privacy.cpp, with the
// doomed ids as arrays. messages.search is a generated column of the row, so the search index entry
// goes with the message; the space is reclaimed by (auto)vacuum (docs/privacy.md).
#include "domain/retention.h"
#include "store/postgres/pg_pool.h"
#include "store/postgres/postgres_store.h"

namespace parley {

namespace {

constexpr Millis kPgPrivacyDayMs = kRetentionDayMs;

std::vector<Id> pgPrivacyIds(const pg::Result& r) {
  std::vector<Id> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back(r.i64(i, 0));
  return out;
}

// Deletes the conversations and contacts (and the contacts' conversations) with every row that
// carries their text, inside the caller's transaction.
void pgPrivacyPurge(pg::Connection& c, Id workspace_id, const std::string& epoch, std::vector<Id> conversations,
                    const std::vector<Id>& contacts, ErasureOutcome& out) {
  if (!contacts.empty()) {
    auto more = pgPrivacyIds(c.exec(
        "SELECT id FROM conversations WHERE workspace_id = $1 AND contact_id = ANY($2::bigint[]) ORDER BY id FOR UPDATE",
        workspace_id, contacts));
    conversations.insert(conversations.end(), more.begin(), more.end());
  }
  if (!conversations.empty()) {
    auto files = c.exec(
        "SELECT attachments FROM messages WHERE conversation_id = ANY($1::bigint[]) AND attachments <> '[]'",
        conversations);
    for (int i = 0; i < files.rows(); ++i) out.attachment_lists.push_back(files.text(i, 0));
    c.exec(
        "DELETE FROM webhook_deliveries WHERE workspace_id = $1 AND kind <> 'test' AND event_id LIKE $2 || ':%' "
        "AND split_part(event_id, ':', 2) IN (SELECT \"offset\"::text FROM events WHERE workspace_id = $1 "
        "AND conversation_id = ANY($3::bigint[]))",
        workspace_id, epoch, conversations);
    c.exec("DELETE FROM mail_outbox WHERE workspace_id = $1 AND conversation_id = ANY($2::bigint[])", workspace_id,
           conversations);
    c.exec("DELETE FROM agent_digest_items WHERE workspace_id = $1 AND conversation_id = ANY($2::bigint[])",
           workspace_id, conversations);
    c.exec("DELETE FROM webhook_csat_reported WHERE conversation_id = ANY($1::bigint[])", conversations);
    out.messages += c.exec("DELETE FROM messages WHERE conversation_id = ANY($1::bigint[])", conversations).affected();
    // Events, routing, bot state and email continuity go with their conversation (ON DELETE CASCADE).
    out.conversations +=
        c.exec("DELETE FROM conversations WHERE workspace_id = $1 AND id = ANY($2::bigint[])", workspace_id,
               conversations)
            .affected();
  }
  if (!contacts.empty()) {
    out.page_views +=
        c.exec("SELECT count(*) FROM page_views WHERE contact_id = ANY($1::bigint[])", contacts).i64(0, 0);
    c.exec("DELETE FROM article_votes WHERE workspace_id = $1 AND voter IN (SELECT 'c:' || x FROM unnest($2::bigint[]) x)",
           workspace_id, contacts);
    // Page views, visitor tokens, campaign and proactive rows go with their contact.
    out.contacts +=
        c.exec("DELETE FROM contacts WHERE workspace_id = $1 AND id = ANY($2::bigint[])", workspace_id, contacts)
            .affected();
  }
}

}  // namespace

std::optional<ErasureOutcome> PostgresStore::eraseContact(Id workspace_id, Id contact_id) {
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  lockEventCounters(*c, {workspace_id});
  if (c->exec("SELECT 1 FROM contacts WHERE workspace_id = $1 AND id = $2 FOR UPDATE", workspace_id, contact_id)
          .empty())
    return std::nullopt;
  ErasureOutcome out;
  pgPrivacyPurge(*c, workspace_id, epoch_, {}, {contact_id}, out);
  tx.commit();
  return out;
}

RetentionSettings PostgresStore::retentionSettings(Id workspace_id) {
  auto c = pool_->acquire();
  auto r = c->exec(
      "SELECT conversation_days, page_view_days, anonymous_contact_days, updated_at FROM retention_settings "
      "WHERE workspace_id = $1",
      workspace_id);
  RetentionSettings s;
  if (r.empty()) return s;
  s.conversation_days = static_cast<int>(r.i64(0, 0));
  s.page_view_days = static_cast<int>(r.i64(0, 1));
  s.anonymous_contact_days = static_cast<int>(r.i64(0, 2));
  s.updated_at = r.i64(0, 3);
  return s;
}

void PostgresStore::saveRetentionSettings(Id workspace_id, const RetentionSettings& s, Millis now) {
  auto c = pool_->acquire();
  c->exec(
      "INSERT INTO retention_settings(workspace_id, conversation_days, page_view_days, anonymous_contact_days, "
      "next_run_at, updated_at) VALUES ($1, $2, $3, $4, 0, $5) ON CONFLICT (workspace_id) DO UPDATE SET "
      "conversation_days = excluded.conversation_days, page_view_days = excluded.page_view_days, "
      "anonymous_contact_days = excluded.anonymous_contact_days, next_run_at = 0, updated_at = excluded.updated_at",
      workspace_id, s.conversation_days, s.page_view_days, s.anonymous_contact_days, now);
}

std::vector<Id> PostgresStore::claimRetentionRuns(Millis now, Millis lease_until, int limit) {
  auto c = pool_->acquire();
  return pgPrivacyIds(c->exec(
      "UPDATE retention_settings SET next_run_at = $2 WHERE workspace_id IN (SELECT workspace_id FROM "
      "retention_settings WHERE next_run_at <= $1 AND (conversation_days > 0 OR page_view_days > 0 OR "
      "anonymous_contact_days > 0) ORDER BY next_run_at LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING workspace_id",
      now, lease_until, limit));
}

ErasureOutcome PostgresStore::applyRetention(Id workspace_id, Millis now, int limit) {
  ErasureOutcome out;
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  auto r = c->exec(
      "SELECT conversation_days, page_view_days, anonymous_contact_days FROM retention_settings "
      "WHERE workspace_id = $1",
      workspace_id);
  if (r.empty()) return out;
  const auto conversation_days = r.i64(0, 0), page_view_days = r.i64(0, 1), contact_days = r.i64(0, 2);
  lockEventCounters(*c, {workspace_id});
  std::vector<Id> conversations, contacts;
  if (conversation_days > 0) {
    conversations = pgPrivacyIds(c->exec(
        "SELECT id FROM conversations WHERE workspace_id = $1 AND updated_at < $2 ORDER BY updated_at, id LIMIT $3 "
        "FOR UPDATE SKIP LOCKED",
        workspace_id, now - conversation_days * kPgPrivacyDayMs, limit));
  }
  if (contact_days > 0) {
    contacts = pgPrivacyIds(c->exec(
        "SELECT ct.id FROM contacts ct WHERE ct.workspace_id = $1 AND ct.last_seen_at < $2 AND ct.external_id IS NULL "
        "AND ct.email IS NULL AND ct.name IS NULL AND NOT EXISTS (SELECT 1 FROM conversations cv JOIN messages m "
        "ON m.conversation_id = cv.id WHERE cv.contact_id = ct.id AND m.sender_type = 'visitor') "
        "ORDER BY ct.last_seen_at, ct.id LIMIT $3 FOR UPDATE SKIP LOCKED",
        workspace_id, now - contact_days * kPgPrivacyDayMs, limit));
  }
  pgPrivacyPurge(*c, workspace_id, epoch_, std::move(conversations), contacts, out);
  if (page_view_days > 0) {
    out.page_views += c->exec(
                           "DELETE FROM page_views WHERE id IN (SELECT id FROM page_views WHERE workspace_id = $1 "
                           "AND created_at < $2 ORDER BY created_at LIMIT $3)",
                           workspace_id, now - page_view_days * kPgPrivacyDayMs, limit)
                          .affected();
  }
  tx.commit();
  return out;
}

void PostgresStore::scrubDeleted() {}

}  // namespace parley
