// Delivers webhooks (issue 15, item 5; domain/webhook.h) from the durable event log, on its own
// thread, never on an I/O thread.
//
// Every pass claims the due subscriptions for a lease (WebhookStore::claimDueWebhooks; with
// several nodes one node at a time holds a subscription) and, for each, reads the events after
// its cursor, maps them to webhook events (webhookTypesForEvent), keeps the subscribed ones and
// POSTs them one at a time, in order, signed (Parley-Signature). A 2xx moves the cursor; anything
// else stops the subscription at that event until its retry (10 s doubling to 1 h, with jitter);
// after the retry window (24 h) without a success it is paused until an admin resumes it. The
// cursor is stored after each delivered event, so a crash redelivers at most the event in flight
// (receivers deduplicate by the payload's id): at least once, never skipped.
//
// SSRF: the target's name is resolved here, every address must be public (domain/ip_address.h
// isPublicIp) unless allow_private, and the request is pinned to the checked address.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>

#include "domain/webhook.h"
#include "store/contact_store.h"
#include "store/event_log.h"
#include "store/webhook_store.h"

namespace parley {

struct WebhookDelivererOptions {
  std::chrono::milliseconds tick{1000};  // how often due subscriptions are looked at
  Millis lease_ms = 30'000;               // how long a node that died keeps its subscriptions
  Millis retry_window_ms = kWebhookRetryWindowMs;
  Millis first_retry_ms = kWebhookFirstRetryMs;  // the backoff's first wait (tests shorten it)
  std::chrono::milliseconds timeout{kWebhookTimeoutMs};
  bool allow_private = false;  // --allow-private-webhooks: loopback and private targets too
};

class WebhookDeliverer {
 public:
  using Done = std::function<void(const WebhookDelivery&)>;

  WebhookDeliverer(WebhookStore& webhooks, EventLog& log, ContactStore& contacts, WebhookDelivererOptions options = {});
  ~WebhookDeliverer();  // stop()
  WebhookDeliverer(const WebhookDeliverer&) = delete;
  WebhookDeliverer& operator=(const WebhookDeliverer&) = delete;

  void start();  // the worker thread
  // Ends the worker (waiting for a request in flight) and gives up this process's leases.
  void stop();
  // New events may be there: look before the next tick.
  void wake();

  // "Send test" and "Redeliver", run on the worker; `done` is called there with the logged delivery,
  // or with an unlogged failed one when the attempt threw or stop() came first (every caller hears
  // once). False when too many are waiting (the caller answers 503).
  bool sendTest(const Webhook& w, Done done);
  bool redeliver(const Webhook& w, const WebhookDelivery& original, Done done);

  // One pass over the due subscriptions (the worker's; tests call it directly). Returns the
  // deliveries attempted.
  std::size_t runOnce();

  // The URL check at create and update: its syntax, and no literal or named loopback, private,
  // link-local... address unless private targets are allowed. An error text or nullopt.
  std::optional<std::string> checkUrl(std::string_view url) const;
  bool allowPrivate() const { return options_.allow_private; }

 private:
  struct Target {
    std::vector<std::string> pins;
    std::string error;  // empty: go
  };
  Target resolveTarget(const std::string& url) const;
  std::size_t deliverPending(const Webhook& w);
  WebhookDelivery post(const Webhook& w, const std::string& event_id, const std::string& type,
                       const std::string& body, const std::string& kind, int attempt);
  std::string payloadFor(const Webhook& w, const EventRecord& r, const std::string& type, const std::string& id);
  void loop();
  const std::string& epoch();

  WebhookStore& webhooks_;
  EventLog& log_;
  ContactStore& contacts_;
  WebhookDelivererOptions options_;
  std::string owner_;  // this process's lease name
  std::string epoch_;
  std::mt19937_64 rng_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool woken_ = false;
  // "Send test" and "Redeliver": `attempt` runs on the worker; `done` always hears once, with
  // `failed` (its error filled in) when the attempt throws or the deliverer stops first.
  struct ManualJob {
    std::function<WebhookDelivery()> attempt;
    Done done;
    WebhookDelivery failed;
  };
  std::deque<ManualJob> jobs_;
  std::thread thread_;
};

}  // namespace parley
