// Email's use cases (issue 15, items 1-2): what is emailed to a visitor and when. Each call
// composes the email (domain/email_content.h), builds its MIME bytes (mail/mime_builder.h) and
// enqueues it in the durable outbox (store/mail_outbox_store.h) under the key of the event it is
// for; app/mail_sender.* sends it. Nothing here talks to a mail server, so none of it slows the
// chat path: the offline form and a transcript request cost one insert.
//
// Addresses: From is the workspace's sender name with --mail-from's address; Reply-To is
// reply+TOKEN@<the workspace's reply domain> (security/email_tokens.h), so a visitor's answer comes
// back into the same conversation (app/inbound_mail.*). Links open /chat/<workspace> with a signed
// resume token: the conversation again, on any device.
#pragma once

#include <optional>
#include <string>

#include "domain/email.h"
#include "domain/email_content.h"
#include "domain/model.h"
#include "store/contact_store.h"
#include "store/conversation_store.h"
#include "store/mail_outbox_store.h"
#include "store/message_log.h"
#include "store/workspace_store.h"
#include "store/agent_store.h"

namespace parley {

struct EmailConfig {
  bool enabled = false;      // --smtp given: without it nothing is queued
  EmailAddress from;         // --mail-from
  std::string public_url;    // where links point, without a trailing slash
  std::string key;           // signs links and reply addresses (installation secret "email")
};

// The workspace's email settings (Settings > Email), stored in its settings JSON.
struct WorkspaceEmailSettings {
  std::string sender_name;   // empty: the workspace's name
  std::string reply_domain;  // empty: --mail-from's domain
  bool continuity = true;    // email unseen replies
  int continuity_minutes = 5;  // 0: at once
};
WorkspaceEmailSettings emailSettingsOf(const Workspace& ws);

class EmailOutbox {
 public:
  EmailOutbox(EmailConfig config, MailOutboxStore& outbox, WorkspaceStore& workspaces, ContactStore& contacts,
              ConversationStore& conversations, MessageLog& messages, AgentStore& agents);

  bool enabled() const { return config_.enabled; }
  const EmailConfig& config() const { return config_; }
  // Before any email is composed (serve knows its port only once it listens).
  void setPublicUrl(std::string url) { config_.public_url = std::move(url); }

  // After a stored message: an agent's or bot's public reply makes its conversation due for a
  // continuity email after the workspace's delay (the AfterCommit listener "email").
  void onStoredMessage(const Message& m);
  // The continuity pass (PeriodicJob): every due conversation whose visitor has not read the
  // replies and has an email gets one email with them. Returns the emails queued.
  std::size_t runContinuityPass(Millis now);
  // The offline form's confirmation of `m` to `email`.
  EnqueueResult queueOfflineConfirmation(const Workspace& ws, const Conversation& c, const Message& m,
                                         const std::string& email);
  // The whole conversation to `email` (a visitor's request or an agent's).
  EnqueueResult queueTranscript(const Workspace& ws, const Conversation& c, const std::string& email);

  // The link that opens `c` again in the widget, signed for its contact.
  std::string conversationLink(const Workspace& ws, const Conversation& c, Millis now) const;
  std::string replyAddress(const Workspace& ws, Id conversation_id) const;
  // An email to one of the workspace's agents (the notification digest, app/agent_digest.h): From
  // the workspace's sender, no Reply-To and no conversation thread; for the outbox as it is.
  QueuedEmail composeAgentEmail(const Workspace& ws, const std::string& to, const std::string& kind,
                                const std::string& dedup_key, const EmailText& text, Millis now) const;

 private:
  QueuedEmail compose(const Workspace& ws, const Conversation& c, const std::string& to, const std::string& kind,
                      const std::string& dedup_key, const std::string& subject, const std::string& text,
                      const std::string& html, Millis now) const;
  std::string authorOf(const Message& m, const Workspace& ws);

  EmailConfig config_;
  MailOutboxStore& outbox_;
  WorkspaceStore& workspaces_;
  ContactStore& contacts_;
  ConversationStore& conversations_;
  MessageLog& messages_;
  AgentStore& agents_;
};

}  // namespace parley
