// WebhookStore on SQLite (store/webhook_store.h). One connection behind the store's mutex: the
// claims need no row locks, a claim's check and write are one statement under the mutex.
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store.h"

namespace parley {

namespace {

constexpr const char* kSqliteWebhookColumns =
    "id, workspace_id, url, events, secret, active, event_cursor, attempt, failing_since, next_attempt_at, "
    "paused_at, pause_reason, created_at, updated_at";

constexpr const char* kSqliteDeliveryColumns =
    "id, workspace_id, webhook_id, event_id, event_type, kind, attempt, ok, status, error, response_excerpt, "
    "request_body, duration_ms, created_at";

Webhook readSqliteWebhook(const sqlite::Query& q) {
  Webhook w;
  w.id = q.i64(0);
  w.workspace_id = q.i64(1);
  w.url = q.text(2);
  w.events = splitWebhookEvents(q.text(3));
  w.secret = q.text(4);
  w.active = q.i64(5) != 0;
  w.cursor = q.i64(6);
  w.attempt = static_cast<int>(q.i64(7));
  w.failing_since = q.optI64(8);
  w.next_attempt_at = q.i64(9);
  w.paused_at = q.optI64(10);
  w.pause_reason = q.text(11);
  w.created_at = q.i64(12);
  w.updated_at = q.i64(13);
  return w;
}

WebhookDelivery readSqliteDelivery(const sqlite::Query& q) {
  WebhookDelivery d;
  d.id = q.i64(0);
  d.workspace_id = q.i64(1);
  d.webhook_id = q.i64(2);
  d.event_id = q.text(3);
  d.event_type = q.text(4);
  d.kind = q.text(5);
  d.attempt = static_cast<int>(q.i64(6));
  d.ok = q.i64(7) != 0;
  d.status = static_cast<int>(q.i64(8));
  d.error = q.text(9);
  d.response_excerpt = q.text(10);
  d.request_body = q.text(11);
  d.duration_ms = static_cast<int>(q.i64(12));
  d.created_at = q.i64(13);
  return d;
}

}  // namespace

std::vector<Webhook> SqliteStore::listWebhooks(Id workspace_id) {
  std::lock_guard lock(mu_);
  auto q = db_->query(std::string("SELECT ") + kSqliteWebhookColumns + " FROM webhooks WHERE workspace_id = ?1 ORDER BY id");
  q.bind(workspace_id);
  std::vector<Webhook> out;
  while (q.step()) out.push_back(readSqliteWebhook(q));
  return out;
}

std::optional<Webhook> SqliteStore::webhookById(Id workspace_id, Id id) {
  std::lock_guard lock(mu_);
  auto q = db_->query(std::string("SELECT ") + kSqliteWebhookColumns + " FROM webhooks WHERE workspace_id = ?1 AND id = ?2");
  q.bind(workspace_id, id);
  if (!q.step()) return std::nullopt;
  return readSqliteWebhook(q);
}

std::optional<Webhook> SqliteStore::createWebhook(const Webhook& w, std::size_t max_per_workspace) {
  std::lock_guard lock(mu_);
  sqlite::Tx tx(*db_);
  {
    auto q = db_->query("SELECT COUNT(*) FROM webhooks WHERE workspace_id = ?1");
    q.bind(w.workspace_id).step();
    if (static_cast<std::size_t>(q.i64(0)) >= max_per_workspace) return std::nullopt;
  }
  db_->query(
         "INSERT INTO webhooks(workspace_id, url, events, secret, active, event_cursor, attempt, next_attempt_at, "
         "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, 0, ?7, ?7)")
      .bind(w.workspace_id, w.url, joinWebhookEvents(w.events), w.secret, w.active, w.cursor, w.created_at)
      .run();
  Webhook out = w;
  out.id = db_->lastInsertId();
  out.attempt = 0;
  out.failing_since.reset();
  out.next_attempt_at = 0;
  out.paused_at.reset();
  out.pause_reason.clear();
  out.updated_at = w.created_at;
  tx.commit();
  return out;
}

std::optional<Webhook> SqliteStore::updateWebhook(Id workspace_id, Id id, const WebhookUpdate& u, Millis now) {
  {
    std::lock_guard lock(mu_);
    sqlite::Tx tx(*db_);
    // A new URL is a new endpoint: its failure run starts over, and it is tried at once.
    if (u.url)
      db_->query(
             "UPDATE webhooks SET url = ?3, attempt = 0, failing_since = NULL, next_attempt_at = 0 "
             "WHERE workspace_id = ?1 AND id = ?2")
          .bind(workspace_id, id, *u.url)
          .run();
    if (u.events)
      db_->query("UPDATE webhooks SET events = ?3 WHERE workspace_id = ?1 AND id = ?2")
          .bind(workspace_id, id, joinWebhookEvents(*u.events))
          .run();
    if (u.active && *u.active)
      db_->query(
             "UPDATE webhooks SET active = 1, attempt = 0, failing_since = NULL, next_attempt_at = 0, paused_at = NULL, "
             "pause_reason = '' WHERE workspace_id = ?1 AND id = ?2 AND active = 0")
          .bind(workspace_id, id)
          .run();
    if (u.active && !*u.active)
      db_->query("UPDATE webhooks SET active = 0 WHERE workspace_id = ?1 AND id = ?2").bind(workspace_id, id).run();
    db_->query("UPDATE webhooks SET updated_at = ?3 WHERE workspace_id = ?1 AND id = ?2").bind(workspace_id, id, now).run();
    const bool found = db_->changes() > 0;
    tx.commit();
    if (!found) return std::nullopt;
  }
  return webhookById(workspace_id, id);
}

bool SqliteStore::deleteWebhook(Id workspace_id, Id id) {
  std::lock_guard lock(mu_);
  db_->query("DELETE FROM webhooks WHERE workspace_id = ?1 AND id = ?2").bind(workspace_id, id).run();
  return db_->changes() > 0;
}

std::vector<Webhook> SqliteStore::claimDueWebhooks(std::string_view owner, Millis now, Millis lease_until, int limit) {
  std::lock_guard lock(mu_);
  sqlite::Tx tx(*db_);
  std::vector<Webhook> out;
  {
    auto q = db_->query(std::string("SELECT ") + kSqliteWebhookColumns +
                        " FROM webhooks WHERE active = 1 AND next_attempt_at <= ?1 AND "
                        "(lease_owner IS NULL OR lease_until <= ?1 OR lease_owner = ?2) AND event_cursor < "
                        "(SELECT coalesce(max(\"offset\"), 0) FROM events WHERE events.workspace_id = webhooks.workspace_id) "
                        "ORDER BY next_attempt_at, id LIMIT ?3");
    q.bind(now, owner, static_cast<std::int64_t>(limit));
    while (q.step()) out.push_back(readSqliteWebhook(q));
  }
  for (const auto& w : out)
    db_->query("UPDATE webhooks SET lease_owner = ?2, lease_until = ?3 WHERE id = ?1").bind(w.id, owner, lease_until).run();
  tx.commit();
  return out;
}

bool SqliteStore::saveWebhookProgress(Id webhook_id, std::string_view owner, const WebhookProgress& p, Millis lease_until) {
  std::lock_guard lock(mu_);
  db_->query(
         "UPDATE webhooks SET event_cursor = ?3, attempt = ?4, failing_since = ?5, next_attempt_at = ?6, "
         "paused_at = ?7, pause_reason = ?8, active = CASE WHEN ?7 IS NULL THEN active ELSE 0 END, lease_until = ?9 "
         "WHERE id = ?1 AND lease_owner = ?2")
      .bind(webhook_id, owner, p.cursor, p.attempt, p.failing_since, p.next_attempt_at, p.paused_at, p.pause_reason,
            lease_until)
      .run();
  return db_->changes() > 0;
}

void SqliteStore::releaseWebhookLeases(std::string_view owner) {
  std::lock_guard lock(mu_);
  db_->query("UPDATE webhooks SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?1").bind(owner).run();
}

WebhookDelivery SqliteStore::recordWebhookDelivery(const WebhookDelivery& d) {
  std::lock_guard lock(mu_);
  sqlite::Tx tx(*db_);
  db_->query(
         "INSERT INTO webhook_deliveries(workspace_id, webhook_id, event_id, event_type, kind, attempt, ok, status, "
         "error, response_excerpt, request_body, duration_ms, created_at) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)")
      .bind(d.workspace_id, d.webhook_id, d.event_id, d.event_type, d.kind, d.attempt, d.ok, d.status, d.error,
            d.response_excerpt, d.request_body, d.duration_ms, d.created_at)
      .run();
  WebhookDelivery out = d;
  out.id = db_->lastInsertId();
  db_->query(
         "DELETE FROM webhook_deliveries WHERE webhook_id = ?1 AND id IN (SELECT id FROM webhook_deliveries "
         "WHERE webhook_id = ?1 ORDER BY id DESC LIMIT -1 OFFSET ?2)")
      .bind(d.webhook_id, static_cast<std::int64_t>(kWebhookDeliveriesKept))
      .run();
  tx.commit();
  return out;
}

std::vector<WebhookDelivery> SqliteStore::webhookDeliveries(Id workspace_id, Id webhook_id, int limit) {
  std::lock_guard lock(mu_);
  auto q = db_->query(std::string("SELECT ") + kSqliteDeliveryColumns +
                      " FROM webhook_deliveries WHERE workspace_id = ?1 AND webhook_id = ?2 ORDER BY id DESC LIMIT ?3");
  q.bind(workspace_id, webhook_id, static_cast<std::int64_t>(limit));
  std::vector<WebhookDelivery> out;
  while (q.step()) out.push_back(readSqliteDelivery(q));
  return out;
}

std::optional<WebhookDelivery> SqliteStore::webhookDeliveryById(Id workspace_id, Id webhook_id, Id delivery_id) {
  std::lock_guard lock(mu_);
  auto q = db_->query(std::string("SELECT ") + kSqliteDeliveryColumns +
                      " FROM webhook_deliveries WHERE workspace_id = ?1 AND webhook_id = ?2 AND id = ?3");
  q.bind(workspace_id, webhook_id, delivery_id);
  if (!q.step()) return std::nullopt;
  return readSqliteDelivery(q);
}

bool SqliteStore::webhookCsatReported(Id webhook_id, Id conversation_id) {
  std::lock_guard lock(mu_);
  auto q = db_->query("SELECT EXISTS (SELECT 1 FROM webhook_csat_reported WHERE webhook_id = ?1 AND conversation_id = ?2)");
  q.bind(webhook_id, conversation_id).step();
  return q.i64(0) != 0;
}

void SqliteStore::markWebhookCsatReported(Id webhook_id, Id conversation_id) {
  std::lock_guard lock(mu_);
  db_->query("INSERT OR IGNORE INTO webhook_csat_reported(webhook_id, conversation_id) VALUES (?1, ?2)")
      .bind(webhook_id, conversation_id)
      .run();
}

bool SqliteStore::isFirstConversationOfContact(Id workspace_id, Id contact_id, Id conversation_id) {
  std::lock_guard lock(mu_);
  auto q = db_->query("SELECT NOT EXISTS (SELECT 1 FROM conversations WHERE workspace_id = ?1 AND contact_id = ?2 AND id < ?3)");
  q.bind(workspace_id, contact_id, conversation_id).step();
  return q.i64(0) != 0;
}

}  // namespace parley
