// Settings > Automation > Proactive messages: the rules and the workspace-wide cap (admins only; docs/openapi.json).
#include <boost/json.hpp>

#include "domain/clock.h"
#include "domain/proactive_rule.h"
#include "domain/text_limits.h"
#include "http/api_support.h"
#include "http/responses.h"
#include "http/routes.h"
#include "wire/proactive_rule_json.h"

namespace parley {

namespace bj = boost::json;

namespace {

using L = ProactiveLimits;

// Applies the fields `body` names to `r` (all of them required on create), checking each.
void applyRuleInput(const ProactiveRuleRouteDeps& deps, Id workspace_id, const bj::object& body, ProactiveRule& r,
                    bool create) {
  if (create || body.contains("name")) {
    auto name = json::optString(body, "name");
    if (!name || name->empty() || name->size() > L::kNameBytes)
      throw ApiError(400, "invalid", "name must be 1 to " + std::to_string(L::kNameBytes) + " bytes", "name");
    r.name = *name;
  }
  if (create || body.contains("body")) {
    auto text = json::optString(body, "body");
    if (!text) throw ApiError(400, "invalid", "body is required", "body");
    if (auto err = validateMessageBody(*text)) throw ApiError(400, "invalid", "body " + *err, "body");
    if (text->size() > L::kBodyBytes)
      throw ApiError(400, "invalid", "body must be at most " + std::to_string(L::kBodyBytes) + " bytes", "body");
    r.body = *text;
  }
  if (auto enabled = json::optBool(body, "enabled")) r.enabled = *enabled;
  if (auto priority = json::optInt(body, "priority")) {
    if (*priority < 0 || *priority > L::kMaxPriority)
      throw ApiError(400, "invalid", "priority must be 0 to " + std::to_string(L::kMaxPriority), "priority");
    r.priority = static_cast<int>(*priority);
  }
  if (auto it = body.find("conditions"); it != body.end())
    r.conditions_json = bj::serialize(json::proactiveConditionsJson(json::proactiveConditions(it->value())));
  if (auto it = body.find("sender_agent_id"); it != body.end()) {
    if (it->value().is_null()) {
      r.sender_agent_id.reset();
    } else {
      auto id = json::optInt(body, "sender_agent_id");
      auto agent = id ? deps.agents.agentById(workspace_id, *id) : std::nullopt;
      if (!agent || !agent->active)
        throw ApiError(400, "invalid", "sender_agent_id must be an active agent of this workspace, or null",
                       "sender_agent_id");
      r.sender_agent_id = agent->id;
    }
  }
}

}  // namespace

void registerProactiveRuleRoutes(Router& r, ProactiveRuleRouteDeps deps) {
  r.add("GET", "/api/v1/proactive-rules", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    bj::array out;
    for (const auto& rule : deps.rules.listProactiveRules(auth.workspace.id)) out.push_back(json::proactiveRule(rule));
    reply(jsonResponse(200, bj::object{{"rules", std::move(out)}}));
  });

  r.add("POST", "/api/v1/proactive-rules", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto body = jsonBody(req);
    if (deps.rules.countProactiveRules(auth.workspace.id) >= L::kRulesPerWorkspace)
      throw ApiError(409, "limit", "a workspace has at most " + std::to_string(L::kRulesPerWorkspace) + " rules", "rules");
    ProactiveRule rule;
    rule.workspace_id = auth.workspace.id;
    applyRuleInput(deps, auth.workspace.id, body, rule, true);
    rule.created_at = rule.updated_at = nowMillis();
    reply(jsonResponse(201, bj::object{{"rule", json::proactiveRule(deps.rules.createProactiveRule(rule))}}));
  });

  r.add("GET", "/api/v1/proactive-rules/{id}", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto rule = deps.rules.proactiveRuleById(auth.workspace.id, pathId(req));
    if (!rule) throw ApiError(404, "not_found", "no such rule");
    reply(jsonResponse(200, bj::object{{"rule", json::proactiveRule(*rule)}}));
  });

  r.add("PATCH", "/api/v1/proactive-rules/{id}", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto body = jsonBody(req);
    auto rule = deps.rules.proactiveRuleById(auth.workspace.id, pathId(req));
    if (!rule) throw ApiError(404, "not_found", "no such rule");
    applyRuleInput(deps, auth.workspace.id, body, *rule, false);
    rule->updated_at = nowMillis();
    auto updated = deps.rules.updateProactiveRule(*rule);
    if (!updated) throw ApiError(404, "not_found", "no such rule");
    reply(jsonResponse(200, bj::object{{"rule", json::proactiveRule(*updated)}}));
  });

  r.add("DELETE", "/api/v1/proactive-rules/{id}", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    if (!deps.rules.deleteProactiveRule(auth.workspace.id, pathId(req))) throw ApiError(404, "not_found", "no such rule");
    reply(noContent());
  });

  r.add("GET", "/api/v1/proactive-settings", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    reply(jsonResponse(200, bj::object{{"cap_hours", deps.rules.proactiveCapHours(auth.workspace.id)}}));
  });

  r.add("PATCH", "/api/v1/proactive-settings", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto body = jsonBody(req);
    auto hours = json::optInt(body, "cap_hours");
    if (!hours || *hours < 0 || *hours > L::kMaxCapHours)
      throw ApiError(400, "invalid", "cap_hours must be 0 (no cap) to " + std::to_string(L::kMaxCapHours), "cap_hours");
    deps.rules.setProactiveCapHours(auth.workspace.id, *hours);
    reply(jsonResponse(200, bj::object{{"cap_hours", *hours}}));
  });
}

}  // namespace parley
