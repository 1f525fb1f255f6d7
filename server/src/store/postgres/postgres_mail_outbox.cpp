// MailOutboxStore on PostgreSQL (store/mail_outbox_store.h). Several nodes at once:
//  - the dedup key is a UNIQUE constraint: INSERT ... ON CONFLICT DO NOTHING, so two nodes
//    enqueueing one event store it once;
//  - claimDueEmails: FOR UPDATE SKIP LOCKED in a CTE (the rows locked are the rows claimed);
//  - saveEmailAttempt writes only while the caller holds the lease.
// The queue-full count is not locked: nodes racing at the limit may pass it by one each.
#include <algorithm>

#include "store/postgres/pg_pool.h"
#include "store/postgres/pg_rows.h"
#include "store/postgres/postgres_store.h"

namespace parley {

namespace {

constexpr const char* kPgQueuedEmailColumns =
    "id, workspace_id, kind, dedup_key, conversation_id, envelope_from, recipients, subject, mime, state, attempt, "
    "next_attempt_at, last_error, created_at, sent_at";

QueuedEmail readPgQueuedEmail(const pg::Result& r, int i) {
  QueuedEmail e;
  e.id = r.i64(i, 0);
  e.workspace_id = r.i64(i, 1);
  e.kind = r.text(i, 2);
  e.dedup_key = r.text(i, 3);
  e.conversation_id = r.optI64(i, 4);
  e.envelope_from = r.text(i, 5);
  e.recipients = splitMailRecipients(r.text(i, 6));
  e.subject = r.text(i, 7);
  e.mime = r.text(i, 8);
  e.state = parseQueuedEmailState(r.text(i, 9));
  e.attempt = static_cast<int>(r.i64(i, 10));
  e.next_attempt_at = r.i64(i, 11);
  e.last_error = r.text(i, 12);
  e.created_at = r.i64(i, 13);
  e.sent_at = r.optI64(i, 14);
  return e;
}

// Inside the caller's transaction.
EnqueueResult insertPgQueuedEmail(pg::Connection& c, const QueuedEmail& e, std::size_t max_queued) {
  auto n = c.exec("SELECT COUNT(*) FROM mail_outbox WHERE workspace_id = $1 AND state = 'queued'", e.workspace_id);
  if (static_cast<std::size_t>(n.i64(0, 0)) >= max_queued) {
    auto dup = c.exec("SELECT 1 FROM mail_outbox WHERE workspace_id = $1 AND dedup_key = $2", e.workspace_id, e.dedup_key);
    return dup.empty() ? EnqueueResult::QueueFull : EnqueueResult::Duplicate;
  }
  auto r = c.exec(
      "INSERT INTO mail_outbox(workspace_id, kind, dedup_key, conversation_id, envelope_from, recipients, subject, mime, "
      "state, attempt, next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'queued', 0, $9, $10) "
      "ON CONFLICT (workspace_id, dedup_key) DO NOTHING RETURNING id",
      e.workspace_id, e.kind, e.dedup_key, e.conversation_id, e.envelope_from, joinMailRecipients(e.recipients),
      e.subject, e.mime, e.next_attempt_at, e.created_at);
  if (r.empty()) return EnqueueResult::Duplicate;
  c.exec(
      "DELETE FROM mail_outbox WHERE id IN (SELECT id FROM mail_outbox WHERE workspace_id = $1 AND state <> 'queued' "
      "ORDER BY id DESC OFFSET $2)",
      e.workspace_id, static_cast<std::int64_t>(kSentEmailsKept));
  return EnqueueResult::Queued;
}

}  // namespace

EnqueueResult PostgresStore::enqueueEmail(const QueuedEmail& e, std::size_t max_queued) {
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  auto r = insertPgQueuedEmail(*c, e, max_queued);
  tx.commit();
  return r;
}

std::vector<QueuedEmail> PostgresStore::claimDueEmails(std::string_view owner, Millis now, Millis lease_until, int limit) {
  auto c = pool_->acquire();
  // The due rows are picked in a CTE: as a FROM subquery the planner may rescan it once per
  // outer row, and each rescan (skipping the rows this statement already updated) adds one more:
  // LIMIT 1 claimed every due row.
  auto r = c->exec(std::string(
                       "WITH d AS (SELECT id FROM mail_outbox WHERE state = 'queued' AND next_attempt_at <= $2 AND "
                       "(lease_owner IS NULL OR lease_until <= $2 OR lease_owner = $1) "
                       "ORDER BY next_attempt_at, id LIMIT $4 FOR UPDATE SKIP LOCKED) "
                       "UPDATE mail_outbox m SET lease_owner = $1, lease_until = $3 FROM d WHERE m.id = d.id RETURNING ") +
                       "m.id, m.workspace_id, m.kind, m.dedup_key, m.conversation_id, m.envelope_from, m.recipients, "
                       "m.subject, m.mime, m.state, m.attempt, m.next_attempt_at, m.last_error, m.created_at, m.sent_at",
                   owner, now, lease_until, static_cast<std::int64_t>(limit));
  std::vector<QueuedEmail> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(readPgQueuedEmail(r, i));
  std::sort(out.begin(), out.end(), [](const QueuedEmail& a, const QueuedEmail& b) {
    return a.next_attempt_at != b.next_attempt_at ? a.next_attempt_at < b.next_attempt_at : a.id < b.id;
  });
  return out;
}

bool PostgresStore::saveEmailAttempt(Id id, std::string_view owner, QueuedEmailState state, int attempt,
                                     Millis next_attempt_at, std::string_view error, Millis now) {
  auto c = pool_->acquire();
  const bool sent = state == QueuedEmailState::Sent;
  auto r = c->exec(
      "UPDATE mail_outbox SET state = $3, attempt = $4, next_attempt_at = $5, last_error = $6, "
      "sent_at = CASE WHEN $7::boolean THEN $8::bigint ELSE sent_at END, lease_owner = NULL, lease_until = NULL "
      "WHERE id = $1 AND lease_owner = $2 AND state = 'queued'",
      id, owner, std::string_view(queuedEmailStateWord(state)), attempt, next_attempt_at, error, sent, now);
  return r.affected() > 0;
}

void PostgresStore::releaseEmailLeases(std::string_view owner) {
  auto c = pool_->acquire();
  c->exec("UPDATE mail_outbox SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1", owner);
}

std::vector<QueuedEmail> PostgresStore::recentEmails(Id workspace_id, int limit) {
  auto c = pool_->acquire();
  auto r = c->exec(std::string("SELECT ") + kPgQueuedEmailColumns +
                       " FROM mail_outbox WHERE workspace_id = $1 ORDER BY id DESC LIMIT $2",
                   workspace_id, static_cast<std::int64_t>(limit));
  std::vector<QueuedEmail> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(readPgQueuedEmail(r, i));
  return out;
}

void PostgresStore::markContinuityDue(Id workspace_id, Id conversation_id, std::int64_t vseq, Millis due_at) {
  auto c = pool_->acquire();
  c->exec(
      "INSERT INTO conversation_email(conversation_id, workspace_id, pending_vseq, due_at) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (conversation_id) DO UPDATE SET "
      "pending_vseq = greatest(conversation_email.pending_vseq, excluded.pending_vseq), "
      "due_at = coalesce(least(conversation_email.due_at, excluded.due_at), excluded.due_at)",
      conversation_id, workspace_id, vseq, due_at);
}

std::vector<ContinuityDue> PostgresStore::dueContinuity(Millis now, int limit) {
  auto c = pool_->acquire();
  auto r = c->exec(
      "SELECT workspace_id, conversation_id, emailed_vseq, due_at FROM conversation_email "
      "WHERE due_at IS NOT NULL AND due_at <= $1 ORDER BY due_at, conversation_id LIMIT $2",
      now, static_cast<std::int64_t>(limit));
  std::vector<ContinuityDue> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back({r.i64(i, 0), r.i64(i, 1), r.i64(i, 2), r.i64(i, 3)});
  return out;
}

void PostgresStore::clearContinuityDue(Id conversation_id, std::int64_t through_vseq) {
  auto c = pool_->acquire();
  c->exec("UPDATE conversation_email SET due_at = NULL WHERE conversation_id = $1 AND pending_vseq <= $2",
          conversation_id, through_vseq);
}

EnqueueResult PostgresStore::enqueueContinuityEmail(const QueuedEmail& e, std::int64_t through_vseq, std::size_t max_queued) {
  if (!e.conversation_id) throw std::invalid_argument("a continuity email names its conversation");
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  auto r = insertPgQueuedEmail(*c, e, max_queued);
  if (r == EnqueueResult::QueueFull) return r;
  c->exec(
      "UPDATE conversation_email SET emailed_vseq = greatest(emailed_vseq, $2), "
      "due_at = CASE WHEN pending_vseq <= $2 THEN NULL ELSE due_at END WHERE conversation_id = $1",
      *e.conversation_id, through_vseq);
  tx.commit();
  return r;
}

// AgentDigestStore on PostgreSQL (store/agent_digest_store.h). The bound: the insert counts the
// agent's items in the same statement; two nodes racing at the limit may pass it by one each.
// The digest: its email's dedup key names the last item, so two nodes taking the same items at
// once store one email, and both delete the items.

bool PostgresStore::addDigestItem(const DigestItem& item, std::size_t max_items) {
  auto c = pool_->acquire();
  auto r = c->exec(
      "INSERT INTO agent_digest_items(workspace_id, agent_id, conversation_id, kind, excerpt, created_at) "
      "SELECT $1::bigint, $2::bigint, $3::bigint, $4::text, $5::text, $6::bigint "
      "WHERE (SELECT COUNT(*) FROM agent_digest_items WHERE agent_id = $2::bigint) < $7::bigint "
      "AND NOT EXISTS (SELECT 1 FROM agent_digest_items WHERE agent_id = $2::bigint AND conversation_id = $3::bigint) "
      "RETURNING id",
      item.workspace_id, item.agent_id, item.conversation_id, std::string_view(digestItemKindWord(item.kind)),
      item.excerpt, item.created_at, static_cast<std::int64_t>(max_items));
  return !r.empty();
}

std::vector<DigestDue> PostgresStore::dueDigests(Millis oldest_before, int limit) {
  auto c = pool_->acquire();
  auto r = c->exec(
      "SELECT workspace_id, agent_id, min(created_at) AS oldest FROM agent_digest_items GROUP BY workspace_id, agent_id "
      "HAVING min(created_at) <= $1 ORDER BY oldest, agent_id LIMIT $2",
      oldest_before, static_cast<std::int64_t>(limit));
  std::vector<DigestDue> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back({r.i64(i, 0), r.i64(i, 1)});
  return out;
}

std::vector<DigestItem> PostgresStore::digestItems(Id workspace_id, Id agent_id) {
  auto c = pool_->acquire();
  auto r = c->exec(
      "SELECT id, workspace_id, agent_id, conversation_id, kind, excerpt, created_at FROM agent_digest_items "
      "WHERE workspace_id = $1 AND agent_id = $2 ORDER BY id",
      workspace_id, agent_id);
  std::vector<DigestItem> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({r.i64(i, 0), r.i64(i, 1), r.i64(i, 2), r.i64(i, 3), parseDigestItemKind(r.text(i, 4)),
                   r.text(i, 5), r.i64(i, 6)});
  return out;
}

EnqueueResult PostgresStore::enqueueDigestEmail(const QueuedEmail& e, Id agent_id, Id through_item_id,
                                                std::size_t max_queued) {
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  auto r = insertPgQueuedEmail(*c, e, max_queued);
  if (r == EnqueueResult::QueueFull) return r;
  c->exec("DELETE FROM agent_digest_items WHERE workspace_id = $1 AND agent_id = $2 AND id <= $3", e.workspace_id,
          agent_id, through_item_id);
  tx.commit();
  return r;
}

void PostgresStore::dropDigestItems(Id workspace_id, Id agent_id, Id through_item_id) {
  auto c = pool_->acquire();
  c->exec("DELETE FROM agent_digest_items WHERE workspace_id = $1 AND agent_id = $2 AND id <= $3", workspace_id,
          agent_id, through_item_id);
}

}  // namespace parley
