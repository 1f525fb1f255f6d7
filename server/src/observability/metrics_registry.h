// What `GET /metrics` reports (docs/deploy.md, "Metrics"): one process-wide registry, like a
// Prometheus client's default one, so the hot paths that count (the message writer, each HTTP
// response, each WebSocket, each rate limiter) need no extra wiring through the layers. Every update
// is a relaxed atomic add (observability/metric_types.h); reading them all is renderServerMetrics.
#pragma once

#include <string>

#include "observability/metric_types.h"

namespace parley {

struct ServerMetrics {
  // Open WebSockets by who said hello on them; "pending" ones have not said hello yet.
  MetricGauge sockets_pending, sockets_agent, sockets_visitor;
  // Bytes encoded and waiting to be written, all WebSockets together.
  MetricGauge send_queue_bytes;
  // Messages made durable (committed and fsynced) by the group commit (app/message_writer.h).
  MetricCounter messages_stored;
  // Messages per group-commit transaction (the writer takes at most 1024 at a time).
  MetricHistogram commit_batch_size{1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};
  // Seconds one batch's transaction took, and one fsync (which may cover several batches).
  MetricHistogram commit_seconds{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
  MetricHistogram fsync_seconds{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
  // Every HTTP response written (refusals at the connection limit and WebSocket upgrades included).
  StatusCounters http_responses;
  // Requests a rate limiter refused, by the limiter's name (security/rate_limiter.h).
  NamedCounters rate_limited;
};

// The process's registry. Lives for the whole process (never destroyed), so a counter may be
// touched from any thread at any time, shutdown included.
ServerMetrics& serverMetrics();

// The whole registry in the Prometheus text format (observability/prometheus_text.h).
std::string renderServerMetrics(const ServerMetrics& m);

}  // namespace parley
