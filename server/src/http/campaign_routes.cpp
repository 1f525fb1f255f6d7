// Campaigns (issue 13): a message from an agent to a segment, sent now or at a wall-clock time of
// the workspace's zone; the job that sends them is app/campaign_runner.h.
#include <boost/json.hpp>

#include "domain/clock.h"
#include "domain/local_time.h"
#include "domain/text_limits.h"
#include "http/api_support.h"
#include "http/campaign_json.h"
#include "http/responses.h"
#include "http/routes.h"
#include "wire/json_codec.h"

namespace parley {

namespace bj = boost::json;

namespace {

constexpr Millis kMaxScheduleAhead = 366LL * 86'400'000;
constexpr Millis kScheduleSlack = 60'000;  // a time a minute ago (the form was slow) still means "now"

std::shared_ptr<const TimeZone> zoneOf(const Workspace& w) { return workspaceTimeZone(w.settings_json).zone; }

// Applies the request's fields to `c` (all required on create) and its "send" to the state:
// "draft" keeps it a draft, "now" schedules it for now, "later" at scheduled_local.
void applyCampaignFields(const CampaignRouteDeps& deps, const AgentAuth& auth, const bj::object& body, Campaign& c,
                         bool create) {
  const Id ws = auth.workspace.id;
  if (create || body.contains("name")) {
    auto name = json::reqString(body, "name");
    if (name.empty() || name.size() > kMaxCampaignNameLength)
      throw ApiError(400, "invalid", "name must be 1 to " + std::to_string(kMaxCampaignNameLength) + " characters", "name");
    c.name = name;
  }
  if (create || body.contains("body")) {
    auto text = json::reqString(body, "body");
    if (auto err = validateMessageBody(text)) throw ApiError(400, "invalid", "body " + *err, "body");
    c.body = text;
  }
  if (create || body.contains("segment_id")) {
    auto id = json::reqInt(body, "segment_id");
    if (!deps.segments.segmentById(ws, id)) throw ApiError(400, "invalid", "segment_id must name a segment", "segment_id");
    c.segment_id = id;
  }
  if (create || body.contains("sender_agent_id")) {
    auto id = json::reqInt(body, "sender_agent_id");
    auto agent = deps.agents.agentById(ws, id);
    if (!agent || !agent->active)
      throw ApiError(400, "invalid", "sender_agent_id must name an active agent", "sender_agent_id");
    c.sender_agent_id = id;
  }
  auto send = json::optString(body, "send");
  if (create && !send) send = "draft";
  if (!send) return;
  const Millis now = nowMillis();
  if (*send == "draft") {
    c.state = CampaignState::Draft;
    c.scheduled_at.reset();
  } else if (*send == "now") {
    c.state = CampaignState::Scheduled;
    c.scheduled_at = now;
  } else if (*send == "later") {
    auto text = json::optString(body, "scheduled_local");
    auto local = text ? parseLocalDateTime(*text) : std::nullopt;
    if (!local)
      throw ApiError(400, "invalid", "scheduled_local must be a date and time YYYY-MM-DDTHH:MM", "scheduled_local");
    const Millis at = localToUtc(*zoneOf(auth.workspace), *local);
    if (at < now - kScheduleSlack) throw ApiError(400, "invalid", "scheduled_local is in the past", "scheduled_local");
    if (at > now + kMaxScheduleAhead)
      throw ApiError(400, "invalid", "scheduled_local must be within a year", "scheduled_local");
    c.state = CampaignState::Scheduled;
    c.scheduled_at = at;
  } else {
    throw ApiError(400, "invalid", "send must be draft, now or later", "send");
  }
}

}  // namespace

void registerCampaignRoutes(Router& r, CampaignRouteDeps deps) {
  r.add("GET", "/api/v1/campaigns", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    auto zone = zoneOf(auth.workspace);
    bj::array out;
    for (const auto& c : deps.campaigns.listCampaigns(auth.workspace.id)) out.push_back(campaignJson(c, *zone));
    reply(jsonResponse(200, bj::object{{"campaigns", std::move(out)},
                                       {"time_zone", workspaceTimeZoneName(auth.workspace.settings_json)}}));
  });

  r.add("POST", "/api/v1/campaigns", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto body = jsonBody(req);
    Campaign c;
    c.workspace_id = auth.workspace.id;
    applyCampaignFields(deps, auth, body, c, true);
    c.created_at = c.updated_at = nowMillis();
    auto created = deps.campaigns.createCampaign(c);
    reply(jsonResponse(201, bj::object{{"campaign", campaignJson(created, *zoneOf(auth.workspace))}}));
  });

  r.add("GET", "/api/v1/campaigns/{id}", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    auto c = deps.campaigns.campaignById(auth.workspace.id, pathId(req));
    if (!c) throw ApiError(404, "not_found", "no such campaign");
    reply(jsonResponse(200, bj::object{{"campaign", campaignJson(*c, *zoneOf(auth.workspace))}}));
  });

  r.add("PATCH", "/api/v1/campaigns/{id}", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto body = jsonBody(req);
    auto c = deps.campaigns.campaignById(auth.workspace.id, pathId(req));
    if (!c) throw ApiError(404, "not_found", "no such campaign");
    if (!campaignEditable(c->state))
      throw ApiError(409, "conflict", "the campaign has started: it can no longer be changed", "state");
    applyCampaignFields(deps, auth, body, *c, false);
    c->updated_at = nowMillis();
    auto updated = deps.campaigns.updateCampaign(*c);
    if (!updated) throw ApiError(404, "not_found", "no such campaign");
    reply(jsonResponse(200, bj::object{{"campaign", campaignJson(*updated, *zoneOf(auth.workspace))}}));
  });

  r.add("POST", "/api/v1/campaigns/{id}/cancel", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto c = deps.campaigns.cancelCampaign(auth.workspace.id, pathId(req), nowMillis());
    if (!c) throw ApiError(404, "not_found", "no such campaign");
    reply(jsonResponse(200, bj::object{{"campaign", campaignJson(*c, *zoneOf(auth.workspace))}}));
  });

  r.add("DELETE", "/api/v1/campaigns/{id}", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    if (!deps.campaigns.deleteCampaign(auth.workspace.id, pathId(req))) throw ApiError(404, "not_found", "no such campaign");
    reply(noContent());
  });
}

}  // namespace parley
