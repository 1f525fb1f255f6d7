#include "app/email_outbox.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "domain/clock.h"
#include "domain/email_address.h"
#include "domain/email_content.h"
#include "mail/mime_builder.h"
#include "security/email_tokens.h"
#include "security/token.h"
#include "wire/json_codec.h"

namespace parley {

namespace bj = boost::json;

namespace {

constexpr int kContinuityPerPass = 50;       // conversations looked at per pass
constexpr int kRepliesPerEmail = 50;         // newest unseen replies in one email
constexpr int kTranscriptMessages = 500;     // a longer conversation's transcript ends with a link

// A message as a line of an email: its text, and its attachments by name.
std::string emailBodyOf(const Message& m) {
  std::string body = m.body;
  auto parsed = json::parseOr(m.attachments_json, bj::array{});
  if (parsed.is_array())
    for (const auto& a : parsed.get_array())
      if (a.is_object())
        if (auto it = a.get_object().find("name"); it != a.get_object().end() && it->value().is_string()) {
          if (!body.empty()) body += "\n";
          body += "[attachment: " + std::string(it->value().get_string()) + "]";
        }
  return body;
}

}  // namespace

WorkspaceEmailSettings emailSettingsOf(const Workspace& ws) {
  WorkspaceEmailSettings s;
  auto v = json::parseOr(ws.settings_json, bj::object{});
  if (!v.is_object()) return s;
  const auto& o = v.get_object();
  if (auto it = o.find("email_sender_name"); it != o.end() && it->value().is_string())
    s.sender_name = std::string(it->value().get_string());
  if (auto it = o.find("email_reply_domain"); it != o.end() && it->value().is_string())
    s.reply_domain = std::string(it->value().get_string());
  if (auto it = o.find("email_continuity"); it != o.end() && it->value().is_bool()) s.continuity = it->value().get_bool();
  if (auto it = o.find("email_continuity_minutes"); it != o.end() && it->value().is_int64())
    s.continuity_minutes = static_cast<int>(std::clamp<std::int64_t>(it->value().get_int64(), 0, 1440));
  return s;
}

EmailOutbox::EmailOutbox(EmailConfig config, MailOutboxStore& outbox, WorkspaceStore& workspaces,
                         ContactStore& contacts, ConversationStore& conversations, MessageLog& messages,
                         AgentStore& agents)
    : config_(std::move(config)),
      outbox_(outbox),
      workspaces_(workspaces),
      contacts_(contacts),
      conversations_(conversations),
      messages_(messages),
      agents_(agents) {}

std::string EmailOutbox::conversationLink(const Workspace& ws, const Conversation& c, Millis now) const {
  return config_.public_url + "/chat/" + ws.public_id + "?resume=" +
         makeConversationLinkToken(config_.key, c.id, c.contact_id, now);
}

std::string EmailOutbox::replyAddress(const Workspace& ws, Id conversation_id) const {
  auto domain = emailSettingsOf(ws).reply_domain;
  if (domain.empty()) domain = emailDomainOf(config_.from.address);
  return "reply+" + makeReplyToken(config_.key, ws.id, conversation_id) + "@" + domain;
}

std::string EmailOutbox::authorOf(const Message& m, const Workspace& ws) {
  if (m.sender_type == SenderType::Visitor) return "You";
  if (m.sender_type == SenderType::Bot) return ws.name + " (bot)";
  if (m.sender_type == SenderType::Agent) {
    std::string name = m.sender_name.value_or("");
    if (name.empty() && m.sender_id)
      if (auto a = agents_.agentById(ws.id, *m.sender_id)) name = a->name;
    return (name.empty() ? ws.name : name + " (" + ws.name + ")");
  }
  return ws.name;
}

QueuedEmail EmailOutbox::compose(const Workspace& ws, const Conversation& c, const std::string& to,
                                 const std::string& kind, const std::string& dedup_key, const std::string& subject,
                                 const std::string& text, const std::string& html, Millis now) const {
  auto settings = emailSettingsOf(ws);
  OutgoingEmail e;
  e.from = {settings.sender_name.empty() ? ws.name : settings.sender_name, config_.from.address};
  e.to = {{"", to}};
  e.reply_to = EmailAddress{e.from.name, replyAddress(ws, c.id)};
  e.subject = subject;
  e.text = text;
  e.html = html;
  const auto domain = emailDomainOf(config_.from.address);
  e.message_id = kind + "." + std::to_string(c.id) + "." + randomHex(8) + "@" + domain;
  // Every email of one conversation names the same thread root, so mail clients group them.
  const auto root = "conversation." + std::to_string(c.id) + "." + ws.public_id + "@" + domain;
  e.references = {root};
  e.in_reply_to = root;
  e.headers = {{"Auto-Submitted", "auto-generated"}, {"X-Parley-Conversation", std::to_string(c.id)}};
  QueuedEmail q;
  q.workspace_id = ws.id;
  q.kind = kind;
  q.dedup_key = dedup_key;
  q.conversation_id = c.id;
  q.envelope_from = config_.from.address;
  q.recipients = {to};
  q.subject = subject;
  q.mime = buildMime(e, now);
  q.next_attempt_at = now;
  q.created_at = now;
  return q;
}

QueuedEmail EmailOutbox::composeAgentEmail(const Workspace& ws, const std::string& to, const std::string& kind,
                                           const std::string& dedup_key, const EmailText& text, Millis now) const {
  auto settings = emailSettingsOf(ws);
  OutgoingEmail e;
  e.from = {settings.sender_name.empty() ? ws.name : settings.sender_name, config_.from.address};
  e.to = {{"", to}};
  e.subject = text.subject;
  e.text = text.text;
  e.html = text.html;
  e.message_id = kind + "." + randomHex(12) + "@" + emailDomainOf(config_.from.address);
  e.headers = {{"Auto-Submitted", "auto-generated"}};
  QueuedEmail q;
  q.workspace_id = ws.id;
  q.kind = kind;
  q.dedup_key = dedup_key;
  q.envelope_from = config_.from.address;
  q.recipients = {to};
  q.subject = text.subject;
  q.mime = buildMime(e, now);
  q.next_attempt_at = now;
  q.created_at = now;
  return q;
}

void EmailOutbox::onStoredMessage(const Message& m) {
  if (!config_.enabled || m.is_private || m.visitor_seq <= 0) return;
  if (m.sender_type != SenderType::Agent && m.sender_type != SenderType::Bot) return;
  auto ws = workspaces_.workspaceById(m.workspace_id);
  if (!ws) return;
  auto settings = emailSettingsOf(*ws);
  if (!settings.continuity) return;
  outbox_.markContinuityDue(m.workspace_id, m.conversation_id, m.visitor_seq,
                            m.created_at + static_cast<Millis>(settings.continuity_minutes) * 60'000);
}

std::size_t EmailOutbox::runContinuityPass(Millis now) {
  if (!config_.enabled) return 0;
  std::size_t queued = 0;
  for (const auto& due : outbox_.dueContinuity(now, kContinuityPerPass)) {
    auto ws = workspaces_.workspaceById(due.workspace_id);
    auto c = conversations_.conversationById(due.workspace_id, due.conversation_id);
    if (!ws || !c) {
      outbox_.clearContinuityDue(due.conversation_id, INT64_MAX);
      continue;
    }
    auto contact = contacts_.contactById(ws->id, c->contact_id);
    const auto seen = std::max(c->visitor_read_vseq, due.emailed_vseq);
    std::vector<Message> replies;
    for (auto& m : messages_.messagesAfter(ws->id, c->id, seen, 1000, false))
      if (m.sender_type == SenderType::Agent || m.sender_type == SenderType::Bot) replies.push_back(std::move(m));
    if (replies.empty() || !contact || !contact->email || contact->email->empty() || !emailSettingsOf(*ws).continuity) {
      outbox_.clearContinuityDue(c->id, c->visitor_last_seq);
      continue;
    }
    const auto through = replies.back().visitor_seq;
    if (replies.size() > static_cast<std::size_t>(kRepliesPerEmail))
      replies.erase(replies.begin(), replies.end() - kRepliesPerEmail);
    std::vector<EmailLine> lines;
    for (const auto& m : replies) lines.push_back({authorOf(m, *ws), emailBodyOf(m), m.created_at});
    auto text = unseenRepliesEmail(ws->name, lines, conversationLink(*ws, *c, now));
    auto q = compose(*ws, *c, *contact->email, "continuity",
                     "continuity:" + std::to_string(c->id) + ":" + std::to_string(through), text.subject, text.text,
                     text.html, now);
    auto r = outbox_.enqueueContinuityEmail(q, through, kMaxQueuedEmailsPerWorkspace);
    if (r == EnqueueResult::Queued) ++queued;
    if (r == EnqueueResult::QueueFull)
      spdlog::warn("email: workspace {} has {} emails waiting; continuity email for conversation {} not queued",
                   ws->id, kMaxQueuedEmailsPerWorkspace, c->id);
  }
  return queued;
}

EnqueueResult EmailOutbox::queueOfflineConfirmation(const Workspace& ws, const Conversation& c, const Message& m,
                                                    const std::string& email) {
  const auto now = nowMillis();
  auto text = offlineFormEmail(ws.name, m.body, conversationLink(ws, c, now));
  return outbox_.enqueueEmail(compose(ws, c, email, "offline_form", "offline_form:" + std::to_string(m.id),
                                      text.subject, text.text, text.html, now),
                              kMaxQueuedEmailsPerWorkspace);
}

EnqueueResult EmailOutbox::queueTranscript(const Workspace& ws, const Conversation& c, const std::string& email) {
  const auto now = nowMillis();
  std::vector<EmailLine> lines;
  for (const auto& m : messages_.messagesAfter(ws.id, c.id, 0, kTranscriptMessages, false))
    lines.push_back({authorOf(m, ws), emailBodyOf(m), m.created_at});
  auto text = transcriptEmail(ws.name, lines, conversationLink(ws, c, now));
  // One per conversation state and address: a double click sends one.
  auto key = "transcript:" + std::to_string(c.id) + ":" + std::to_string(c.visitor_last_seq) + ":" + sha256Hex(email);
  return outbox_.enqueueEmail(compose(ws, c, email, "transcript", key, text.subject, text.text, text.html, now),
                              kMaxQueuedEmailsPerWorkspace);
}

}  // namespace parley
