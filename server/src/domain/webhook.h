// Webhooks (issue 15, item 5): the records, the limits, and the pure rules — which events of the
// event log become which webhook events, the delivery id, the signed string and the signature
// header, the retry schedule and the URL's syntax. The store keeps the rows
// (store/webhook_store.h), app/webhook_deliverer.* sends them, http/webhook_routes.cpp is the REST
// side. The limits are listed in docs/security.md, the payloads in docs/webhooks.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"

namespace parley {

constexpr std::size_t kMaxWebhooksPerWorkspace = 20;
constexpr std::size_t kMaxWebhookUrlBytes = 2000;
constexpr std::size_t kMinWebhookSecretBytes = 16;
constexpr std::size_t kMaxWebhookSecretBytes = 200;
constexpr std::size_t kWebhookDeliveriesKept = 200;     // newest delivery log rows per subscription
constexpr int kWebhookEventsPerRead = 100;               // events read from the log per pass
constexpr std::size_t kMaxWebhookPayloadBytes = 256 * 1024;  // a larger body is cut to its ids
constexpr std::size_t kWebhookResponseExcerptBytes = 1024;
constexpr Millis kWebhookTimeoutMs = 10'000;
constexpr Millis kWebhookFirstRetryMs = 10'000;
constexpr Millis kWebhookMaxRetryMs = 3'600'000;
constexpr Millis kWebhookRetryWindowMs = 24LL * 3'600'000;

// A subscription. `cursor` is the last event-log offset delivered in full; delivery resumes after
// it. A subscription that kept failing for the retry window is paused: active false, paused_at and
// pause_reason set; PATCH {"active": true} resumes it from its cursor.
struct Webhook {
  Id id = 0;
  Id workspace_id = 0;
  std::string url;
  std::vector<std::string> events;  // sorted, unique, each one of webhookEventTypes()
  std::string secret;
  bool active = true;
  std::int64_t cursor = 0;
  int attempt = 0;                        // failed attempts in a row at the cursor
  std::optional<Millis> failing_since;    // first failure of the current run of failures
  Millis next_attempt_at = 0;
  std::optional<Millis> paused_at;
  std::string pause_reason;
  Millis created_at = 0;
  Millis updated_at = 0;
};

// What a delivery pass leaves on a subscription (WebhookStore::saveWebhookProgress).
struct WebhookProgress {
  std::int64_t cursor = 0;
  int attempt = 0;
  std::optional<Millis> failing_since;
  Millis next_attempt_at = 0;
  std::optional<Millis> paused_at;  // set: the subscription is paused (active false)
  std::string pause_reason;
};

// One row of a subscription's delivery log.
struct WebhookDelivery {
  Id id = 0;
  Id workspace_id = 0;
  Id webhook_id = 0;
  std::string event_id;    // the payload's "id" (what receivers deduplicate on)
  std::string event_type;
  std::string kind = "event";  // event | test | redeliver
  int attempt = 1;
  bool ok = false;         // a 2xx answer
  int status = 0;          // the HTTP status; 0 when none came
  std::string error;       // why there was no 2xx: "timeout", "refused: ...", "connect: ..."
  std::string response_excerpt;  // at most kWebhookResponseExcerptBytes of the answer
  std::string request_body;      // what was sent (for redelivery)
  int duration_ms = 0;
  Millis created_at = 0;
};

// A subscription's events as the stores keep them: "a,b,c".
std::string joinWebhookEvents(const std::vector<std::string>& events);
std::vector<std::string> splitWebhookEvents(std::string_view text);

// The seven event types, in the order the docs list them.
const std::vector<std::string>& webhookEventTypes();
bool isWebhookEventType(std::string_view type);

// The events list of a subscription, sorted and without duplicates; an error text when it is
// empty, too long or names an unknown type.
struct WebhookEventsCheck {
  std::vector<std::string> events;
  std::string error;  // empty: valid
};
WebhookEventsCheck checkWebhookEvents(const std::vector<std::string>& events);

// A webhook URL's parts, as far as they matter for where the request goes.
struct WebhookUrl {
  std::string scheme;  // http | https
  std::string host;    // lower case; an IPv6 literal without its brackets
  int port = 0;        // the default of the scheme when the URL names none
};
// The URL's syntax: http or https, a host, at most kMaxWebhookUrlBytes, no user:password, no
// spaces or control bytes, a port 1..65535. nullopt with `error` set otherwise.
std::optional<WebhookUrl> parseWebhookUrl(std::string_view url, std::string* error = nullptr);
// localhost and *.localhost: names that mean this machine whatever DNS says.
bool isLocalHostName(std::string_view host);

// The webhook event types that one event of the log stands for, before the subscription's filter.
// `first_conversation_of_contact`: the conversation is the contact's first (contact.created), and
// `csat_new`: the conversation carries a rating this subscription has not reported yet (reported
// by the first change after the conversation's resolve).
struct WebhookEventFacts {
  bool first_conversation_of_contact = false;
  bool csat_new = false;
};
std::vector<std::string> webhookTypesForEvent(const Event& event, const Conversation& conversation,
                                              const WebhookEventFacts& facts);

// "<epoch>:<offset>" for the event's main type, "<epoch>:<offset>:<type>" for the types derived
// from the same event (conversation.resolved, csat.submitted, contact.created): unique per
// delivered event and stable across retries, restarts and nodes.
std::string webhookEventId(std::string_view epoch, std::int64_t offset, std::string_view log_type,
                           std::string_view type);

// What is signed: "<t>.<body>", t in Unix seconds.
std::string webhookSignedString(std::int64_t unix_seconds, std::string_view body);
// The Parley-Signature header value: "t=<t>,v1=<hex>".
std::string webhookSignatureHeader(std::int64_t unix_seconds, std::string_view hex_hmac);

// The wait before attempt `failures + 1` after `failures` failures in a row (>= 1): 10 s doubling,
// capped at 1 h, then spread by jitter in [0, 1): the wait times 0.8 .. 1.2.
Millis webhookRetryDelay(int failures, double jitter);

// The first `max_bytes` bytes of `text`, cut at a UTF-8 character boundary.
std::string webhookExcerpt(std::string_view text, std::size_t max_bytes = kWebhookResponseExcerptBytes);

}  // namespace parley
