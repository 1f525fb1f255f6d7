#include "http/webhook_json.h"

#include "domain/secret_hint.h"

namespace parley {

namespace bj = boost::json;

namespace {

bj::value webhookOptMillis(const std::optional<Millis>& v) { return v ? bj::value(*v) : bj::value(nullptr); }

}  // namespace

bj::object webhookJson(const Webhook& w, bool with_secret) {
  bj::array events;
  for (const auto& e : w.events) events.push_back(bj::value(e));
  const bool failing = w.attempt > 0;
  bj::object o{{"id", w.id},
               {"url", w.url},
               {"events", std::move(events)},
               {"active", w.active},
               {"paused_at", webhookOptMillis(w.paused_at)},
               {"pause_reason", w.paused_at ? bj::value(w.pause_reason) : bj::value(nullptr)},
               {"failures", w.attempt},
               {"failing_since", webhookOptMillis(w.failing_since)},
               {"next_attempt_at", failing ? bj::value(w.next_attempt_at) : bj::value(nullptr)},
               {"secret_hint", secretHint(w.secret)},
               {"created_at", w.created_at},
               {"updated_at", w.updated_at}};
  if (with_secret) o["secret"] = w.secret;
  return o;
}

bj::object webhookDeliveryJson(const WebhookDelivery& d) {
  return {{"id", d.id},
          {"event_id", d.event_id},
          {"event_type", d.event_type},
          {"kind", d.kind},
          {"attempt", d.attempt},
          {"ok", d.ok},
          {"status", d.status == 0 ? bj::value(nullptr) : bj::value(d.status)},
          {"error", d.error.empty() ? bj::value(nullptr) : bj::value(d.error)},
          {"response_excerpt", d.response_excerpt},
          {"request_body", d.request_body},
          {"duration_ms", d.duration_ms},
          {"created_at", d.created_at}};
}

}  // namespace parley
