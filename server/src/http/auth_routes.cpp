#include <algorithm>

#include "domain/ascii.h"
#include "domain/clock.h"
#include "http/api_support.h"
#include "http/audit_actor.h"
#include "wire/json_codec.h"
#include "http/responses.h"
#include "http/routes.h"
#include "app/second_factor.h"
#include "domain/two_factor_policy.h"
#include "security/device_token.h"
#include "security/two_factor_tokens.h"
#include "security/password.h"
#include "app/bounded_workers.h"
#include "security/token.h"

namespace parley {

namespace bj = boost::json;

namespace {

constexpr Millis kSessionLifetime = 30LL * 24 * 3600 * 1000;

// An unknown email is checked against this hash so that it takes as long as a known one: the
// answer's timing must not tell which addresses have accounts. Made on first use (it costs what a
// login costs), not at start.
const std::string& unknownAccountHash() {
  static const std::string hash = hashPassword(randomHex(16));
  return hash;
}

// Limiter keys are short whatever the input: the address, or a hash of the normalised email
// (lower case, as the store compares emails) or of the device token.
std::string limiterKey(std::string_view kind, std::string_view value) {
  return std::string(kind) + sha256Hex(asciiLower(value)).substr(0, 32);
}

// A new session and what the dashboard keeps with it: the answer of a completed login.
// A new session (after the password, or after the second factor), recorded in the audit log.
bj::object authSessionAnswer(const AuthRouteDeps& deps, Agent agent, const Workspace& ws, Millis now,
                             const std::string& address) {
  auto token = randomToken("pa_");
  deps.agent_sessions.createAgentSession(sha256Hex(token), agent.id, now + kSessionLifetime);
  deps.audit.record(ws.id, agentAuditActor(agent.id, agent.name, agent.email), address, audit_action::kAgentLogin,
                    {"agent", agent.id, agent.email});
  agent.presence = deps.presence.agentPresence(agent.id);
  return bj::object{{"token", token},
                    {"device_token", makeDeviceToken(deps.device_key, agent.id, now)},
                    {"agent", json::agent(agent)},
                    {"workspace", json::workspacePublic(ws)},
                    {"two_factor_setup_required",
                     sessionReach(requiresTwoFactor(ws.settings_json), deps.two_factor.twoFactorEnabled(agent.id)) ==
                         SessionReach::EnrolmentOnly}};
}

}  // namespace

void registerAuthRoutes(Router& r, AuthRouteDeps deps) {

  r.add("POST", "/api/v1/auth/login", [deps](HttpRequest& req, const Reply& reply) {
    auto now = nowMillis();
    auto body = jsonBody(req);
    auto email = json::reqString(body, "email");
    auto password = json::reqString(body, "password");
    if (email.size() > 254) throw ApiError(400, "invalid", "email must be at most 254 characters", "email");
    if (password.size() > 1024) throw ApiError(400, "invalid", "password must be at most 1024 characters", "password");
    // Only failures count: a team behind one office NAT logs in often, a guesser mostly fails.
    // Both the address and the account are limited, so neither many IPs nor many accounts help.
    // A browser that logged in to this account before (a valid device token for it) is limited on
    // its own key instead of the account's, so nobody can lock the owner out of it from elsewhere.
    auto agent = deps.agents.agentByEmail(email);  // cheap; the slow part below is the same either way
    auto device = json::optString(body, "device_token").value_or("");
    auto deviceAgent = device.empty() ? std::nullopt : verifyDeviceToken(deps.device_key, device, now);
    const bool knownDevice = agent && deviceAgent && *deviceAgent == agent->id;
    const auto ipKey = "ip:" + req.peer_ip;
    const auto accountKey = knownDevice ? limiterKey("dev:", device) : limiterKey("acct:", email);
    auto wait = std::max(deps.passwords.failed_logins.retryAfter(ipKey, now), deps.passwords.failed_logins.retryAfter(accountKey, now));
    if (wait > 0) throw rateLimited("too many failed logins", wait);

    // Argon2 runs on the password workers, never on an I/O thread.
    auto remembered = json::optString(body, "two_factor_device").value_or("");
    auto check = [deps, reply, agent = std::move(agent), password = std::move(password), ipKey, accountKey,
                  remembered = std::move(remembered), now, address = req.peer_ip]() mutable {
      try {
        const bool matches = agent ? verifyPassword(agent->password_hash, password)
                                   : (verifyPassword(unknownAccountHash(), password), false);
        if (!matches || !agent->active) {
          deps.passwords.failed_logins.allow(ipKey, now);
          deps.passwords.failed_logins.allow(accountKey, now);
          // A known account's workspace logs the attempt; an unknown email has no workspace to log
          // it in (only the rate limiter counts it), and its text is never stored.
          if (agent)
            deps.audit.record(agent->workspace_id, {AuditActorType::System, 0, "unauthenticated"}, address,
                              audit_action::kAgentLoginFailed, {"agent", agent->id, agent->email},
                              agent->active ? R"({"reason":"wrong_password"})" : R"({"reason":"deactivated"})");
          throw ApiError(401, "invalid_credentials", "wrong email or password");
        }
        auto ws = deps.workspaces.workspaceById(agent->workspace_id);
        if (!ws) throw ApiError(401, "invalid_credentials", "wrong email or password");
        // Two-factor: the right password alone gets a 5-minute challenge, not a session, unless
        // this browser was remembered after a second factor (and 2FA has not been reset since).
        if (auto tf = deps.two_factor.agentTwoFactor(agent->id);
            tf && tf->enabled && !verifyRememberedDevice(deps.device_key, remembered, agent->id, tf->enabled_at, now)) {
          reply(jsonResponse(200, bj::object{{"two_factor_required", true},
                                             {"challenge", makeTwoFactorChallenge(deps.device_key,
                                                                                  {ws->id, agent->id}, now)}}));
          return;
        }
        reply(jsonResponse(200, authSessionAnswer(deps, std::move(*agent), *ws, now, address)));
      } catch (...) {
        reply(errorFor(std::current_exception(), "login"));
      }
    };
    if (!deps.passwords.workers.trySubmit(std::move(check))) {
      ApiError busy(503, "busy", "the server is checking many logins, try again in a second");
      busy.retry_after_s = 1;
      throw busy;
    }
  });

  // The second step: the challenge from the password step and a TOTP or recovery code. Wrong codes
  // count as failed logins of the address and of the account, like wrong passwords.
  r.add("POST", "/api/v1/auth/login/two-factor", [deps](HttpRequest& req, const Reply& reply) {
    auto now = nowMillis();
    auto body = jsonBody(req);
    auto challenge = json::reqString(body, "challenge");
    auto code = json::reqString(body, "code");
    if (code.size() > 64) throw ApiError(400, "invalid", "code must be at most 64 characters", "code");
    const bool remember = body.contains("remember_device") && body.at("remember_device").is_bool() &&
                          body.at("remember_device").get_bool();
    const auto ipKey = "ip:" + req.peer_ip;
    if (auto wait = deps.passwords.failed_logins.retryAfter(ipKey, now); wait > 0)
      throw rateLimited("too many failed logins", wait);
    auto who = verifyTwoFactorChallenge(deps.device_key, challenge, now);
    if (!who) {
      deps.passwords.failed_logins.allow(ipKey, now);
      throw ApiError(401, "invalid_challenge", "the sign-in expired: enter your password again", "challenge");
    }
    const auto accountKey = "2fa:" + std::to_string(who->agent_id);
    if (auto wait = deps.passwords.failed_logins.retryAfter(accountKey, now); wait > 0)
      throw rateLimited("too many failed logins", wait);
    auto agent = deps.agents.agentById(who->workspace_id, who->agent_id);
    auto ws = deps.workspaces.workspaceById(who->workspace_id);
    auto tf = deps.two_factor.agentTwoFactor(who->agent_id);
    if (!agent || !agent->active || !ws || !tf || !tf->enabled)
      throw ApiError(401, "invalid_challenge", "the sign-in expired: enter your password again", "challenge");
    auto kind = acceptSecondFactor(deps.two_factor, deps.device_key, *tf, code, now);
    if (!kind) {
      deps.passwords.failed_logins.allow(ipKey, now);
      deps.passwords.failed_logins.allow(accountKey, now);
      throw ApiError(401, "invalid_code", "wrong or already used code", "code");
    }
    // A recovery code is the sign of a lost phone (or of a stolen code): the admin can see it.
    const auto codes_left = tf->recovery_codes_left > 0 ? tf->recovery_codes_left - 1 : std::size_t{0};
    if (*kind == SecondFactorKind::RecoveryCode)
      deps.audit.record(ws->id, agentAuditActor(agent->id, agent->name, agent->email), req.peer_ip,
                        audit_action::kTwoFactorRecoveryUsed, {"agent", agent->id, agent->email},
                        "{\"codes_left\":" + std::to_string(codes_left) + "}");
    auto answer = authSessionAnswer(deps, std::move(*agent), *ws, now, req.peer_ip);
    if (remember) answer["two_factor_device"] = makeRememberedDevice(deps.device_key, who->agent_id, tf->enabled_at, now);
    if (*kind == SecondFactorKind::RecoveryCode) answer["recovery_codes_left"] = codes_left;
    reply(jsonResponse(200, std::move(answer)));
  });

  r.add("POST", "/api/v1/auth/logout", [deps](HttpRequest& req, const Reply& reply) {
    requireAgentForEnrolment(deps.auth, req);
    deps.sessions.endSession(sha256Hex(req.bearerToken()), "signed out");
    reply(noContent());
  });

  r.add("GET", "/api/v1/me", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgentForEnrolment(deps.auth, req);
    const bool required = requiresTwoFactor(auth.workspace.settings_json);
    const bool enabled = deps.two_factor.twoFactorEnabled(auth.agent.id);
    reply(jsonResponse(200, bj::object{{"agent", json::agent(auth.agent)},
                                       {"two_factor", bj::object{{"enabled", enabled},
                                                                 {"required", required},
                                                                 {"setup_required", !auth.api_token_id &&
                                                                      sessionReach(required, enabled) == SessionReach::EnrolmentOnly}}},
                                       {"workspace", auth.agent.role == AgentRole::Admin ? json::workspaceAdmin(auth.workspace)
                                                                                : json::workspacePublic(auth.workspace)}}));
  });
}

}  // namespace parley
