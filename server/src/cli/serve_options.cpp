#include "cli/serve_options.h"

#include "bus/redis_bus.h"
#include "domain/host_port.h"
#include "store/store_location.h"

namespace parley {

namespace {

constexpr bool kHidden = true;  // for tests and tuning: accepted, not listed by --help

// A duration in milliseconds, refused outside [min, max].
template <class Field>
void millisOption(CLI::App* cmd, const char* name, Field& field, const char* help, std::int64_t min, std::int64_t max,
                  bool hidden = false) {
  auto* option = cmd->add_option(name, field, help)->check(CLI::Range(min, max));
  if (hidden) option->group("");
}

}  // namespace

ServerConfig ServeOptions::config() const {
  auto out = cfg;
  out.max_socket_buffers = socket_buffers_mb << 20;
  return out;
}

CLI::App* addServeCommand(CLI::App& app, ServeOptions& o) {
  auto& cfg = o.cfg;
  auto* serveCmd = app.add_subcommand("serve", "run the chat server");
  serveCmd->add_option("--host", cfg.host, "address to listen on");
  serveCmd->add_option("--port", cfg.port, "port to listen on (0: any free port)");
  serveCmd->add_option("--data", cfg.data_dir, "data directory (SQLite database, uploads)");
  serveCmd->add_option("--web", cfg.web_dir, "web directory (demo/, dist/)");
  serveCmd->add_option("--threads", cfg.threads, "I/O threads")->check(CLI::Range(1, 64));
  serveCmd->add_option("--trusted-proxy", cfg.trusted_proxies, "peer whose X-Forwarded-For is believed (repeatable)");
  serveCmd->add_option("--geoip", cfg.geoip_mmdb, "MaxMind/DB-IP country .mmdb (default: Debian's geoip-database)");
  millisOption(serveCmd, "--ws-tick-ms", cfg.ws_tick_ms,
               "WebSocket keep-alive tick: hello within 2 ticks, ping after 6 silent ticks, drop after 12", 20, 60000);
  millisOption(serveCmd, "--campaign-tick-ms", cfg.campaign_tick_ms,
               "how often campaigns start when due and reach the recipients on the site", 20, 600000);
  millisOption(serveCmd, "--campaign-lease-ms", cfg.campaign_lease_ms,
               "how long a recipient claimed by a node that died waits before another node delivers", 100, 3600000);
  millisOption(serveCmd, "--routing-tick-ms", cfg.routing_tick_ms,
               "how often chats are checked for hand-back and unattended reminders", 20, 600000);
  millisOption(serveCmd, "--offline-grace-ms", cfg.offline_grace_ms,
               "how long an agent is offline before their chats are handed back (when the team says so)", 0, 3600000);
  serveCmd->add_flag("--allow-private-webhooks", cfg.allow_private_webhooks,
                     "let webhooks reach loopback, private and link-local addresses (tests, a trusted network)");
  millisOption(serveCmd, "--webhook-tick-ms", cfg.webhook_tick_ms,
               "how often due webhooks are looked at", 10, 600000, kHidden);
  millisOption(serveCmd, "--webhook-lease-ms", cfg.webhook_lease_ms,
               "how long a node that died keeps the webhooks it was delivering", 100, 3600000, kHidden);
  millisOption(serveCmd, "--webhook-retry-window-ms", cfg.webhook_retry_window_ms,
               "how long a failing webhook is retried before it is paused", 0, 7 * 86400000, kHidden);
  millisOption(serveCmd, "--webhook-retry-base-ms", cfg.webhook_retry_base_ms,
               "the first retry's wait (doubling)", 10, 600000, kHidden);
  serveCmd->add_option("--smtp", cfg.smtp_url,
                       "send email through this server: smtp://USER:PASS@HOST:PORT (STARTTLS when offered) or smtps://...");
  serveCmd->add_option("--mail-from", cfg.mail_from, "the sender of Parley's emails, e.g. \"Acme <support@acme.com>\"");
  serveCmd->add_option("--imap", cfg.imap_url,
                       "read replies by email from this mailbox: imap://USER:PASS@HOST:PORT/INBOX or imaps://...");
  millisOption(serveCmd, "--mail-tick-ms", cfg.mail_tick_ms,
               "how often the email outbox is looked at", 10, 600'000, kHidden);
  millisOption(serveCmd, "--continuity-tick-ms", cfg.continuity_tick_ms,
               "how often unseen replies are looked at", 10, 600'000, kHidden);
  millisOption(serveCmd, "--imap-poll-ms", cfg.imap_poll_ms,
               "how often the IMAP mailbox is read", 10, 3'600'000, kHidden);
  millisOption(serveCmd, "--mail-retry-base-ms", cfg.mail_retry_base_ms,
               "the first email retry's wait (doubling)", 10, 3'600'000, kHidden);
  millisOption(serveCmd, "--agent-digest-ms", cfg.agent_digest_ms,
               "agents' notification emails: how long items are batched before one email", 10, 86'400'000, kHidden);
  serveCmd->add_option("--public-url", cfg.public_urls,
                       "URL the server is reached at, e.g. https://chat.example.com (repeatable); other Host "
                       "headers are refused (DNS rebinding)")
      ->envname("PARLEY_PUBLIC_URL")
      ->delimiter(',');
  serveCmd->add_option("--bus", cfg.bus_url,
                       "redis://HOST[:PORT]: fan frames out to the other nodes through Redis (default: this "
                       "process only)")
      ->envname("PARLEY_BUS")
      ->check([](const std::string& url) {
        std::string host;
        int port = 0;
        try {
          parseRedisUrl(url, host, port);
          return std::string{};
        } catch (const std::invalid_argument& e) {
          return std::string(e.what());
        }
      });
  serveCmd->add_option("--max-connections", cfg.max_connections,
                       "open connections in all (default: the descriptor limit less a reserve)");
  serveCmd->add_option("--max-connections-per-ip", cfg.max_connections_per_ip, "open connections per client address")
      ->check(CLI::Range(1, 1000000));
  serveCmd->add_option("--max-socket-buffers-mb", o.socket_buffers_mb,
                       "MiB all WebSockets together may hold unsent or half-read")
      ->check(CLI::Range(1, 1 << 20));

  serveCmd->add_option("--metrics-token", cfg.metrics_token,
                       "serve GET /metrics (Prometheus) to requests with Authorization: Bearer TOKEN (default: off)")
      ->envname("PARLEY_METRICS_TOKEN");
  serveCmd->add_option("--metrics-address", cfg.metrics_address,
                       "HOST:PORT: serve GET /metrics on a listener of its own (with --metrics-token, it asks for the "
                       "token too); the main port then has no /metrics")
      ->envname("PARLEY_METRICS_ADDRESS")
      ->check([](const std::string& text) {
        return parseHostPort(text) ? std::string{} : std::string("--metrics-address must be HOST:PORT, e.g. 127.0.0.1:9100");
      });
  serveCmd->add_option("--log-format", o.log_format, "text (default) or json: one JSON object per log line")
      ->envname("PARLEY_LOG_FORMAT")
      ->check(CLI::IsMember({"text", "json"}));
  addStoreOption(serveCmd, o.store_url);
  return serveCmd;
}

void addStoreOption(CLI::App* cmd, std::string& store_url) {
  cmd->add_option("--store", store_url,
                  "postgresql://USER@HOST:PORT/DB: keep the data in PostgreSQL, shared by several nodes "
                  "(default: SQLite in --data)")
      ->envname("PARLEY_STORE")
      ->check([](const std::string& url) { return checkStoreUrl(url); });
}

}  // namespace parley
