// Settings > Bot (issue 14, item 5): GET/PUT /api/v1/bot, admins only (docs/openapi.json). The AI key is
// write-only: answers say only whether one is set.
#include <boost/json.hpp>

#include "domain/bot_settings.h"
#include "domain/clock.h"
#include "http/api_support.h"
#include "http/responses.h"
#include "http/routes.h"
#include "wire/bot_json.h"

namespace parley {

namespace bj = boost::json;

namespace {

BotSettings current(const BotRouteDeps& deps, Id ws) {
  auto stored = deps.bots.botSettings(ws);
  return stored ? readStoredBotSettings(*stored) : defaultBotSettings();
}

}  // namespace

void registerBotRoutes(Router& r, BotRouteDeps deps) {
  r.add("GET", "/api/v1/bot", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    reply(jsonResponse(200, botSettingsJson(current(deps, auth.workspace.id))));
  });

  r.add("PUT", "/api/v1/bot", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto body = jsonBody(req);
    auto s = botSettingsFromRequest(body, current(deps, auth.workspace.id));
    if (auto p = checkBotSettings(s)) throw ApiError(400, "invalid", p->message, p->field);
    for (std::size_t i = 0; i < s.options.size(); ++i) {
      const auto& o = s.options[i];
      if (o.action != BotOptionAction::Article) continue;
      if (!deps.articles.articleById(auth.workspace.id, *o.article_id))
        throw ApiError(400, "invalid", "no article with that id", "options[" + std::to_string(i) + "].article_id");
    }
    deps.bots.saveBotSettings(auth.workspace.id, storedBotSettings(s), nowMillis());
    if (deps.settings_changed) deps.settings_changed(auth.workspace.id);
    reply(jsonResponse(200, botSettingsJson(s)));
  });
}

}  // namespace parley
