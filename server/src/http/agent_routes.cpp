#include <boost/json.hpp>

#include "domain/ascii.h"
#include "domain/clock.h"
#include "domain/conversation_rules.h"
#include "http/api_support.h"
#include "http/audit_actor.h"
#include "wire/json_codec.h"
#include "http/password_check.h"
#include "http/responses.h"
#include "http/routes.h"
#include "security/password.h"
#include "security/upload_url.h"

namespace parley {

namespace bj = boost::json;

namespace {

void checkEmail(const std::string& email) {
  auto at = email.find('@');
  if (email.size() > 254 || at == std::string::npos || at == 0 || at == email.size() - 1)
    throw ApiError(400, "invalid", "email is not an email address", "email");
}

std::string checkName(const bj::object& body, bool required) {
  auto name = required ? json::reqString(body, "name") : json::optString(body, "name").value_or("");
  if ((required && name.empty()) || name.size() > 100) throw ApiError(400, "invalid", "name must be 1 to 100 characters", "name");
  return name;
}

// https://host/... with nothing that could break out of an attribute or a CSS url().
bool isHttpsUrl(std::string_view v) {
  if (v.rfind("https://", 0) != 0 || v.size() > 2048 || v.size() < 9) return false;
  for (unsigned char c : v)
    if (c <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\' || c == '(' || c == ')' || c >= 0x7f)
      return false;
  return true;
}

Agent withPresence(const AgentRouteDeps& deps, Agent a) {
  a.presence = deps.presence.agentPresence(a.id);
  return a;
}

}  // namespace

namespace {

// The audit entries of one PATCH: a role change and a deactivation are their own actions; any other
// change of the account (not presence) is agent.updated with the keys that changed.
void recordAgentChange(const AuditRecorder& audit, Id ws, const AuditActor& actor, const std::string& address,
                       const Agent& before, const Agent& after) {
  const AuditTarget target{"agent", after.id, after.email};
  if (before.role != after.role)
    audit.record(ws, actor, address, audit_action::kAgentRoleChanged, target,
                 bj::serialize(bj::object{{"from", toString(before.role)}, {"to", toString(after.role)}}));
  if (before.active && !after.active) audit.record(ws, actor, address, audit_action::kAgentDeactivated, target);
  bj::array keys;
  if (before.name != after.name) keys.push_back("name");
  if (before.email != after.email) keys.push_back("email");
  if (before.avatar_url != after.avatar_url) keys.push_back("avatar_url");
  if (before.capacity != after.capacity) keys.push_back("capacity");
  if (!before.active && after.active) keys.push_back("active");
  if (!keys.empty())
    audit.record(ws, actor, address, audit_action::kAgentUpdated, target,
                 bj::serialize(bj::object{{"keys", std::move(keys)}}));
}

}  // namespace

void registerAgentRoutes(Router& r, AgentRouteDeps deps) {
  r.add("GET", "/api/v1/agents", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    bj::array out;
    for (auto& a : deps.agents.listAgents(auth.workspace.id)) out.push_back(json::agent(withPresence(deps, a)));
    reply(jsonResponse(200, bj::object{{"agents", std::move(out)}}));
  });

  r.add("POST", "/api/v1/agents", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto body = jsonBody(req);
    Agent a;
    a.workspace_id = auth.workspace.id;
    a.email = json::reqString(body, "email");
    checkEmail(a.email);
    a.name = checkName(body, true);
    auto password = json::reqString(body, "password");
    if (password.size() < 8 || password.size() > 200)
      throw ApiError(400, "invalid", "password must be 8 to 200 characters", "password");
    if (auto word = json::optString(body, "role")) {
      auto role = parseAgentRole(*word);
      if (!role) throw ApiError(400, "invalid", "role must be admin or agent", "role");
      a.role = *role;
    }  // else the record's default: AgentRole::Agent
    a.capacity = static_cast<int>(json::optInt(body, "capacity").value_or(5));
    if (a.capacity < 0 || a.capacity > 1000) throw ApiError(400, "invalid", "capacity must be 0 to 1000", "capacity");
    a.password_hash = hashPassword(password);
    a.created_at = nowMillis();
    auto created = deps.agents.createAgent(a);
    deps.audit.record(auth.workspace.id, auditActorOf(auth), req.peer_ip, audit_action::kAgentCreated,
                      {"agent", created.id, created.email},
                      bj::serialize(bj::object{{"role", toString(created.role)}, {"name", created.name}}));
    reply(jsonResponse(201, bj::object{{"agent", json::agent(withPresence(deps, created))}}));
  });

  r.add("PATCH", "/api/v1/agents/{id}", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    auto id = pathId(req);
    auto agent = deps.agents.agentById(auth.workspace.id, id);
    if (!agent) throw ApiError(404, "not_found", "no such agent");
    const bool admin = auth.agent.role == AgentRole::Admin;
    const bool self = id == auth.agent.id;
    if (!admin && !self) throw ApiError(403, "forbidden", "agents may only change themselves");
    auto body = jsonBody(req);
    const Agent before = *agent;
    if (body.contains("name")) agent->name = checkName(body, true);
    if (auto v = json::optString(body, "avatar_url")) {
      if (!v->empty() && !isHttpsUrl(*v) && !isUploadUrl(*v))
        throw ApiError(400, "invalid", "avatar_url must be an https URL or an upload", "avatar_url");
      agent->avatar_url = *v;
    }
    for (const char* adminOnly : {"role", "capacity", "active"})
      if (body.contains(adminOnly) && !admin)
        throw ApiError(403, "forbidden", std::string(adminOnly) + " can only be changed by an admin", adminOnly);
    if (auto v = json::optString(body, "role")) {
      auto role = parseAgentRole(*v);
      if (!role) throw ApiError(400, "invalid", "role must be admin or agent", "role");
      if (self && *role != AgentRole::Admin) throw ApiError(400, "invalid", "you cannot demote yourself", "role");
      agent->role = *role;
    }
    if (auto v = json::optInt(body, "capacity")) {
      if (*v < 0 || *v > 1000) throw ApiError(400, "invalid", "capacity must be 0 to 1000", "capacity");
      agent->capacity = static_cast<int>(*v);
    }
    if (auto v = json::optBool(body, "active")) {
      if (self && !*v) throw ApiError(400, "invalid", "you cannot deactivate yourself", "active");
      agent->active = *v;
    }
    // Anyone may change their own email, but only with their current password: the email is the
    // login, and a session left open must not be enough to take the account over. An admin changes
    // another agent's email without it.
    std::optional<std::string> confirm;
    if (auto v = json::optString(body, "email")) {
      checkEmail(*v);
      if (!admin && !self) throw ApiError(403, "forbidden", "email can only be changed by an admin", "email");
      if (self && asciiLower(*v) != asciiLower(agent->email)) {
        confirm = json::optString(body, "current_password");
        if (!confirm || confirm->empty())
          throw ApiError(400, "missing", "current_password is needed to change your email", "current_password");
      }
      agent->email = *v;
    }
    if (auto v = json::optString(body, "presence")) {
      const auto picked = parseAgentPresence(*v);
      if (!picked || !isPickable(*picked))
        throw ApiError(400, "invalid", "presence must be online or away", "presence");
      auto status = deps.presence.setAgentStatus(auth.workspace.id, id, *picked);
      deps.events.agentPresence(auth.workspace.id, id, status, deps.presence.agentsOnline(auth.workspace.id));
    }
    auto apply = [deps, reply, before, changed = *agent, ws = auth.workspace.id, actor = auditActorOf(auth),
                  address = req.peer_ip] {
      deps.agents.updateAgent(changed);
      recordAgentChange(deps.audit, ws, actor, address, before, changed);
      // What the agent may do changed: every session of theirs ends (their sockets close at once).
      if (before.active && !changed.active)
        deps.sessions.endAgentSessions(ws, changed.id, "the account was deactivated");
      else if (before.role != changed.role)
        deps.sessions.endAgentSessions(ws, changed.id, "the role changed to " + std::string(toString(changed.role)));
      reply(jsonResponse(200, bj::object{{"agent", json::agent(withPresence(deps, changed))}}));
    };
    if (confirm) withCurrentPassword(deps.passwords, auth.agent, std::move(*confirm), reply, std::move(apply));
    else apply();
  });

  r.add("GET", "/api/v1/teams", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    bj::array out;
    for (auto& t : deps.teams.listTeams(auth.workspace.id)) out.push_back(json::team(t));
    reply(jsonResponse(200, bj::object{{"teams", std::move(out)}}));
  });

  r.add("POST", "/api/v1/teams", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto body = jsonBody(req);
    auto name = checkName(body, true);
    auto team = deps.teams.createTeam(auth.workspace.id, name);
    if (auto it = body.find("member_ids"); it != body.end()) {
      if (!it->value().is_array()) throw ApiError(400, "invalid", "member_ids must be an array", "member_ids");
      std::vector<Id> ids;
      for (const auto& v : it->value().get_array()) {
        if (!v.is_int64() || !deps.agents.agentById(auth.workspace.id, v.get_int64()))
          throw ApiError(400, "invalid", "member_ids must name agents of this workspace", "member_ids");
        ids.push_back(v.get_int64());
      }
      deps.teams.setTeamMembers(auth.workspace.id, team.id, ids);
      team.member_ids = ids;
    }
    reply(jsonResponse(201, bj::object{{"team", json::team(team)}}));
  });
}

}  // namespace parley
