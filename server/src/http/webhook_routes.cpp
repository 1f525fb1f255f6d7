// Webhooks (issue 15, item 5): subscriptions per workspace, their delivery log, "Send test" and
// "Redeliver". Admins only. Delivery itself is app/webhook_deliverer.h; docs/webhooks.md.
#include <boost/json.hpp>

#include "domain/clock.h"
#include "domain/webhook.h"
#include "http/api_support.h"
#include "http/audit_actor.h"
#include "http/responses.h"
#include "http/webhook_json.h"
#include "http/routes.h"
#include "security/token.h"
#include "wire/json_codec.h"

namespace parley {

namespace bj = boost::json;

namespace {

std::vector<std::string> webhookEventsField(const bj::object& body) {
  auto it = body.find("events");
  if (it == body.end() || !it->value().is_array()) throw ApiError(400, "invalid", "events must be an array of event types", "events");
  std::vector<std::string> events;
  for (const auto& v : it->value().get_array()) {
    if (!v.is_string()) throw ApiError(400, "invalid", "events must be an array of event types", "events");
    events.emplace_back(v.get_string());
  }
  auto check = checkWebhookEvents(events);
  if (!check.error.empty()) throw ApiError(400, "invalid", check.error, "events");
  return check.events;
}

std::string webhookUrlField(const WebhookRouteDeps& deps, const bj::object& body) {
  auto url = json::optString(body, "url");
  if (!url) throw ApiError(400, "invalid", "url is required", "url");
  if (auto bad = deps.deliverer.checkUrl(*url)) throw ApiError(400, "invalid", *bad, "url");
  return *url;
}

Webhook requireWebhook(const WebhookRouteDeps& deps, const AgentAuth& auth, const HttpRequest& req) {
  auto w = deps.webhooks.webhookById(auth.workspace.id, pathId(req));
  if (!w) throw ApiError(404, "not_found", "no such webhook");
  return *w;
}

}  // namespace

void registerWebhookRoutes(Router& r, WebhookRouteDeps deps) {
  r.add("GET", "/api/v1/webhooks", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    bj::array out;
    for (const auto& w : deps.webhooks.listWebhooks(auth.workspace.id)) out.push_back(webhookJson(w, false));
    bj::array types;
    for (const auto& t : webhookEventTypes()) types.push_back(bj::value(t));
    reply(jsonResponse(200, bj::object{{"webhooks", std::move(out)}, {"event_types", std::move(types)}}));
  });

  r.add("POST", "/api/v1/webhooks", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto body = jsonBody(req);
    Webhook w;
    w.workspace_id = auth.workspace.id;
    w.url = webhookUrlField(deps, body);
    w.events = webhookEventsField(body);
    if (auto secret = json::optString(body, "secret")) {
      if (secret->size() < kMinWebhookSecretBytes || secret->size() > kMaxWebhookSecretBytes)
        throw ApiError(400, "invalid", "secret must be 16 to 200 bytes", "secret");
      for (unsigned char c : *secret)
        if (c < 0x20 || c == 0x7f) throw ApiError(400, "invalid", "secret must not contain control characters", "secret");
      w.secret = *secret;
    } else {
      w.secret = "whsec_" + randomHex(24);
    }
    w.active = json::optBool(body, "active").value_or(true);
    w.cursor = deps.events.lastOffset(auth.workspace.id);  // events from now on
    w.created_at = w.updated_at = nowMillis();
    auto created = deps.webhooks.createWebhook(w, kMaxWebhooksPerWorkspace);
    if (!created)
      throw ApiError(409, "limit_reached", "a workspace has at most " + std::to_string(kMaxWebhooksPerWorkspace) + " webhooks");
    deps.audit.record(auth.workspace.id, auditActorOf(auth), req.peer_ip, audit_action::kWebhookCreated,
                      {"webhook", created->id, created->url});
    reply(jsonResponse(201, bj::object{{"webhook", webhookJson(*created, true)}}));
  });

  r.add("GET", "/api/v1/webhooks/{id}", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    reply(jsonResponse(200, bj::object{{"webhook", webhookJson(requireWebhook(deps, auth, req), false)}}));
  });

  r.add("PATCH", "/api/v1/webhooks/{id}", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto body = jsonBody(req);
    WebhookUpdate u;
    if (body.contains("url")) u.url = webhookUrlField(deps, body);
    if (body.contains("events")) u.events = webhookEventsField(body);
    if (body.contains("active")) {
      u.active = json::optBool(body, "active");
      if (!u.active) throw ApiError(400, "invalid", "active must be true or false", "active");
    }
    for (const auto& kv : body)
      if (kv.key() != "url" && kv.key() != "events" && kv.key() != "active")
        throw ApiError(400, "invalid", "only url, events and active can be changed", std::string(kv.key()));
    auto w = deps.webhooks.updateWebhook(auth.workspace.id, pathId(req), u, nowMillis());
    if (!w) throw ApiError(404, "not_found", "no such webhook");
    bj::array keys;
    for (const auto& kv : body) keys.push_back(bj::string(kv.key()));
    deps.audit.record(auth.workspace.id, auditActorOf(auth), req.peer_ip, audit_action::kWebhookUpdated,
                      {"webhook", w->id, w->url}, bj::serialize(bj::object{{"keys", std::move(keys)}}));
    if (w->active) deps.deliverer.wake();
    reply(jsonResponse(200, bj::object{{"webhook", webhookJson(*w, false)}}));
  });

  r.add("DELETE", "/api/v1/webhooks/{id}", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    const Id id = pathId(req);
    auto gone = deps.webhooks.webhookById(auth.workspace.id, id);
    if (!deps.webhooks.deleteWebhook(auth.workspace.id, id)) throw ApiError(404, "not_found", "no such webhook");
    deps.audit.record(auth.workspace.id, auditActorOf(auth), req.peer_ip, audit_action::kWebhookDeleted,
                      {"webhook", id, gone ? gone->url : std::string()});
    reply(noContent());
  });

  r.add("GET", "/api/v1/webhooks/{id}/deliveries", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto w = requireWebhook(deps, auth, req);
    const auto limit = queryInt(req, "limit", 50, 1, static_cast<std::int64_t>(kWebhookDeliveriesKept));
    bj::array out;
    for (const auto& d : deps.webhooks.webhookDeliveries(auth.workspace.id, w.id, static_cast<int>(limit)))
      out.push_back(webhookDeliveryJson(d));
    reply(jsonResponse(200, bj::object{{"deliveries", std::move(out)}}));
  });

  r.add("POST", "/api/v1/webhooks/{id}/test", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto w = requireWebhook(deps, auth, req);
    if (!deps.deliverer.sendTest(w, [reply](const WebhookDelivery& d) {
          reply(jsonResponse(200, bj::object{{"delivery", webhookDeliveryJson(d)}}));
        }))
      throw ApiError(503, "busy", "too many test deliveries are waiting; try again");
  });

  r.add("POST", "/api/v1/webhooks/{id}/deliveries/{delivery_id}/redeliver", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto w = requireWebhook(deps, auth, req);
    auto d = deps.webhooks.webhookDeliveryById(auth.workspace.id, w.id, pathId(req, "delivery_id"));
    if (!d) throw ApiError(404, "not_found", "no such delivery");
    if (!deps.deliverer.redeliver(w, *d, [reply](const WebhookDelivery& out) {
          reply(jsonResponse(200, bj::object{{"delivery", webhookDeliveryJson(out)}}));
        }))
      throw ApiError(503, "busy", "too many redeliveries are waiting; try again");
  });
}

}  // namespace parley
