// Endpoints the widget calls with a visitor token (docs/protocol.md, "Widget endpoints").
#include <boost/json.hpp>

#include "domain/contact_change.h"
#include "domain/clock.h"
#include "domain/text_limits.h"
#include "domain/user_agent.h"
#include "http/api_support.h"
#include "wire/json_codec.h"
#include "http/responses.h"
#include "http/routes.h"
#include "http/visitor_context.h"
#include "http/widget_settings.h"
#include "app/proactive_messages.h"
#include "app/visitor_auth.h"
#include "security/email_tokens.h"
#include "security/token.h"

namespace parley {

namespace bj = boost::json;

namespace {

bj::object sessionAnswer(const WidgetRouteDeps& deps, const Workspace& ws, const Contact& c, const std::string& token) {
  auto open = deps.conversation_store.openConversationForContact(ws.id, c.id);
  bj::array agents;
  int online = deps.presence.agentsOnline(ws.id);
  for (auto id : deps.presence.onlineAgentIds(ws.id)) {
    if (agents.size() >= 3) break;
    if (auto a = deps.agents.agentById(ws.id, id)) agents.push_back(bj::object{{"name", a->name}, {"avatar_url", a->avatar_url}});
  }
  auto settings = widgetSettings(ws);
  settings.erase("require_two_factor");  // the agents' business, not the visitors'
  return {{"visitor_token", token},
          {"visitor", json::contact(c, deps.presence.visitorOnline(c.id))},
          {"conversation", open ? bj::value(json::conversationForVisitor(*open)) : bj::value(nullptr)},
          {"settings", settings},
          {"agents_online", online},
          {"online", workspaceOnline(ws, settings, online)},
          {"agents", std::move(agents)},
          {"epoch", deps.event_log.epoch()},
          {"proactive_rules", widgetProactiveRules(deps.proactive_rules, ws, c, nowMillis())}};
}

// An email's link (security/email_tokens.h): a new visitor token for the contact it was signed
// for, answered like a session with that conversation open. A link of another workspace, a
// conversation that now belongs to someone else (contacts merged) or an expired one is
// link_expired: the widget says so and starts a normal session.
HttpResponse resumedSession(const WidgetRouteDeps& deps, const HttpRequest& req, const bj::object& body,
                            const Workspace& ws, std::string_view resume, const ClientInfo& ua, Millis now) {
  if (resume.size() > 200) throw ApiError(400, "invalid", "resume_token must be at most 200 bytes", "resume_token");
  if (ua.is_bot) throw ApiError(403, "forbidden", "automated clients get no chat session", "user-agent");
  // Each resume adds a token to the contact, like a new session.
  if (!deps.sessions_per_ip.allow(req.peer_ip, now))
    throw rateLimited("too many new chat sessions from this address", deps.sessions_per_ip.retryAfter(req.peer_ip, now));
  auto link = verifyConversationLinkToken(deps.email.config().key, resume, now);
  std::optional<Conversation> conv;
  std::optional<Contact> contact;
  if (link) conv = deps.conversation_store.conversationById(ws.id, link->conversation_id);
  if (conv && conv->contact_id == link->contact_id) contact = deps.contacts.contactById(ws.id, link->contact_id);
  if (!contact)
    throw ApiError(400, "link_expired", "this link has expired; start a new conversation", "resume_token");
  auto token = makeVisitorToken(ws.public_id);
  // from == into: only gives the contact this token (its other devices keep theirs).
  if (!deps.contacts.mergeContacts(ws.id, contact->id, contact->id, sha256Hex(token), now))
    throw ApiError(400, "link_expired", "this link has expired; start a new conversation", "resume_token");
  applyVisitorContext(deps.geo, req, body, ua, *contact, now);
  deps.contacts.updateContact(*contact);
  recordSessionPage(deps.contacts, body, *contact, now);
  auto answer = sessionAnswer(deps, ws, *contact, token);
  // The linked conversation, even when resolved or another is open: the email was about this one.
  answer["conversation"] = json::conversationForVisitor(*conv);
  answer["open_conversation_id"] = conv->id;
  return jsonResponse(201, answer);
}

}  // namespace

void registerWidgetRoutes(Router& r, WidgetRouteDeps deps) {
  r.add("POST", "/api/v1/widget/sessions", [deps](HttpRequest& req, const Reply& reply) {
    auto body = jsonBody(req);
    auto publicId = json::reqString(body, "workspace_id");
    auto ws = deps.workspaces.workspaceByPublicId(publicId);
    if (!ws) throw ApiError(404, "not_found", "no such workspace", "workspace_id");
    // Settings > Allowed domains: only those sites may open the chat.
    auto site = embeddingOrigin(req.header("origin"), req.header("host"), json::optString(body, "embed_origin").value_or(""));
    if (!embeddingAllowed(*ws, site, req.header("host")))
      throw ApiError(403, "origin_not_allowed", "this site may not open the chat", "embed_origin");
    auto now = nowMillis();
    auto ua = parseUserAgent(req.header("user-agent"));
    if (auto resume = json::optString(body, "resume_token"); resume && !resume->empty())
      return reply(resumedSession(deps, req, body, *ws, *resume, ua, now));
    if (auto token = json::optString(body, "visitor_token"); token && !token->empty()) {
      auto v = authenticateVisitor(deps.workspaces, deps.contacts, *token);
      if (v && v->first.id == ws->id) {
        auto contact = v->second;
        applyVisitorContext(deps.geo, req, body, ua, contact, now);
        deps.contacts.updateContact(contact);
        recordSessionPage(deps.contacts, body, contact, now);
        return reply(jsonResponse(200, sessionAnswer(deps, *ws, contact, *token)));
      }
    }
    // Crawlers would otherwise create a contact on every page they fetch.
    if (ua.is_bot) throw ApiError(403, "forbidden", "automated clients get no chat session", "user-agent");
    if (!deps.sessions_per_ip.allow(req.peer_ip, now))
      throw rateLimited("too many new chat sessions from this address", deps.sessions_per_ip.retryAfter(req.peer_ip, now));
    Contact c;
    c.workspace_id = ws->id;
    c.first_seen_at = now;
    applyVisitorContext(deps.geo, req, body, ua, c, now);
    auto token = makeVisitorToken(ws->public_id);
    c = deps.contacts.createContact(c, sha256Hex(token));
    recordSessionPage(deps.contacts, body, c, now);
    reply(jsonResponse(201, sessionAnswer(deps, *ws, c, token)));
  });

  r.add("POST", "/api/v1/widget/pageviews", [deps](HttpRequest& req, const Reply& reply) {
    auto v = requireVisitor(deps.auth, req);
    const auto key = VisitorLimits::key(v.contact.id);
    if (!deps.visitors.page_views.allow(key, nowMillis()))
      throw rateLimited("too many page views", deps.visitors.page_views.retryAfter(key, nowMillis()));
    auto body = jsonBody(req);
    auto url = json::reqString(body, "url");
    if (url.empty() || url.size() > 2048) throw ApiError(400, "invalid", "url must be 1 to 2048 bytes", "url");
    PageView pv;
    pv.workspace_id = v.workspace.id;
    pv.contact_id = v.contact.id;
    pv.url = url;
    pv.title = truncateUtf8(json::optString(body, "title").value_or(""), 300);
    pv.referrer = truncateUtf8(json::optString(body, "referrer").value_or(""), 2048);
    pv.created_at = nowMillis();
    deps.contacts.addPageView(pv);
    deps.presence.visitorPage(v.contact.id, pv.url, pv.title);
    if (deps.presence.visitorOnline(v.contact.id))
      deps.events.visitorPresence(v.workspace.id, v.contact.id, true, pv.url, pv.title);
    reply(noContent());
  });

  r.add("GET", "/api/v1/widget/conversations/{id}/messages", [deps](HttpRequest& req, const Reply& reply) {
    auto v = requireVisitor(deps.auth, req);
    auto conv = deps.conversation_store.conversationById(v.workspace.id, pathId(req));
    if (!conv || conv->contact_id != v.contact.id) throw ApiError(404, "not_found", "no such conversation");
    auto after = queryInt(req, "after_seq", 0, 0, INT64_MAX);
    auto limit = static_cast<int>(queryInt(req, "limit", 100, 1, 500));
    bj::array out;
    for (const auto& m : deps.message_log.messagesAfter(v.workspace.id, conv->id, after, limit, false))
      out.push_back(json::message(m, true));
    reply(jsonResponse(200, bj::object{{"messages", std::move(out)},
                                       {"conversation", json::conversationForVisitor(*conv)}}));
  });

  r.add("PATCH", "/api/v1/widget/visitor", [deps](HttpRequest& req, const Reply& reply) {
    auto v = requireVisitor(deps.auth, req);
    const Contact before = v.contact;
    applyContactPatch(v.contact, jsonBody(req));
    deps.contacts.updateContact(v.contact);
    if (contactDetailsChanged(before, v.contact))
      deps.contacts.logContactUpdated(v.workspace.id, v.contact.id, nowMillis());
    reply(jsonResponse(200, bj::object{{"visitor", json::contact(v.contact, deps.presence.visitorOnline(v.contact.id))}}));
  });
}

}  // namespace parley
