// MailOutboxStore on SQLite (store/mail_outbox_store.h). One connection behind the store's mutex:
// a claim's check and write are one transaction under it.
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store.h"

namespace parley {

namespace {

constexpr const char* kSqliteQueuedEmailColumns =
    "id, workspace_id, kind, dedup_key, conversation_id, envelope_from, recipients, subject, mime, state, attempt, "
    "next_attempt_at, last_error, created_at, sent_at";

QueuedEmail readSqliteQueuedEmail(const sqlite::Query& q) {
  QueuedEmail e;
  e.id = q.i64(0);
  e.workspace_id = q.i64(1);
  e.kind = q.text(2);
  e.dedup_key = q.text(3);
  e.conversation_id = q.optI64(4);
  e.envelope_from = q.text(5);
  e.recipients = splitMailRecipients(q.text(6));
  e.subject = q.text(7);
  e.mime = q.text(8);
  e.state = parseQueuedEmailState(q.text(9));
  e.attempt = static_cast<int>(q.i64(10));
  e.next_attempt_at = q.i64(11);
  e.last_error = q.text(12);
  e.created_at = q.i64(13);
  e.sent_at = q.optI64(14);
  return e;
}

// Expects the store's mutex held and a transaction open.
EnqueueResult insertSqliteQueuedEmail(sqlite::Db& db, const QueuedEmail& e, std::size_t max_queued) {
  {
    auto q = db.query("SELECT EXISTS (SELECT 1 FROM mail_outbox WHERE workspace_id = ?1 AND dedup_key = ?2)");
    q.bind(e.workspace_id, e.dedup_key).step();
    if (q.i64(0) != 0) return EnqueueResult::Duplicate;
  }
  {
    auto q = db.query("SELECT COUNT(*) FROM mail_outbox WHERE workspace_id = ?1 AND state = 'queued'");
    q.bind(e.workspace_id).step();
    if (static_cast<std::size_t>(q.i64(0)) >= max_queued) return EnqueueResult::QueueFull;
  }
  db.query(
        "INSERT INTO mail_outbox(workspace_id, kind, dedup_key, conversation_id, envelope_from, recipients, subject, "
        "mime, state, attempt, next_attempt_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'queued', 0, ?9, ?10)")
      .bind(e.workspace_id, e.kind, e.dedup_key, e.conversation_id, e.envelope_from, joinMailRecipients(e.recipients),
            e.subject, e.mime, e.next_attempt_at, e.created_at)
      .run();
  db.query(
        "DELETE FROM mail_outbox WHERE id IN (SELECT id FROM mail_outbox WHERE workspace_id = ?1 AND state <> 'queued' "
        "ORDER BY id DESC LIMIT -1 OFFSET ?2)")
      .bind(e.workspace_id, static_cast<std::int64_t>(kSentEmailsKept))
      .run();
  return EnqueueResult::Queued;
}

}  // namespace

EnqueueResult SqliteStore::enqueueEmail(const QueuedEmail& e, std::size_t max_queued) {
  std::lock_guard lock(mu_);
  sqlite::Tx tx(*db_);
  auto r = insertSqliteQueuedEmail(*db_, e, max_queued);
  tx.commit();
  return r;
}

std::vector<QueuedEmail> SqliteStore::claimDueEmails(std::string_view owner, Millis now, Millis lease_until, int limit) {
  std::lock_guard lock(mu_);
  sqlite::Tx tx(*db_);
  std::vector<QueuedEmail> out;
  {
    auto q = db_->query(std::string("SELECT ") + kSqliteQueuedEmailColumns +
                        " FROM mail_outbox WHERE state = 'queued' AND next_attempt_at <= ?1 AND "
                        "(lease_owner IS NULL OR lease_until <= ?1 OR lease_owner = ?2) ORDER BY next_attempt_at, id LIMIT ?3");
    q.bind(now, owner, static_cast<std::int64_t>(limit));
    while (q.step()) out.push_back(readSqliteQueuedEmail(q));
  }
  for (const auto& e : out)
    db_->query("UPDATE mail_outbox SET lease_owner = ?2, lease_until = ?3 WHERE id = ?1").bind(e.id, owner, lease_until).run();
  tx.commit();
  return out;
}

bool SqliteStore::saveEmailAttempt(Id id, std::string_view owner, QueuedEmailState state, int attempt,
                                   Millis next_attempt_at, std::string_view error, Millis now) {
  std::lock_guard lock(mu_);
  const bool sent = state == QueuedEmailState::Sent;
  db_->query(
         "UPDATE mail_outbox SET state = ?3, attempt = ?4, next_attempt_at = ?5, last_error = ?6, "
         "sent_at = CASE WHEN ?7 THEN ?8 ELSE sent_at END, lease_owner = NULL, lease_until = NULL "
         "WHERE id = ?1 AND lease_owner = ?2 AND state = 'queued'")
      .bind(id, owner, std::string_view(queuedEmailStateWord(state)), attempt, next_attempt_at, error, sent, now)
      .run();
  return db_->changes() > 0;
}

void SqliteStore::releaseEmailLeases(std::string_view owner) {
  std::lock_guard lock(mu_);
  db_->query("UPDATE mail_outbox SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?1").bind(owner).run();
}

std::vector<QueuedEmail> SqliteStore::recentEmails(Id workspace_id, int limit) {
  std::lock_guard lock(mu_);
  auto q = db_->query(std::string("SELECT ") + kSqliteQueuedEmailColumns +
                      " FROM mail_outbox WHERE workspace_id = ?1 ORDER BY id DESC LIMIT ?2");
  q.bind(workspace_id, static_cast<std::int64_t>(limit));
  std::vector<QueuedEmail> out;
  while (q.step()) out.push_back(readSqliteQueuedEmail(q));
  return out;
}

void SqliteStore::markContinuityDue(Id workspace_id, Id conversation_id, std::int64_t vseq, Millis due_at) {
  std::lock_guard lock(mu_);
  db_->query(
         "INSERT INTO conversation_email(conversation_id, workspace_id, pending_vseq, due_at) VALUES (?1, ?2, ?3, ?4) "
         "ON CONFLICT(conversation_id) DO UPDATE SET pending_vseq = max(pending_vseq, excluded.pending_vseq), "
         "due_at = coalesce(min(due_at, excluded.due_at), excluded.due_at)")
      .bind(conversation_id, workspace_id, vseq, due_at)
      .run();
}

std::vector<ContinuityDue> SqliteStore::dueContinuity(Millis now, int limit) {
  std::lock_guard lock(mu_);
  auto q = db_->query(
      "SELECT workspace_id, conversation_id, emailed_vseq, due_at FROM conversation_email "
      "WHERE due_at IS NOT NULL AND due_at <= ?1 ORDER BY due_at, conversation_id LIMIT ?2");
  q.bind(now, static_cast<std::int64_t>(limit));
  std::vector<ContinuityDue> out;
  while (q.step()) out.push_back({q.i64(0), q.i64(1), q.i64(2), q.i64(3)});
  return out;
}

void SqliteStore::clearContinuityDue(Id conversation_id, std::int64_t through_vseq) {
  std::lock_guard lock(mu_);
  db_->query("UPDATE conversation_email SET due_at = NULL WHERE conversation_id = ?1 AND pending_vseq <= ?2")
      .bind(conversation_id, through_vseq)
      .run();
}

EnqueueResult SqliteStore::enqueueContinuityEmail(const QueuedEmail& e, std::int64_t through_vseq, std::size_t max_queued) {
  if (!e.conversation_id) throw std::invalid_argument("a continuity email names its conversation");
  std::lock_guard lock(mu_);
  sqlite::Tx tx(*db_);
  auto r = insertSqliteQueuedEmail(*db_, e, max_queued);
  if (r == EnqueueResult::QueueFull) return r;
  db_->query(
         "UPDATE conversation_email SET emailed_vseq = max(emailed_vseq, ?2), "
         "due_at = CASE WHEN pending_vseq <= ?2 THEN NULL ELSE due_at END WHERE conversation_id = ?1")
      .bind(*e.conversation_id, through_vseq)
      .run();
  tx.commit();
  return r;
}

// AgentDigestStore on SQLite (store/agent_digest_store.h): the count and the insert are one
// transaction under the store's mutex, so the bound holds exactly.

bool SqliteStore::addDigestItem(const DigestItem& item, std::size_t max_items) {
  std::lock_guard lock(mu_);
  sqlite::Tx tx(*db_);
  {
    auto q = db_->query("SELECT EXISTS (SELECT 1 FROM agent_digest_items WHERE agent_id = ?1 AND conversation_id = ?2)");
    q.bind(item.agent_id, item.conversation_id).step();
    if (q.i64(0) != 0) return false;
  }
  {
    auto q = db_->query("SELECT COUNT(*) FROM agent_digest_items WHERE agent_id = ?1");
    q.bind(item.agent_id).step();
    if (static_cast<std::size_t>(q.i64(0)) >= max_items) return false;
  }
  db_->query(
         "INSERT INTO agent_digest_items(workspace_id, agent_id, conversation_id, kind, excerpt, created_at) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
      .bind(item.workspace_id, item.agent_id, item.conversation_id, std::string_view(digestItemKindWord(item.kind)),
            item.excerpt, item.created_at)
      .run();
  tx.commit();
  return true;
}

std::vector<DigestDue> SqliteStore::dueDigests(Millis oldest_before, int limit) {
  std::lock_guard lock(mu_);
  auto q = db_->query(
      "SELECT workspace_id, agent_id, min(created_at) AS oldest FROM agent_digest_items GROUP BY workspace_id, agent_id "
      "HAVING min(created_at) <= ?1 ORDER BY oldest, agent_id LIMIT ?2");
  q.bind(oldest_before, static_cast<std::int64_t>(limit));
  std::vector<DigestDue> out;
  while (q.step()) out.push_back({q.i64(0), q.i64(1)});
  return out;
}

std::vector<DigestItem> SqliteStore::digestItems(Id workspace_id, Id agent_id) {
  std::lock_guard lock(mu_);
  auto q = db_->query(
      "SELECT id, workspace_id, agent_id, conversation_id, kind, excerpt, created_at FROM agent_digest_items "
      "WHERE workspace_id = ?1 AND agent_id = ?2 ORDER BY id");
  q.bind(workspace_id, agent_id);
  std::vector<DigestItem> out;
  while (q.step())
    out.push_back({q.i64(0), q.i64(1), q.i64(2), q.i64(3), parseDigestItemKind(q.text(4)), q.text(5), q.i64(6)});
  return out;
}

EnqueueResult SqliteStore::enqueueDigestEmail(const QueuedEmail& e, Id agent_id, Id through_item_id,
                                              std::size_t max_queued) {
  std::lock_guard lock(mu_);
  sqlite::Tx tx(*db_);
  auto r = insertSqliteQueuedEmail(*db_, e, max_queued);
  if (r == EnqueueResult::QueueFull) return r;
  db_->query("DELETE FROM agent_digest_items WHERE workspace_id = ?1 AND agent_id = ?2 AND id <= ?3")
      .bind(e.workspace_id, agent_id, through_item_id)
      .run();
  tx.commit();
  return r;
}

void SqliteStore::dropDigestItems(Id workspace_id, Id agent_id, Id through_item_id) {
  std::lock_guard lock(mu_);
  db_->query("DELETE FROM agent_digest_items WHERE workspace_id = ?1 AND agent_id = ?2 AND id <= ?3")
      .bind(workspace_id, agent_id, through_item_id)
      .run();
}

}  // namespace parley
