// An agent's notification preferences, kept on the server (agents.preferences, migration 8) so
// that every browser the agent signs in to behaves the same. The stored object only ever holds
// keys checked here; answers always carry every setting, defaults filled in.
#include <array>
#include <boost/json.hpp>

#include "http/api_support.h"
#include "http/routes.h"
#include "wire/json_codec.h"
#include "http/responses.h"

namespace parley {

namespace bj = boost::json;

namespace {

// sound and desktop: how; new_conversation, new_message and assigned: for which events. All on
// until the agent says otherwise, except email (issue 15, item 4: new conversations and replies in
// the agent's chats while offline, batched; app/agent_digest.h): email is opt-in.
constexpr std::array<const char*, 6> kNotificationKeys = {"sound", "desktop", "new_conversation", "new_message",
                                                          "assigned", "email"};

bool preferenceDefaultOn(std::string_view key) { return key != "email"; }

bj::object effective(std::string_view stored) {
  auto saved = json::parseOr(stored, bj::object{});
  const bj::object* notes = nullptr;
  if (saved.is_object())
    if (auto it = saved.get_object().find("notifications"); it != saved.get_object().end() && it->value().is_object())
      notes = &it->value().get_object();
  bj::object out;
  for (const char* key : kNotificationKeys) {
    bool on = preferenceDefaultOn(key);
    if (notes)
      if (auto it = notes->find(key); it != notes->end() && it->value().is_bool()) on = it->value().get_bool();
    out[key] = on;
  }
  return bj::object{{"notifications", std::move(out)}};
}

// The body's settings over the effective ones; ApiError naming the first bad field.
bj::object applyPatch(bj::object prefs, const bj::object& body) {
  for (const auto& [key, value] : body)
    if (key != "notifications")
      throw ApiError(400, "invalid", std::string(key) + " is not a preference", std::string(key));
  auto it = body.find("notifications");
  if (it == body.end()) return prefs;
  if (!it->value().is_object()) throw ApiError(400, "invalid", "notifications must be an object", "notifications");
  auto& notes = prefs["notifications"].as_object();
  for (const auto& [key, value] : it->value().get_object()) {
    const std::string field = "notifications." + std::string(key);
    bool known = false;
    for (const char* k : kNotificationKeys) known = known || key == k;
    if (!known) throw ApiError(400, "invalid", field + " is not a notification setting", field);
    if (!value.is_bool()) throw ApiError(400, "invalid", field + " must be true or false", field);
    notes[key] = value.get_bool();
  }
  return prefs;
}

}  // namespace

void registerPreferenceRoutes(Router& r, PreferenceRouteDeps deps) {
  r.add("GET", "/api/v1/me/preferences", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    auto prefs = effective(deps.agents.agentPreferences(auth.workspace.id, auth.agent.id));
    reply(jsonResponse(200, bj::object{{"preferences", std::move(prefs)}}));
  });

  r.add("PATCH", "/api/v1/me/preferences", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    auto body = jsonBody(req);
    auto prefs = applyPatch(effective(deps.agents.agentPreferences(auth.workspace.id, auth.agent.id)), body);
    if (!deps.agents.setAgentPreferences(auth.workspace.id, auth.agent.id, bj::serialize(prefs)))
      throw ApiError(404, "not_found", "no such agent");
    reply(jsonResponse(200, bj::object{{"preferences", std::move(prefs)}}));
  });
}

}  // namespace parley
