// The one way a message is stored, whoever sends it (a visitor, an agent, a bot, the system) and
// whatever brought it (a socket frame, a REST call, the offline form, a job). It checks what any
// message must satisfy and what the sender may do, applies the visitor's message budget, hands the
// message to the group-commit writer and, once the message is durable, answers the sender and then
// runs the after-commit listeners in order. Transports only parse input (realtime/message_input.h)
// and render the result.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "app/after_commit.h"
#include "app/app_error.h"
#include "app/message_writer.h"
#include "app/visitor_blocks.h"
#include "security/visitor_limits.h"

namespace parley {

struct Sender {
  SenderType kind = SenderType::System;
  Id workspace_id = 0;
  Id id = 0;  // the contact for a visitor, the agent for an agent; 0 for bots and the system
  std::string address;  // a visitor's address (blocks by range); "" when not over HTTP or WebSocket
};

struct MessageDraft {
  // None: a visitor's open conversation (or a new one), or for an agent/bot the open conversation of
  // contact_id (a proactive message).
  std::optional<Id> conversation_id;
  Id contact_id = 0;
  std::string client_id;  // 1 to 64 characters: a resend with the same id is stored once
  std::string body;
  std::string attachments_json = "[]";  // already checked against the uploads (message_input.h)
  bool is_private = false;              // agents only
  std::string content_json;             // wire/message_content's canonical JSON, or ""
};

struct SendResult {
  std::optional<AppError> error;  // set: nothing was stored
  bool duplicate = false;         // the client_id was stored before: `message` is that one
  Message message;
  Conversation conversation;
};

// What no message may be, whoever sends it: no client_id or one over 64 characters, an invalid body
// (unless it carries files), a private note from anyone but an agent, an agent's message with
// neither a conversation nor a contact. Pure: the budgets come after it, in MessageSender::send.
std::optional<AppError> draftError(const Sender& sender, const MessageDraft& draft);

class MessageSender {
 public:
  using Done = std::function<void(const SendResult&)>;

  // `blocks`: blocked contacts and addresses (issue 16), refused before anything else; none when null.
  MessageSender(MessageWriter& writer, const AfterCommit& after, VisitorLimits& limits,
                VisitorBlocks* blocks = nullptr)
      : writer_(writer), after_(after), limits_(limits), blocks_(blocks) {}

  // `done` runs once: at once for a refusal, else after the commit (on the writer's dispatcher).
  // Never throws.
  void send(const Sender& sender, MessageDraft draft, Done done);

 private:
  std::optional<AppError> refusal(const Sender& sender, const MessageDraft& draft);

  MessageWriter& writer_;
  const AfterCommit& after_;
  VisitorLimits& limits_;
  VisitorBlocks* blocks_;
};

// What a blocked visitor is told, whatever the way in: polite, and not why (issue 16, item 4).
AppError blockedVisitorError();

}  // namespace parley
