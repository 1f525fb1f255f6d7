// Routing without a dispatcher (issue 13, item 4): when a visitor's first message creates a
// conversation, the workspace's routing rules are read in order and the first that matches the
// contact (page, pre-chat answers, language, country, identified) gives the conversation its team,
// priority and tags (domain/routing_rule.h). It runs as an AfterCommit listener registered before
// "auto-assign", so auto-assignment sees the team; the change goes through ConversationActions,
// so agents see it live and a resuming agent finds it in the event log.
#pragma once

#include "app/conversation_actions.h"
#include "store/contact_store.h"
#include "store/routing_rule_store.h"

namespace parley {

class ConversationRouter {
 public:
  ConversationRouter(RoutingRuleStore& rules, ContactStore& contacts, ConversationActions& conversations)
      : rules_(rules), contacts_(contacts), conversations_(conversations) {}

  // The conversation as routed (as given when no rule matched or it no longer exists).
  Conversation route(const Conversation& c);

 private:
  RoutingRuleStore& rules_;
  ContactStore& contacts_;
  ConversationActions& conversations_;
};

}  // namespace parley
