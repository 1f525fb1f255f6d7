#include "app/webhook_deliverer.h"

#include <arpa/inet.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/json.hpp>

#include "domain/clock.h"
#include "outbound/http_post.h"
#include "security/hmac.h"
#include "domain/ip_address.h"
#include "store/store_random.h"
#include "wire/json_codec.h"

namespace parley {

namespace bj = boost::json;

namespace {

constexpr std::size_t kMaxWaitingManualDeliveries = 64;
constexpr int kWebhooksClaimedPerPass = 100;

// Legacy IPv4 forms inet_pton refuses but resolvers accept ("2130706433", "0x7f.1", "127.1").
std::optional<IpAddress> webhookLegacyIpv4(const std::string& host) {
  in_addr a{};
  if (::inet_aton(host.c_str(), &a) == 0) return std::nullopt;
  char text[INET_ADDRSTRLEN] = {0};
  if (!::inet_ntop(AF_INET, &a, text, sizeof text)) return std::nullopt;
  return parseIp(text);
}

std::string webhookPin(const std::string& host, int port, const std::string& address) {
  const bool v6 = address.find(':') != std::string::npos;
  return host + ":" + std::to_string(port) + ":" + (v6 ? "[" + address + "]" : address);
}

std::string webhookOutcomeError(const HttpPostResult& r) {
  switch (r.outcome) {
    case HttpPostResult::Outcome::Answered: return r.status >= 200 && r.status < 300 ? "" : "status " + std::to_string(r.status);
    case HttpPostResult::Outcome::Timeout: return "timeout";
    case HttpPostResult::Outcome::TooLarge: return "answer too large";
    case HttpPostResult::Outcome::Failed: return "connect: " + r.error;
  }
  return "failed";
}

std::string webhookWindowText(Millis window_ms) {
  if (window_ms % 3'600'000 == 0) return std::to_string(window_ms / 3'600'000) + " hours";
  return std::to_string(window_ms / 1000) + " s";
}

}  // namespace

WebhookDeliverer::WebhookDeliverer(WebhookStore& webhooks, EventLog& log, ContactStore& contacts,
                                   WebhookDelivererOptions options)
    : webhooks_(webhooks),
      log_(log),
      contacts_(contacts),
      options_(options),
      owner_("node-" + storeRandomHex(12)),
      rng_(std::random_device{}()) {}

WebhookDeliverer::~WebhookDeliverer() { stop(); }

void WebhookDeliverer::start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable() || stop_) return;
  thread_ = std::thread([this] { loop(); });
}

void WebhookDeliverer::stop() {
  std::deque<ManualJob> unrun;
  {
    std::lock_guard lock(mu_);
    if (stop_) return;
    stop_ = true;
    unrun.swap(jobs_);
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  // Their callers still hear, once: the request is answered before the server closes it.
  for (auto& job : unrun) {
    job.failed.error = "the server is stopping";
    job.done(job.failed);
  }
  try {
    webhooks_.releaseWebhookLeases(owner_);
  } catch (const std::exception& e) {
    spdlog::warn("webhooks: could not release this node's leases: {}", e.what());
  }
}

void WebhookDeliverer::wake() {
  {
    std::lock_guard lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

namespace {

// What a manual delivery's caller hears when it never ran or threw (not logged: nothing was sent).
WebhookDelivery unsentManualDelivery(const Webhook& w, const std::string& event_id, const std::string& type,
                                     const std::string& kind, int attempt) {
  WebhookDelivery d;
  d.workspace_id = w.workspace_id;
  d.webhook_id = w.id;
  d.event_id = event_id;
  d.event_type = type;
  d.kind = kind;
  d.attempt = attempt;
  d.created_at = nowMillis();
  return d;
}

}  // namespace

bool WebhookDeliverer::sendTest(const Webhook& w, Done done) {
  std::lock_guard lock(mu_);
  if (stop_ || jobs_.size() >= kMaxWaitingManualDeliveries) return false;
  const std::string id = "test:" + storeRandomHex(8);
  jobs_.push_back({[this, w, id] {
                     bj::object o{{"id", id},
                                  {"type", "ping"},
                                  {"created_at", nowMillis()},
                                  {"workspace_id", w.workspace_id},
                                  {"data", bj::object{{"webhook_id", w.id},
                                                      {"message", "A test from Parley: this endpoint is reached."}}}};
                     return post(w, id, "ping", bj::serialize(o), "test", 1);
                   },
                   std::move(done), unsentManualDelivery(w, id, "ping", "test", 1)});
  cv_.notify_all();
  return true;
}

bool WebhookDeliverer::redeliver(const Webhook& w, const WebhookDelivery& original, Done done) {
  std::lock_guard lock(mu_);
  if (stop_ || jobs_.size() >= kMaxWaitingManualDeliveries) return false;
  jobs_.push_back({[this, w, original] {
                     return post(w, original.event_id, original.event_type, original.request_body, "redeliver",
                                 original.attempt + 1);
                   },
                   std::move(done),
                   unsentManualDelivery(w, original.event_id, original.event_type, "redeliver", original.attempt + 1)});
  cv_.notify_all();
  return true;
}

void WebhookDeliverer::loop() {
  while (true) {
    std::optional<ManualJob> job;
    {
      std::unique_lock lock(mu_);
      if (stop_) return;
      if (!jobs_.empty()) {
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
    }
    if (job) {
      WebhookDelivery d;
      try {
        d = job->attempt();
      } catch (const std::exception& e) {
        spdlog::error("webhooks: a manual delivery failed: {}", e.what());
        d = job->failed;
        d.error = std::string("not sent: ") + e.what();
      }
      job->done(d);
      continue;
    }
    try {
      runOnce();
    } catch (const std::exception& e) {
      spdlog::error("webhooks: a delivery pass failed: {}", e.what());
    }
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, options_.tick, [this] { return stop_ || woken_ || !jobs_.empty(); });
    woken_ = false;
  }
}

const std::string& WebhookDeliverer::epoch() {
  if (epoch_.empty()) epoch_ = log_.epoch();
  return epoch_;
}

std::optional<std::string> WebhookDeliverer::checkUrl(std::string_view url) const {
  std::string error;
  auto parsed = parseWebhookUrl(url, &error);
  if (!parsed) return error;
  if (options_.allow_private) return std::nullopt;
  if (isLocalHostName(parsed->host)) return "url must not point to this machine (localhost)";
  auto ip = parseIp(parsed->host);
  if (!ip) ip = webhookLegacyIpv4(parsed->host);
  if (ip && !isPublicIp(*ip))
    return "url must not point to a loopback, private, link-local or otherwise reserved address";
  return std::nullopt;
}

WebhookDeliverer::Target WebhookDeliverer::resolveTarget(const std::string& url) const {
  Target t;
  if (auto bad = checkUrl(url)) {
    t.error = "refused: " + *bad;
    return t;
  }
  auto ep = urlEndpoint(url);
  if (!ep) {
    t.error = "refused: url cannot be parsed";
    return t;
  }
  if (auto ip = parseIp(ep->host)) {
    if (!options_.allow_private && !isPublicIp(*ip)) t.error = "refused: a private or reserved address";
    return t;  // a literal address: nothing to resolve or pin
  }
  std::string dns_error;
  auto addresses = resolveHostAddresses(ep->host, ep->port, &dns_error);
  if (addresses.empty()) {
    t.error = "dns: " + dns_error;
    return t;
  }
  for (const auto& a : addresses) {
    auto ip = parseIp(a);
    if (!ip || (!options_.allow_private && !isPublicIp(*ip))) {
      t.error = "refused: " + ep->host + " resolves to a private or reserved address (" + a + ")";
      return t;
    }
  }
  t.pins.push_back(webhookPin(ep->host, ep->port, addresses.front()));
  return t;
}

WebhookDelivery WebhookDeliverer::post(const Webhook& w, const std::string& event_id, const std::string& type,
                                       const std::string& body, const std::string& kind, int attempt) {
  WebhookDelivery d;
  d.workspace_id = w.workspace_id;
  d.webhook_id = w.id;
  d.event_id = event_id;
  d.event_type = type;
  d.kind = kind;
  d.attempt = attempt;
  d.request_body = body;
  d.created_at = nowMillis();
  const auto started = std::chrono::steady_clock::now();
  Target target = resolveTarget(w.url);
  if (!target.error.empty()) {
    d.error = target.error;
  } else {
    const std::int64_t t = d.created_at / 1000;
    HttpPostRequest req;
    req.url = w.url;
    req.body = body;
    req.timeout = options_.timeout;
    req.max_response_bytes = kWebhookResponseExcerptBytes;
    req.truncate_response = true;
    req.pinned_addresses = target.pins;
    req.headers = {"Content-Type: application/json",
                   "Parley-Signature: " + webhookSignatureHeader(t, hmacSha256Hex(w.secret, webhookSignedString(t, body))),
                   "Parley-Event: " + type, "Parley-Delivery: " + event_id};
    auto res = httpPost(req);
    d.status = res.outcome == HttpPostResult::Outcome::Answered ? static_cast<int>(res.status) : 0;
    d.ok = res.outcome == HttpPostResult::Outcome::Answered && res.status >= 200 && res.status < 300;
    d.error = webhookOutcomeError(res);
    d.response_excerpt = webhookExcerpt(res.body);
  }
  d.duration_ms = static_cast<int>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count());
  try {
    return webhooks_.recordWebhookDelivery(d);
  } catch (const std::exception& e) {
    spdlog::warn("webhooks: delivery log of webhook {} not written: {}", w.id, e.what());
    return d;
  }
}

std::string WebhookDeliverer::payloadFor(const Webhook& w, const EventRecord& r, const std::string& type,
                                         const std::string& id) {
  bj::object data;
  if (type == "message.created") {
    data["message"] = r.message ? bj::value(json::message(*r.message)) : bj::value(nullptr);
    data["conversation"] = json::conversation(r.conversation);
  } else if (type == "contact.created" || type == "contact.updated") {
    auto c = contacts_.contactById(w.workspace_id, r.conversation.contact_id);
    data["contact"] = c ? bj::value(json::contact(*c, false)) : bj::value(nullptr);
    data["conversation"] = json::conversation(r.conversation);
  } else if (type == "csat.submitted") {
    data["conversation_id"] = r.conversation.id;
    data["score"] = r.conversation.csat_score ? bj::value(*r.conversation.csat_score) : bj::value(nullptr);
    data["comment"] = r.conversation.csat_comment ? bj::value(*r.conversation.csat_comment) : bj::value(nullptr);
    data["conversation"] = json::conversation(r.conversation);
  } else {
    data["conversation"] = json::conversation(r.conversation);
  }
  bj::object o{{"id", id},
               {"type", type},
               {"created_at", r.event.created_at},
               {"workspace_id", w.workspace_id},
               {"data", std::move(data)}};
  std::string body = bj::serialize(o);
  if (body.size() > kMaxWebhookPayloadBytes) {
    // Too large to send whole: the ids, which the REST API can complete.
    bj::object small{{"truncated", true}, {"conversation_id", r.conversation.id}};
    if (r.message) small["message_id"] = r.message->id;
    o["data"] = std::move(small);
    body = bj::serialize(o);
  }
  return body;
}

std::size_t WebhookDeliverer::runOnce() {
  const Millis now = nowMillis();
  auto due = webhooks_.claimDueWebhooks(owner_, now, now + options_.lease_ms, kWebhooksClaimedPerPass);
  std::size_t attempted = 0;
  for (const auto& w : due) {
    {
      std::lock_guard lock(mu_);
      if (stop_) break;
    }
    try {
      attempted += deliverPending(w);
    } catch (const std::exception& e) {
      spdlog::error("webhooks: webhook {} of workspace {}: {}", w.id, w.workspace_id, e.what());
    }
  }
  return attempted;
}

std::size_t WebhookDeliverer::deliverPending(const Webhook& w) {
  auto records = log_.eventsAfter(w.workspace_id, w.cursor, kWebhookEventsPerRead);
  if (records.empty()) return 0;
  auto subscribed = [&w](const std::string& type) {
    return std::find(w.events.begin(), w.events.end(), type) != w.events.end();
  };
  WebhookProgress p{w.cursor, w.attempt, w.failing_since, w.next_attempt_at, std::nullopt, {}};
  std::size_t attempted = 0;
  bool dirty = false;
  std::int64_t saved = w.cursor;
  for (const auto& r : records) {
    {
      std::lock_guard lock(mu_);
      if (stop_) break;
    }
    WebhookEventFacts facts;
    if (r.event.type == "conversation.created" && subscribed("contact.created"))
      facts.first_conversation_of_contact =
          webhooks_.isFirstConversationOfContact(w.workspace_id, r.conversation.contact_id, r.conversation.id);
    if (r.event.type == "conversation.updated" && r.conversation.csat_score && subscribed("csat.submitted"))
      facts.csat_new = !webhooks_.webhookCsatReported(w.id, r.conversation.id);
    for (const auto& type : webhookTypesForEvent(r.event, r.conversation, facts)) {
      if (!subscribed(type)) continue;
      const std::string id = webhookEventId(epoch(), r.event.offset, r.event.type, type);
      auto d = post(w, id, type, payloadFor(w, r, type, id), "event", p.attempt + 1);
      ++attempted;
      const Millis now = nowMillis();
      if (!d.ok) {
        p.attempt += 1;
        if (!p.failing_since) p.failing_since = d.created_at;
        if (now - *p.failing_since >= options_.retry_window_ms) {
          p.paused_at = now;
          p.pause_reason = "no successful delivery for " + webhookWindowText(options_.retry_window_ms) +
                           " (last: " + (d.error.empty() ? "failed" : d.error) + ")";
          spdlog::warn("webhooks: webhook {} of workspace {} paused: {}", w.id, w.workspace_id, p.pause_reason);
        } else {
          std::uniform_real_distribution<double> jitter(0.0, 1.0);
          const Millis wait = webhookRetryDelay(p.attempt, jitter(rng_)) * options_.first_retry_ms / kWebhookFirstRetryMs;
          p.next_attempt_at = now + std::min<Millis>(wait, kWebhookMaxRetryMs * 6 / 5);
        }
        webhooks_.saveWebhookProgress(w.id, owner_, p, now + options_.lease_ms);
        return attempted;
      }
      if (type == "csat.submitted") webhooks_.markWebhookCsatReported(w.id, r.conversation.id);
      if (p.attempt > 0 || p.failing_since) {
        p.attempt = 0;
        p.failing_since.reset();
        p.next_attempt_at = 0;
      }
      dirty = true;
    }
    p.cursor = r.event.offset;
    if (dirty) {
      // Stored after each delivered event: a crash redelivers at most the one in flight.
      if (!webhooks_.saveWebhookProgress(w.id, owner_, p, nowMillis() + options_.lease_ms)) return attempted;
      dirty = false;
      saved = p.cursor;
    }
  }
  if (p.cursor != saved) webhooks_.saveWebhookProgress(w.id, owner_, p, nowMillis() + options_.lease_ms);
  return attempted;
}

}  // namespace parley
