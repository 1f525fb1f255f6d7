// New passwords: an agent changes their own (after confirming the current one; their other sessions
// end, this one stays), and an admin resets another agent's (all of that agent's sessions end).
#include <boost/json.hpp>

#include "domain/clock.h"
#include "http/routes.h"
#include "http/api_support.h"
#include "http/audit_actor.h"
#include "wire/json_codec.h"
#include "http/password_check.h"
#include "http/responses.h"
#include "security/password.h"
#include "security/token.h"

namespace parley {

namespace bj = boost::json;

void registerPasswordRoutes(Router& r, PasswordRouteDeps deps) {
  r.add("POST", "/api/v1/me/password", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    auto body = jsonBody(req);
    auto current = json::reqString(body, "current_password");
    auto next = json::reqString(body, "new_password");
    if (current.size() > 1024)
      throw ApiError(400, "invalid", "current_password must be at most 1024 characters", "current_password");
    checkNewPassword(next, "new_password");
    if (next == current)
      throw ApiError(400, "invalid", "new_password must differ from the current one", "new_password");
    auto keep = sha256Hex(req.bearerToken());
    withCurrentPassword(deps.passwords, auth.agent, std::move(current), reply,
                        [deps, reply, agent = auth.agent, next = std::move(next), keep, actor = auditActorOf(auth),
                         address = req.peer_ip] {
      if (!deps.agents.setAgentPasswordHash(agent.workspace_id, agent.id, hashPassword(next)))
        throw ApiError(404, "not_found", "no such agent");
      // Whoever else holds a session of this account (a stolen laptop, an old browser) is out;
      // the browser that changed the password stays signed in.
      int ended = 0;
      for (const auto& hash : deps.agent_sessions.agentSessionHashes(agent.id, nowMillis())) {
        if (hash == keep) continue;
        deps.sessions.endSession(hash, "the password was changed");
        ++ended;
      }
      deps.audit.record(agent.workspace_id, actor, address, audit_action::kAgentPasswordChanged,
                        {"agent", agent.id, agent.email}, R"({"by":"self"})");
      reply(jsonResponse(200, bj::object{{"ended_sessions", ended}}));
    });
  });

  r.add("POST", "/api/v1/agents/{id}/password", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto id = pathId(req);
    auto agent = deps.agents.agentById(auth.workspace.id, id);
    if (!agent) throw ApiError(404, "not_found", "no such agent");
    // An admin's own password goes through /me/password: it needs the current one, so that a
    // session left open is not enough to take the account over.
    if (id == auth.agent.id)
      throw ApiError(400, "invalid", "change your own password on your profile (it asks for the current one)", "id");
    auto body = jsonBody(req);
    auto password = json::reqString(body, "password");
    checkNewPassword(password, "password");
    onPasswordWorker(deps.passwords, reply, [deps, reply, ws = auth.workspace.id, id, password = std::move(password),
                                             actor = auditActorOf(auth), address = req.peer_ip, email = agent->email] {
      if (!deps.agents.setAgentPasswordHash(ws, id, hashPassword(password)))
        throw ApiError(404, "not_found", "no such agent");
      deps.sessions.endAgentSessions(ws, id, "an admin reset the password");
      deps.audit.record(ws, actor, address, audit_action::kAgentPasswordChanged, {"agent", id, email},
                        R"({"by":"admin"})");
      reply(noContent());
    });
  });
}

}  // namespace parley
