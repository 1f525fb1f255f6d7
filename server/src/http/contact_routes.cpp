#include <boost/json.hpp>

#include "domain/clock.h"
#include "domain/contact_change.h"
#include "http/api_support.h"
#include "wire/json_codec.h"
#include "http/responses.h"
#include "http/routes.h"
#include "http/visitor_context.h"

namespace parley {

namespace bj = boost::json;

namespace {
Contact loadContact(const ContactRouteDeps& deps, const AgentAuth& auth, const HttpRequest& req) {
  auto c = deps.contacts.contactById(auth.workspace.id, pathId(req));
  if (!c) throw ApiError(404, "not_found", "no such contact");
  return *c;
}
}  // namespace

void registerContactRoutes(Router& r, ContactRouteDeps deps) {

  r.add("GET", "/api/v1/contacts/{id}", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    auto c = loadContact(deps, auth, req);
    reply(jsonResponse(200, bj::object{{"contact", json::contact(c, deps.presence.visitorOnline(c.id))}}));
  });

  r.add("PATCH", "/api/v1/contacts/{id}", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    auto c = loadContact(deps, auth, req);
    const Contact before = c;
    applyContactPatch(c, jsonBody(req));
    deps.contacts.updateContact(c);
    if (contactDetailsChanged(before, c)) deps.contacts.logContactUpdated(c.workspace_id, c.id, nowMillis());
    reply(jsonResponse(200, bj::object{{"contact", json::contact(c, deps.presence.visitorOnline(c.id))}}));
  });

  r.add("GET", "/api/v1/contacts/{id}/pageviews", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    auto c = loadContact(deps, auth, req);
    auto limit = static_cast<int>(queryInt(req, "limit", 50, 1, 500));
    bj::array out;
    for (const auto& pv : deps.contacts.pageViews(auth.workspace.id, c.id, limit)) out.push_back(json::pageView(pv));
    reply(jsonResponse(200, bj::object{{"pageviews", std::move(out)}}));
  });

  r.add("GET", "/api/v1/contacts/{id}/conversations", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    auto c = loadContact(deps, auth, req);
    ConversationFilter f;
    f.contact_id = c.id;
    f.limit = 100;
    bj::array out;
    for (const auto& conv : deps.conversation_store.listConversations(auth.workspace.id, f).conversations)
      out.push_back(json::conversation(conv));
    reply(jsonResponse(200, bj::object{{"conversations", std::move(out)}}));
  });

  r.add("GET", "/api/v1/visitors/online", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    bj::array out;
    for (const auto& v : deps.presence.onlineVisitors(auth.workspace.id)) {
      auto c = deps.contacts.contactById(auth.workspace.id, v.contact_id);
      if (!c) continue;
      auto o = json::contact(*c, true);
      o["online_since"] = v.online_since;
      if (!v.url.empty()) {
        o["current_url"] = v.url;
        o["current_title"] = v.title;
      }
      out.push_back(std::move(o));
    }
    reply(jsonResponse(200, bj::object{{"visitors", std::move(out)}}));
  });
}

}  // namespace parley
