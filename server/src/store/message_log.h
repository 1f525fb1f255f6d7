// Messages: appended in batches (the hot path), read back by sequence number. What a message does
// to its conversation is domain applyStoredMessage's to decide; a store writes that result.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/model.h"

namespace parley {

struct NewMessage {
  Id workspace_id = 0;
  Id conversation_id = 0;    // 0: a visitor's first send, use the open conversation or open one
                             // (also for an agent's proactive message to contact_id)
  Id contact_id = 0;         // for visitor messages: the visitor; checked against the conversation
  SenderType sender_type = SenderType::System;
  std::optional<Id> sender_id;
  std::string body;
  bool is_private = false;
  std::optional<std::string> client_id;
  std::string attachments_json = "[]";
  Millis created_at = 0;
  std::string content_json;  // "" or wire/message_content's canonical JSON
};

struct AppendResult {
  // Failed: set by MessageWriter when the store threw; Unavailable: it threw StoreUnavailable (the
  // database cannot be reached: nothing was written, the same send may succeed in a moment).
  enum class Status { Ok, Duplicate, NotFound, Invalid, Failed, Unavailable } status = Status::Ok;
  std::string error;               // for NotFound / Invalid
  Message message;                 // the stored message (the first one on Duplicate)
  Conversation conversation;       // as it is after this message
  bool conversation_created = false;
  std::int64_t conversation_created_offset = 0;
  std::int64_t offset = 0;         // of the message.created event (0 on Duplicate)
};

class MessageLog {
 public:
  virtual ~MessageLog() = default;

  // Each entry is handled on its own (one failing does not fail the others), all in one
  // transaction; the results are in the input's order. A resend (same sender and client_id) is
  // stored once: Duplicate with the first message.
  virtual std::vector<AppendResult> appendMessages(std::span<const NewMessage> batch) = 0;
  // The same, but the commit may return before it is on disk; syncCommitted() then makes every
  // commit made so far durable. MessageWriter uses the pair to let one batch wait for the disk
  // while the next batch is written. syncCommitted() may run on another thread than the writes.
  virtual std::vector<AppendResult> appendMessagesUnsynced(std::span<const NewMessage> batch) {
    return appendMessages(batch);
  }
  virtual void syncCommitted() {}
  // include_private: every message after seq `after_seq`, by seq (agents). Otherwise the
  // visitor's view: public messages after visitor seq `after_seq`, by visitor seq.
  virtual std::vector<Message> messagesAfter(Id workspace_id, Id conversation_id, std::int64_t after_seq,
                                             int limit, bool include_private) = 0;
};

}  // namespace parley
