// Proactive messages by rule (issue 13), the use cases: which rules a visitor's widget gets, sending a rule's
// message when the widget says its page conditions hold, and counting replies.
//
// The frame evaluates the page conditions (URL, time on page, visits, referrer) and asks for the message; the
// server then checks everything it can know again (the rule is enabled, the visitor conditions, business hours,
// agents online) and takes the caps in the store (claimProactive: once per rule per visitor, and the
// workspace-wide cap), so two tabs or a replayed request cannot send twice. The message goes through
// MessageSender like any other: stored, acknowledged, resumable, fanned out.
//
// Who it is from: a rule names an agent (sender_type "agent", with the agent's name and avatar) or no one,
// which sends it as the workspace: sender_type "bot" with no sender, shown by the widget with the workspace's
// name. An agent since deactivated or removed also falls back to the workspace.
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <optional>

#include "app/app_error.h"
#include "app/message_sender.h"
#include "bus/presence.h"
#include "store/agent_store.h"
#include "store/proactive_rule_store.h"

namespace parley {

// The client_id of a rule's message: what the widget recognises a proactive message by (and reports as opened).
std::string proactiveClientId(Id rule_id);

// The rules for the widget's session (json::widgetProactiveRule each), highest priority first: enabled, not
// yet shown to this visitor, whose visitor conditions hold; none inside the workspace-wide cap.
boost::json::array widgetProactiveRules(ProactiveRuleStore& rules, const Workspace& ws, const Contact& c, Millis now);

struct ProactiveSendDeps {
  ProactiveRuleStore& rules;
  AgentStore& agents;
  PresenceTracker& presence;
  MessageSender& messages;
};

struct ProactiveSendResult {
  std::optional<AppError> error;  // not_found, or a conflict: already_shown, capped, not_matching
  Message message;
  Conversation conversation;
};

// Sends rule `rule_id`'s message to contact `c` if the server-side checks and the caps allow. `done` runs once:
// at once for a refusal, else after the message is stored. Never throws.
void sendProactiveMessage(ProactiveSendDeps deps, const Workspace& ws, const Contact& c, Id rule_id,
                          std::function<void(const ProactiveSendResult&)> done);

// AfterCommit listener: a visitor's message in a conversation holding an unanswered rule message counts a reply.
void countProactiveReply(ProactiveRuleStore& rules, const AppendResult& stored);

}  // namespace parley
