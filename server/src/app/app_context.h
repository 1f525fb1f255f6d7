// Everything the server is made of, built once by `parley serve` (main.cpp). Only the composition
// code unpacks it (registerAllRoutes, realtimeDeps): each handler takes the few
// parts it uses, so what a handler can touch is visible in its signature.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "bus/bus.h"
#include "geo/country_lookup.h"
#include "app/conversation_actions.h"
#include "app/email_channel.h"
#include "app/message_sender.h"
#include "app/visitor_blocks.h"
#include "app/webhook_deliverer.h"
#include "bus/event_publisher.h"
#include "bus/hub.h"
#include "bus/presence.h"
#include "bus/session_revoker.h"
#include "app/bounded_workers.h"
#include "security/rate_limiter.h"
#include "security/visitor_limits.h"
#include "store/store.h"
#include "app/server_config.h"

namespace parley {

struct AppContext {
  ServerConfig config;
  Store& store;
  Hub& hub;
  Bus& bus;
  PresenceTracker& presence;
  EventPublisher& events;
  CountryLookup& geo;
  SessionRevoker& sessions;
  BoundedWorkers& password_workers;  // Argon2id, off the I/O threads
  BoundedWorkers& export_workers;    // contact exports (app/contact_export.h), off the I/O threads
  std::string device_key;  // signs login device tokens (Store::installationSecret("device"))
  MessageSender& messages;  // the one way a message is stored
  ConversationActions& conversations;  // the one way a conversation changes otherwise
  VisitorLimits& visitors;
  WebhookDeliverer& webhooks;  // webhook delivery's worker (test, redeliver, the URL check)
  EmailChannel& email;         // the outbox (transcripts, settings' log) and inbound mail
  VisitorBlocks& blocks;       // blocked contacts and addresses, cached per workspace (issue 16)
  // New visitor sessions and conversations per IP: a burst of 30, then one every 10 s.
  RateLimiter sessions_per_ip{"sessions_per_ip", 0.1, 30.0};
  // Failed logins per address and per account: a burst of 10, then one every 5 s.
  RateLimiter failed_logins{"failed_logins", 0.2, 10.0};
  // Requests per API token (domain/api_token.h): a burst of 200, then 20 a second (1,200 a minute).
  RateLimiter api_token_requests{"api_token_requests", 20.0, 200.0, 10'000};
  // Transcripts a visitor asks for, per contact: a burst of 3, then 5 an hour. Each one is an email
  // to an address the visitor typed, so the widget must not become a way to mail strangers.
  RateLimiter visitor_transcripts{"visitor_transcripts", 5.0 / 3600, 3.0};
  // Settings > Bot saved here: the bot's settings cache forgets the workspace (app/bot_responder.h).
  std::function<void(Id)> bot_settings_changed = nullptr;
};

}  // namespace parley
