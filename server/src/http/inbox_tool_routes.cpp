// The agents' tools around the inbox: search, canned replies, tags, team edits and proactive
// messages to a visitor who is on the site.
#include <boost/json.hpp>

#include "domain/clock.h"
#include "http/api_support.h"
#include "wire/json_codec.h"
#include "http/responses.h"
#include "http/routes.h"
#include "app/message_input.h"
#include "security/token.h"

namespace parley {

namespace bj = boost::json;

namespace {

bj::object cannedJson(const CannedReply& c) { return {{"id", c.id}, {"shortcut", c.shortcut}, {"body", c.body}}; }

std::string checkShortcut(const bj::object& body, bool required) {
  auto s = required ? json::reqString(body, "shortcut") : json::optString(body, "shortcut").value_or("");
  if (s.empty() || s.size() > 40 || s.find_first_of(" \t\n/") != std::string::npos)
    throw ApiError(400, "invalid", "shortcut must be 1 to 40 characters without spaces or /", "shortcut");
  return s;
}

std::string checkCannedBody(const bj::object& body) {
  auto s = json::reqString(body, "body");
  if (s.empty() || s.size() > 5000) throw ApiError(400, "invalid", "body must be 1 to 5000 characters", "body");
  return s;
}

std::vector<Id> memberIds(const InboxToolRouteDeps& deps, Id ws, const bj::value& v) {
  if (!v.is_array()) throw ApiError(400, "invalid", "member_ids must be an array", "member_ids");
  std::vector<Id> ids;
  for (const auto& e : v.get_array()) {
    if (!e.is_int64() || !deps.agents.agentById(ws, e.get_int64()))
      throw ApiError(400, "invalid", "member_ids must name agents of this workspace", "member_ids");
    ids.push_back(e.get_int64());
  }
  return ids;
}

}  // namespace

void registerInboxToolRoutes(Router& r, InboxToolRouteDeps deps) {
  r.add("GET", "/api/v1/search", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    auto q = req.queryParam("q").value_or("");
    if (q.empty() || q.size() > 200) throw ApiError(400, "invalid", "q must be 1 to 200 characters", "q");
    auto limit = static_cast<int>(queryInt(req, "limit", 20, 1, 100));
    bj::array messages, contacts;
    for (const auto& h : deps.search.searchMessages(auth.workspace.id, q, limit))
      messages.push_back(bj::object{{"conversation_id", h.conversation_id},
                                    {"message_id", h.message_id},
                                    {"seq", h.seq},
                                    {"snippet", h.snippet},
                                    {"created_at", h.created_at}});
    for (const auto& c : deps.search.searchContacts(auth.workspace.id, q, limit))
      contacts.push_back(json::contact(c, deps.presence.visitorOnline(c.id)));
    reply(jsonResponse(200, bj::object{{"messages", std::move(messages)}, {"contacts", std::move(contacts)}}));
  });

  r.add("GET", "/api/v1/tags", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    bj::array out;
    for (const auto& t : deps.conversation_store.tagCounts(auth.workspace.id)) out.push_back(bj::object{{"name", t.name}, {"count", t.count}});
    reply(jsonResponse(200, bj::object{{"tags", std::move(out)}}));
  });

  r.add("GET", "/api/v1/canned_replies", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    bj::array out;
    for (const auto& c : deps.canned_replies.listCannedReplies(auth.workspace.id)) out.push_back(cannedJson(c));
    reply(jsonResponse(200, bj::object{{"canned_replies", std::move(out)}}));
  });

  r.add("POST", "/api/v1/canned_replies", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto body = jsonBody(req);
    auto created = deps.canned_replies.createCannedReply(auth.workspace.id, checkShortcut(body, true), checkCannedBody(body));
    reply(jsonResponse(201, bj::object{{"canned_reply", cannedJson(created)}}));
  });

  r.add("PATCH", "/api/v1/canned_replies/{id}", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto body = jsonBody(req);
    CannedReply c;
    c.id = pathId(req);
    c.workspace_id = auth.workspace.id;
    auto existing = deps.canned_replies.listCannedReplies(auth.workspace.id);
    auto it = std::find_if(existing.begin(), existing.end(), [&](const CannedReply& x) { return x.id == c.id; });
    if (it == existing.end()) throw ApiError(404, "not_found", "no such canned reply");
    c.shortcut = body.contains("shortcut") ? checkShortcut(body, true) : it->shortcut;
    c.body = body.contains("body") ? checkCannedBody(body) : it->body;
    auto updated = deps.canned_replies.updateCannedReply(c);
    if (!updated) throw ApiError(404, "not_found", "no such canned reply");
    reply(jsonResponse(200, bj::object{{"canned_reply", cannedJson(*updated)}}));
  });

  r.add("DELETE", "/api/v1/canned_replies/{id}", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    if (!deps.canned_replies.deleteCannedReply(auth.workspace.id, pathId(req))) throw ApiError(404, "not_found", "no such canned reply");
    reply(noContent());
  });

  r.add("PATCH", "/api/v1/teams/{id}", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto body = jsonBody(req);
    std::optional<std::string> name;
    if (auto n = json::optString(body, "name")) {
      if (n->empty() || n->size() > 100) throw ApiError(400, "invalid", "name must be 1 to 100 characters", "name");
      name = *n;
    }
    std::optional<std::vector<Id>> members;
    if (auto it = body.find("member_ids"); it != body.end()) members = memberIds(deps, auth.workspace.id, it->value());
    auto team = deps.teams.updateTeam(auth.workspace.id, pathId(req), name, members);
    if (!team) throw ApiError(404, "not_found", "no such team");
    reply(jsonResponse(200, bj::object{{"team", json::team(*team)}}));
  });

  // A proactive message: the agent starts (or continues) a chat with a visitor on the site.
  r.add("POST", "/api/v1/contacts/{id}/messages", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    auto contact = deps.contacts.contactById(auth.workspace.id, pathId(req));
    if (!contact) throw ApiError(404, "not_found", "no such contact");
    auto body = jsonBody(req);
    if (!body.contains("client_id")) body["client_id"] = randomHex(12);
    body.erase("private");
    auto in = parseMessageInput(body, deps.uploads_dir);
    deps.messages.send({SenderType::Agent, auth.workspace.id, auth.agent.id},
                      {std::nullopt, contact->id, in.client_id, std::move(in.body), std::move(in.attachments_json), false},
                      [reply](const SendResult& r) {
                        if (r.error) return reply(errorResponseFor(*r.error));
                        reply(jsonResponse(r.duplicate ? 200 : 201,
                                           bj::object{{"conversation", json::conversation(r.conversation)},
                                                      {"message", json::message(r.message)}}));
                      });
  });
}

}  // namespace parley
