#include <boost/json.hpp>

#include "domain/clock.h"
#include "http/routes.h"
#include "http/api_support.h"
#include "wire/json_codec.h"
#include "http/responses.h"

namespace parley {

namespace bj = boost::json;

void registerContactDirectoryRoutes(Router& r, ContactDirectoryRouteDeps deps) {
  r.add("GET", "/api/v1/contacts", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    ContactFilter f;
    f.query = req.queryParam("q").value_or("");
    if (f.query.size() > 200) throw ApiError(400, "invalid", "q must be at most 200 characters", "q");
    if (auto s = req.queryParam("segment"); s && !s->empty()) {
      const auto segment = parseEnum<ContactSegment>(*s);
      if (!segment) throw ApiError(400, "invalid", "segment must be all, known or chatted", "segment");
      f.segment = *segment;
    }
    auto sort = req.queryParam("sort").value_or("last_seen");
    if (!sort.empty() && sort != "last_seen")
      throw ApiError(400, "invalid", "sort must be last_seen (newest seen first)", "sort");
    f.cursor = req.queryParam("cursor").value_or("");
    f.limit = static_cast<int>(queryInt(req, "limit", 50, 1, 100));
    ContactPage page;
    try {
      page = deps.contacts.listContacts(auth.workspace.id, f);
    } catch (const std::invalid_argument&) {
      throw ApiError(400, "invalid", "cursor is not one this list gave out", "cursor");
    }
    bj::array out;
    for (const auto& item : page.contacts) {
      auto o = json::contact(item.contact, deps.presence.visitorOnline(item.contact.id));
      o["conversation_count"] = item.conversation_count;
      out.push_back(std::move(o));
    }
    reply(jsonResponse(200, bj::object{{"contacts", std::move(out)},
                                       {"next_cursor", page.next_cursor ? bj::value(*page.next_cursor) : nullptr}}));
  });

  // {id} is the duplicate, merged away; into_id survives with both histories.
  r.add("POST", "/api/v1/contacts/{id}/merge", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    auto id = pathId(req);
    auto body = jsonBody(req);
    auto into = json::reqInt(body, "into_id");
    if (into <= 0) throw ApiError(400, "invalid", "into_id must be a contact id", "into_id");
    if (into == id) throw ApiError(400, "invalid", "into_id must be another contact than the duplicate", "into_id");
    if (!deps.contacts.contactById(auth.workspace.id, id)) throw ApiError(404, "not_found", "no such contact", "id");
    if (!deps.contacts.contactById(auth.workspace.id, into))
      throw ApiError(404, "not_found", "into_id names no contact of this workspace", "into_id");
    // Every screen showing a moved conversation learns its new contact (and the event log keeps it
    // for agents who resume later).
    auto merge = deps.conversations.mergeDuplicate(auth.workspace.id, id, into, nowMillis());
    if (!merge) throw ApiError(404, "not_found", "the contact disappeared, try again");
    auto o = json::contact(merge->contact, deps.presence.visitorOnline(merge->contact.id));
    reply(jsonResponse(200, bj::object{{"contact", std::move(o)},
                                       {"moved_conversations", static_cast<std::int64_t>(merge->moved.size())}}));
  });
}

}  // namespace parley
