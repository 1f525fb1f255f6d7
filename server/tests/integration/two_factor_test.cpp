// Two-factor authentication end to end (issue 16, item 5) on a real server: enrolment, the login's
// second step with a TOTP code (never the same step twice) or a recovery code (once), a remembered
// device, turning it off, the workspace's requirement on REST and on WebSocket hello (API tokens
// unaffected), and the failed-code limit with Retry-After. Codes are computed here with the same
// RFC 6238 function the unit tests check against the RFC's vectors.
#include <gtest/gtest.h>

#include "security/totp.h"
#include "test_server.h"
#include "totp_code.h"

namespace bj = boost::json;
using namespace parley::test;

namespace {

class TwoFactorApi : public ::testing::Test {
 protected:
  void SetUp() override {
    admin = server.login();
    auto r = server.post("/api/v1/agents",
                         bj::object{{"email", "sam@test.local"}, {"name", "Sam"}, {"password", "sam-password"}}, admin);
    ASSERT_EQ(r.status, 201) << r.body;
  }

  // Sets up and confirms 2FA for the session's agent with the previous step's code; returns the
  // raw secret and the recovery codes.
  std::pair<std::string, std::vector<std::string>> enrol(const std::string& token) {
    auto setup = server.post("/api/v1/me/two-factor/setup", bj::object{}, token);
    EXPECT_EQ(setup.status, 200) << setup.body;
    auto secret = parley::base32Decode(str(setup.json().at("secret")));
    EXPECT_TRUE(secret);
    auto ok = server.post("/api/v1/me/two-factor/confirm", bj::object{{"code", code(*secret, -1)}}, token);
    EXPECT_EQ(ok.status, 200) << ok.body;
    std::vector<std::string> codes;
    const auto answer = ok.json();  // kept: the loop reads into it
    if (ok.status == 200)
      for (const auto& c : answer.at("recovery_codes").as_array()) codes.push_back(str(c));
    return {*secret, codes};
  }

  static std::string code(const std::string& secret, int offset) { return totpCode(secret, offset); }

  HttpResult passwordStep(const std::string& email, const std::string& password, const std::string& device = {}) {
    bj::object body{{"email", email}, {"password", password}};
    if (!device.empty()) body["two_factor_device"] = device;
    return server.post("/api/v1/auth/login", body);
  }

  std::string challenge() {
    auto r = passwordStep("sam@test.local", "sam-password");
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(r.json().as_object().contains("two_factor_required")) << r.body;
    EXPECT_FALSE(r.json().as_object().contains("token")) << "no session before the second step";
    return str(r.json().at("challenge"));
  }

  HttpResult codeStep(const std::string& chal, const std::string& c, bool remember = false) {
    return server.post("/api/v1/auth/login/two-factor",
                       bj::object{{"challenge", chal}, {"code", c}, {"remember_device", remember}});
  }

  static std::string errorCode(const HttpResult& r) { return str(r.json().at("error").at("code")); }
  static std::string errorField(const HttpResult& r) { return str(r.json().at("error").at("field")); }

  TestServer server;
  std::string admin;
};

}  // namespace

TEST_F(TwoFactorApi, EnrolThenLogInWithACodeOnceAndARecoveryCodeOnce) {
  auto sam = server.login("sam@test.local", "sam-password");
  auto status = server.get("/api/v1/me/two-factor", sam);
  ASSERT_EQ(status.status, 200) << status.body;
  EXPECT_FALSE(status.json().at("enabled").as_bool());

  auto setup = server.post("/api/v1/me/two-factor/setup", bj::object{}, sam);
  ASSERT_EQ(setup.status, 200) << setup.body;
  EXPECT_EQ(str(setup.json().at("otpauth_uri")).rfind("otpauth://totp/", 0), 0u);
  EXPECT_EQ(str(setup.json().at("qr_svg")).rfind("<svg", 0), 0u);
  auto secret = *parley::base32Decode(str(setup.json().at("secret")));
  EXPECT_TRUE(server.get("/api/v1/me/two-factor", sam).json().at("pending").as_bool());
  EXPECT_EQ(passwordStep("sam@test.local", "sam-password").json().as_object().count("token"), 1u)
      << "pending is not on yet";

  auto wrong = server.post("/api/v1/me/two-factor/confirm", bj::object{{"code", "12345"}}, sam);
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(errorField(wrong), "code");
  auto confirmed = server.post("/api/v1/me/two-factor/confirm", bj::object{{"code", code(secret, -1)}}, sam);
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  const auto confirmedBody = confirmed.json();
  auto recovery = confirmedBody.at("recovery_codes").as_array();
  ASSERT_EQ(recovery.size(), 10u);
  EXPECT_EQ(server.post("/api/v1/me/two-factor/setup", bj::object{}, sam).status, 409);

  auto chal = challenge();
  auto bad = codeStep(chal, "abcdef");
  EXPECT_EQ(bad.status, 401);
  EXPECT_EQ(errorField(bad), "code");
  auto good = codeStep(chal, code(secret, 0));
  ASSERT_EQ(good.status, 200) << good.body;
  auto token = str(good.json().at("token"));
  EXPECT_EQ(server.get("/api/v1/me", token).status, 200);
  EXPECT_FALSE(good.json().as_object().contains("two_factor_device")) << "not remembered unless asked";

  auto replay = codeStep(chal, code(secret, 0));
  EXPECT_EQ(replay.status, 401) << "the same step twice";
  EXPECT_EQ(errorCode(replay), "invalid_code");

  auto byRecovery = codeStep(challenge(), str(recovery[0]));
  ASSERT_EQ(byRecovery.status, 200) << byRecovery.body;
  EXPECT_EQ(byRecovery.json().at("recovery_codes_left").as_int64(), 9);
  EXPECT_EQ(codeStep(challenge(), str(recovery[0])).status, 401) << "a recovery code works once";
  EXPECT_EQ(codeStep("p2c_1.2.3.abc.def", code(secret, 1)).status, 401) << "a forged challenge";

  auto remembered = codeStep(challenge(), code(secret, 1), true);
  ASSERT_EQ(remembered.status, 200) << remembered.body;
  auto device = str(remembered.json().at("two_factor_device"));
  auto again = passwordStep("sam@test.local", "sam-password", device);
  EXPECT_EQ(again.json().as_object().count("token"), 1u) << "a remembered device skips the code: " << again.body;
  EXPECT_EQ(passwordStep("sam@test.local", "wrong-password", device).status, 401) << "but never the password";

  auto regen = server.post("/api/v1/me/two-factor/recovery-codes", bj::object{{"code", str(recovery[1])}}, sam);
  ASSERT_EQ(regen.status, 200) << regen.body;
  EXPECT_EQ(regen.json().at("recovery_codes").as_array().size(), 10u);
  EXPECT_EQ(codeStep(challenge(), str(recovery[2])).status, 401) << "the old codes are gone";

  auto wrongPassword = server.post("/api/v1/me/two-factor/disable", bj::object{{"current_password", "nope-nope"}}, sam);
  EXPECT_EQ(wrongPassword.status, 403);
  EXPECT_EQ(server.post("/api/v1/me/two-factor/disable", bj::object{{"current_password", "sam-password"}}, sam).status, 204);
  EXPECT_EQ(passwordStep("sam@test.local", "sam-password").json().as_object().count("token"), 1u);
  EXPECT_EQ(passwordStep("sam@test.local", "sam-password", device).json().as_object().count("token"), 1u);
}

TEST_F(TwoFactorApi, ARequiredSecondFactorHoldsBackRestAndWebSocketUntilEnrolled) {
  auto sam = server.login("sam@test.local", "sam-password");
  auto early = server.patch("/api/v1/workspace", bj::object{{"settings", bj::object{{"require_two_factor", true}}}}, admin);
  EXPECT_EQ(early.status, 409) << "the admin turns it on for themselves first";
  EXPECT_EQ(errorField(early), "settings.require_two_factor");
  auto apiToken = server.post("/api/v1/api-tokens", bj::object{{"name", "CI"}, {"scope", "read"}}, admin);
  ASSERT_EQ(apiToken.status, 201) << apiToken.body;
  auto integration = str(apiToken.json().at("token"));

  enrol(admin);
  auto on = server.patch("/api/v1/workspace", bj::object{{"settings", bj::object{{"require_two_factor", true}}}}, admin);
  ASSERT_EQ(on.status, 200) << on.body;
  EXPECT_EQ(server.get("/api/v1/conversations", admin).status, 200) << "the admin has it";

  // Sam's session from before: only the enrolment endpoints, /me and logout.
  auto held = server.get("/api/v1/conversations", sam);
  EXPECT_EQ(held.status, 403);
  EXPECT_EQ(errorCode(held), "two_factor_setup_required");
  auto me = server.get("/api/v1/me", sam);
  ASSERT_EQ(me.status, 200);
  EXPECT_TRUE(me.json().at("two_factor").at("setup_required").as_bool());
  auto fresh = passwordStep("sam@test.local", "sam-password");
  ASSERT_EQ(fresh.status, 200);
  EXPECT_TRUE(fresh.json().at("two_factor_setup_required").as_bool());
  EXPECT_EQ(server.get("/api/v1/conversations", str(fresh.json().at("token"))).status, 403);
  {
    WsClient ws(server.port());
    ws.send(bj::object{{"type", "hello"}, {"token", sam}});
    auto err = ws.next();
    ASSERT_TRUE(err);
    EXPECT_EQ(str(err->at("code")), "two_factor_setup_required");
  }
  EXPECT_EQ(server.get("/api/v1/conversations", integration).status, 200) << "API tokens are unaffected";

  auto [secret, codes] = enrol(sam);
  EXPECT_EQ(server.get("/api/v1/conversations", sam).status, 200);
  WsClient ws(server.port());
  auto welcome = ws.hello(sam);
  EXPECT_EQ(str(welcome.at("role")), "agent");
  auto off = server.post("/api/v1/me/two-factor/disable", bj::object{{"code", codes[0]}}, sam);
  EXPECT_EQ(off.status, 409) << "not while the workspace requires it";
}

TEST_F(TwoFactorApi, WrongCodesAreLimitedPerAccountWithRetryAfter) {
  auto sam = server.login("sam@test.local", "sam-password");
  enrol(sam);
  auto chal = challenge();
  int limitedAt = -1;
  for (int i = 0; i < 15 && limitedAt < 0; ++i) {
    auto r = codeStep(chal, "zzzzz-zzzzz");
    if (r.status == 429) {
      limitedAt = i;
      EXPECT_FALSE(r.headers["retry-after"].empty());
    } else {
      EXPECT_EQ(r.status, 401) << r.body;
    }
  }
  EXPECT_GE(limitedAt, 5);
  EXPECT_LE(limitedAt, 11);
}
