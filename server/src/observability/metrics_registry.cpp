#include "observability/metrics_registry.h"

#include <new>

#include "observability/prometheus_text.h"

namespace parley {

ServerMetrics& serverMetrics() {
  // Constructed on first use and deliberately never destroyed: threads that outlive main()'s locals
  // (a detached worker, a late callback) can still count without touching a destroyed object.
  static ServerMetrics* const m = new ServerMetrics();
  return *m;
}

std::string renderServerMetrics(const ServerMetrics& m) {
  PrometheusText t;
  t.family("parley_open_sockets", "gauge", "Open WebSockets by role (pending: no hello yet).");
  t.sample("parley_open_sockets", prometheusLabel("role", "agent"), m.sockets_agent.value());
  t.sample("parley_open_sockets", prometheusLabel("role", "visitor"), m.sockets_visitor.value());
  t.sample("parley_open_sockets", prometheusLabel("role", "pending"), m.sockets_pending.value());
  t.gauge("parley_send_queue_bytes", "Bytes queued for sending on all WebSockets together.",
          m.send_queue_bytes.value());
  t.counter("parley_messages_stored_total", "Messages committed and fsynced by the group commit.",
            m.messages_stored.value());
  t.histogram("parley_commit_batch_size", "Messages per group-commit transaction.", m.commit_batch_size.snapshot());
  t.histogram("parley_commit_seconds", "Time one group-commit transaction took, in seconds.",
              m.commit_seconds.snapshot());
  t.histogram("parley_fsync_seconds", "Time one fsync of committed batches took, in seconds.",
              m.fsync_seconds.snapshot());
  t.family("parley_http_responses_total", "counter", "HTTP responses by status code.");
  for (const auto& [status, count] : m.http_responses.nonZero())
    t.sample("parley_http_responses_total", prometheusLabel("status", std::to_string(status)), count);
  t.family("parley_rate_limited_total", "counter", "Requests refused by a rate limiter, by limiter.");
  for (const auto& [name, count] : m.rate_limited.values())
    t.sample("parley_rate_limited_total", prometheusLabel("limiter", name), count);
  return t.take();
}

}  // namespace parley
