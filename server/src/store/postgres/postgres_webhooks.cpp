// WebhookStore on PostgreSQL (store/webhook_store.h). Several nodes claim at once:
//  - claimDueWebhooks: FOR UPDATE SKIP LOCKED in a CTE (the rows locked are the rows claimed), so
//    two nodes never hold one subscription;
//  - saveWebhookProgress writes only while the caller still holds the lease;
//  - createWebhook locks the workspace row, so two creates cannot both pass the limit.
#include <algorithm>

#include "store/postgres/pg_pool.h"
#include "store/postgres/pg_rows.h"
#include "store/postgres/postgres_store.h"

namespace parley {

namespace {

constexpr const char* kPgWebhookColumns =
    "id, workspace_id, url, events, secret, active, event_cursor, attempt, failing_since, next_attempt_at, "
    "paused_at, pause_reason, created_at, updated_at";

constexpr const char* kPgDeliveryColumns =
    "id, workspace_id, webhook_id, event_id, event_type, kind, attempt, ok, status, error, response_excerpt, "
    "request_body, duration_ms, created_at";

Webhook readPgWebhook(const pg::Result& r, int i) {
  Webhook w;
  w.id = r.i64(i, 0);
  w.workspace_id = r.i64(i, 1);
  w.url = r.text(i, 2);
  w.events = splitWebhookEvents(r.text(i, 3));
  w.secret = r.text(i, 4);
  w.active = r.boolean(i, 5);
  w.cursor = r.i64(i, 6);
  w.attempt = static_cast<int>(r.i64(i, 7));
  w.failing_since = r.optI64(i, 8);
  w.next_attempt_at = r.i64(i, 9);
  w.paused_at = r.optI64(i, 10);
  w.pause_reason = r.text(i, 11);
  w.created_at = r.i64(i, 12);
  w.updated_at = r.i64(i, 13);
  return w;
}

WebhookDelivery readPgDelivery(const pg::Result& r, int i) {
  WebhookDelivery d;
  d.id = r.i64(i, 0);
  d.workspace_id = r.i64(i, 1);
  d.webhook_id = r.i64(i, 2);
  d.event_id = r.text(i, 3);
  d.event_type = r.text(i, 4);
  d.kind = r.text(i, 5);
  d.attempt = static_cast<int>(r.i64(i, 6));
  d.ok = r.boolean(i, 7);
  d.status = static_cast<int>(r.i64(i, 8));
  d.error = r.text(i, 9);
  d.response_excerpt = r.text(i, 10);
  d.request_body = r.text(i, 11);
  d.duration_ms = static_cast<int>(r.i64(i, 12));
  d.created_at = r.i64(i, 13);
  return d;
}

}  // namespace

std::vector<Webhook> PostgresStore::listWebhooks(Id workspace_id) {
  auto c = pool_->acquire();
  auto r = c->exec(std::string("SELECT ") + kPgWebhookColumns + " FROM webhooks WHERE workspace_id = $1 ORDER BY id",
                   workspace_id);
  std::vector<Webhook> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(readPgWebhook(r, i));
  return out;
}

std::optional<Webhook> PostgresStore::webhookById(Id workspace_id, Id id) {
  auto c = pool_->acquire();
  auto r = c->exec(std::string("SELECT ") + kPgWebhookColumns + " FROM webhooks WHERE workspace_id = $1 AND id = $2",
                   workspace_id, id);
  if (r.empty()) return std::nullopt;
  return readPgWebhook(r, 0);
}

std::optional<Webhook> PostgresStore::createWebhook(const Webhook& w, std::size_t max_per_workspace) {
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  c->exec("SELECT id FROM workspaces WHERE id = $1 FOR UPDATE", w.workspace_id);
  auto n = c->exec("SELECT COUNT(*) FROM webhooks WHERE workspace_id = $1", w.workspace_id);
  if (static_cast<std::size_t>(n.i64(0, 0)) >= max_per_workspace) return std::nullopt;
  auto r = c->exec(std::string(
                       "INSERT INTO webhooks(workspace_id, url, events, secret, active, event_cursor, attempt, "
                       "next_attempt_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 0, 0, $7, $7) "
                       "RETURNING ") + kPgWebhookColumns,
                   w.workspace_id, w.url, joinWebhookEvents(w.events), w.secret, w.active, w.cursor, w.created_at);
  tx.commit();
  return readPgWebhook(r, 0);
}

std::optional<Webhook> PostgresStore::updateWebhook(Id workspace_id, Id id, const WebhookUpdate& u, Millis now) {
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  auto found = c->exec("SELECT active FROM webhooks WHERE workspace_id = $1 AND id = $2 FOR UPDATE", workspace_id, id);
  if (found.empty()) return std::nullopt;
  // A new URL is a new endpoint: its failure run starts over, and it is tried at once.
  if (u.url)
    c->exec("UPDATE webhooks SET url = $3, attempt = 0, failing_since = NULL, next_attempt_at = 0 "
            "WHERE workspace_id = $1 AND id = $2",
            workspace_id, id, *u.url);
  if (u.events)
    c->exec("UPDATE webhooks SET events = $3 WHERE workspace_id = $1 AND id = $2", workspace_id, id,
            joinWebhookEvents(*u.events));
  if (u.active && *u.active)
    c->exec(
        "UPDATE webhooks SET active = true, attempt = 0, failing_since = NULL, next_attempt_at = 0, paused_at = NULL, "
        "pause_reason = '' WHERE workspace_id = $1 AND id = $2 AND NOT active",
        workspace_id, id);
  if (u.active && !*u.active) c->exec("UPDATE webhooks SET active = false WHERE workspace_id = $1 AND id = $2", workspace_id, id);
  auto r = c->exec(std::string("UPDATE webhooks SET updated_at = $3 WHERE workspace_id = $1 AND id = $2 RETURNING ") +
                       kPgWebhookColumns,
                   workspace_id, id, now);
  tx.commit();
  return readPgWebhook(r, 0);
}

bool PostgresStore::deleteWebhook(Id workspace_id, Id id) {
  auto c = pool_->acquire();
  return c->exec("DELETE FROM webhooks WHERE workspace_id = $1 AND id = $2", workspace_id, id).affected() > 0;
}

std::vector<Webhook> PostgresStore::claimDueWebhooks(std::string_view owner, Millis now, Millis lease_until, int limit) {
  auto c = pool_->acquire();
  // The rows are picked in a CTE: as a FROM subquery the planner may rescan it per outer row, and
  // each rescan skips the rows already updated and adds more, past the LIMIT.
  auto r = c->exec(std::string(
                       "WITH d AS (SELECT id FROM webhooks WHERE active AND next_attempt_at <= $2 AND "
                       "(lease_owner IS NULL OR lease_until <= $2 OR lease_owner = $1) AND event_cursor < "
                       "(SELECT last_offset FROM event_counters e WHERE e.workspace_id = webhooks.workspace_id) "
                       "ORDER BY next_attempt_at, id LIMIT $4 FOR UPDATE SKIP LOCKED) "
                       "UPDATE webhooks w SET lease_owner = $1, lease_until = $3 FROM d WHERE w.id = d.id "
                       "RETURNING w.id, w.workspace_id, w.url, w.events, w.secret, w.active, w.event_cursor, w.attempt, "
                       "w.failing_since, w.next_attempt_at, w.paused_at, w.pause_reason, w.created_at, w.updated_at"),
                   owner, now, lease_until, static_cast<std::int64_t>(limit));
  std::vector<Webhook> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(readPgWebhook(r, i));
  std::sort(out.begin(), out.end(), [](const Webhook& a, const Webhook& b) {
    return a.next_attempt_at != b.next_attempt_at ? a.next_attempt_at < b.next_attempt_at : a.id < b.id;
  });
  return out;
}

bool PostgresStore::saveWebhookProgress(Id webhook_id, std::string_view owner, const WebhookProgress& p,
                                        Millis lease_until) {
  auto c = pool_->acquire();
  return c->exec(
              "UPDATE webhooks SET event_cursor = $3, attempt = $4, failing_since = $5, next_attempt_at = $6, "
              "paused_at = $7, pause_reason = $8, active = CASE WHEN $7::bigint IS NULL THEN active ELSE false END, "
              "lease_until = $9 WHERE id = $1 AND lease_owner = $2",
              webhook_id, owner, p.cursor, p.attempt, p.failing_since, p.next_attempt_at, p.paused_at, p.pause_reason,
              lease_until)
             .affected() > 0;
}

void PostgresStore::releaseWebhookLeases(std::string_view owner) {
  auto c = pool_->acquire();
  c->exec("UPDATE webhooks SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1", owner);
}

WebhookDelivery PostgresStore::recordWebhookDelivery(const WebhookDelivery& d) {
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  auto r = c->exec(
      "INSERT INTO webhook_deliveries(workspace_id, webhook_id, event_id, event_type, kind, attempt, ok, status, "
      "error, response_excerpt, request_body, duration_ms, created_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
      d.workspace_id, d.webhook_id, d.event_id, d.event_type, d.kind, d.attempt, d.ok, d.status, d.error,
      d.response_excerpt, d.request_body, d.duration_ms, d.created_at);
  WebhookDelivery out = d;
  out.id = r.i64(0, 0);
  c->exec(
      "DELETE FROM webhook_deliveries WHERE webhook_id = $1 AND id IN (SELECT id FROM webhook_deliveries "
      "WHERE webhook_id = $1 ORDER BY id DESC OFFSET $2)",
      d.webhook_id, static_cast<std::int64_t>(kWebhookDeliveriesKept));
  tx.commit();
  return out;
}

std::vector<WebhookDelivery> PostgresStore::webhookDeliveries(Id workspace_id, Id webhook_id, int limit) {
  auto c = pool_->acquire();
  auto r = c->exec(std::string("SELECT ") + kPgDeliveryColumns +
                       " FROM webhook_deliveries WHERE workspace_id = $1 AND webhook_id = $2 ORDER BY id DESC LIMIT $3",
                   workspace_id, webhook_id, static_cast<std::int64_t>(limit));
  std::vector<WebhookDelivery> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(readPgDelivery(r, i));
  return out;
}

std::optional<WebhookDelivery> PostgresStore::webhookDeliveryById(Id workspace_id, Id webhook_id, Id delivery_id) {
  auto c = pool_->acquire();
  auto r = c->exec(std::string("SELECT ") + kPgDeliveryColumns +
                       " FROM webhook_deliveries WHERE workspace_id = $1 AND webhook_id = $2 AND id = $3",
                   workspace_id, webhook_id, delivery_id);
  if (r.empty()) return std::nullopt;
  return readPgDelivery(r, 0);
}

bool PostgresStore::webhookCsatReported(Id webhook_id, Id conversation_id) {
  auto c = pool_->acquire();
  return c->exec("SELECT EXISTS (SELECT 1 FROM webhook_csat_reported WHERE webhook_id = $1 AND conversation_id = $2)",
                 webhook_id, conversation_id)
      .boolean(0, 0);
}

void PostgresStore::markWebhookCsatReported(Id webhook_id, Id conversation_id) {
  auto c = pool_->acquire();
  c->exec("INSERT INTO webhook_csat_reported(webhook_id, conversation_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
          webhook_id, conversation_id);
}

bool PostgresStore::isFirstConversationOfContact(Id workspace_id, Id contact_id, Id conversation_id) {
  auto c = pool_->acquire();
  auto r = c->exec(
      "SELECT NOT EXISTS (SELECT 1 FROM conversations WHERE workspace_id = $1 AND contact_id = $2 AND id < $3)",
      workspace_id, contact_id, conversation_id);
  return r.boolean(0, 0);
}

}  // namespace parley
