// Webhook subscriptions, their delivery state and delivery log (issue 15, item 5; records and
// limits in domain/webhook.h).
//
// Delivery across a cluster: claimDueWebhooks hands each due subscription to one caller (`owner`,
// one per process) for a lease; the owner renews it with every saveWebhookProgress, and a
// subscription whose owner died comes back to the others when its lease ends. So one node at a
// time delivers a subscription, in order, one request in flight.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"
#include "domain/webhook.h"

namespace parley {

// A PATCH: only the fields set change. active true on a paused or inactive subscription resumes it
// from its cursor at once (the failure run and the pause are cleared); a new url starts the failure
// run over too.
struct WebhookUpdate {
  std::optional<std::string> url;
  std::optional<std::vector<std::string>> events;
  std::optional<bool> active;
};

class WebhookStore {
 public:
  virtual ~WebhookStore() = default;

  virtual std::vector<Webhook> listWebhooks(Id workspace_id) = 0;
  virtual std::optional<Webhook> webhookById(Id workspace_id, Id id) = 0;
  // Stored with the given cursor (the caller passes the log's last offset: events from now on);
  // nullopt when the workspace already has `max_per_workspace` subscriptions.
  virtual std::optional<Webhook> createWebhook(const Webhook& w, std::size_t max_per_workspace) = 0;
  virtual std::optional<Webhook> updateWebhook(Id workspace_id, Id id, const WebhookUpdate& update, Millis now) = 0;
  virtual bool deleteWebhook(Id workspace_id, Id id) = 0;  // with its delivery log

  // Across workspaces: active subscriptions due (next_attempt_at <= now) with events after their
  // cursor, whose lease is free, has ended or is `owner`'s, now leased to `owner` until
  // `lease_until`. At most `limit`. An idle subscription is not claimed: an idle pass writes nothing.
  virtual std::vector<Webhook> claimDueWebhooks(std::string_view owner, Millis now, Millis lease_until, int limit) = 0;
  // Writes a pass's outcome and renews the lease, only while `owner` holds it; false otherwise
  // (another node took over: the caller stops).
  virtual bool saveWebhookProgress(Id webhook_id, std::string_view owner, const WebhookProgress& p,
                                   Millis lease_until) = 0;
  // Gives up `owner`'s leases (a clean shutdown), so another node continues at once.
  virtual void releaseWebhookLeases(std::string_view owner) = 0;

  // Appends to the delivery log, keeping the newest kWebhookDeliveriesKept of the subscription.
  virtual WebhookDelivery recordWebhookDelivery(const WebhookDelivery& d) = 0;
  // Newest first.
  virtual std::vector<WebhookDelivery> webhookDeliveries(Id workspace_id, Id webhook_id, int limit) = 0;
  virtual std::optional<WebhookDelivery> webhookDeliveryById(Id workspace_id, Id webhook_id, Id delivery_id) = 0;

  // What the event log does not say by itself (domain webhookTypesForEvent's facts):
  // whether the subscription has reported the rating of `conversation_id` (marked once delivered);
  virtual bool webhookCsatReported(Id webhook_id, Id conversation_id) = 0;
  virtual void markWebhookCsatReported(Id webhook_id, Id conversation_id) = 0;
  // whether `conversation_id` is the contact's first conversation.
  virtual bool isFirstConversationOfContact(Id workspace_id, Id contact_id, Id conversation_id) = 0;
};

}  // namespace parley
