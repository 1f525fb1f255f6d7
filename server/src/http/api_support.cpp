#include "http/api_support.h"

#include <charconv>

#include "domain/clock.h"
#include "realtime/visitor_auth.h"
#include "security/token.h"

namespace parley {

AgentAuth requireAgent(AppContext& ctx, const HttpRequest& req) {
  auto token = req.bearerToken();
  if (token.rfind("pa_", 0) != 0) throw ApiError(401, "unauthorized", "an agent token is required");
  auto agent = ctx.store.agentBySession(sha256Hex(token), nowMillis());
  if (!agent || !agent->active) throw ApiError(401, "unauthorized", "unknown or expired token");
  auto ws = ctx.store.workspaceById(agent->workspace_id);
  if (!ws) throw ApiError(401, "unauthorized", "unknown workspace");
  agent->presence = ctx.presence.agentPresence(agent->id);
  return {std::move(*agent), std::move(*ws)};
}

AgentAuth requireAdmin(AppContext& ctx, const HttpRequest& req) {
  auto auth = requireAgent(ctx, req);
  if (auth.agent.role != "admin") throw ApiError(403, "forbidden", "this needs an admin");
  return auth;
}

VisitorAuth requireVisitor(AppContext& ctx, const HttpRequest& req) {
  auto v = authenticateVisitor(ctx.store, req.bearerToken());
  if (!v) throw ApiError(401, "unauthorized", "a visitor token is required");
  return {std::move(v->first), std::move(v->second)};
}

boost::json::object jsonBody(const HttpRequest& req) {
  boost::system::error_code ec;
  auto v = boost::json::parse(req.body, ec);
  if (ec) throw ApiError(400, "bad_json", "the body is not valid JSON", "body");
  if (!v.is_object()) throw ApiError(400, "bad_json", "the body must be a JSON object", "body");
  return std::move(v.get_object());
}

Id pathId(const HttpRequest& req, const std::string& name) {
  auto it = req.params.find(name);
  Id id = 0;
  if (it != req.params.end()) {
    const auto& s = it->second;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
    if (ec == std::errc{} && p == s.data() + s.size() && id > 0) return id;
  }
  throw ApiError(404, "not_found", "no such " + name);
}

std::int64_t queryInt(const HttpRequest& req, const std::string& name, std::int64_t fallback, std::int64_t lo,
                      std::int64_t hi) {
  auto v = req.queryParam(name);
  if (!v || v->empty()) return fallback;
  std::int64_t n = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc{} || p != v->data() + v->size() || n < lo || n > hi)
    throw ApiError(400, "invalid", name + " must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi),
                   name);
  return n;
}

}  // namespace parley
