// An agent's own two-factor authentication (issue 16, item 5; docs/security.md): set up (a new
// secret, pending, with its otpauth:// URI and QR code), confirm with a code (enabled, 10 recovery
// codes shown once), new recovery codes, turn off. Sessions only: an API token acts as an admin but
// is not that person, so it may not change their second factor.
#include <boost/json.hpp>

#include "app/second_factor.h"
#include "domain/clock.h"
#include "domain/two_factor_policy.h"
#include "http/api_support.h"
#include "http/audit_actor.h"
#include "http/responses.h"
#include "http/routes.h"
#include "security/qr_code.h"
#include "security/totp.h"
#include "security/two_factor_tokens.h"
#include "wire/json_codec.h"

namespace parley {

namespace bj = boost::json;

namespace {

AgentAuth twoFactorOwner(const TwoFactorRouteDeps& deps, const HttpRequest& req) {
  auto auth = requireAgentForEnrolment(deps.auth, req);
  if (auth.api_token_id) throw ApiError(403, "forbidden", "two-factor authentication is managed by its agent, signed in");
  return auth;
}

// Wrong codes here count like failed logins of the account: a stolen session cannot guess codes.
std::string twoFactorLimitKey(Id agent_id) { return "2fa:" + std::to_string(agent_id); }

void twoFactorCheckLimit(const TwoFactorRouteDeps& deps, Id agent_id, Millis now) {
  if (auto wait = deps.passwords.failed_logins.retryAfter(twoFactorLimitKey(agent_id), now); wait > 0)
    throw rateLimited("too many wrong codes", wait, "code");
}

[[noreturn]] void twoFactorWrongCode(const TwoFactorRouteDeps& deps, Id agent_id, Millis now) {
  deps.passwords.failed_logins.allow(twoFactorLimitKey(agent_id), now);
  throw ApiError(400, "invalid_code", "wrong or already used code", "code");
}

bj::array twoFactorNewCodes(TwoFactorStore& store, Id agent_id, bool replace_stored, std::vector<std::string>& hashes) {
  bj::array shown;
  for (const auto& c : newRecoveryCodes()) {
    shown.push_back(bj::string(c));
    hashes.push_back(recoveryCodeHash(c));
  }
  if (replace_stored) store.replaceRecoveryCodes(agent_id, hashes);
  return shown;
}

// Each change of an agent's second factor is in the audit log: the agent is the actor and the target.
// `address` is the client's (HttpRequest::peer_ip), passed as a string so a password worker's callback can log too.
void twoFactorAudit(const TwoFactorRouteDeps& deps, const AgentAuth& auth, std::string_view address,
                    std::string_view action, std::string details_json = "{}") {
  deps.audit.record(auth.workspace.id, auditActorOf(auth), address, action,
                    {"agent", auth.agent.id, auth.agent.email}, std::move(details_json));
}

}  // namespace

void registerTwoFactorRoutes(Router& r, TwoFactorRouteDeps deps) {
  r.add("GET", "/api/v1/me/two-factor", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = twoFactorOwner(deps, req);
    auto tf = deps.two_factor.agentTwoFactor(auth.agent.id);
    reply(jsonResponse(200, bj::object{{"enabled", tf && tf->enabled},
                                       {"pending", tf && !tf->enabled},
                                       {"required", requiresTwoFactor(auth.workspace.settings_json)},
                                       {"recovery_codes_left", tf && tf->enabled ? tf->recovery_codes_left : 0}}));
  });

  // A new secret each time (an abandoned set-up is replaced); 409 once enabled: turn it off first.
  r.add("POST", "/api/v1/me/two-factor/setup", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = twoFactorOwner(deps, req);
    auto now = nowMillis();
    auto secret = newTotpSecret();
    if (!deps.two_factor.beginTwoFactorSetup(auth.agent.id, sealTotpSecret(deps.key, secret), now))
      throw ApiError(409, "conflict", "two-factor authentication is already on; turn it off to set it up again");
    auto b32 = base32Encode(secret);
    auto uri = otpauthUri(auth.workspace.name.empty() ? "Parley" : auth.workspace.name, auth.agent.email, b32);
    auto qr = encodeQr(uri);
    reply(jsonResponse(200, bj::object{{"secret", b32},
                                       {"otpauth_uri", uri},
                                       {"qr_svg", qr ? bj::value(bj::string(qrSvg(*qr))) : bj::value(nullptr)}}));
  });

  r.add("POST", "/api/v1/me/two-factor/confirm", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = twoFactorOwner(deps, req);
    auto now = nowMillis();
    auto body = jsonBody(req);
    auto code = json::reqString(body, "code");
    twoFactorCheckLimit(deps, auth.agent.id, now);
    auto tf = deps.two_factor.agentTwoFactor(auth.agent.id);
    if (!tf) throw ApiError(409, "conflict", "start the set-up first");
    if (tf->enabled) throw ApiError(409, "conflict", "two-factor authentication is already on");
    auto secret = openTotpSecret(deps.key, tf->sealed_secret);
    auto step = secret ? matchTotp(*secret, code, now) : std::nullopt;
    if (!step) twoFactorWrongCode(deps, auth.agent.id, now);
    std::vector<std::string> hashes;
    auto codes = twoFactorNewCodes(deps.two_factor, auth.agent.id, false, hashes);
    if (!deps.two_factor.enableTwoFactor(auth.agent.id, *step, hashes, now))
      throw ApiError(409, "conflict", "two-factor authentication is already on");
    twoFactorAudit(deps, auth, req.peer_ip, audit_action::kTwoFactorEnabled);
    reply(jsonResponse(200, bj::object{{"enabled", true}, {"recovery_codes", std::move(codes)}}));
  });

  // New recovery codes (the old ones stop working) for a current code.
  r.add("POST", "/api/v1/me/two-factor/recovery-codes", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = twoFactorOwner(deps, req);
    auto now = nowMillis();
    auto body = jsonBody(req);
    auto code = json::reqString(body, "code");
    twoFactorCheckLimit(deps, auth.agent.id, now);
    auto tf = deps.two_factor.agentTwoFactor(auth.agent.id);
    if (!tf || !tf->enabled) throw ApiError(409, "conflict", "two-factor authentication is off");
    if (!acceptSecondFactor(deps.two_factor, deps.key, *tf, code, now)) twoFactorWrongCode(deps, auth.agent.id, now);
    std::vector<std::string> hashes;
    auto codes = twoFactorNewCodes(deps.two_factor, auth.agent.id, true, hashes);
    twoFactorAudit(deps, auth, req.peer_ip, audit_action::kTwoFactorRecoveryReplaced);
    reply(jsonResponse(200, bj::object{{"recovery_codes", std::move(codes)}}));
  });

  // Off, for a code or the current password; not while the workspace requires it.
  r.add("POST", "/api/v1/me/two-factor/disable", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = twoFactorOwner(deps, req);
    auto now = nowMillis();
    auto body = jsonBody(req);
    if (requiresTwoFactor(auth.workspace.settings_json))
      throw ApiError(409, "two_factor_required", "this workspace requires two-factor authentication");
    auto tf = deps.two_factor.agentTwoFactor(auth.agent.id);
    if (!tf) throw ApiError(409, "conflict", "two-factor authentication is off");
    auto code = json::optString(body, "code");
    auto password = json::optString(body, "current_password");
    if (code && !code->empty()) {
      twoFactorCheckLimit(deps, auth.agent.id, now);
      if (tf->enabled && !acceptSecondFactor(deps.two_factor, deps.key, *tf, *code, now))
        twoFactorWrongCode(deps, auth.agent.id, now);
      deps.two_factor.disableTwoFactor(auth.agent.id);
      // A set-up never confirmed is abandoned, not turned off: nothing was on to log.
      if (tf->enabled) twoFactorAudit(deps, auth, req.peer_ip, audit_action::kTwoFactorDisabled, R"({"with":"code"})");
      return reply(noContent());
    }
    if (!password || password->empty())
      throw ApiError(400, "missing", "give a code from your app or your current password", "code");
    // The check runs on a password worker: what the callback logs is copied, not the request.
    withCurrentPassword(deps.passwords, auth.agent, std::move(*password), reply,
                        [deps, reply, auth, address = req.peer_ip, was_on = tf->enabled] {
                          deps.two_factor.disableTwoFactor(auth.agent.id);
                          if (was_on)
                            twoFactorAudit(deps, auth, address, audit_action::kTwoFactorDisabled, R"({"with":"password"})");
                          reply(noContent());
                        });
  });
}

}  // namespace parley
