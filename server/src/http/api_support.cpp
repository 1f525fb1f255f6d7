#include "http/api_support.h"

#include <charconv>

#include <spdlog/spdlog.h>

#include "domain/clock.h"
#include "domain/two_factor_policy.h"
#include "wire/json_codec.h"
#include "http/responses.h"
#include "app/visitor_auth.h"
#include "security/token.h"
#include "store/store_errors.h"

namespace parley {

namespace {

AgentAuth agentByApiToken(const RequestAuth& ctx, const HttpRequest& req, std::string_view token, bool admin_only) {
  auto t = ctx.api_tokens.apiTokenByHash(sha256Hex(token));
  if (!t) throw ApiError(401, "unauthorized", "unknown or revoked API token");
  const Millis now = nowMillis();
  const std::string bucket = "api_token:" + std::to_string(t->id);
  if (!ctx.api_token_limits.allow(bucket, now))
    throw rateLimited("too many requests with this API token", ctx.api_token_limits.retryAfter(bucket, now));
  auto agent = ctx.agents.agentById(t->workspace_id, t->created_by);
  if (!agent || !agent->active) throw ApiError(401, "unauthorized", "the admin who made this API token is deactivated");
  if (!apiTokenScopeAllows(t->scope, req.method, admin_only))
    throw ApiError(403, "forbidden",
                   admin_only ? "this needs an API token with the admin scope" : "this API token may only read");
  auto ws = ctx.workspaces.workspaceById(t->workspace_id);
  if (!ws) throw ApiError(401, "unauthorized", "unknown workspace");
  if (!t->last_used_at || now - *t->last_used_at >= kApiTokenTouchEveryMs)
    ctx.api_tokens.touchApiToken(t->workspace_id, t->id, now);
  // Below the admin scope the token is an agent, whatever its maker's role: every check of the role
  // (the admin view of the workspace, editing other agents) then treats it as one.
  if (t->scope != ApiTokenScope::Admin) agent->role = AgentRole::Agent;
  agent->presence = ctx.presence.agentPresence(agent->id);
  return {std::move(*agent), std::move(*ws), t->id, t->name};
}

AgentAuth authenticateAgent(const RequestAuth& ctx, const HttpRequest& req, bool admin_only, bool enrolment = false) {
  auto token = req.bearerToken();
  if (token.rfind(kApiTokenPrefix, 0) == 0) return agentByApiToken(ctx, req, token, admin_only);
  if (token.rfind("pa_", 0) != 0) throw ApiError(401, "unauthorized", "an agent token is required");
  auto agent = ctx.agent_sessions.agentBySession(sha256Hex(token), nowMillis());
  if (!agent || !agent->active) throw ApiError(401, "unauthorized", "unknown or expired token");
  auto ws = ctx.workspaces.workspaceById(agent->workspace_id);
  if (!ws) throw ApiError(401, "unauthorized", "unknown workspace");
  // API tokens are not sessions and are never held back here (docs/security.md).
  if (!enrolment && ctx.two_factor && requiresTwoFactor(ws->settings_json) &&
      sessionReach(true, ctx.two_factor->twoFactorEnabled(agent->id)) == SessionReach::EnrolmentOnly)
    throw ApiError(403, "two_factor_setup_required",
                   "this workspace requires two-factor authentication: set it up in your profile first");
  agent->presence = ctx.presence.agentPresence(agent->id);
  return {std::move(*agent), std::move(*ws), std::nullopt, {}};
}

}  // namespace

AgentAuth requireAgent(const RequestAuth& ctx, const HttpRequest& req) { return authenticateAgent(ctx, req, false); }

AgentAuth requireAgentForEnrolment(const RequestAuth& ctx, const HttpRequest& req) {
  return authenticateAgent(ctx, req, false, true);
}

AgentAuth requireAdmin(const RequestAuth& ctx, const HttpRequest& req) {
  auto auth = authenticateAgent(ctx, req, true);
  if (auth.agent.role != AgentRole::Admin) throw ApiError(403, "forbidden", "this needs an admin");
  return auth;
}

AgentAuth requireSignedInAdmin(const RequestAuth& ctx, const HttpRequest& req) {
  if (req.bearerToken().rfind(kApiTokenPrefix, 0) == 0)
    throw ApiError(403, "forbidden", "this needs a signed-in admin, not an API token");
  return requireAdmin(ctx, req);
}

VisitorAuth requireVisitor(const RequestAuth& ctx, const HttpRequest& req) {
  auto v = authenticateVisitor(ctx.workspaces, ctx.contacts, req.bearerToken());
  if (!v) throw ApiError(401, "unauthorized", "a visitor token is required");
  return {std::move(v->first), std::move(v->second)};
}

boost::json::object jsonBody(const HttpRequest& req) {
  boost::system::error_code ec;
  auto v = boost::json::parse(req.body, ec);
  if (ec) throw ApiError(400, "bad_json", "the body is not valid JSON", "body");
  if (!v.is_object()) throw ApiError(400, "bad_json", "the body must be a JSON object", "body");
  if (json::hasNonFiniteNumber(v)) throw ApiError(400, "bad_json", "numbers must be finite", "body");
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

ApiError rateLimited(std::string_view what, Millis wait_ms, std::string field) {
  const int seconds = static_cast<int>(std::max<Millis>(1, (wait_ms + 999) / 1000));
  ApiError e(429, "rate_limited", std::string(what) + ", try again in " + std::to_string(seconds) + " s",
             std::move(field));
  e.retry_after_s = seconds;
  return e;
}

HttpResponse errorResponseFor(const AppError& e) {
  using K = AppError::Kind;
  int status = 500;
  switch (e.kind) {
    case K::BadInput: status = 400; break;
    case K::NotFound: status = 404; break;
    case K::Forbidden: status = 403; break;
    case K::Conflict: status = 409; break;
    case K::RateLimited: status = 429; break;
    case K::Unavailable: status = 503; break;
    case K::Internal: status = 500; break;
  }
  auto res = errorResponse(status, e.code, e.what(), e.field);
  if (e.retry_after_ms > 0) res.headers.emplace_back("Retry-After", std::to_string((e.retry_after_ms + 999) / 1000));
  return res;
}

HttpResponse errorFor(std::exception_ptr e, std::string_view context) {
  try {
    std::rethrow_exception(e);
  } catch (const AppError& e) {
    if (e.kind == AppError::Kind::Internal) spdlog::error("{} failed: {}", context, e.what());
    return errorResponseFor(e);
  } catch (const ApiError& e) {
    auto res = errorResponse(e.status, e.code, e.what(), e.field);
    if (e.retry_after_s > 0) res.headers.emplace_back("Retry-After", std::to_string(e.retry_after_s));
    return res;
  } catch (const json::FieldError& e) {
    return errorResponse(400, "invalid", e.field + " " + e.message, e.field);
  } catch (const StoreConflict& e) {
    return errorResponse(409, "conflict", e.what(), e.field);
  } catch (const InvalidPatch& e) {
    return errorResponse(e.code == "invalid" ? 400 : 409, e.code, e.what(), e.field);
  } catch (const StoreUnavailable& e) {
    // PostgreSQL is down or restarting: the client may try again in a moment (the pool reconnects).
    spdlog::warn("{} failed: {}", context, e.what());
    auto res = errorResponse(503, "unavailable", "the database cannot be reached; try again in 1 s");
    res.headers.emplace_back("Retry-After", "1");
    return res;
  } catch (const std::invalid_argument& e) {
    // The store's last line of defence (e.g. a forged cursor): still the client's fault.
    return errorResponse(400, "invalid", e.what());
  } catch (const std::exception& e) {
    spdlog::error("{} failed: {}", context, e.what());
  } catch (...) {
    spdlog::error("{} failed", context);
  }
  return errorResponse(500, "internal", "the server could not handle this request");
}

}  // namespace parley
