#include "app/message_sender.h"

#include "domain/clock.h"
#include "domain/text_limits.h"
#include "wire/message_content.h"

namespace parley {

namespace {

// What the store's answer means for the sender.
SendResult resultOf(const AppendResult& r) {
  using S = AppendResult::Status;
  SendResult out;
  switch (r.status) {
    case S::Ok:
    case S::Duplicate:
      out.duplicate = r.status == S::Duplicate;
      out.message = r.message;
      out.conversation = r.conversation;
      break;
    case S::NotFound:
      out.error = AppError(AppError::Kind::NotFound, "not_found", "no such conversation", "conversation_id");
      break;
    case S::Invalid:
      out.error = AppError(AppError::Kind::BadInput, "invalid", r.error, "body");
      break;
    case S::Failed:
      out.error = AppError(AppError::Kind::Internal, "internal", "the message could not be stored");
      break;
    case S::Unavailable:
      out.error = AppError(AppError::Kind::Unavailable, "unavailable",
                           "the message could not be stored now, try again in a moment", {}, 1000);
      break;
  }
  return out;
}

}  // namespace

AppError blockedVisitorError() {
  return AppError(AppError::Kind::Forbidden, "cannot_send", "You can't send messages in this chat.");
}

std::optional<AppError> draftError(const Sender& s, const MessageDraft& d) {
  using K = AppError::Kind;
  if (d.client_id.empty() || d.client_id.size() > 64)
    return AppError(K::BadInput, "invalid", "client_id is required (1 to 64 characters)", "client_id");
  const bool onlyFiles = d.body.empty() && d.attachments_json != "[]";
  if (!onlyFiles)
    if (auto err = validateMessageBody(d.body)) return AppError(K::BadInput, "invalid", "body " + *err, "body");
  // The bot's handoff summary is a private note for the agent (issue 14).
  if (d.is_private && s.kind != SenderType::Agent && s.kind != SenderType::Bot)
    return AppError(K::Forbidden, "forbidden", "only agents write private notes", "private");
  // Content (issue 14): a visitor only presses quick replies; buttons and cards come from agents and the bot.
  if (!d.content_json.empty()) {
    const bool press = isReplyToOption(d.content_json);
    if (s.kind == SenderType::Visitor && !press)
      return AppError(K::Forbidden, "forbidden", "visitors cannot send content", "content");
    if (s.kind != SenderType::Visitor && press)
      return AppError(K::BadInput, "invalid", "only visitors press quick replies", "reply_to_option");
    if (d.is_private) return AppError(K::BadInput, "invalid", "a private note has no content", "content");
  }
  if (s.kind != SenderType::Visitor && !d.conversation_id && d.contact_id == 0)
    return AppError(K::BadInput, "missing", "conversation_id is required", "conversation_id");
  return std::nullopt;
}

std::optional<AppError> MessageSender::refusal(const Sender& s, const MessageDraft& d) {
  using K = AppError::Kind;
  if (auto err = draftError(s, d)) return err;
  if (s.kind == SenderType::Visitor && blocks_ && blocks_->blocked(s.workspace_id, s.id, s.address))
    return blockedVisitorError();
  if (s.kind == SenderType::Visitor) {
    const auto key = VisitorLimits::key(s.id);
    const auto now = nowMillis();
    if (!limits_.messages.allow(key, now)) {
      const auto wait = limits_.messages.retryAfter(key, now);
      return AppError(K::RateLimited, "rate_limited",
                      "You are sending messages too fast, try again in " + std::to_string((wait + 999) / 1000) + " s",
                      {}, wait);
    }
  }
  return std::nullopt;
}

void MessageSender::send(const Sender& s, MessageDraft d, Done done) {
  if (auto e = refusal(s, d)) {
    SendResult r;
    r.error = std::move(e);
    return done(r);
  }
  NewMessage m;
  m.workspace_id = s.workspace_id;
  m.conversation_id = d.conversation_id.value_or(0);
  m.contact_id = s.kind == SenderType::Visitor ? s.id : d.contact_id;
  m.sender_type = s.kind;
  if (s.kind == SenderType::Visitor || s.kind == SenderType::Agent) m.sender_id = s.id;
  m.body = std::move(d.body);
  m.is_private = d.is_private;
  m.client_id = std::move(d.client_id);
  m.attachments_json = std::move(d.attachments_json);
  m.content_json = std::move(d.content_json);
  m.created_at = nowMillis();
  const bool visitor = s.kind == SenderType::Visitor;
  const Id senderId = s.id;
  writer_.submit(std::move(m), [this, done = std::move(done), visitor, senderId](const AppendResult& r) {
    // A message that was not stored costs the visitor nothing: the same send comes again after an
    // outage, and must not find the budget spent on failures.
    if (visitor && (r.status == AppendResult::Status::Failed || r.status == AppendResult::Status::Unavailable))
      limits_.messages.refund(VisitorLimits::key(senderId), nowMillis());
    done(resultOf(r));
    // The sender hears first; then the world (fan-out, assignment, ...).
    if (r.status == AppendResult::Status::Ok) after_.messageStored(r);
  });
}

}  // namespace parley
