// Proactive rules (issue 13): a workspace's rules, the workspace-wide cap, and per visitor and rule the one
// delivery a rule may make, with what became of it (shown, opened, replied). The counts are kept on the rule
// row, moved in the same transaction as the delivery row they count, so the dashboard reads them without
// scanning deliveries.
//
// The caps are the store's to keep (several tabs, several nodes): claimProactive checks and takes them in one
// transaction, so of two concurrent claims for one visitor at most one succeeds (once per rule; and once per
// cap window across rules).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/model.h"
#include "domain/proactive_rule.h"

namespace parley {

struct ProactiveClaim {
  enum class Status {
    Claimed,       // take it: send the message, then proactiveDelivered (or releaseProactive on failure)
    AlreadyShown,  // this rule was claimed for this visitor before
    Capped,        // another proactive message reached this visitor within the cap
    NoRule,        // no such rule in the workspace, or disabled
  } status = Status::NoRule;
};

class ProactiveRuleStore {
 public:
  virtual ~ProactiveRuleStore() = default;

  virtual ProactiveRule createProactiveRule(const ProactiveRule& r) = 0;
  // By priority (highest first), then id.
  virtual std::vector<ProactiveRule> listProactiveRules(Id workspace_id) = 0;
  virtual std::optional<ProactiveRule> proactiveRuleById(Id workspace_id, Id id) = 0;
  // Writes name, enabled, priority, conditions, sender, body, updated_at; nullopt: not found.
  virtual std::optional<ProactiveRule> updateProactiveRule(const ProactiveRule& r) = 0;
  virtual bool deleteProactiveRule(Id workspace_id, Id id) = 0;  // false: not found; its deliveries go too
  virtual std::size_t countProactiveRules(Id workspace_id) = 0;

  // At most one proactive message per visitor per this many hours (0: no cap across rules).
  virtual std::int64_t proactiveCapHours(Id workspace_id) = 0;  // the default when never set
  virtual void setProactiveCapHours(Id workspace_id, std::int64_t hours) = 0;

  // The rules of the workspace this contact may still be shown: enabled, not claimed for the contact
  // before; empty while the contact is inside the cap window (`now`).
  virtual std::vector<ProactiveRule> proactiveRulesFor(Id workspace_id, Id contact_id, Millis now) = 0;

  // Takes the rule for the contact if it is enabled, not claimed for the contact yet, and no proactive
  // message was claimed for the contact within the workspace's cap before `now`. Atomic.
  virtual ProactiveClaim claimProactive(Id workspace_id, Id rule_id, Id contact_id, Millis now) = 0;
  // The claimed message was stored: counts it shown. False when there was no such claim.
  virtual bool proactiveDelivered(Id workspace_id, Id rule_id, Id contact_id, Id conversation_id, Id message_id) = 0;
  // The message could not be stored: the claim (and the cap it took at `claimed_at`) is given back.
  virtual void releaseProactive(Id workspace_id, Id rule_id, Id contact_id, Millis claimed_at) = 0;
  // The visitor opened the chat at the rule's message: counted once. False when nothing changed.
  virtual bool proactiveOpened(Id workspace_id, Id rule_id, Id contact_id, Millis now) = 0;
  // The visitor wrote in `conversation_id`: every delivered, not yet replied rule message in it counts a
  // reply. Returns how many were counted. Cheap when there is none (a read, no write).
  virtual int proactiveReplied(Id workspace_id, Id contact_id, Id conversation_id, Millis now) = 0;
};

}  // namespace parley
