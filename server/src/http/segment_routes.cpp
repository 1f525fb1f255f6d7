// Segments (issue 13): saved sets of conditions on contacts, and the live count of the contacts a
// draft set matches while an admin edits it.
#include <boost/json.hpp>

#include "domain/clock.h"
#include "domain/local_time.h"
#include "domain/time_zone.h"
#include "http/api_support.h"
#include "http/campaign_json.h"
#include "http/responses.h"
#include "http/routes.h"
#include "wire/json_codec.h"

namespace parley {

namespace bj = boost::json;

namespace {

std::string checkSegmentName(const bj::object& body) {
  auto name = json::reqString(body, "name");
  if (name.empty() || name.size() > kMaxSegmentNameLength)
    throw ApiError(400, "invalid", "name must be 1 to " + std::to_string(kMaxSegmentNameLength) + " characters", "name");
  return name;
}

// Dates and "N days" as the campaign job will read them: now, in the workspace's zone.
ContactQuery resolved(const AgentAuth& auth, const SegmentDefinition& d) {
  return resolveSegment(d, nowMillis(), *workspaceTimeZone(auth.workspace.settings_json).zone);
}

}  // namespace

void registerSegmentRoutes(Router& r, SegmentRouteDeps deps) {
  r.add("GET", "/api/v1/segments", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    bj::array out;
    for (const auto& s : deps.segments.listSegments(auth.workspace.id)) out.push_back(segmentJson(s));
    reply(jsonResponse(200, bj::object{{"segments", std::move(out)}}));
  });

  r.add("POST", "/api/v1/segments", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto body = jsonBody(req);
    Segment s;
    s.workspace_id = auth.workspace.id;
    s.name = checkSegmentName(body);
    s.definition = segmentDefinitionFrom(body);
    s.created_at = s.updated_at = nowMillis();
    reply(jsonResponse(201, bj::object{{"segment", segmentJson(deps.segments.createSegment(s))}}));
  });

  // Before the {id} routes: "count" is not an id.
  r.add("POST", "/api/v1/segments/count", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto body = jsonBody(req);
    auto d = segmentDefinitionFrom(body);
    reply(jsonResponse(200, bj::object{{"count", deps.segments.countContacts(auth.workspace.id, resolved(auth, d))}}));
  });

  r.add("GET", "/api/v1/segments/{id}", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    auto s = deps.segments.segmentById(auth.workspace.id, pathId(req));
    if (!s) throw ApiError(404, "not_found", "no such segment");
    auto count = deps.segments.countContacts(auth.workspace.id, resolved(auth, s->definition));
    reply(jsonResponse(200, bj::object{{"segment", segmentJson(*s)}, {"count", count}}));
  });

  r.add("PATCH", "/api/v1/segments/{id}", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto body = jsonBody(req);
    auto s = deps.segments.segmentById(auth.workspace.id, pathId(req));
    if (!s) throw ApiError(404, "not_found", "no such segment");
    if (body.contains("name")) s->name = checkSegmentName(body);
    if (body.contains("conditions") || body.contains("match")) {
      if (!body.contains("conditions")) body["conditions"] = bj::parse(segmentToJson(s->definition)).as_object().at("conditions");
      s->definition = segmentDefinitionFrom(body);
    }
    s->updated_at = nowMillis();
    auto updated = deps.segments.updateSegment(*s);
    if (!updated) throw ApiError(404, "not_found", "no such segment");
    reply(jsonResponse(200, bj::object{{"segment", segmentJson(*updated)}}));
  });

  r.add("DELETE", "/api/v1/segments/{id}", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    if (!deps.segments.deleteSegment(auth.workspace.id, pathId(req))) throw ApiError(404, "not_found", "no such segment");
    reply(noContent());
  });
}

}  // namespace parley
