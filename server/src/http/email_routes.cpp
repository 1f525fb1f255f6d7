// Email over REST (issue 15, items 1-2; docs/email.md, "REST and widget"):
//   GET  /api/v1/email                                   an admin: sending on or off, From, the outbox log
//   POST /api/v1/conversations/{id}/transcript          any agent: the whole conversation to an address
//   POST /api/v1/widget/conversations/{id}/transcript   the visitor, for their own conversation
// Nothing here sends: a transcript is one insert into the outbox (app/email_outbox.h), sent by the
// mail worker. Bad input is checked before "email is off", so a client learns about both.
#include <boost/json.hpp>

#include "domain/clock.h"
#include "domain/email_address.h"
#include "http/api_support.h"
#include "http/responses.h"
#include "http/routes.h"
#include "wire/json_codec.h"

namespace parley {

namespace bj = boost::json;

namespace {

// A full outbox is the workspace's problem, not the caller's pace: a minute is as good a guess as any.
constexpr Millis kOutboxFullRetryMs = 60'000;

bj::object outboxEmailJson(const QueuedEmail& e) {
  bj::array to;
  for (const auto& r : e.recipients) to.push_back(bj::value(r));
  return {{"id", e.id},
          {"kind", e.kind},
          {"conversation_id", e.conversation_id ? bj::value(*e.conversation_id) : bj::value(nullptr)},
          {"to", std::move(to)},
          {"subject", e.subject},
          {"state", queuedEmailStateWord(e.state)},
          {"attempt", e.attempt},
          {"last_error", e.last_error},
          {"created_at", e.created_at},
          {"sent_at", e.sent_at ? bj::value(*e.sent_at) : bj::value(nullptr)},
          {"next_attempt_at", e.next_attempt_at}};
}

// body.email when given (it must then be plausible), else `fallback`; 400 naming "email" when
// neither gives an address.
std::string transcriptAddress(const bj::object& body, const std::optional<std::string>& fallback) {
  auto given = json::optString(body, "email");
  std::string address = given ? *given : fallback.value_or("");
  if (address.empty())
    throw ApiError(400, "missing", given ? "email must not be empty" : "email is required: the contact has none",
                   "email");
  if (!isPlainEmailAddress(address))
    throw ApiError(400, "invalid", "email must be one address such as jo@example.com (at most 254 bytes)", "email");
  return address;
}

HttpResponse transcriptQueued(EnqueueResult result, const std::string& to) {
  // Duplicate: the same transcript is queued already; the visitor gets it once all the same.
  if (result == EnqueueResult::QueueFull)
    throw rateLimited("too many emails are waiting to be sent in this workspace", kOutboxFullRetryMs);
  return jsonResponse(202, bj::object{{"to", to}});
}

void requireEmailEnabled(const EmailOutbox& email) {
  if (!email.enabled())
    throw ApiError(503, "email_unavailable", "this server sends no email: it was started without --smtp");
}

}  // namespace

void registerEmailRoutes(Router& r, EmailRouteDeps deps) {
  r.add("GET", "/api/v1/email", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    const auto limit = static_cast<int>(queryInt(req, "limit", 50, 1, 200));
    const auto settings = emailSettingsOf(auth.workspace);
    const auto& from = deps.email.config().from;
    bj::array outbox;
    for (const auto& e : deps.outbox.recentEmails(auth.workspace.id, limit)) outbox.push_back(outboxEmailJson(e));
    reply(jsonResponse(
        200, bj::object{{"enabled", deps.email.enabled()},
                        {"from", bj::object{{"name", settings.sender_name.empty() ? auth.workspace.name : settings.sender_name},
                                            {"address", from.address}}},
                        {"default_reply_domain", emailDomainOf(from.address)},
                        {"outbox", std::move(outbox)}}));
  });

  r.add("POST", "/api/v1/conversations/{id}/transcript", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    auto conv = deps.conversation_store.conversationById(auth.workspace.id, pathId(req));
    if (!conv) throw ApiError(404, "not_found", "no such conversation");
    auto body = req.body.empty() ? bj::object{} : jsonBody(req);
    std::optional<std::string> contactEmail;
    if (auto c = deps.contacts.contactById(auth.workspace.id, conv->contact_id)) contactEmail = c->email;
    auto to = transcriptAddress(body, contactEmail);
    requireEmailEnabled(deps.email);
    reply(transcriptQueued(deps.email.queueTranscript(auth.workspace, *conv, to), to));
  });

  r.add("POST", "/api/v1/widget/conversations/{id}/transcript", [deps](HttpRequest& req, const Reply& reply) {
    auto v = requireVisitor(deps.auth, req);
    auto conv = deps.conversation_store.conversationById(v.workspace.id, pathId(req));
    if (!conv || conv->contact_id != v.contact.id) throw ApiError(404, "not_found", "no such conversation");
    // The visitor types the address: no fallback, so the widget always shows where it goes.
    auto to = transcriptAddress(jsonBody(req), std::nullopt);
    requireEmailEnabled(deps.email);
    const auto key = std::to_string(v.contact.id);
    const Millis now = nowMillis();
    if (!deps.visitor_transcripts.allow(key, now))
      throw rateLimited("too many transcripts asked for", deps.visitor_transcripts.retryAfter(key, now));
    reply(transcriptQueued(deps.email.queueTranscript(v.workspace, *conv, to), to));
  });
}

}  // namespace parley
