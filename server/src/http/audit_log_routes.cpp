// Issue 16, item 2: Settings > Audit log (docs/openapi.json, domain/audit.h). Read-only: nothing
// here or anywhere else changes or removes an entry.
//   GET /api/v1/audit-log         an admin (or an admin-scope token): newest first, ?before=<id>
//                                 cursor, ?limit, filters ?action ?actor=agent:<id>|api_token:<id>|system
//                                 ?from ?to (epoch ms, to exclusive)
//   GET /api/v1/audit-log/export  the same filters as text/csv, at most kMaxAuditExportRows rows
#include <boost/json.hpp>

#include "domain/audit.h"
#include "domain/csv.h"
#include "http/api_support.h"
#include "http/responses.h"
#include "http/routes.h"
#include "wire/json_codec.h"

namespace parley {

namespace bj = boost::json;

namespace {

constexpr int kMaxAuditExportRows = 50'000;

AuditQuery auditQueryOf(const HttpRequest& req) {
  AuditQuery q;
  if (auto before = queryInt(req, "before", 0, 0, INT64_MAX); before > 0) q.before_id = before;
  q.limit = static_cast<int>(queryInt(req, "limit", 50, 1, kMaxAuditPage));
  if (auto action = req.queryParam("action"); action && !action->empty()) {
    if (!isAuditAction(*action)) throw ApiError(400, "invalid", "action is not one of the audit log's actions", "action");
    q.action = *action;
  }
  if (auto actor = req.queryParam("actor"); actor && !actor->empty()) {
    const auto colon = actor->find(':');
    q.actor_type = parseAuditActorType(actor->substr(0, colon));
    if (!q.actor_type) throw ApiError(400, "invalid", "actor is agent:<id>, api_token:<id> or system", "actor");
    if (colon != std::string::npos) {
      HttpRequest idOnly;
      idOnly.query["actor_id"] = actor->substr(colon + 1);
      q.actor_id = queryInt(idOnly, "actor_id", 0, 1, INT64_MAX);
    }
  }
  if (auto from = queryInt(req, "from", -1, 0, INT64_MAX); from >= 0) q.from = from;
  if (auto to = queryInt(req, "to", -1, 0, INT64_MAX); to >= 0) q.to = to;
  if (q.from && q.to && *q.to <= *q.from) throw ApiError(400, "invalid", "to must be after from", "to");
  return q;
}

bj::object auditEntryJson(const AuditEntry& e) {
  auto details = json::parseOr(e.details_json, bj::object{});
  return {{"id", e.id},
          {"at", e.at},
          {"actor", bj::object{{"type", toString(e.actor.type)}, {"id", e.actor.id}, {"name", e.actor.name}}},
          {"address", e.address},
          {"action", e.action},
          {"target", bj::object{{"type", e.target.type}, {"id", e.target.id}, {"label", e.target.label}}},
          {"details", details.is_object() ? details : bj::value(bj::object{})}};
}

std::string isoTime(Millis at) {
  const std::time_t secs = static_cast<std::time_t>(at / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

void registerAuditLogRoutes(Router& r, AuditLogRouteDeps deps) {
  r.add("GET", "/api/v1/audit-log", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto q = auditQueryOf(req);
    auto entries = deps.audit_log.listAuditEntries(auth.workspace.id, q);
    bj::array out;
    for (const auto& e : entries) out.push_back(auditEntryJson(e));
    const bool more = static_cast<int>(entries.size()) == q.limit;
    reply(jsonResponse(200, bj::object{{"entries", std::move(out)},
                                       {"next_before", more ? bj::value(entries.back().id) : bj::value(nullptr)}}));
  });

  r.add("GET", "/api/v1/audit-log/export", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto q = auditQueryOf(req);
    q.limit = kMaxAuditPage;
    std::string csv = csvRow({"time_utc", "actor_type", "actor_id", "actor", "address", "action", "target_type",
                              "target_id", "target", "details"});
    int rows = 0;
    while (rows < kMaxAuditExportRows) {
      auto page = deps.audit_log.listAuditEntries(auth.workspace.id, q);
      for (const auto& e : page)
        csv += csvRow({isoTime(e.at), std::string(toString(e.actor.type)), std::to_string(e.actor.id), e.actor.name,
                       e.address, e.action, e.target.type, std::to_string(e.target.id), e.target.label,
                       e.details_json});
      rows += static_cast<int>(page.size());
      if (static_cast<int>(page.size()) < q.limit) break;
      q.before_id = page.back().id;
    }
    HttpResponse res;
    res.content_type = "text/csv; charset=utf-8";
    res.body = std::move(csv);
    res.headers.emplace_back("Content-Disposition", "attachment; filename=\"audit-log.csv\"");
    res.headers.emplace_back("Cache-Control", "no-store");
    reply(std::move(res));
  });
}

}  // namespace parley
