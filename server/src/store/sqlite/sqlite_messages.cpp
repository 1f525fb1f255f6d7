// SqliteStore: appending messages (the hot path) and reading them back.
//
// A batch is one transaction (one fsync). An entry that is refused leaves no trace and does not
// disturb its neighbours (see the careful path in appendMessages).
#include "domain/message_effects.h"
#include "store/stored_message.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace parley {

using sqlite::Savepoint;
using sqlite::Tx;
using Status = AppendResult::Status;

namespace {

AppendResult refused(Status status, std::string error) {
  AppendResult r;
  r.status = status;
  r.error = std::move(error);
  return r;
}


}  // namespace

std::vector<AppendResult> SqliteStore::appendMessages(std::span<const NewMessage> batch) {
  std::lock_guard lock(mu_);
  return appendBatch(batch);
}

// The commit writes the WAL without fsync (synchronous=NORMAL); syncCommitted() then fsyncs the
// WAL, which makes this commit and every earlier one durable. Checkpoints stay safe: with NORMAL,
// SQLite syncs the WAL before copying it into the database.
std::vector<AppendResult> SqliteStore::appendMessagesUnsynced(std::span<const NewMessage> batch) {
  std::lock_guard lock(mu_);
  sqlite::RelaxedDurability relaxed(*db_);
  return appendBatch(batch);
}

// A failed fsync throws: the batch may not be on disk, and its senders hear so and resend.
void SqliteStore::syncCommitted() { wal_.sync(); }

std::vector<AppendResult> SqliteStore::appendBatch(std::span<const NewMessage> batch) {
  std::vector<AppendResult> results;
  if (batch.empty()) return results;
  batch_agents_.clear();  // agents may be renamed between batches
  results.reserve(batch.size());
  // Fast path: the whole batch in one transaction without savepoints. A refused entry writes
  // nothing (appendOne refuses before its first write), so only a thrown constraint error needs
  // the careful path. Savepoints per entry cost a quarter of the CPU (FTS5 flushes at each release).
  {
    Tx tx(*db_);
    try {
      for (const NewMessage& nm : batch) results.push_back(appendOne(nm));
      for (const auto& r : results) unindexed_ += r.status == Status::Ok;
      if (unindexed_ >= kIndexBatch) indexPendingMessages();
      tx.commit();
      return results;
    } catch (const StoreConflict&) {
    } catch (const sqlite::SqliteError& e) {
      if (!e.isConstraint()) throw;
    }
  }  // the transaction rolls back here
  results.clear();
  const std::int64_t unindexed_before = unindexed_;
  // Careful path: each entry in its own savepoint, so the one that breaks a constraint fails alone.
  Tx tx(*db_);
  unindexed_ = unindexed_before;
  for (const NewMessage& nm : batch) {
    Savepoint sp(*db_);
    try {
      AppendResult r = appendOne(nm);
      if (r.status == Status::Ok) sp.release(); else sp.rollback();
      results.push_back(std::move(r));
    } catch (const StoreConflict& e) {
      sp.rollback();
      results.push_back(refused(Status::Invalid, e.what()));
    } catch (const sqlite::SqliteError& e) {
      // A broken constraint is this entry's fault; anything else (I/O, full disk) fails the batch.
      if (!e.isConstraint()) throw;
      sp.rollback();
      // The database's own text names tables and columns: clients get a sentence.
      results.push_back(refused(Status::Invalid, "the message conflicts with what is stored"));
    }
  }
  for (const auto& r : results) unindexed_ += r.status == Status::Ok;
  if (unindexed_ >= kIndexBatch) indexPendingMessages();
  tx.commit();
  return results;
}

// One FTS5 insert for everything not yet indexed, inside the caller's transaction, and the
// watermark moved with it: a crash loses neither (the next start counts what is still pending).
// The delete/update triggers only touch rows at or below the watermark (migration 6).
void SqliteStore::indexPendingMessages() {
  db_->query(
         "INSERT INTO messages_fts(rowid, body) SELECT id, body FROM messages "
         "WHERE id > (SELECT indexed_upto FROM search_progress)")
      .run();
  db_->query("UPDATE search_progress SET indexed_upto = (SELECT coalesce(max(id), 0) FROM messages)").run();
  unindexed_ = 0;
}

AppendResult SqliteStore::appendOne(const NewMessage& nm) {
  const Id ws = nm.workspace_id;
  const SenderType type = nm.sender_type;
  const CheckedSender checked = checkSender(nm);
  if (checked.refusal) return refused(Status::Invalid, checked.refusal);
  const std::optional<Id> sender_id = checked.sender_id;
  // The agent's name and avatar go into the stored message's record; reading them here saves
  // reading the whole row back after the insert.
  std::optional<std::string> agent_name, agent_avatar;
  if (type == SenderType::Agent && sender_id) {
    // A few agents write most of a batch: each is looked up once per batch.
    auto known = batch_agents_.find(*sender_id);
    if (known == batch_agents_.end() || known->second.workspace_id != ws) {
      auto q = db_->query("SELECT name, avatar_url FROM agents WHERE id = ?1 AND workspace_id = ?2");
      if (!q.bind(*sender_id, ws).step()) return refused(Status::Invalid, "unknown agent");
      BatchAgent a{ws, q.optText(0), q.optText(1)};
      if (a.avatar_url && a.avatar_url->empty()) a.avatar_url.reset();
      known = batch_agents_.insert_or_assign(*sender_id, std::move(a)).first;
    }
    agent_name = known->second.name;
    agent_avatar = known->second.avatar_url;
  }

  AppendResult r;
  auto duplicateOf = [&](Id message_id) {
    r.status = Status::Duplicate;
    r.message = *loadMessage(message_id);
    r.conversation = *loadConversation(ws, r.message.conversation_id);
    return r;
  };

  Id conversation_id = nm.conversation_id;
  std::optional<Conversation> before;  // the conversation as it is before this message
  if (conversation_id == 0) {
    if (nm.contact_id == 0) return refused(Status::Invalid, "conversation_id or contact_id is required");
    if (!loadContact(ws, nm.contact_id)) return refused(Status::NotFound, "contact not found");
    if (nm.client_id) {
      // Across all the contact's conversations: the first send may have opened one that has
      // since been resolved, and a resend must still find it instead of opening another.
      auto q = db_->query(
          "SELECT m.id FROM conversations c JOIN messages m ON m.conversation_id = c.id "
          "WHERE c.contact_id = ?1 AND c.workspace_id = ?2 AND m.sender_type = ?3 AND m.sender_id IS ?4 "
          "AND m.client_id = ?5 ORDER BY m.id LIMIT 1");
      if (q.bind(nm.contact_id, ws, type, sender_id, *nm.client_id).step()) return duplicateOf(q.i64(0));
    }
    static const std::string open_sql = sqlite::kSelectConversation +
                                        "WHERE c.contact_id = ?1 AND c.workspace_id = ?2 AND c.status <> 'resolved' "
                                        "ORDER BY c.id DESC LIMIT 1";
    auto q = db_->query(open_sql);
    if (q.bind(nm.contact_id, ws).step()) {
      before = sqlite::readConversation(q);
      conversation_id = before->id;
    } else {
      // An agent's proactive message does not make the visitor "waiting".
      std::optional<Millis> waiting;
      if (type == SenderType::Visitor) waiting = nm.created_at;
      db_->query(
             "INSERT INTO conversations(workspace_id, contact_id, status, created_at, updated_at, waiting_since) "
             "VALUES (?1, ?2, 'open', ?3, ?3, ?4)")
          .bind(ws, nm.contact_id, nm.created_at, waiting)
          .run();
      conversation_id = db_->lastInsertId();
      r.conversation_created = true;
      r.conversation_created_offset =
          logEvent(ws, "conversation.created", conversation_id, std::nullopt, nm.created_at);
      before = loadConversation(ws, conversation_id);
    }
  } else {
    before = loadConversation(ws, conversation_id);
    if (!before) return refused(Status::NotFound, "conversation not found");
    // Same answer as a missing conversation: a visitor must not learn that others' ids exist.
    if (type == SenderType::Visitor && before->contact_id != nm.contact_id) return refused(Status::NotFound, "conversation not found");
    if (nm.client_id) {
      auto d = db_->query(
          "SELECT id FROM messages WHERE conversation_id = ?1 AND sender_type = ?2 AND sender_id IS ?3 "
          "AND client_id = ?4 ORDER BY id LIMIT 1");
      if (d.bind(conversation_id, type, sender_id, *nm.client_id).step()) return duplicateOf(d.i64(0));
    }
  }

  const std::int64_t seq = before->last_seq + 1;
  // Private notes take no number in the visitor's count (see migration 7).
  const std::int64_t visitor_seq = nm.is_private ? 0 : before->visitor_last_seq + 1;
  db_->query(
         "INSERT INTO messages(workspace_id, conversation_id, seq, sender_type, sender_id, body, private, "
         "client_id, attachments, created_at, visitor_seq, content) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")
      .bind(ws, conversation_id, seq, type, sender_id, nm.body, nm.is_private, nm.client_id, nm.attachments_json,
            nm.created_at, nm.is_private ? std::optional<std::int64_t>() : std::optional<std::int64_t>(visitor_seq),
            nm.content_json.empty() ? std::optional<std::string>() : std::optional<std::string>(nm.content_json))
      .run();
  const Id message_id = db_->lastInsertId();

  r.offset = logEvent(ws, "message.created", conversation_id, message_id, nm.created_at);
  r.message = storedMessage(nm, {ws, conversation_id, seq, visitor_seq, sender_id}, std::move(agent_name),
                            std::move(agent_avatar));
  r.message.id = message_id;
  const Message& m = r.message;
  // What the message does to its conversation is domain applyStoredMessage's to decide; the row
  // gets exactly that (a store test re-reads it).
  r.conversation = std::move(*before);
  applyStoredMessage(r.conversation, m);
  const Conversation& c = r.conversation;
  const LastMessage* last = c.last_message ? &*c.last_message : nullptr;
  db_->query(
         "UPDATE conversations SET last_seq = ?3, updated_at = ?4, visitor_last_seq = ?5, last_message_body = ?6, "
         "last_message_sender_type = ?7, last_message_at = ?8, waiting_since = ?9, first_reply_at = ?10, "
         "status = ?11, resolved_at = ?12, snoozed_until = ?13 WHERE id = ?1 AND workspace_id = ?2")
      .bind(conversation_id, ws, c.last_seq, c.updated_at, c.visitor_last_seq,
            last ? std::optional<std::string_view>(last->body) : std::nullopt,
            last ? std::optional<SenderType>(last->sender_type) : std::nullopt,
            last ? std::optional<Millis>(last->created_at) : std::nullopt, c.waiting_since, c.first_reply_at,
            c.status, c.resolved_at, c.snoozed_until)
      .run();
  return r;
}

std::optional<Message> SqliteStore::loadMessage(Id id) {
  static const std::string sql = sqlite::kSelectMessage + "WHERE m.id = ?1";
  auto q = db_->query(sql);
  if (!q.bind(id).step()) return std::nullopt;
  return sqlite::readMessage(q);
}

std::vector<Message> SqliteStore::messagesAfter(Id workspace_id, Id conversation_id, std::int64_t after_seq,
                                                int limit, bool include_private) {
  static const std::string all = sqlite::kSelectMessage +
                                 "WHERE m.conversation_id = ?1 AND m.workspace_id = ?2 AND m.seq > ?3 "
                                 "ORDER BY m.seq LIMIT ?4";
  // The visitor's view counts in visitor seqs (public messages only).
  static const std::string visible = sqlite::kSelectMessage +
                                     "WHERE m.conversation_id = ?1 AND m.workspace_id = ?2 AND m.visitor_seq > ?3 "
                                     "ORDER BY m.visitor_seq LIMIT ?4";
  std::lock_guard lock(mu_);
  std::vector<Message> out;
  auto q = db_->query(include_private ? all : visible);
  q.bind(conversation_id, workspace_id, after_seq, sqlite::clampLimit(limit, 100, 5000));
  while (q.step()) out.push_back(sqlite::readMessage(q));
  return out;
}

}  // namespace parley
