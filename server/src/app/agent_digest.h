// Agent notifications by email (issue 15, item 4): an agent who turned them on in the profile
// (preference notifications.email, off by default) and is offline gets, batched in one email,
//  - each new conversation of the workspace;
//  - each visitor reply in a conversation assigned to them.
// onStoredMessage (the AfterCommit listener "email") records the items (store/agent_digest_store.h:
// at most one per agent and conversation, at most 50 per agent); the digest pass (a PeriodicJob of
// EmailChannel) sends an agent's items once the oldest is older than the batch window (10 minutes
// by default, serve --agent-digest-ms), as one email through the outbox. Nothing is recorded
// without --smtp.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/email_outbox.h"
#include "bus/presence.h"
#include "domain/email_content.h"
#include "store/agent_digest_store.h"
#include "store/agent_store.h"
#include "store/contact_store.h"
#include "store/conversation_store.h"
#include "store/message_log.h"
#include "store/workspace_store.h"

namespace parley {

constexpr Millis kDefaultAgentDigestWindowMs = 10 * 60'000;

// Pure parts (unit-tested).
// The agent's stored preferences JSON: notifications.email is true (absent or anything else: off).
bool agentEmailNotificationsOn(std::string_view preferences_json);
// A message's text for a digest line: whitespace runs as one space, trimmed, at most
// kDigestExcerptMax bytes (cut at a UTF-8 character boundary, "..." when cut).
std::string digestExcerpt(std::string_view body);
// Where the dashboard opens a conversation: <public_url>/app/#/inbox?c=<id>.
std::string dashboardConversationLink(std::string_view public_url, Id conversation_id);
// One line of the email: "New conversation from Jo" / "Jo replied", the excerpt, the link.
NotificationItem digestLine(const DigestItem& item, const std::string& visitor_name, std::string_view public_url);

class AgentDigest {
 public:
  AgentDigest(EmailOutbox& outbox, AgentDigestStore& digests, WorkspaceStore& workspaces, AgentStore& agents,
              ConversationStore& conversations, ContactStore& contacts, const PresenceTracker& presence, Millis window_ms);

  Millis windowMs() const { return window_ms_; }
  // After a stored visitor message (see above).
  void onStoredMessage(const AppendResult& r);
  // The digest pass: every agent whose oldest item is older than the window gets one email with
  // all their items. Returns the emails queued.
  std::size_t runPass(Millis now);

 private:
  bool wantsEmail(const Agent& a);
  void add(const Agent& a, const AppendResult& r, DigestItemKind kind);

  EmailOutbox& outbox_;
  AgentDigestStore& digests_;
  WorkspaceStore& workspaces_;
  AgentStore& agents_;
  ConversationStore& conversations_;
  ContactStore& contacts_;
  const PresenceTracker& presence_;
  Millis window_ms_;
};

}  // namespace parley
