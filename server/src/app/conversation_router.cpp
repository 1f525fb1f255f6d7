#include "app/conversation_router.h"

#include <spdlog/spdlog.h>

#include "domain/clock.h"
#include "store/store_errors.h"

namespace parley {

Conversation ConversationRouter::route(const Conversation& c) {
  const auto rules = rules_.listRoutingRules(c.workspace_id);
  if (rules.empty()) return c;
  auto contact = contacts_.contactById(c.workspace_id, c.contact_id);
  if (!contact) return c;
  const RoutingRule* rule = firstMatchingRule(rules, routingSubjectOf(*contact));
  if (!rule) return c;
  ConversationPatch p;
  if (rule->team_id && !c.team_id) p.team_id = std::optional<Id>{*rule->team_id};
  if (rule->priority) p.priority = *rule->priority;
  if (!rule->tags.empty()) {
    auto tags = c.tags;
    tags.insert(tags.end(), rule->tags.begin(), rule->tags.end());
    p.tags = std::move(tags);
  }
  if (!p.team_id && !p.priority && !p.tags) return c;
  try {
    auto routed = conversations_.patch(c, p, nowMillis());
    if (!routed) return c;
    spdlog::info("conversation {} routed by rule {} ('{}')", c.id, rule->id, rule->name);
    return *routed;
  } catch (const InvalidPatch& e) {
    // E.g. the rule's team was deleted meanwhile, or the tags would pass the conversation's limit.
    spdlog::warn("routing rule {} could not apply to conversation {}: {}", rule->id, c.id, e.what());
    return c;
  }
}

}  // namespace parley
