// Shared pieces of the REST handlers: authentication, body parsing and errors as exceptions
// that the router turns into {"error":{...}} answers.
#pragma once

#include <boost/json.hpp>
#include <stdexcept>
#include <string>

#include "app/app_error.h"
#include "bus/presence.h"
#include "http/request.h"
#include "security/rate_limiter.h"
#include "store/agent_store.h"
#include "store/api_token_store.h"
#include "store/agent_session_store.h"
#include "store/contact_store.h"
#include "store/two_factor_store.h"
#include "store/workspace_store.h"

namespace parley {

struct ApiError : std::runtime_error {
  ApiError(int status, std::string code, std::string message, std::string field = {})
      : std::runtime_error(message), status(status), code(std::move(code)), field(std::move(field)) {}
  int status;
  std::string code;
  std::string field;
  int retry_after_s = 0;  // > 0: sent as Retry-After (429 and 503 answers)
};

// 429 rate_limited with Retry-After: the wait in whole seconds (rounded up, at least 1), also in
// the message so a person reading it knows how long.
ApiError rateLimited(std::string_view what, Millis wait_ms, std::string field = {});

// The one mapping of a use-case error to an HTTP answer (status by kind, Retry-After when set).
HttpResponse errorResponseFor(const AppError& e);

// The one mapping of a handler's exception to an HTTP answer (synchronous handlers through the
// router, asynchronous ones through this): ApiError as it says, bad input 400, a conflict 409,
// anything else 500 (logged with `context`).
HttpResponse errorFor(std::exception_ptr e, std::string_view context);

struct AgentAuth {
  Agent agent;
  Workspace workspace;
  std::optional<Id> api_token_id;  // set when an API token (not a session) sent the request
  std::string api_token_name;      // its name then (the audit log's actor)
};

struct VisitorAuth {
  Workspace workspace;
  Contact contact;
};

// What telling who sent a request reads. Copied into each route group's dependencies.
struct RequestAuth {
  AgentSessionStore& agent_sessions;
  WorkspaceStore& workspaces;
  ContactStore& contacts;
  PresenceTracker& presence;
  AgentStore& agents;
  ApiTokenStore& api_tokens;
  RateLimiter& api_token_limits;  // requests per API token
  // Workspaces that require two-factor authentication (domain/two_factor_policy.h): a session of
  // an agent without it reaches only what requireAgentForEnrolment guards. Null: never enforced.
  TwoFactorStore* two_factor = nullptr;
};

// An agent's session ("pa_") or an API token ("pk_", domain/api_token.h) acting as the admin who
// made it within its scope: a read token gets 403 on anything but GET and HEAD, and only an admin
// token passes requireAdmin. 401 for an unknown, expired or revoked one (or a deactivated maker),
// 429 with Retry-After past the token's own rate limit.
// A session whose workspace requires two-factor authentication the agent has not enabled gets
// 403 two_factor_setup_required from every one of these.
AgentAuth requireAgent(const RequestAuth& auth, const HttpRequest& req);
// Any signed-in agent, also one who must still set up two-factor authentication: the enrolment
// endpoints, /me and logout.
AgentAuth requireAgentForEnrolment(const RequestAuth& auth, const HttpRequest& req);
AgentAuth requireAdmin(const RequestAuth& auth, const HttpRequest& req);
// An admin signed in (a session): what an API token may never do (make or revoke API tokens).
AgentAuth requireSignedInAdmin(const RequestAuth& auth, const HttpRequest& req);
VisitorAuth requireVisitor(const RequestAuth& auth, const HttpRequest& req);

// The body as a JSON object; 400 bad_json otherwise.
boost::json::object jsonBody(const HttpRequest& req);
// {id}-style path parameter as a positive integer; 404 when it is not one (an id that cannot exist).
Id pathId(const HttpRequest& req, const std::string& name = "id");
// A query parameter as an integer within [lo, hi]; 400 naming the parameter otherwise.
std::int64_t queryInt(const HttpRequest& req, const std::string& name, std::int64_t fallback, std::int64_t lo,
                      std::int64_t hi);

}  // namespace parley
