// PostgresStore: appending messages (the hot path) and reading them back.
//
// A batch is one transaction: its commit returns once the WAL is flushed (synchronous_commit =
// on), and only then does MessageWriter acknowledge. An entry that is refused leaves no trace and
// does not disturb its neighbours (the careful path below).
//
// Numbering under concurrent writers on several instances: the transaction first locks the event
// counters of the batch's workspaces (postgres_events.cpp), then each conversation row it appends
// to (SELECT ... FOR UPDATE), reads last_seq and writes last_seq + 1. A writer elsewhere waits
// for these locks until this commit, then reads the committed last_seq: seqs (and visitor seqs)
// have neither gaps nor duplicates, and UNIQUE (conversation_id, seq) would refuse one anyway.
#include "domain/message_effects.h"
#include "store/stored_message.h"
#include "store/postgres/pg_rows.h"
#include "store/postgres/postgres_store.h"

namespace parley {

using Status = AppendResult::Status;

namespace {

AppendResult pgRefused(Status status, std::string error) {
  AppendResult r;
  r.status = status;
  r.error = std::move(error);
  return r;
}

// A broken constraint (SQLSTATE class 23) is the entry's fault; anything else fails the batch.
bool isConstraint(const pg::PgError& e) { return e.sqlstate.rfind("23", 0) == 0; }

std::vector<Id> workspacesOf(std::span<const NewMessage> batch) {
  std::vector<Id> out;
  out.reserve(batch.size());
  for (const auto& nm : batch) out.push_back(nm.workspace_id);
  return out;
}

}  // namespace

std::vector<AppendResult> PostgresStore::appendMessages(std::span<const NewMessage> batch) {
  auto c = pool_->acquire();
  return appendBatch(*c, batch);
}

// The commit is already durable (synchronous_commit = on): nothing is acknowledged on this backend
// before the WAL holding it is flushed, so there is no separate sync step.
std::vector<AppendResult> PostgresStore::appendMessagesUnsynced(std::span<const NewMessage> batch) {
  return appendMessages(batch);
}

// A no-op: every commit appendMessagesUnsynced returned from is on disk already (see above).
void PostgresStore::syncCommitted() {}

std::vector<AppendResult> PostgresStore::appendBatch(pg::Connection& c, std::span<const NewMessage> batch) {
  std::vector<AppendResult> results;
  if (batch.empty()) return results;
  results.reserve(batch.size());
  // Fast path: the whole batch in one transaction without savepoints. A refused entry writes
  // nothing (appendOne refuses before its first write), so only a broken constraint (say a resend
  // racing its first send on another node) needs the careful path.
  {
    BatchAgents agents;
    pg::Tx tx(c);
    c.exec("SET LOCAL synchronous_commit = on");
    lockEventCounters(c, workspacesOf(batch));
    try {
      for (const NewMessage& nm : batch) results.push_back(appendOne(c, nm, agents));
      tx.commit();
      return results;
    } catch (const StoreConflict&) {
    } catch (const std::invalid_argument&) {
    } catch (const pg::PgError& e) {
      if (!isConstraint(e)) throw;
    }
  }  // the transaction rolls back here, and the counters' locks go with it
  results.clear();
  // Careful path: each entry in its own savepoint, so the one that breaks a constraint fails alone.
  BatchAgents agents;
  pg::Tx tx(c);
  c.exec("SET LOCAL synchronous_commit = on");
  lockEventCounters(c, workspacesOf(batch));
  for (const NewMessage& nm : batch) {
    c.exec("SAVEPOINT entry");
    try {
      AppendResult r = appendOne(c, nm, agents);
      if (r.status != Status::Ok) c.exec("ROLLBACK TO SAVEPOINT entry");
      c.exec("RELEASE SAVEPOINT entry");
      results.push_back(std::move(r));
      continue;
    } catch (const StoreConflict& e) {
      results.push_back(pgRefused(Status::Invalid, e.what()));
    } catch (const std::invalid_argument& e) {
      results.push_back(pgRefused(Status::Invalid, e.what()));
    } catch (const pg::PgError& e) {
      if (!isConstraint(e)) throw;
      // The database's own text names tables and columns: clients get a sentence.
      results.push_back(pgRefused(Status::Invalid, "the message conflicts with what is stored"));
    }
    agents.clear();  // what the rolled-back entry looked up may be gone with it
    c.exec("ROLLBACK TO SAVEPOINT entry");
    c.exec("RELEASE SAVEPOINT entry");
  }
  tx.commit();
  return results;
}

AppendResult PostgresStore::appendOne(pg::Connection& c, const NewMessage& nm, BatchAgents& agents) {
  const Id ws = nm.workspace_id;
  const SenderType type = nm.sender_type;
  const CheckedSender checked = checkSender(nm);
  if (checked.refusal) return pgRefused(Status::Invalid, checked.refusal);
  const std::optional<Id> sender_id = checked.sender_id;
  // The agent's name and avatar go into the stored message's record; a few agents write most of a
  // batch, so each is looked up once per batch.
  std::optional<std::string> agent_name, agent_avatar;
  if (type == SenderType::Agent && sender_id) {
    auto known = agents.find(*sender_id);
    if (known == agents.end() || known->second.workspace_id != ws) {
      auto r = c.exec("SELECT name, avatar_url FROM agents WHERE id = $1 AND workspace_id = $2", *sender_id, ws);
      if (r.empty()) return pgRefused(Status::Invalid, "unknown agent");
      BatchAgent a{ws, r.optText(0, 0), r.optText(0, 1)};
      if (a.avatar_url && a.avatar_url->empty()) a.avatar_url.reset();
      known = agents.insert_or_assign(*sender_id, std::move(a)).first;
    }
    agent_name = known->second.name;
    agent_avatar = known->second.avatar_url;
  }

  AppendResult r;
  auto duplicateOf = [&](Id message_id) {
    r.status = Status::Duplicate;
    r.message = *loadMessage(c, message_id);
    r.conversation = *loadConversation(c, ws, r.message.conversation_id);
    return r;
  };

  Id conversation_id = nm.conversation_id;
  std::optional<Conversation> before;  // the conversation as it is before this message, locked
  if (conversation_id == 0) {
    if (nm.contact_id == 0) return pgRefused(Status::Invalid, "conversation_id or contact_id is required");
    if (!loadContact(c, ws, nm.contact_id)) return pgRefused(Status::NotFound, "contact not found");
    if (nm.client_id) {
      // Across all the contact's conversations: the first send may have opened one that has
      // since been resolved, and a resend must still find it instead of opening another.
      auto d = c.exec("SELECT m.id FROM conversations c JOIN messages m ON m.conversation_id = c.id "
                      "WHERE c.contact_id = $1 AND c.workspace_id = $2 AND m.sender_type = $3 "
                      "AND m.sender_id IS NOT DISTINCT FROM $4::bigint AND m.client_id = $5 ORDER BY m.id LIMIT 1",
                      nm.contact_id, ws, type, sender_id, *nm.client_id);
      if (!d.empty()) return duplicateOf(d.i64(0, 0));
    }
    static const std::string open_sql = pg::kSelectConversation +
                                        "WHERE c.contact_id = $1 AND c.workspace_id = $2 AND c.status <> 'resolved' "
                                        "ORDER BY c.id DESC LIMIT 1 FOR UPDATE OF c";
    auto open = c.exec(open_sql, nm.contact_id, ws);
    if (!open.empty()) {
      before = pg::readConversation(open, 0);
      conversation_id = before->id;
    } else {
      // An agent's proactive message does not make the visitor "waiting".
      std::optional<Millis> waiting;
      if (type == SenderType::Visitor) waiting = nm.created_at;
      conversation_id = c.exec("INSERT INTO conversations(workspace_id, contact_id, status, created_at, updated_at, "
                               "waiting_since) VALUES ($1, $2, 'open', $3, $3, $4) RETURNING id",
                               ws, nm.contact_id, nm.created_at, waiting)
                            .i64(0, 0);
      r.conversation_created = true;
      r.conversation_created_offset = logEvent(c, ws, "conversation.created", conversation_id, std::nullopt,
                                               nm.created_at);
      before = loadConversation(c, ws, conversation_id);
    }
  } else {
    before = loadConversation(c, ws, conversation_id, true);
    if (!before) return pgRefused(Status::NotFound, "conversation not found");
    // Same answer as a missing conversation: a visitor must not learn that others' ids exist.
    if (type == SenderType::Visitor && before->contact_id != nm.contact_id)
      return pgRefused(Status::NotFound, "conversation not found");
    if (nm.client_id) {
      auto d = c.exec("SELECT id FROM messages WHERE conversation_id = $1 AND sender_type = $2 "
                      "AND sender_id IS NOT DISTINCT FROM $3::bigint AND client_id = $4 ORDER BY id LIMIT 1",
                      conversation_id, type, sender_id, *nm.client_id);
      if (!d.empty()) return duplicateOf(d.i64(0, 0));
    }
  }

  const std::int64_t seq = before->last_seq + 1;
  // Private notes take no number in the visitor's count.
  const std::int64_t visitor_seq = nm.is_private ? 0 : before->visitor_last_seq + 1;
  const Id message_id =
      c.exec("INSERT INTO messages(workspace_id, conversation_id, seq, sender_type, sender_id, body, private, "
             "client_id, attachments, created_at, visitor_seq, content) "
             "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
             ws, conversation_id, seq, type, sender_id, nm.body, nm.is_private, nm.client_id, nm.attachments_json,
             nm.created_at, nm.is_private ? std::optional<std::int64_t>() : std::optional<std::int64_t>(visitor_seq),
             nm.content_json.empty() ? std::optional<std::string>() : std::optional<std::string>(nm.content_json))
          .i64(0, 0);

  r.offset = logEvent(c, ws, "message.created", conversation_id, message_id, nm.created_at);
  r.message = storedMessage(nm, {ws, conversation_id, seq, visitor_seq, sender_id}, std::move(agent_name),
                            std::move(agent_avatar));
  r.message.id = message_id;
  const Message& m = r.message;
  // What the message does to its conversation is domain applyStoredMessage's to decide; the row
  // gets exactly that.
  r.conversation = std::move(*before);
  applyStoredMessage(r.conversation, m);
  const Conversation& cv = r.conversation;
  const LastMessage* last = cv.last_message ? &*cv.last_message : nullptr;
  c.exec("UPDATE conversations SET last_seq = $3, updated_at = $4, visitor_last_seq = $5, last_message_body = $6, "
         "last_message_sender_type = $7, last_message_at = $8, waiting_since = $9, first_reply_at = $10, "
         "status = $11, resolved_at = $12, snoozed_until = $13 WHERE id = $1 AND workspace_id = $2",
         conversation_id, ws, cv.last_seq, cv.updated_at, cv.visitor_last_seq,
         last ? std::optional<std::string_view>(last->body) : std::nullopt,
         last ? std::optional<SenderType>(last->sender_type) : std::nullopt,
         last ? std::optional<Millis>(last->created_at) : std::nullopt, cv.waiting_since, cv.first_reply_at,
         cv.status, cv.resolved_at, cv.snoozed_until);
  return r;
}

std::optional<Message> PostgresStore::loadMessage(pg::Connection& c, Id id) {
  static const std::string sql = pg::kSelectMessage + "WHERE m.id = $1";
  auto r = c.exec(sql, id);
  if (r.empty()) return std::nullopt;
  return pg::readMessage(r, 0);
}

std::vector<Message> PostgresStore::messagesAfter(Id workspace_id, Id conversation_id, std::int64_t after_seq,
                                                  int limit, bool include_private) {
  static const std::string all = pg::kSelectMessage +
                                 "WHERE m.conversation_id = $1 AND m.workspace_id = $2 AND m.seq > $3 "
                                 "ORDER BY m.seq LIMIT $4";
  // The visitor's view counts in visitor seqs (public messages only).
  static const std::string visible = pg::kSelectMessage +
                                     "WHERE m.conversation_id = $1 AND m.workspace_id = $2 AND m.visitor_seq > $3 "
                                     "ORDER BY m.visitor_seq LIMIT $4";
  auto c = pool_->acquire();
  auto r = c->exec(include_private ? all : visible, conversation_id, workspace_id, after_seq,
                   pg::clampLimit(limit, 100, 5000));
  std::vector<Message> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back(pg::readMessage(r, i));
  return out;
}

}  // namespace parley
