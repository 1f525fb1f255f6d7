// Token parsing on the way in: the Authorization header as handlers read it (bearerToken), then
// the visitor path (authenticateVisitor: "pv_<workspace>.<random>", looked up by hash in the named
// workspace) and the agent path (requireAgent: "pa_..." by hash), over the seeded store.
//
// Input: the Authorization header value; the same bytes are also tried as a bare token (the
// socket's hello and the widget session body carry it without "Bearer ").
//
// Only the seeded tokens may authenticate, each as exactly the identity it was issued for. The
// login's device tokens ("pd_<agent>.<expires>.<random>.<HMAC>") cannot be forged by a fuzzer, so
// the input is also signed with the server's key to reach the field parsing behind the HMAC.
#include <cstdint>
#include <string>

#include "fuzz_env.h"
#include "http/api_support.h"
#include "app/visitor_auth.h"
#include "security/device_token.h"
#include "security/hmac.h"

using namespace parley;
using parley::fuzz::fail;
using parley::fuzz::Seed;

namespace {

void visitor(parley::fuzz::FuzzServer& app, std::string_view token) {
  auto v = authenticateVisitor(app.store(), app.store(), token);
  if (!v) return;
  const auto& [ws, contact] = *v;
  if (contact.workspace_id != ws.id) fail("visitor token: contact of another workspace", token);
  if (token == Seed::kVisitorToken && ws.public_id == Seed::kWorkspace) return;
  if (token == Seed::kOtherVisitorToken && ws.public_id == Seed::kOtherWorkspace) return;
  fail("visitor token accepted that was never issued", token);
}

void agent(parley::fuzz::FuzzServer& app, const HttpRequest& req) {
  const auto token = req.bearerToken();
  const RequestAuth authn{app.store(), app.store(), app.store(), app.ctx().presence, app.store(), app.store(), app.ctx().api_token_requests};
  try {
    auto auth = requireAgent(authn, req);
    if (auth.agent.workspace_id != auth.workspace.id) fail("agent of another workspace", token);
    if (token != Seed::kAdminToken && token != Seed::kAgentToken && token != Seed::kOtherAdminToken)
      fail("agent token accepted that was never issued", token);
  } catch (const ApiError& e) {
    if (e.status != 401) fail("requireAgent: not a 401", e.code);
  }
  try {
    requireVisitor(authn, req);
    if (token != Seed::kVisitorToken && token != Seed::kOtherVisitorToken) fail("requireVisitor accepted", token);
  } catch (const ApiError& e) {
    if (e.status != 401) fail("requireVisitor: not a 401", e.code);
  }
}

void deviceToken(parley::fuzz::FuzzServer& app, std::string_view token) {
  const auto& key = app.ctx().device_key;
  constexpr Millis kNow = 1'717'000'000'000;
  if (verifyDeviceToken(key, token, kNow)) fail("unsigned device token accepted", token);
  if (token.rfind("pd_", 0) != 0 || token.size() > 120) return;
  const std::string signedToken = std::string(token) + "." + hmacSha256Hex(key, token);
  if (auto id = verifyDeviceToken(key, signedToken, kNow)) {
    // "pd_<id>.<expires>.": both positive decimal numbers (the server's own tokens have no
    // leading zeros, but the HMAC already vouches for them), the expiry in the future.
    auto number = [&](std::string_view& rest) {
      const auto dot = rest.find('.');
      if (dot == std::string_view::npos || dot == 0 || dot > 19) fail("device token field", token);
      std::int64_t n = 0;
      for (char ch : rest.substr(0, dot)) {
        if (ch < '0' || ch > '9') fail("device token field is not a number", token);
        n = n * 10 + (ch - '0');
      }
      rest.remove_prefix(dot + 1);
      return n;
    };
    std::string_view rest = token.substr(3);
    if (number(rest) != *id || *id <= 0) fail("device token: agent id not the one in the token", token);
    if (number(rest) <= kNow) fail("expired device token accepted", token);
  }
  const Id agent = 1 + static_cast<Id>(token.size());
  if (verifyDeviceToken(key, makeDeviceToken(key, agent, kNow), kNow) != agent) fail("fresh device token refused");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto& app = parley::fuzz::FuzzServer::get();  // read-only: no beginInput() needed
  std::string_view header(reinterpret_cast<const char*>(data), size);
  HttpRequest req;
  req.headers["authorization"] = std::string(header);
  const auto token = req.bearerToken();
  if (!token.empty() && header.size() != token.size() + 7) fail("bearerToken cut the token", header);
  visitor(app, token);
  visitor(app, header);
  agent(app, req);
  deviceToken(app, token);
  deviceToken(app, header);
  sameOrigin(header, Seed::kHost);
  return 0;
}
