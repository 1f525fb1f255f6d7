// What `parley serve` is told on its command line, with the defaults of docs/security.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "security/websocket_limits.h"

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
  // Empty: the in-process bus (one node). redis://HOST[:PORT]: RedisBus, frames reach every node.
  std::string bus_url;
  int ws_tick_ms = 5000;  // WebSocket keep-alive tick (see WebSocketSweeper); tests shorten it
  // Campaigns (app/campaign_runner.h): how often due campaigns start and online recipients get
  // theirs, and how long a claimed recipient stays one node's. Tests shorten both.
  int campaign_tick_ms = 2000;
  int campaign_lease_ms = 30'000;
  // Routing timers (app/routing_timers.h): how often they look, and how long an agent is offline
  // before their chats are handed back (a page reload is not leaving). Tests shorten both.
  int routing_tick_ms = 5000;
  int offline_grace_ms = 30'000;
  // Webhooks (app/webhook_deliverer.h): --allow-private-webhooks lets them reach loopback and
  // private addresses (tests; a trusted network). The others are hidden flags tests shorten.
  bool allow_private_webhooks = false;
  int webhook_tick_ms = 1000;
  int webhook_lease_ms = 30'000;
  std::int64_t webhook_retry_window_ms = 24LL * 3'600'000;
  int webhook_retry_base_ms = 10'000;
  // Email (issue 15; app/email_channel.h): --smtp, --mail-from, --imap, and hidden flags tests shorten.
  std::string smtp_url;
  std::string mail_from;
  std::string imap_url;
  int mail_tick_ms = 2000;
  int continuity_tick_ms = 15'000;
  int imap_poll_ms = 30'000;
  int mail_retry_base_ms = 30'000;
  std::int64_t agent_digest_ms = 10 * 60'000;  // agents' notification emails: the batch window
  // The URLs the server is reached at; with any, other Host headers get 421 (DNS rebinding).
  std::vector<std::string> public_urls;
  // Budgets of docs/security.md. max_connections 0: the descriptor limit less a reserve.
  std::size_t max_connections = 0;
  std::size_t max_connections_per_ip = 500;
  std::size_t max_socket_buffers = 512u << 20;  // all WebSockets' unsent and partial bytes together
  WebSocketLimits websocket;                    // per socket: message size, unsent bytes by role
  // GET /metrics (docs/deploy.md): off unless a token is set (then Bearer required) or a separate
  // listener is (HOST:PORT; then only that listener answers /metrics, with the token if one is set).
  std::string metrics_token;
  std::string metrics_address;
};

inline std::string uploadsDir(const ServerConfig& config) { return config.data_dir + "/uploads"; }

}  // namespace parley
