#include "app/proactive_messages.h"

#include <spdlog/spdlog.h>

#include "domain/clock.h"
#include "wire/proactive_rule_json.h"

namespace parley {

namespace {

ProactiveVisitorFacts factsOf(const Contact& c) {
  ProactiveVisitorFacts f;
  f.identified = c.external_id.has_value() && !c.external_id->empty();
  f.language = c.language;
  f.country = c.country;
  f.attributes_json = c.attributes_json;
  return f;
}

AppError conflict(std::string code, std::string message) {
  return AppError(AppError::Kind::Conflict, std::move(code), std::move(message), "rule_id");
}

}  // namespace

std::string proactiveClientId(Id rule_id) { return "proactive-" + std::to_string(rule_id); }

boost::json::array widgetProactiveRules(ProactiveRuleStore& rules, const Workspace& ws, const Contact& c, Millis now) {
  boost::json::array out;
  const auto facts = factsOf(c);
  for (const auto& r : rules.proactiveRulesFor(ws.id, c.id, now)) {
    auto conditions = json::conditionsFromStored(r.conditions_json);
    if (!conditions || !visitorConditionsHold(*conditions, facts)) continue;
    out.push_back(json::widgetProactiveRule(r.id, r.priority, *conditions));
  }
  return out;
}

void sendProactiveMessage(ProactiveSendDeps deps, const Workspace& ws, const Contact& c, Id rule_id,
                          std::function<void(const ProactiveSendResult&)> done) {
  ProactiveSendResult refused;
  try {
    auto rule = deps.rules.proactiveRuleById(ws.id, rule_id);
    auto conditions = rule ? json::conditionsFromStored(rule->conditions_json) : std::nullopt;
    if (!rule || !rule->enabled || !conditions) {
      refused.error = AppError(AppError::Kind::NotFound, "not_found", "no such rule", "rule_id");
      return done(refused);
    }
    const auto now = nowMillis();
    auto facts = factsOf(c);
    facts.in_business_hours = insideBusinessHours(ws.settings_json, now);
    facts.agents_online = deps.presence.agentsOnline(ws.id);
    if (!visitorConditionsHold(*conditions, facts)) {
      refused.error = conflict("not_matching", "the rule's conditions do not hold now");
      return done(refused);
    }
    Sender sender{SenderType::Bot, ws.id, 0};
    if (rule->sender_agent_id)
      if (auto a = deps.agents.agentById(ws.id, *rule->sender_agent_id); a && a->active)
        sender = Sender{SenderType::Agent, ws.id, a->id};
    using S = ProactiveClaim::Status;
    switch (deps.rules.claimProactive(ws.id, rule_id, c.id, now).status) {
      case S::Claimed: break;
      case S::AlreadyShown:
        refused.error = conflict("already_shown", "this rule's message was sent to this visitor before");
        return done(refused);
      case S::Capped:
        refused.error = conflict("capped", "this visitor got a proactive message recently");
        return done(refused);
      case S::NoRule:
        refused.error = AppError(AppError::Kind::NotFound, "not_found", "no such rule", "rule_id");
        return done(refused);
    }
    MessageDraft draft;
    draft.contact_id = c.id;
    draft.client_id = proactiveClientId(rule_id);
    draft.body = rule->body;
    auto& store = deps.rules;
    const Id wsId = ws.id, contactId = c.id;
    deps.messages.send(sender, std::move(draft), [&store, wsId, contactId, rule_id, now, done](const SendResult& r) {
      ProactiveSendResult out;
      try {
        if (r.error) {
          store.releaseProactive(wsId, rule_id, contactId, now);
          out.error = r.error;
        } else {
          store.proactiveDelivered(wsId, rule_id, contactId, r.conversation.id, r.message.id);
          out.message = r.message;
          out.conversation = r.conversation;
        }
      } catch (const std::exception& e) {
        spdlog::error("proactive rule {}: recording the delivery failed: {}", rule_id, e.what());
      }
      done(out);
    });
  } catch (const std::exception& e) {
    spdlog::error("proactive rule {}: {}", rule_id, e.what());
    refused.error = AppError(AppError::Kind::Internal, "internal", "the message could not be sent");
    done(refused);
  }
}

void countProactiveReply(ProactiveRuleStore& rules, const AppendResult& stored) {
  const auto& m = stored.message;
  if (m.sender_type != SenderType::Visitor || m.is_private || stored.conversation_created) return;
  rules.proactiveReplied(m.workspace_id, stored.conversation.contact_id, m.conversation_id, m.created_at);
}

}  // namespace parley
