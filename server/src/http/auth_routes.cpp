#include <algorithm>

#include "domain/clock.h"
#include "http/api_support.h"
#include "http/json_codec.h"
#include "http/responses.h"
#include "http/routes.h"
#include "security/password.h"
#include "security/token.h"

namespace parley {

namespace bj = boost::json;

namespace {
constexpr Millis kSessionLifetime = 30LL * 24 * 3600 * 1000;
}

void registerAuthRoutes(Router& r, AppContext& ctx) {
  r.add("POST", "/api/v1/auth/login", [&ctx](HttpRequest& req, const Reply& reply) {
    auto now = nowMillis();
    auto body = jsonBody(req);
    auto email = json::reqString(body, "email");
    auto password = json::reqString(body, "password");
    // Only failures count: a team behind one office NAT logs in often, a guesser mostly fails.
    // Both the address and the account are limited, so neither many IPs nor many accounts help.
    auto ipKey = "ip:" + req.peer_ip;
    auto emailKey = "email:" + email;
    auto wait = std::max(ctx.failed_logins.retryAfter(ipKey, now), ctx.failed_logins.retryAfter(emailKey, now));
    if (wait > 0)
      throw ApiError(429, "rate_limited",
                     "too many failed logins, try again in " + std::to_string((wait + 999) / 1000) + " s");
    auto agent = ctx.store.agentByEmail(email);
    if (!agent || !agent->active || !verifyPassword(agent->password_hash, password)) {
      ctx.failed_logins.allow(ipKey, now);
      ctx.failed_logins.allow(emailKey, now);
      throw ApiError(401, "invalid_credentials", "wrong email or password");
    }
    auto ws = ctx.store.workspaceById(agent->workspace_id);
    if (!ws) throw ApiError(401, "invalid_credentials", "wrong email or password");
    auto token = randomToken("pa_");
    ctx.store.createAgentSession(sha256Hex(token), agent->id, now + kSessionLifetime);
    agent->presence = ctx.presence.agentPresence(agent->id);
    reply(jsonResponse(200, bj::object{{"token", token},
                                       {"agent", json::agent(*agent)},
                                       {"workspace", json::workspacePublic(*ws)}}));
  });

  r.add("POST", "/api/v1/auth/logout", [&ctx](HttpRequest& req, const Reply& reply) {
    requireAgent(ctx, req);
    ctx.store.deleteAgentSession(sha256Hex(req.bearerToken()));
    reply(noContent());
  });

  r.add("GET", "/api/v1/me", [&ctx](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(ctx, req);
    reply(jsonResponse(200, bj::object{{"agent", json::agent(auth.agent)},
                                       {"workspace", auth.agent.role == "admin" ? json::workspaceAdmin(auth.workspace)
                                                                                : json::workspacePublic(auth.workspace)}}));
  });
}

}  // namespace parley
