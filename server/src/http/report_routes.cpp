// Issue 16, item 1: GET /api/v1/reports/{overview,agents,teams,csat-comments,live} (admins, or an
// admin's API token with read scope; docs/openapi.json). A period is ?from=YYYY-MM-DD&to=YYYY-MM-DD
// (local dates in the workspace's time zone, to exclusive, at most 366 days), compared with the
// same number of days before it; ?business_hours=true counts durations inside the opening hours
// only. CSV is made by the dashboard from these tables (web/dashboard/src/lib/csv.ts).
#include <boost/json.hpp>

#include <map>

#include "app/report_builder.h"
#include "domain/clock.h"
#include "domain/local_time.h"
#include "domain/time_zone.h"
#include "http/api_support.h"
#include "http/responses.h"
#include "http/routes.h"

namespace parley {

namespace bj = boost::json;

namespace {

struct ReportRequest {
  Id workspace_id = 0;
  ReportPeriod period;
  std::string zone_name;
  std::shared_ptr<const TimeZone> zone;
  BusinessHours hours;
  bool business_hours = false;  // asked for and the workspace has opening hours
};

// Admins, and API tokens of any scope (reports only read; only admins make tokens, and a token below
// the admin scope acts with the agent role, so requireAdmin would refuse a read token).
AgentAuth requireReportReader(const ReportRouteDeps& deps, const HttpRequest& req) {
  auto auth = requireAgent(deps.auth, req);
  if (auth.agent.role != AgentRole::Admin && !auth.api_token_id)
    throw ApiError(403, "forbidden", "reports are for admins");
  return auth;
}

ReportRequest reportRequest(const ReportRouteDeps& deps, const HttpRequest& req) {
  auto auth = requireReportReader(deps, req);
  ReportRequest r;
  r.workspace_id = auth.workspace.id;
  auto [zone_name, zone] = workspaceTimeZone(auth.workspace.settings_json);
  r.zone_name = std::move(zone_name);
  r.zone = std::move(zone);
  const auto from = req.queryParam("from").value_or("");
  const auto to = req.queryParam("to").value_or("");
  auto parsed = parseReportPeriod(from, to, *r.zone);
  if (auto* e = std::get_if<ReportPeriodError>(&parsed)) throw ApiError(400, "invalid", e->message, e->field);
  r.period = std::get<ReportPeriod>(parsed);
  const auto bh = req.queryParam("business_hours").value_or("false");
  if (bh != "true" && bh != "false") throw ApiError(400, "invalid", "business_hours must be true or false", "business_hours");
  r.hours = parseBusinessHours(auth.workspace.settings_json);
  r.business_hours = bh == "true" && r.hours.enabled;
  return r;
}

bj::value reportMillis(const std::optional<Millis>& v) { return v ? bj::value(*v) : bj::value(nullptr); }

bj::object reportDurationJson(const DurationStats& s) {
  return {{"count", s.count}, {"median_ms", reportMillis(s.median)}, {"p90_ms", reportMillis(s.p90)}};
}

bj::value reportCsatAverage(std::int64_t count, std::int64_t sum) {
  return count ? bj::value(static_cast<double>(sum) / static_cast<double>(count)) : bj::value(nullptr);
}

bj::object reportPeriodJson(const PeriodNumbers& n) {
  const auto& c = n.counts;
  std::int64_t csat_count = 0, csat_sum = 0;
  bj::array distribution;
  for (std::size_t i = 0; i < c.csat.size(); ++i) {
    distribution.push_back(c.csat[i]);
    csat_count += c.csat[i];
    csat_sum += c.csat[i] * static_cast<std::int64_t>(i + 1);
  }
  return {{"conversations", bj::object{{"new", c.conversations_new},
                                       {"resolved", c.conversations_resolved},
                                       {"missed", c.conversations_missed}}},
          {"first_response", reportDurationJson(n.first_response)},
          {"resolution", reportDurationJson(n.resolution)},
          {"messages", bj::object{{"visitor", c.messages_visitor}, {"agent", c.messages_agent}, {"bot", c.messages_bot}}},
          {"csat", bj::object{{"count", csat_count},
                              {"average", reportCsatAverage(csat_count, csat_sum)},
                              {"distribution", std::move(distribution)}}},
          {"bot", bj::object{{"handled", c.bot.handled},
                             {"resolved_alone", c.bot.resolved_alone},
                             {"handed_off", c.bot.handed_off}}},
          {"truncated", n.truncated}};
}

bj::object reportPeriodInfo(const ReportRequest& r) {
  return {{"from", r.period.from_date}, {"to", r.period.to_date},     {"days", r.period.days},
          {"timezone", r.zone_name},    {"from_ms", r.period.from}, {"to_ms", r.period.to},
          {"previous_from_ms", r.period.previous_from}, {"business_hours", r.business_hours}};
}

bj::object reportTableJson(const ReportRequest& r, const std::vector<ReportTableRow>& rows, const char* id_key,
                           const std::map<Id, std::string>& names) {
  bj::array out;
  for (const auto& row : rows) {
    bj::value name = nullptr;
    if (row.id)
      if (auto it = names.find(*row.id); it != names.end()) name = bj::value(it->second);
    out.push_back(bj::object{{id_key, row.id ? bj::value(*row.id) : bj::value(nullptr)},
                             {"name", std::move(name)},
                             {"conversations", row.conversations},
                             {"replies", row.replies},
                             {"first_response_median_ms", reportMillis(row.first_response_median)},
                             {"resolution_median_ms", reportMillis(row.resolution_median)},
                             {"csat_average", reportCsatAverage(row.csat_count, row.csat_sum)},
                             {"csat_count", row.csat_count}});
  }
  return {{"period", reportPeriodInfo(r)}, {"rows", std::move(out)}};
}

}  // namespace

void registerReportRoutes(Router& r, ReportRouteDeps deps) {
  r.add("GET", "/api/v1/reports/overview", [deps](HttpRequest& req, const Reply& reply) {
    const auto rq = reportRequest(deps, req);
    const BusinessHours* hours = rq.business_hours ? &rq.hours : nullptr;
    const auto& p = rq.period;
    const auto current = periodNumbers(deps.reports, rq.workspace_id, p.from, p.to, hours);
    const auto previous = periodNumbers(deps.reports, rq.workspace_id, p.previous_from, p.from, hours);
    const auto local = bucketLocally(p, *rq.zone, deps.reports.conversationBuckets(rq.workspace_id, p.from, p.to));
    bj::array by_day;
    for (const auto& d : local.by_day) by_day.push_back(bj::object{{"date", d.date}, {"count", d.count}});
    bj::array week;
    for (const auto& day : local.week) {
      bj::array hours_row;
      for (auto n : day) hours_row.push_back(n);
      week.push_back(std::move(hours_row));
    }
    reply(jsonResponse(200, bj::object{{"period", reportPeriodInfo(rq)},
                                       {"current", reportPeriodJson(current)},
                                       {"previous", reportPeriodJson(previous)},
                                       {"by_day", std::move(by_day)},
                                       {"heatmap", std::move(week)}}));
  });

  r.add("GET", "/api/v1/reports/agents", [deps](HttpRequest& req, const Reply& reply) {
    const auto rq = reportRequest(deps, req);
    const auto rows = reportTable(deps.reports, ReportGrouping::Agent, rq.workspace_id, rq.period.from, rq.period.to,
                                  rq.business_hours ? &rq.hours : nullptr);
    std::map<Id, std::string> names;
    for (const auto& a : deps.agents.listAgents(rq.workspace_id)) names[a.id] = a.name;
    reply(jsonResponse(200, reportTableJson(rq, rows, "agent_id", names)));
  });

  r.add("GET", "/api/v1/reports/teams", [deps](HttpRequest& req, const Reply& reply) {
    const auto rq = reportRequest(deps, req);
    const auto rows = reportTable(deps.reports, ReportGrouping::Team, rq.workspace_id, rq.period.from, rq.period.to,
                                  rq.business_hours ? &rq.hours : nullptr);
    std::map<Id, std::string> names;
    for (const auto& t : deps.teams.listTeams(rq.workspace_id)) names[t.id] = t.name;
    reply(jsonResponse(200, reportTableJson(rq, rows, "team_id", names)));
  });

  r.add("GET", "/api/v1/reports/csat-comments", [deps](HttpRequest& req, const Reply& reply) {
    const auto rq = reportRequest(deps, req);
    const auto limit = static_cast<std::size_t>(queryInt(req, "limit", 20, 1, kMaxCsatCommentsPage));
    const auto offset = static_cast<std::size_t>(queryInt(req, "offset", 0, 0, 1'000'000));
    auto comments = deps.reports.csatComments(rq.workspace_id, rq.period.from, rq.period.to, limit + 1, offset);
    const bool more = comments.size() > limit;
    if (more) comments.resize(limit);
    std::map<Id, std::string> names;
    for (const auto& a : deps.agents.listAgents(rq.workspace_id)) names[a.id] = a.name;
    bj::array out;
    for (const auto& c : comments) {
      bj::value agent_name = nullptr;
      if (c.agent_id)
        if (auto it = names.find(*c.agent_id); it != names.end()) agent_name = bj::value(it->second);
      out.push_back(bj::object{{"conversation_id", c.conversation_id},
                               {"score", c.score},
                               {"comment", c.comment},
                               {"created_at", c.created_at},
                               {"agent_id", c.agent_id ? bj::value(*c.agent_id) : bj::value(nullptr)},
                               {"agent_name", std::move(agent_name)}});
    }
    reply(jsonResponse(200, bj::object{{"period", reportPeriodInfo(rq)},
                                       {"comments", std::move(out)},
                                       {"next_offset", more ? bj::value(static_cast<std::int64_t>(offset + limit))
                                                            : bj::value(nullptr)}}));
  });

  r.add("GET", "/api/v1/reports/live", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireReportReader(deps, req);
    const auto live = deps.reports.liveCounts(auth.workspace.id);
    const Millis now = nowMillis();
    bj::value longest = nullptr;
    if (live.oldest_waiting) longest = bj::value(std::max<Millis>(0, now - *live.oldest_waiting));
    reply(jsonResponse(200, bj::object{{"open", live.open},
                                       {"waiting_unassigned", live.waiting_unassigned},
                                       {"longest_wait_ms", std::move(longest)},
                                       {"agents_online", deps.presence.agentsOnline(auth.workspace.id)},
                                       {"at", now},
                                       {"timezone", workspaceTimeZoneName(auth.workspace.settings_json)}}));
  });
}

}  // namespace parley
