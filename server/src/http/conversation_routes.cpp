#include <boost/json.hpp>

#include "domain/clock.h"
#include "domain/conversation_rules.h"
#include "http/api_support.h"
#include "wire/json_codec.h"
#include "http/responses.h"
#include "http/routes.h"
#include "app/message_input.h"
#include "security/token.h"

namespace parley {

namespace bj = boost::json;

namespace {

ConversationFilter parseFilter(const HttpRequest& req, const AgentAuth& auth) {
  ConversationFilter f;
  if (auto s = req.queryParam("status"); s && !s->empty()) {
    f.status = parseConversationStatus(*s);
    if (!f.status) throw ApiError(400, "invalid", "status must be open, pending, snoozed or resolved", "status");
  }
  if (auto a = req.queryParam("assignee"); a && !a->empty()) {
    if (*a == "me") {
      f.assignee = ConversationFilter::Assignee::Id;
      f.assignee_id = auth.agent.id;
    } else if (*a == "none") {
      f.assignee = ConversationFilter::Assignee::None;
    } else {
      f.assignee = ConversationFilter::Assignee::Id;
      f.assignee_id = queryInt(req, "assignee", 0, 1, INT64_MAX);
    }
  }
  if (req.queryParam("team")) f.team_id = queryInt(req, "team", 0, 1, INT64_MAX);
  if (auto t = req.queryParam("tag"); t && !t->empty()) {
    // Tags are stored normalised (domain normalizeTag): "?tag=Billing " finds the tag "billing".
    f.tag = normalizeTag(*t);
    if (!f.tag) throw ApiError(400, "invalid", "tag must be 1 to 40 letters, digits, '-', '_' or spaces", "tag");
  }
  if (auto p = req.queryParam("priority"); p && !p->empty()) {
    f.priority = parsePriority(*p);
    if (!f.priority) throw ApiError(400, "invalid", "priority must be none, low, medium, high or urgent", "priority");
  }
  if (auto s = req.queryParam("sort"); s && !s->empty()) {
    const auto order = parseEnum<ConversationOrder>(*s);
    if (!order) throw ApiError(400, "invalid", "sort must be newest, waiting or priority", "sort");
    f.sort = *order;
  }
  if (auto v = req.queryParam("view"); v && !v->empty()) {
    // Views are named lists beside the filters: "bot", the chats the bot took (issue 14).
    if (*v != "bot") throw ApiError(400, "invalid", "view must be bot", "view");
    f.bot_handled = true;
  }
  f.cursor = req.queryParam("cursor").value_or("");
  f.limit = static_cast<int>(queryInt(req, "limit", 50, 1, 100));
  return f;
}

std::optional<Id> optionalRef(const bj::object& body, const char* key) {
  if (json::isNull(body, key)) return std::nullopt;
  auto v = json::optInt(body, key);
  if (!v || *v <= 0) throw ApiError(400, "invalid", std::string(key) + " must be an id or null", key);
  return v;
}

// Only the shape of the body: what the values mean for the conversation (snoozing needs a time,
// tags normalise, the assignee and team exist) is decided in the store's transaction by domain
// applyPatch, whose refusals (InvalidPatch) become 400s like these.
ConversationPatch parsePatch(const bj::object& body) {
  ConversationPatch p;
  if (auto s = json::optString(body, "status")) {
    p.status = parseConversationStatus(*s);
    if (!p.status) throw ApiError(400, "invalid", "status must be open, pending, snoozed or resolved", "status");
  }
  if (body.contains("snoozed_until")) {
    if (json::isNull(body, "snoozed_until")) {
      p.snoozed_until = std::optional<Millis>{};
    } else {
      auto t = json::optInt(body, "snoozed_until");
      if (!t || *t <= nowMillis()) throw ApiError(400, "invalid", "snoozed_until must be a time in the future", "snoozed_until");
      p.snoozed_until = std::optional<Millis>{*t};
    }
  }
  if (auto v = json::optString(body, "priority")) {
    p.priority = parsePriority(*v);
    if (!p.priority) throw ApiError(400, "invalid", "priority must be none, low, medium, high or urgent", "priority");
  }
  if (body.contains("assignee_id")) p.assignee_id = optionalRef(body, "assignee_id");
  if (body.contains("team_id")) p.team_id = optionalRef(body, "team_id");
  if (auto it = body.find("tags"); it != body.end()) {
    const auto* tags = it->value().if_array();
    if (!tags) throw ApiError(400, "invalid", "tags must be an array of strings", "tags");
    p.tags.emplace();
    for (const auto& v : *tags) {
      if (!v.is_string()) throw ApiError(400, "invalid", "tags must be an array of strings", "tags");
      p.tags->emplace_back(v.get_string());
    }
  }
  return p;
}

Conversation loadConversation(const ConversationRouteDeps& deps, const AgentAuth& auth, const HttpRequest& req) {
  auto conv = deps.conversation_store.conversationById(auth.workspace.id, pathId(req));
  if (!conv) throw ApiError(404, "not_found", "no such conversation");
  return *conv;
}

}  // namespace

void registerConversationRoutes(Router& r, ConversationRouteDeps deps) {
  r.add("GET", "/api/v1/conversations", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    auto page = deps.conversation_store.listConversations(auth.workspace.id, parseFilter(req, auth));
    bj::array out;
    for (const auto& c : page.conversations) out.push_back(json::conversation(c));
    reply(jsonResponse(200, bj::object{{"conversations", std::move(out)},
                                       {"next_cursor", page.next_cursor ? bj::value(*page.next_cursor) : nullptr}}));
  });

  r.add("GET", "/api/v1/conversations/{id}", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    reply(jsonResponse(200, bj::object{{"conversation", json::conversation(loadConversation(deps, auth, req))}}));
  });

  r.add("PATCH", "/api/v1/conversations/{id}", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    auto current = loadConversation(deps, auth, req);
    auto patch = parsePatch(jsonBody(req));
    auto updated = deps.conversations.patch(current, patch, nowMillis());
    if (!updated) throw ApiError(404, "not_found", "no such conversation");
    reply(jsonResponse(200, bj::object{{"conversation", json::conversation(*updated)}}));
  });

  r.add("GET", "/api/v1/conversations/{id}/messages", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    auto conv = loadConversation(deps, auth, req);
    auto after = queryInt(req, "after_seq", 0, 0, INT64_MAX);
    auto limit = static_cast<int>(queryInt(req, "limit", 100, 1, 500));
    bj::array out;
    for (const auto& m : deps.message_log.messagesAfter(auth.workspace.id, conv.id, after, limit, true))
      out.push_back(json::message(m));
    reply(jsonResponse(200, bj::object{{"messages", std::move(out)}}));
  });

  r.add("POST", "/api/v1/conversations/{id}/messages", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    auto conv = loadConversation(deps, auth, req);
    auto body = jsonBody(req);
    // REST callers may omit client_id; they then get no idempotency, like any POST.
    if (!body.contains("client_id")) body["client_id"] = randomHex(12);
    auto in = parseMessageInput(body, deps.uploads_dir);
    deps.messages.send({SenderType::Agent, auth.workspace.id, auth.agent.id},
                      {conv.id, 0, in.client_id, std::move(in.body), std::move(in.attachments_json), in.is_private,
                       std::move(in.content_json)},
                      [reply](const SendResult& r) {
                        if (r.error) return reply(errorResponseFor(*r.error));
                        reply(jsonResponse(r.duplicate ? 200 : 201, bj::object{{"message", json::message(r.message)}}));
                      });
  });

  r.add("POST", "/api/v1/conversations/{id}/read", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    auto conv = loadConversation(deps, auth, req);
    auto seq = json::reqInt(jsonBody(req), "seq");
    if (seq < 0) throw ApiError(400, "invalid", "seq must not be negative", "seq");
    deps.conversations.markRead(auth.workspace.id, conv.id, ReaderType::Agent, seq);
    reply(noContent());
  });
}

}  // namespace parley
