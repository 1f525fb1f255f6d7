// STUB — replaced by main's. The email-ui branch only needs EmailOutbox to link: its REST routes
// and widget are built against app/email_outbox.h while the real use cases land in main. Nothing
// here sends or queues anything (EmailConfig::enabled is false in this branch's main.cpp).
#include "app/email_outbox.h"

#include <utility>

#include "wire/json_codec.h"

namespace parley {

WorkspaceEmailSettings emailSettingsOf(const Workspace& ws) {
  WorkspaceEmailSettings s;
  auto v = json::parseOr(ws.settings_json, boost::json::object{});
  if (!v.is_object()) return s;
  const auto& o = v.get_object();
  s.sender_name = json::optString(o, "email_sender_name").value_or("");
  s.reply_domain = json::optString(o, "email_reply_domain").value_or("");
  s.continuity = json::optBool(o, "email_continuity").value_or(true);
  s.continuity_minutes = static_cast<int>(json::optInt(o, "email_continuity_minutes").value_or(5));
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

void EmailOutbox::onStoredMessage(const Message&) {}
std::size_t EmailOutbox::runContinuityPass(Millis) { return 0; }
EnqueueResult EmailOutbox::queueOfflineConfirmation(const Workspace&, const Conversation&, const Message&,
                                                    const std::string&) {
  return EnqueueResult::Queued;
}
EnqueueResult EmailOutbox::queueTranscript(const Workspace&, const Conversation&, const std::string&) {
  return EnqueueResult::Queued;
}
std::string EmailOutbox::conversationLink(const Workspace&, const Conversation&, Millis) const { return {}; }
std::string EmailOutbox::replyAddress(const Workspace&, Id) const { return {}; }

}  // namespace parley
