// Issue 15, item 6: Settings > API tokens (docs/openapi.json, domain/api_token.h).
//   GET    /api/v1/api-tokens       an admin (or an admin-scope token): the workspace's tokens, never their text
//   POST   /api/v1/api-tokens       a signed-in admin: {name, scope} -> 201 with the token, shown this once
//   DELETE /api/v1/api-tokens/{id}  a signed-in admin: revoked at once (its next request is 401)
#include <boost/json.hpp>

#include "domain/secret_hint.h"
#include "domain/api_token.h"
#include "domain/clock.h"
#include "domain/text_limits.h"
#include "http/api_support.h"
#include "http/audit_actor.h"
#include "http/responses.h"
#include "http/routes.h"
#include "security/token.h"
#include "wire/json_codec.h"

namespace parley {

namespace bj = boost::json;

namespace {

bj::object apiTokenJson(const ApiToken& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"scope", toString(t.scope)},
          {"created_by", t.created_by},
          {"created_at", t.created_at},
          {"last_used_at", t.last_used_at ? bj::value(*t.last_used_at) : bj::value(nullptr)},
          {"hint", t.hint}};
}

std::string checkedName(const bj::object& body) {
  auto name = json::optString(body, "name");
  if (!name) throw ApiError(400, "missing", "name is required", "name");
  if (!isValidUtf8(*name) || isBlank(*name)) throw ApiError(400, "invalid", "name must not be blank", "name");
  if (countCodePoints(*name) > kMaxApiTokenNameChars)
    throw ApiError(400, "too_large", "name is at most " + std::to_string(kMaxApiTokenNameChars) + " characters", "name");
  return *name;
}

ApiTokenScope checkedScope(const bj::object& body) {
  auto word = json::optString(body, "scope");
  if (!word) throw ApiError(400, "missing", "scope is required: read, write or admin", "scope");
  auto scope = parseApiTokenScope(*word);
  if (!scope) throw ApiError(400, "invalid", "scope must be read, write or admin", "scope");
  return *scope;
}

}  // namespace

void registerApiTokenRoutes(Router& r, ApiTokenRouteDeps deps) {
  r.add("GET", "/api/v1/api-tokens", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    bj::array out;
    for (const auto& t : deps.tokens.listApiTokens(auth.workspace.id)) out.push_back(apiTokenJson(t));
    reply(jsonResponse(200, bj::object{{"api_tokens", std::move(out)}}));
  });

  r.add("POST", "/api/v1/api-tokens", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireSignedInAdmin(deps.auth, req);
    auto body = jsonBody(req);
    auto name = checkedName(body);
    auto scope = checkedScope(body);
    if (deps.tokens.countApiTokens(auth.workspace.id) >= kMaxApiTokensPerWorkspace)
      throw ApiError(409, "conflict",
                     "a workspace has at most " + std::to_string(kMaxApiTokensPerWorkspace) +
                         " API tokens: revoke one first");
    const std::string token = randomToken(kApiTokenPrefix);
    auto made = deps.tokens.createApiToken(auth.workspace.id, name, scope, auth.agent.id, sha256Hex(token),
                                           secretHint(token), nowMillis());
    deps.audit.record(auth.workspace.id, auditActorOf(auth), req.peer_ip, audit_action::kApiTokenCreated,
                      {"api_token", made.id, made.name},
                      bj::serialize(bj::object{{"scope", toString(made.scope)}, {"hint", made.hint}}));
    reply(jsonResponse(201, bj::object{{"api_token", apiTokenJson(made)}, {"token", token}}));
  });

  r.add("DELETE", "/api/v1/api-tokens/{id}", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireSignedInAdmin(deps.auth, req);
    const Id id = pathId(req);
    std::string name;  // the label the log keeps once the row is gone
    for (const auto& t : deps.tokens.listApiTokens(auth.workspace.id))
      if (t.id == id) name = t.name;
    if (!deps.tokens.deleteApiToken(auth.workspace.id, id))
      throw ApiError(404, "not_found", "no such API token");
    deps.audit.record(auth.workspace.id, auditActorOf(auth), req.peer_ip, audit_action::kApiTokenRevoked,
                      {"api_token", id, name});
    reply(noContent());
  });
}

}  // namespace parley
