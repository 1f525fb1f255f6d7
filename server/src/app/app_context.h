// Everything a request or a frame handler may use, built once by `parley serve`.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "bus/bus.h"
#include "geo/country_lookup.h"
#include "app/conversation_actions.h"
#include "app/message_sender.h"
#include "bus/event_publisher.h"
#include "bus/hub.h"
#include "bus/presence.h"
#include "bus/session_revoker.h"
#include "security/password_workers.h"
#include "security/rate_limiter.h"
#include "security/visitor_limits.h"
#include "security/websocket_limits.h"
#include "store/store.h"

namespace parley {

struct ServerConfig {
  std::string host = "0.0.0.0";
  int port = 8080;
  std::string data_dir = "./data";
  std::string web_dir;                      // web/ of the source tree: demo/, dist/widget, dist/dashboard
  std::vector<std::string> trusted_proxies; // X-Forwarded-For is believed only from these peers
  std::string geoip_mmdb;                   // empty: Debian's geoip-database
  int threads = 2;
  std::size_t max_body = 64 * 1024;
  std::size_t max_upload = 10 * 1024 * 1024;
  int ws_tick_ms = 5000;  // WebSocket keep-alive tick (see WebSocketSweeper); tests shorten it
  // The URLs the server is reached at; with any, other Host headers get 421 (DNS rebinding).
  std::vector<std::string> public_urls;
  // Budgets of docs/security.md. max_connections 0: the descriptor limit less a reserve.
  std::size_t max_connections = 0;
  std::size_t max_connections_per_ip = 500;
  std::size_t max_socket_buffers = 512u << 20;  // all WebSockets' unsent and partial bytes together
  WebSocketLimits websocket;                    // per socket: message size, unsent bytes by role
};

struct AppContext {
  ServerConfig config;
  Store& store;
  Hub& hub;
  Bus& bus;
  PresenceTracker& presence;
  EventPublisher& events;
  CountryLookup& geo;
  SessionRevoker& sessions;
  PasswordWorkers& password_workers;
  std::string device_key;  // signs login device tokens (Store::installationSecret("device"))
  MessageSender& messages;  // the one way a message is stored
  ConversationActions& conversations;  // the one way a conversation changes otherwise
  VisitorLimits& visitors;
  // New visitor sessions and conversations per IP: a burst of 30, then one every 10 s.
  RateLimiter sessions_per_ip{0.1, 30.0};
  // Failed logins per address and per account: a burst of 10, then one every 5 s.
  RateLimiter failed_logins{0.2, 10.0};
};

inline std::string uploadsDir(const AppContext& ctx) { return ctx.config.data_dir + "/uploads"; }

}  // namespace parley
