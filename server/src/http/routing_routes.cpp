// Routing rules and team routing settings (issue 13, item 4): an admin's list of rules, in order,
// and each team's fallback, hand-back and reminder settings. Agents may read the team settings
// (the inbox marks chats waiting past the reminder time).
#include <boost/json.hpp>

#include <algorithm>

#include "domain/clock.h"
#include "domain/conversation_patch.h"
#include "http/api_support.h"
#include "http/responses.h"
#include "http/routes.h"
#include "wire/json_codec.h"

namespace parley {

namespace bj = boost::json;

namespace {

bj::object ruleJson(const RoutingRule& r) {
  bj::array conditions;
  for (const auto& c : r.conditions) {
    bj::object o{{"field", toString(c.field)}, {"value", c.value}};
    if (c.field == RoutingField::Field) o["key"] = c.key;
    conditions.push_back(std::move(o));
  }
  bj::array tags;
  for (const auto& t : r.tags) tags.emplace_back(t);
  return {{"id", r.id},
          {"position", r.position},
          {"name", r.name},
          {"enabled", r.enabled},
          {"conditions", std::move(conditions)},
          {"team_id", r.team_id ? bj::value(*r.team_id) : bj::value(nullptr)},
          {"priority", r.priority ? bj::value(toString(*r.priority)) : bj::value(nullptr)},
          {"tags", std::move(tags)},
          {"created_at", r.created_at}};
}

bj::object teamRoutingJson(const TeamRouting& t) {
  return {{"team_id", t.team_id ? bj::value(t.team_id) : bj::value(nullptr)},
          {"fallback", toString(t.fallback)},
          {"reassign_offline", t.reassign_offline},
          {"reassign_after_minutes", t.reassign_after_minutes},
          {"remind_after_seconds", t.remind_after_seconds}};
}

bool teamOfWorkspace(TeamStore& teams, Id workspace_id, Id team_id) {
  const auto all = teams.listTeams(workspace_id);
  return std::any_of(all.begin(), all.end(), [&](const Team& t) { return t.id == team_id; });
}

std::vector<RoutingCondition> readConditions(const bj::value& v) {
  if (!v.is_array() || v.get_array().size() > RoutingLimits::kConditions)
    throw ApiError(400, "invalid", "conditions must be an array of at most 10 conditions", "conditions");
  std::vector<RoutingCondition> out;
  for (std::size_t i = 0; i < v.get_array().size(); ++i) {
    const std::string at = "conditions[" + std::to_string(i) + "]";
    const auto& e = v.get_array()[i];
    if (!e.is_object()) throw ApiError(400, "invalid", at + " must be an object", at);
    const auto& o = e.get_object();
    auto word = o.if_contains("field");
    auto field = word && word->is_string() ? parseEnum<RoutingField>(word->get_string()) : std::nullopt;
    if (!field)
      throw ApiError(400, "invalid", at + ".field must be page_url, field, language, country or identified", at + ".field");
    RoutingCondition c;
    c.field = *field;
    auto value = o.if_contains("value");
    if (!value || !value->is_string()) throw ApiError(400, "invalid", at + ".value must be a string", at + ".value");
    c.value = value->get_string();
    if (auto key = o.if_contains("key"); key && !key->is_null()) {
      if (!key->is_string()) throw ApiError(400, "invalid", at + ".key must be a string", at + ".key");
      c.key = key->get_string();
    }
    if (auto problem = conditionProblem(c)) {
      const bool keyAtFault = c.field == RoutingField::Field && problem->find("key") != std::string::npos;
      throw ApiError(400, "invalid", at + ": " + *problem, at + (keyAtFault ? ".key" : ".value"));
    }
    out.push_back(std::move(c));
  }
  return out;
}

// Fills `r` from the body: every key present replaces the field (a PATCH sends only what changes).
void applyRuleBody(const bj::object& body, RoutingRule& r, TeamStore& teams, bool creating) {
  if (auto name = json::optString(body, "name"); name || creating) {
    if (!name || name->empty() || name->size() > RoutingLimits::kName)
      throw ApiError(400, "invalid", "name must be 1 to 100 characters", "name");
    r.name = *name;
  }
  if (auto enabled = json::optBool(body, "enabled")) r.enabled = *enabled;
  if (auto it = body.find("conditions"); it != body.end()) r.conditions = readConditions(it->value());
  if (body.contains("team_id")) {
    r.team_id = json::optInt(body, "team_id");
    if (r.team_id && !teamOfWorkspace(teams, r.workspace_id, *r.team_id))
      throw ApiError(400, "invalid", "team_id must name a team of this workspace", "team_id");
  }
  if (body.contains("priority")) {
    auto word = json::optString(body, "priority");
    r.priority = word ? parsePriority(*word) : std::nullopt;
    if (word && (!r.priority || *r.priority == Priority::None))
      throw ApiError(400, "invalid", "priority must be low, medium, high, urgent or null", "priority");
  }
  if (auto it = body.find("tags"); it != body.end()) {
    const auto& v = it->value();
    if (!v.is_array() || v.get_array().size() > RoutingLimits::kTags)
      throw ApiError(400, "invalid", "tags must be an array of at most 10 tags", "tags");
    std::vector<std::string> tags;
    for (const auto& t : v.get_array()) {
      if (!t.is_string() || t.get_string().empty() || t.get_string().size() > RoutingLimits::kTag)
        throw ApiError(400, "invalid", "each tag must be 1 to 50 characters", "tags");
      tags.emplace_back(t.get_string());
    }
    auto normal = normalizeTags(tags);
    if (auto* refusal = std::get_if<PatchRefusal>(&normal)) throw ApiError(400, "invalid", refusal->message, "tags");
    r.tags = std::get<std::vector<std::string>>(normal);
  }
  if (!r.team_id && !r.priority && r.tags.empty())
    throw ApiError(400, "invalid", "a rule needs an action: a team, a priority or tags", "team_id");
}

std::optional<RoutingRule> findRule(RoutingRuleStore& store, Id workspace_id, Id id) {
  for (auto& r : store.listRoutingRules(workspace_id))
    if (r.id == id) return r;
  return std::nullopt;
}

bj::object rulesJson(RoutingRuleStore& store, Id workspace_id) {
  bj::array out;
  for (const auto& r : store.listRoutingRules(workspace_id)) out.push_back(ruleJson(r));
  return bj::object{{"rules", std::move(out)}};
}

int boundedInt(const bj::object& body, const char* key, int lo, int hi, int fallback) {
  auto v = json::optInt(body, key);
  if (!v) return fallback;
  if (*v < lo || *v > hi)
    throw ApiError(400, "invalid", std::string(key) + " must be " + std::to_string(lo) + " to " + std::to_string(hi), key);
  return static_cast<int>(*v);
}

}  // namespace

void registerRoutingRoutes(Router& r, RoutingRouteDeps deps) {
  r.add("GET", "/api/v1/routing-rules", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    reply(jsonResponse(200, rulesJson(deps.routing, auth.workspace.id)));
  });

  r.add("POST", "/api/v1/routing-rules", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto body = jsonBody(req);
    if (deps.routing.listRoutingRules(auth.workspace.id).size() >= RoutingLimits::kRules)
      throw ApiError(400, "limit", "a workspace has at most 100 routing rules", "rules");
    RoutingRule rule;
    rule.workspace_id = auth.workspace.id;
    rule.created_at = nowMillis();
    applyRuleBody(body, rule, deps.teams, true);
    reply(jsonResponse(201, bj::object{{"rule", ruleJson(deps.routing.createRoutingRule(rule))}}));
  });

  // The whole order at once: every rule's id, first rule first.
  r.add("PUT", "/api/v1/routing-rules/order", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto body = jsonBody(req);
    auto it = body.find("ids");
    if (it == body.end() || !it->value().is_array() || it->value().get_array().size() > RoutingLimits::kRules)
      throw ApiError(400, "invalid", "ids must be an array of the rules' ids", "ids");
    std::vector<Id> ids;
    for (const auto& v : it->value().get_array()) {
      if (!v.is_int64()) throw ApiError(400, "invalid", "ids must be an array of the rules' ids", "ids");
      ids.push_back(v.get_int64());
    }
    if (!deps.routing.reorderRoutingRules(auth.workspace.id, ids))
      throw ApiError(400, "invalid", "ids must name every rule of the workspace once", "ids");
    reply(jsonResponse(200, rulesJson(deps.routing, auth.workspace.id)));
  });

  r.add("PATCH", "/api/v1/routing-rules/{id}", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto body = jsonBody(req);
    auto rule = findRule(deps.routing, auth.workspace.id, pathId(req));
    if (!rule) throw ApiError(404, "not_found", "no such routing rule");
    applyRuleBody(body, *rule, deps.teams, false);
    auto updated = deps.routing.updateRoutingRule(*rule);
    if (!updated) throw ApiError(404, "not_found", "no such routing rule");
    reply(jsonResponse(200, bj::object{{"rule", ruleJson(*updated)}}));
  });

  r.add("DELETE", "/api/v1/routing-rules/{id}", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    if (!deps.routing.deleteRoutingRule(auth.workspace.id, pathId(req)))
      throw ApiError(404, "not_found", "no such routing rule");
    reply(noContent());
  });

  // Every team's settings (defaults for those never set), "no team" first (team_id null).
  r.add("GET", "/api/v1/team-routing", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    const Id ws = auth.workspace.id;
    bj::array out;
    out.push_back(teamRoutingJson(deps.routing.teamRouting(ws, 0)));
    for (const auto& t : deps.teams.listTeams(ws)) out.push_back(teamRoutingJson(deps.routing.teamRouting(ws, t.id)));
    reply(jsonResponse(200, bj::object{{"team_routing", std::move(out)}}));
  });

  r.add("PATCH", "/api/v1/team-routing", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto body = jsonBody(req);
    if (!body.contains("team_id")) throw ApiError(400, "invalid", "team_id is required (null: no team)", "team_id");
    const Id team = json::optInt(body, "team_id").value_or(0);
    if (team != 0 && !teamOfWorkspace(deps.teams, auth.workspace.id, team))
      throw ApiError(400, "invalid", "team_id must name a team of this workspace", "team_id");
    TeamRouting t = deps.routing.teamRouting(auth.workspace.id, team);
    if (auto f = json::optString(body, "fallback")) {
      auto parsed = parseEnum<TeamFallback>(*f);
      if (!parsed) throw ApiError(400, "invalid", "fallback must be workspace or queue", "fallback");
      t.fallback = *parsed;
    }
    if (auto b = json::optBool(body, "reassign_offline")) t.reassign_offline = *b;
    t.reassign_after_minutes =
        boundedInt(body, "reassign_after_minutes", 0, TeamRouting::kMaxReassignMinutes, t.reassign_after_minutes);
    t.remind_after_seconds =
        boundedInt(body, "remind_after_seconds", 0, TeamRouting::kMaxRemindSeconds, t.remind_after_seconds);
    deps.routing.setTeamRouting(t);
    reply(jsonResponse(200, bj::object{{"team_routing", teamRoutingJson(deps.routing.teamRouting(auth.workspace.id, team))}}));
  });
}

}  // namespace parley
