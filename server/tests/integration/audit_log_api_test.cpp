// Issue 16 item 2 on a real server: every wired action leaves one entry naming its actor (agent,
// API token or "unauthenticated" for a failed login), the client's address (X-Forwarded-For from
// the trusted 127.0.0.1) and its target, and every action the log names (domain/audit.h, which the
// dashboard's filter offers) is one some request records; the list is admin-only, paged and filtered; the CSV is
// escaped and formula-safe; nothing can change or remove an entry.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include <boost/json.hpp>

#include "domain/audit.h"
#include "security/totp.h"
#include "test_server.h"
#include "totp_code.h"

namespace bj = boost::json;
using namespace parley::test;

namespace {

constexpr const char* kAddress = "198.51.100.23";

class AuditLogApi : public ::testing::Test {
 protected:
  void SetUp() override { admin = server.login(); }

  HttpResult call(const std::string& method, const std::string& target, const bj::value& body,
                  const std::string& token = {}) {
    return httpRequest(server.port(), method, target, body.is_null() ? std::string() : bj::serialize(body), token,
                       "application/json", {{"X-Forwarded-For", kAddress}});
  }
  bj::array entries(const std::string& query = "") {
    auto r = server.get("/api/v1/audit-log" + query, admin);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().at("entries").as_array();
  }
  // The newest entry with this action.
  bj::object latest(const std::string& action) {
    auto list = entries("?action=" + action);
    EXPECT_FALSE(list.empty()) << "no " << action << " entry";
    return list.empty() ? bj::object{} : list.front().as_object();
  }

  TestServer server;
  std::string admin;
};

TEST_F(AuditLogApi, EveryWiredActionIsLoggedWithActorAddressAndTarget) {
  // Logins: success and a wrong password for a known account; an unknown email logs nothing.
  ASSERT_EQ(call("POST", "/api/v1/auth/login", bj::object{{"email", "admin@test.local"}, {"password", "admin-password"}}).status, 200);
  ASSERT_EQ(call("POST", "/api/v1/auth/login", bj::object{{"email", "admin@test.local"}, {"password", "wrong-one!"}}).status, 401);
  ASSERT_EQ(call("POST", "/api/v1/auth/login", bj::object{{"email", "nobody@test.local"}, {"password", "wrong-one!"}}).status, 401);
  auto login = latest("agent.login");
  EXPECT_EQ(str(login.at("actor").at("type")), "agent");
  EXPECT_EQ(str(login.at("actor").at("name")).find("admin@test.local") != std::string::npos, true) << login;
  EXPECT_EQ(str(login.at("address")), kAddress);
  auto failed = latest("agent.login_failed");
  EXPECT_EQ(str(failed.at("actor").at("type")), "system");
  EXPECT_EQ(str(failed.at("target").at("label")), "admin@test.local");
  EXPECT_EQ(str(failed.at("details").at("reason")), "wrong_password");
  EXPECT_EQ(entries("?action=agent.login_failed").size(), 1u) << "the unknown email has no workspace to log in";

  // Agents: created, updated, role changed, password reset, deactivated.
  auto made = call("POST", "/api/v1/agents",
                   bj::object{{"email", "bo@test.local"}, {"name", "Bo"}, {"password", "bo-password"}}, admin);
  ASSERT_EQ(made.status, 201) << made.body;
  const auto bo = made.json().at("agent").at("id").as_int64();
  const auto boPath = "/api/v1/agents/" + std::to_string(bo);
  ASSERT_EQ(call("PATCH", boPath, bj::object{{"name", "Bo B."}, {"capacity", 3}}, admin).status, 200);
  ASSERT_EQ(call("PATCH", boPath, bj::object{{"role", "admin"}}, admin).status, 200);
  ASSERT_EQ(call("POST", boPath + "/password", bj::object{{"password", "new-bo-password"}}, admin).status, 204);
  ASSERT_EQ(call("PATCH", boPath, bj::object{{"active", false}}, admin).status, 200);
  auto created = latest("agent.created");
  EXPECT_EQ(created.at("target").at("id").as_int64(), bo);
  EXPECT_EQ(str(created.at("target").at("label")), "bo@test.local");
  EXPECT_EQ(str(created.at("address")), kAddress);
  auto updated = latest("agent.updated");
  EXPECT_EQ(bj::serialize(updated.at("details").at("keys")), R"(["name","capacity"])");
  auto role = latest("agent.role_changed");
  EXPECT_EQ(str(role.at("details").at("from")), "agent");
  EXPECT_EQ(str(role.at("details").at("to")), "admin");
  EXPECT_EQ(latest("agent.password_changed").at("target").at("id").as_int64(), bo);
  EXPECT_EQ(latest("agent.deactivated").at("target").at("id").as_int64(), bo);

  // Own password.
  ASSERT_EQ(call("POST", "/api/v1/me/password",
                 bj::object{{"current_password", "admin-password"}, {"new_password", "admin-password-2"}}, admin).status, 200);
  EXPECT_EQ(str(latest("agent.password_changed").at("details").at("by")), "self");

  // Settings: the keys, never the values.
  ASSERT_EQ(call("PATCH", "/api/v1/workspace", bj::object{{"name", "Acme"}, {"settings", bj::object{{"color", "#112233"}}}}, admin).status, 200);
  auto settings = latest("settings.updated");
  EXPECT_EQ(bj::serialize(settings.at("details").at("keys")), R"(["name","settings.color"])");
  EXPECT_EQ(bj::serialize(settings).find("#112233"), std::string::npos);

  // API tokens; then the admin token acts and is the actor.
  auto tok = call("POST", "/api/v1/api-tokens", bj::object{{"name", "Provisioning"}, {"scope", "admin"}}, admin);
  ASSERT_EQ(tok.status, 201) << tok.body;
  const auto tokenId = tok.json().at("api_token").at("id").as_int64();
  const auto token = str(tok.json().at("token"));
  EXPECT_EQ(str(latest("api_token.created").at("target").at("label")), "Provisioning");
  ASSERT_EQ(call("PATCH", "/api/v1/workspace", bj::object{{"name", "Acme 2"}}, token).status, 200);
  auto byToken = latest("settings.updated");
  EXPECT_EQ(str(byToken.at("actor").at("type")), "api_token");
  EXPECT_EQ(byToken.at("actor").at("id").as_int64(), tokenId);
  EXPECT_EQ(str(byToken.at("actor").at("name")), "API token Provisioning");
  EXPECT_EQ(server.get("/api/v1/audit-log", token).status, 200) << "an admin-scope token may read the log";
  ASSERT_EQ(call("DELETE", "/api/v1/api-tokens/" + std::to_string(tokenId), nullptr, admin).status, 204);
  EXPECT_EQ(str(latest("api_token.revoked").at("target").at("label")), "Provisioning");

  // Webhooks.
  auto hook = call("POST", "/api/v1/webhooks", bj::object{{"url", "https://93.184.216.34/parley"}, {"events", bj::array{"message.created"}}, {"active", false}}, admin);
  ASSERT_EQ(hook.status, 201) << hook.body;
  const auto hookPath = "/api/v1/webhooks/" + std::to_string(hook.json().at("webhook").at("id").as_int64());
  ASSERT_EQ(call("PATCH", hookPath, bj::object{{"events", bj::array{"conversation.created"}}}, admin).status, 200);
  ASSERT_EQ(call("DELETE", hookPath, nullptr, admin).status, 204);
  EXPECT_EQ(str(latest("webhook.created").at("target").at("label")), "https://93.184.216.34/parley");
  EXPECT_EQ(bj::serialize(latest("webhook.updated").at("details").at("keys")), R"(["events"])");
  EXPECT_EQ(str(latest("webhook.deleted").at("target").at("label")), "https://93.184.216.34/parley");

  // The command line: "system", no address.
  ASSERT_EQ(server.runCli({"agent", "add", "--data", server.dataDir(), "--email", "cli@test.local", "--name", "Cli",
                           "--password", "cli-password"}), 0);
  auto cli = latest("agent.created");
  EXPECT_EQ(str(cli.at("actor").at("name")), "command line");
  EXPECT_EQ(str(cli.at("address")), "");

  // A contact: exported, blocked and unblocked, erased.
  // (server.newVisitor() signs in with the admin's first password, changed above.)
  const auto publicId = str(server.get("/api/v1/workspace", admin).json().at("workspace").at("public_id"));
  auto session = server.post("/api/v1/widget/sessions", bj::object{{"workspace_id", publicId}});
  ASSERT_EQ(session.status, 201) << session.body;
  const auto visitor = str(session.json().at("visitor_token"));
  auto named = server.patch("/api/v1/widget/visitor", bj::object{{"name", "Vi"}}, visitor);
  ASSERT_EQ(named.status, 200) << named.body;
  const auto contact = named.json().at("visitor").at("id").as_int64();
  const auto contactPath = "/api/v1/contacts/" + std::to_string(contact);
  ASSERT_EQ(call("GET", contactPath + "/export", nullptr, admin).status, 200);
  auto block = call("POST", "/api/v1/blocks", bj::object{{"contact_id", contact}}, admin);
  ASSERT_EQ(block.status, 201) << block.body;
  ASSERT_EQ(call("DELETE", "/api/v1/blocks/" + std::to_string(block.json().at("block").at("id").as_int64()), nullptr, admin).status, 204);
  ASSERT_EQ(call("POST", contactPath + "/erase", bj::object{{"confirm", "erase"}}, admin).status, 200);
  for (const auto* action : {"contact.exported", "block.created", "block.removed", "contact.erased"})
    EXPECT_EQ(latest(action).at("target").at("id").as_int64(), contact) << action;

  // The admin's second factor: on, required of everyone, new recovery codes, a sign-in with a
  // recovery code, no longer required, off (with the password). Codes of distinct time steps: a step is used once.
  auto setup = call("POST", "/api/v1/me/two-factor/setup", bj::object{}, admin);
  ASSERT_EQ(setup.status, 200) << setup.body;
  const auto secret = parley::base32Decode(str(setup.json().at("secret"))).value();
  ASSERT_EQ(call("POST", "/api/v1/me/two-factor/confirm", bj::object{{"code", totpCode(secret, -1)}}, admin).status, 200);
  ASSERT_EQ(call("PATCH", "/api/v1/workspace", bj::object{{"settings", bj::object{{"require_two_factor", true}}}}, admin).status, 200);
  EXPECT_TRUE(latest("two_factor.required_changed").at("details").at("required").as_bool());
  auto fresh = call("POST", "/api/v1/me/two-factor/recovery-codes", bj::object{{"code", totpCode(secret, 0)}}, admin);
  ASSERT_EQ(fresh.status, 200) << fresh.body;
  auto challenge = call("POST", "/api/v1/auth/login", bj::object{{"email", "admin@test.local"}, {"password", "admin-password-2"}});
  ASSERT_EQ(challenge.status, 200) << challenge.body;
  auto second = call("POST", "/api/v1/auth/login/two-factor",
                     bj::object{{"challenge", challenge.json().at("challenge")}, {"code", fresh.json().at("recovery_codes").at(0)}});
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(latest("two_factor.recovery_code_used").at("details").at("codes_left").as_int64(), 9);
  ASSERT_EQ(call("PATCH", "/api/v1/workspace", bj::object{{"settings", bj::object{{"require_two_factor", false}}}}, admin).status, 200);
  EXPECT_FALSE(latest("two_factor.required_changed").at("details").at("required").as_bool());
  ASSERT_EQ(call("POST", "/api/v1/me/two-factor/disable", bj::object{{"current_password", "admin-password-2"}}, admin).status, 204);
  EXPECT_EQ(str(latest("two_factor.disabled").at("details").at("with")), "password");
  for (const auto* action : {"two_factor.enabled", "two_factor.recovery_codes_replaced", "two_factor.recovery_code_used",
                             "two_factor.disabled"}) {
    auto e = latest(action);
    EXPECT_EQ(str(e.at("target").at("label")), "admin@test.local") << action;
    EXPECT_EQ(str(e.at("address")), kAddress) << action;
  }
  EXPECT_EQ(entries("?action=two_factor.required_changed").size(), 2u);

  // Every action the log knows was recorded above: an action named but never written fails here.
  std::set<std::string> seen;
  std::string cursor;
  for (int guard = 0; guard < 50; ++guard) {
    auto page = server.get("/api/v1/audit-log?limit=200" + cursor, admin).json().as_object();
    for (const auto& e : page.at("entries").as_array()) seen.insert(str(e.at("action")));
    if (page.at("next_before").is_null()) break;
    cursor = "&before=" + std::to_string(page.at("next_before").as_int64());
  }
  for (auto action : parley::auditActions()) EXPECT_TRUE(seen.count(std::string(action))) << "never recorded: " << action;
  EXPECT_EQ(seen.size(), parley::auditActions().size());
}

TEST_F(AuditLogApi, TheListIsAdminOnlyPagedAndFiltered) {
  for (int i = 0; i < 5; ++i) server.login();
  auto made = server.post("/api/v1/agents", bj::object{{"email", "ag@test.local"}, {"name", "Ag"}, {"password", "ag-password"}}, admin);
  ASSERT_EQ(made.status, 201);
  const auto agentToken = server.login("ag@test.local", "ag-password");
  EXPECT_EQ(server.get("/api/v1/audit-log", agentToken).status, 403);
  EXPECT_EQ(server.get("/api/v1/audit-log/export", agentToken).status, 403);
  EXPECT_EQ(server.get("/api/v1/audit-log").status, 401);

  // Pages of 2, newest first, no repeats.
  std::vector<std::int64_t> seen;
  std::string cursor;
  for (int guard = 0; guard < 20; ++guard) {
    auto r = server.get("/api/v1/audit-log?limit=2" + cursor, admin).json().as_object();
    for (const auto& e : r.at("entries").as_array()) seen.push_back(e.at("id").as_int64());
    if (r.at("next_before").is_null()) break;
    cursor = "&before=" + std::to_string(r.at("next_before").as_int64());
  }
  ASSERT_GE(seen.size(), 8u);  // 7 logins + agent.created
  for (std::size_t i = 1; i < seen.size(); ++i) EXPECT_GT(seen[i - 1], seen[i]);

  const auto adminId = server.get("/api/v1/me", admin).json().at("agent").at("id").as_int64();
  const auto agId = made.json().at("agent").at("id").as_int64();
  auto mine = entries("?actor=agent:" + std::to_string(adminId) + "&action=agent.login");
  EXPECT_EQ(mine.size(), 6u) << "SetUp's login and five more";
  EXPECT_EQ(entries("?actor=agent:" + std::to_string(agId) + "&action=agent.login").size(), 1u);
  EXPECT_EQ(entries("?from=4102444800000").size(), 0u) << "nothing in 2100";
  EXPECT_EQ(entries("?to=1").size(), 0u);

  for (const auto& bad : {"?action=agent.delete", "?actor=robot:1", "?actor=agent:x", "?limit=0", "?limit=201",
                          "?from=5&to=5", "?before=-1"}) {
    auto r = server.get(std::string("/api/v1/audit-log") + bad, admin);
    EXPECT_EQ(r.status, 400) << bad << " " << r.body;
    EXPECT_TRUE(r.json().at("error").as_object().contains("field")) << bad;
  }
}

TEST_F(AuditLogApi, TheCsvIsEscapedAndFormulaSafe) {
  auto made = server.post("/api/v1/agents",
                          bj::object{{"email", "eve@test.local"}, {"name", "=HYPERLINK(\"http://evil\",\"x\"), Eve"},
                                     {"password", "eve-password"}},
                          admin);
  ASSERT_EQ(made.status, 201) << made.body;
  server.login("eve@test.local", "eve-password");
  auto r = server.get("/api/v1/audit-log/export?action=agent.login", admin);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.headers["content-type"].rfind("text/csv", 0), 0u) << r.headers["content-type"];
  EXPECT_NE(r.headers["content-disposition"].find("audit-log.csv"), std::string::npos);
  EXPECT_EQ(r.body.rfind("time_utc,actor_type,actor_id,actor,address,action,", 0), 0u) << r.body;
  EXPECT_NE(r.body.find(R"("'=HYPERLINK(""http://evil"",""x""), Eve <eve@test.local>")"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("\n="), std::string::npos);
  EXPECT_EQ(r.body.find(",=HYPERLINK"), std::string::npos);
  // Header + SetUp's login + eve's.
  EXPECT_EQ(std::count(r.body.begin(), r.body.end(), '\n'), 3);
}

TEST_F(AuditLogApi, NoEndpointChangesOrRemovesAnEntry) {
  auto first = entries().at(0).at("id").as_int64();
  const auto path = "/api/v1/audit-log/" + std::to_string(first);
  for (const auto& method : {"DELETE", "PATCH", "PUT"}) {
    auto r = httpRequest(server.port(), method, path, "{}", admin);
    EXPECT_TRUE(r.status == 404 || r.status == 405) << method << " " << r.status;
    r = httpRequest(server.port(), method, "/api/v1/audit-log", "{}", admin);
    EXPECT_TRUE(r.status == 404 || r.status == 405) << method << " " << r.status;
  }
  EXPECT_EQ(entries().at(0).at("id").as_int64(), first);
}

}  // namespace
