// Issue 16, item 3: data protection (docs/privacy.md), admins only.
//   GET  /api/v1/contacts/{id}/export   everything about the contact as a ZIP archive (app/contact_export.h)
//   POST /api/v1/contacts/{id}/erase    {"confirm": "erase"} -> the contact and its data are deleted for good
//   GET  /api/v1/retention-settings     the workspace's retention rules (days; 0 keeps forever)
//   PUT  /api/v1/retention-settings     {conversation_days, page_view_days, anonymous_contact_days}
#include <boost/json.hpp>

#include "app/contact_erasure.h"
#include "app/contact_export.h"
#include "domain/clock.h"
#include "domain/retention.h"
#include "http/api_support.h"
#include "http/audit_actor.h"
#include "http/responses.h"
#include "http/routes.h"
#include "http/worker_reply.h"
#include "wire/json_codec.h"

namespace parley {

namespace bj = boost::json;

namespace {

constexpr Millis kPrivacyStaleExportMs = 60LL * 60 * 1000;

bj::object retentionJson(const RetentionSettings& s) {
  return {{"conversation_days", s.conversation_days},
          {"page_view_days", s.page_view_days},
          {"anonymous_contact_days", s.anonymous_contact_days},
          {"updated_at", s.updated_at}};
}

int retentionDaysField(const bj::object& body, const char* field) {
  auto it = body.find(field);
  if (it == body.end() || it->value().is_null()) return 0;  // empty: keep forever
  if (!it->value().is_int64() && !it->value().is_uint64())
    throw ApiError(400, "invalid", std::string(field) + " must be a whole number of days", field);
  const auto days = it->value().is_int64() ? it->value().as_int64() : static_cast<std::int64_t>(it->value().as_uint64());
  if (auto problem = retentionDaysProblem(days)) throw ApiError(400, "invalid", std::string(field) + " " + *problem, field);
  return static_cast<int>(days);
}

}  // namespace

void registerPrivacyRoutes(Router& r, PrivacyRouteDeps deps) {
  r.add("GET", "/api/v1/contacts/{id}/export", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    const Id contact_id = pathId(req);
    // Writing the archive reads the whole history and compresses the attachments: seconds for a long
    // one. On the I/O thread that would stall every socket it serves, so a worker builds it and
    // answers; the queue is short because exports are rare and each one is heavy.
    ApiError busy(503, "busy", "other contact exports are being built, try again in a few seconds");
    busy.retry_after_s = 5;
    replyFromWorker(deps.export_workers, reply, "contact export", busy,
                    [deps, reply, workspace_id = auth.workspace.id, actor = auditActorOf(auth), peer = req.peer_ip,
                     contact_id] {
      ContactExporter exporter(deps.contacts, deps.conversations, deps.messages, deps.uploads_dir, deps.work_dir);
      exporter.removeStale(kPrivacyStaleExportMs);
      std::optional<std::string> path;
      try {
        path = exporter.exportToFile(workspace_id, contact_id, nowMillis());
      } catch (const ContactExportTooLarge& e) {
        throw ApiError(413, "too_large", e.what());
      }
      if (!path) throw ApiError(404, "not_found", "no such contact");
      HttpResponse res;
      res.content_type = "application/zip";
      res.file_path = *path;
      res.remove_file_after_open = true;  // the open file is streamed; its name is gone at once
      res.headers.emplace_back("Content-Disposition",
                               "attachment; filename=\"contact-" + std::to_string(contact_id) + "-export.zip\"");
      res.headers.emplace_back("Cache-Control", "no-store");
      // The entry names the contact by id only: it outlives an erasure, the person's name must not.
      deps.audit.record(workspace_id, actor, peer, audit_action::kContactExported,
                        {"contact", contact_id, "contact #" + std::to_string(contact_id)});
      reply(std::move(res));
    });
  });

  r.add("POST", "/api/v1/contacts/{id}/erase", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    const Id contact_id = pathId(req);
    auto body = jsonBody(req);
    // The dashboard asks the admin to type the contact's name or "erase"; the API asks for the word,
    // so that no client erases a person by a mistyped URL.
    auto confirm = json::optString(body, "confirm");
    if (!confirm || *confirm != "erase")
      throw ApiError(400, "invalid", "confirm must be \"erase\": this deletes the contact for good", "confirm");
    ContactEraser eraser(deps.privacy, deps.bus, deps.uploads_dir);
    auto outcome = eraser.erase(auth.workspace.id, contact_id);
    if (!outcome) throw ApiError(404, "not_found", "no such contact");
    deps.audit.record(auth.workspace.id, auditActorOf(auth), req.peer_ip, audit_action::kContactErased,
                      {"contact", contact_id, "contact #" + std::to_string(contact_id)},
                      bj::serialize(bj::object{{"conversations", outcome->conversations},
                                               {"messages", outcome->messages}}));
    reply(jsonResponse(200, bj::object{{"erased", bj::object{{"contacts", outcome->contacts},
                                                              {"conversations", outcome->conversations},
                                                              {"messages", outcome->messages},
                                                              {"page_views", outcome->page_views}}}}));
  });

  r.add("GET", "/api/v1/retention-settings", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    reply(jsonResponse(200, bj::object{{"retention", retentionJson(deps.privacy.retentionSettings(auth.workspace.id))}}));
  });

  r.add("PUT", "/api/v1/retention-settings", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto body = jsonBody(req);
    RetentionSettings s;
    s.conversation_days = retentionDaysField(body, "conversation_days");
    s.page_view_days = retentionDaysField(body, "page_view_days");
    s.anonymous_contact_days = retentionDaysField(body, "anonymous_contact_days");
    deps.privacy.saveRetentionSettings(auth.workspace.id, s, nowMillis());
    deps.audit.record(auth.workspace.id, auditActorOf(auth), req.peer_ip, audit_action::kSettingsUpdated,
                      {"workspace", auth.workspace.id, auth.workspace.name},
                      R"({"keys":["conversation_days","page_view_days","anonymous_contact_days"]})");
    reply(jsonResponse(200, bj::object{{"retention", retentionJson(deps.privacy.retentionSettings(auth.workspace.id))}}));
  });
}

}  // namespace parley
