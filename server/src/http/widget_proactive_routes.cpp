// The widget's side of proactive rules (docs/protocol.md, "Proactive messages"): the frame asks for a rule's
// message once the rule's page conditions hold, and says when the visitor opened the chat at it.
#include <boost/json.hpp>

#include "app/proactive_messages.h"
#include "domain/clock.h"
#include "http/api_support.h"
#include "http/responses.h"
#include "http/routes.h"
#include "wire/json_codec.h"

namespace parley {

namespace bj = boost::json;

void registerWidgetProactiveRoutes(Router& r, WidgetProactiveRouteDeps deps) {
  r.add("POST", "/api/v1/widget/proactive-rules/{id}/show", [deps](HttpRequest& req, const Reply& reply) {
    auto v = requireVisitor(deps.auth, req);
    // Each ask costs a page view of the visitor's budget: a widget asks at most once per rule and page.
    const auto key = VisitorLimits::key(v.contact.id);
    if (!deps.visitors.page_views.allow(key, nowMillis()))
      throw rateLimited("too many requests", deps.visitors.page_views.retryAfter(key, nowMillis()));
    sendProactiveMessage({deps.rules, deps.agents, deps.presence, deps.messages}, v.workspace, v.contact, pathId(req),
                         [reply](const ProactiveSendResult& out) {
                           if (out.error) return reply(errorResponseFor(*out.error));
                           reply(jsonResponse(201, bj::object{{"message", json::message(out.message, true)},
                                                              {"conversation", json::conversationForVisitor(out.conversation)}}));
                         });
  });

  r.add("POST", "/api/v1/widget/proactive-rules/{id}/opened", [deps](HttpRequest& req, const Reply& reply) {
    auto v = requireVisitor(deps.auth, req);
    // Counted once per visitor and rule; opening again (or a rule never shown) changes nothing.
    deps.rules.proactiveOpened(v.workspace.id, pathId(req), v.contact.id, nowMillis());
    reply(noContent());
  });
}

}  // namespace parley
