// GET /metrics (docs/deploy.md, "Metrics"): the process's registry in the Prometheus text format.
#include "http/responses.h"
#include "http/routes.h"
#include "observability/metrics_registry.h"
#include "observability/prometheus_text.h"
#include "security/hmac.h"
#include "security/token.h"

namespace parley {

void registerMetricsRoutes(Router& r, MetricsRouteDeps deps) {
  // Compared as SHA-256 digests: equal lengths always, so not even the token's length leaks.
  const std::string wanted = deps.token.empty() ? std::string() : sha256Hex(deps.token);
  r.add("GET", "/metrics", [deps = std::move(deps), wanted](HttpRequest& req, const Reply& reply) {
    if (!deps.enabled) return reply(errorResponse(404, "not_found", "no such endpoint"));
    if (!wanted.empty() && !constantTimeEqual(sha256Hex(req.bearerToken()), wanted)) {
      HttpResponse denied = errorResponse(401, "unauthorized", "metrics need Authorization: Bearer TOKEN", "Authorization");
      denied.headers.emplace_back("WWW-Authenticate", "Bearer");
      return reply(std::move(denied));
    }
    HttpResponse res;
    res.content_type = std::string(kPrometheusContentType);
    res.body = renderServerMetrics(serverMetrics());
    res.headers.emplace_back("Cache-Control", "no-store");
    reply(std::move(res));
  });
}

}  // namespace parley
