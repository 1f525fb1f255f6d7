#include <boost/json.hpp>

#include "domain/two_factor_policy.h"
#include "http/api_support.h"
#include "http/audit_actor.h"
#include "wire/json_codec.h"
#include "http/responses.h"
#include "http/routes.h"
#include "http/widget_settings.h"
#include "security/origin.h"

namespace parley {

namespace bj = boost::json;

void registerWorkspaceRoutes(Router& r, WorkspaceRouteDeps deps) {
  r.add("GET", "/api/v1/workspace", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    auto ws = auth.agent.role == AgentRole::Admin ? json::workspaceAdmin(auth.workspace) : json::workspacePublic(auth.workspace);
    ws["settings"] = widgetSettings(auth.workspace);
    reply(jsonResponse(200, bj::object{{"workspace", std::move(ws)}}));
  });

  r.add("PATCH", "/api/v1/workspace", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto body = jsonBody(req);
    auto ws = auth.workspace;
    if (auto name = json::optString(body, "name")) {
      if (name->empty() || name->size() > 100) throw ApiError(400, "invalid", "name must be 1 to 100 characters", "name");
      ws.name = *name;
    }
    if (auto it = body.find("settings"); it != body.end()) {
      if (!it->value().is_object()) throw ApiError(400, "invalid", "settings must be an object", "settings");
      // Requiring two-factor authentication of everyone starts with the admin who asks for it, so
      // that nobody locks the workspace behind a step they have not taken themselves.
      if (const auto* req2fa = it->value().get_object().if_contains("require_two_factor");
          req2fa && req2fa->is_bool() && req2fa->get_bool() && !requiresTwoFactor(ws.settings_json) && deps.auth.two_factor &&
          !deps.auth.two_factor->twoFactorEnabled(auth.agent.id))
        throw ApiError(409, "two_factor_required", "turn on two-factor authentication for yourself first",
                       "settings.require_two_factor");
      // A PATCH changes the keys it names and keeps the others.
      auto merged = json::parseOr(ws.settings_json, bj::object{});
      if (!merged.is_object()) merged = bj::object{};
      for (const auto& [k, v] : validateSettings(it->value().get_object())) merged.get_object()[k] = v;
      ws.settings_json = bj::serialize(merged);
    }
    if (auto it = body.find("allowed_origins"); it != body.end()) {
      if (!it->value().is_array()) throw ApiError(400, "invalid", "allowed_origins must be an array", "allowed_origins");
      bj::array out;
      for (const auto& v : it->value().get_array()) {
        if (!v.is_string() || !parseOriginPattern(v.get_string()))
          throw ApiError(400, "invalid", "allowed_origins entries look like https://shop.example.com or *.example.com",
                         "allowed_origins");
        out.push_back(v);
      }
      ws.allowed_origins_json = bj::serialize(out);
    }
    deps.workspaces.updateWorkspace(ws);
    // Which keys changed, never their values (a settings object may hold a secret).
    bj::array keys;
    for (const auto& kv : body) {
      if (kv.key() == "settings" && kv.value().is_object())
        for (const auto& inner : kv.value().get_object()) keys.push_back(bj::string("settings." + std::string(inner.key())));
      else
        keys.push_back(bj::string(kv.key()));
    }
    deps.audit.record(ws.id, auditActorOf(auth), req.peer_ip, audit_action::kSettingsUpdated,
                      {"workspace", ws.id, ws.name}, bj::serialize(bj::object{{"keys", std::move(keys)}}));
    // Requiring a second factor of everyone (or no longer) has an entry of its own: it changes who can sign in.
    if (const bool required = requiresTwoFactor(ws.settings_json); required != requiresTwoFactor(auth.workspace.settings_json))
      deps.audit.record(ws.id, auditActorOf(auth), req.peer_ip, audit_action::kTwoFactorRequired,
                        {"workspace", ws.id, ws.name}, required ? R"({"required":true})" : R"({"required":false})");
    auto answer = json::workspaceAdmin(ws);
    answer["settings"] = widgetSettings(ws);
    reply(jsonResponse(200, bj::object{{"workspace", std::move(answer)}}));
  });
}

}  // namespace parley
