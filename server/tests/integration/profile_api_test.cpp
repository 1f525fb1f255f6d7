// An agent's profile (issue 10): own password (current one checked, other sessions end, this one
// stays), an admin's password reset, own email with the current password, notification preferences.
#include <gtest/gtest.h>

#include "test_server.h"

namespace bj = boost::json;
using namespace parley::test;

namespace {

class ProfileApi : public ::testing::Test {
 protected:
  void SetUp() override {
    admin = server.login();
    auto r = server.post("/api/v1/agents",
                         bj::object{{"email", "sam@test.local"}, {"name", "Sam"}, {"password", "sam-password"}}, admin);
    ASSERT_EQ(r.status, 201) << r.body;
    samId = r.json().at("agent").at("id").as_int64();
  }
  static std::string field(const HttpResult& r) { return str(r.json().at("error").at("field")); }
  std::string samPath() const { return "/api/v1/agents/" + std::to_string(samId); }

  TestServer server;
  std::string admin;
  std::int64_t samId = 0;
};

}  // namespace

TEST_F(ProfileApi, ChangingMyPasswordEndsMyOtherSessionsAndKeepsThisOne) {
  auto here = server.login("sam@test.local", "sam-password");
  auto laptop = server.login("sam@test.local", "sam-password");
  WsClient laptopSocket(server.port());
  laptopSocket.hello(laptop);
  WsClient hereSocket(server.port());
  hereSocket.hello(here);

  auto wrong = server.post("/api/v1/me/password",
                           bj::object{{"current_password", "not-it"}, {"new_password", "sam-new-password"}}, here);
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(field(wrong), "current_password");
  auto shortOne = server.post("/api/v1/me/password",
                              bj::object{{"current_password", "sam-password"}, {"new_password", "short"}}, here);
  EXPECT_EQ(shortOne.status, 400);
  EXPECT_EQ(field(shortOne), "new_password");
  auto missing = server.post("/api/v1/me/password", bj::object{{"new_password", "sam-new-password"}}, here);
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(field(missing), "current_password");
  EXPECT_EQ(server.get("/api/v1/me", laptop).status, 200) << "nothing changed yet";

  auto ok = server.post("/api/v1/me/password",
                        bj::object{{"current_password", "sam-password"}, {"new_password", "sam-new-password"}}, here);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json().at("ended_sessions").as_int64(), 1);
  EXPECT_EQ(server.get("/api/v1/me", here).status, 200) << "the browser that changed it stays signed in";
  EXPECT_EQ(server.get("/api/v1/me", laptop).status, 401);
  auto err = laptopSocket.waitFor("error");
  ASSERT_TRUE(err);
  EXPECT_EQ(str(err->at("code")), "unauthorized");
  EXPECT_NE(str(err->at("message")).find("password was changed"), std::string::npos);
  hereSocket.send(bj::object{{"type", "ping"}, {"t", 1}});
  EXPECT_TRUE(hereSocket.waitFor("pong")) << "this browser's socket stays open";
  EXPECT_EQ(server.post("/api/v1/auth/login", bj::object{{"email", "sam@test.local"}, {"password", "sam-password"}}).status,
            401);
  server.login("sam@test.local", "sam-new-password");
}

TEST_F(ProfileApi, AnAdminResetsAnotherAgentsPasswordAndEndsAllTheirSessions) {
  auto sam = server.login("sam@test.local", "sam-password");
  auto byAgent = server.post("/api/v1/agents/1/password", bj::object{{"password", "taken-over-1"}}, sam);
  EXPECT_EQ(byAgent.status, 403);
  auto own = server.post("/api/v1/agents/1/password", bj::object{{"password", "new-admin-pass"}}, admin);
  EXPECT_EQ(own.status, 400) << "an admin's own password needs the current one (/me/password)";
  EXPECT_EQ(field(own), "id");
  auto weak = server.post(samPath() + "/password", bj::object{{"password", "1234"}}, admin);
  EXPECT_EQ(weak.status, 400);
  EXPECT_EQ(field(weak), "password");
  EXPECT_EQ(server.post("/api/v1/agents/999/password", bj::object{{"password", "long-enough-1"}}, admin).status, 404);

  ASSERT_EQ(server.post(samPath() + "/password", bj::object{{"password", "reset-by-admin"}}, admin).status, 204);
  EXPECT_EQ(server.get("/api/v1/me", sam).status, 401);
  server.login("sam@test.local", "reset-by-admin");

  // Another workspace's admin cannot reset Sam.
  ASSERT_EQ(server.runCli({"agent", "add", "--data", server.dataDir(), "--workspace", "Other Co", "--email",
                           "bob@other.test", "--name", "Bob", "--password", "bob-password", "--role", "admin"}),
            0);
  auto bob = server.login("bob@other.test", "bob-password");
  EXPECT_EQ(server.post(samPath() + "/password", bj::object{{"password", "bob-was-here"}}, bob).status, 404);
}

TEST_F(ProfileApi, MyOwnEmailNeedsMyCurrentPassword) {
  auto sam = server.login("sam@test.local", "sam-password");
  auto without = server.patch(samPath(), bj::object{{"email", "samuel@test.local"}}, sam);
  EXPECT_EQ(without.status, 400);
  EXPECT_EQ(field(without), "current_password");
  auto wrong = server.patch(samPath(), bj::object{{"email", "samuel@test.local"}, {"current_password", "nope"}}, sam);
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(field(wrong), "current_password");
  auto bad = server.patch(samPath(), bj::object{{"email", "not-an-email"}, {"current_password", "sam-password"}}, sam);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(field(bad), "email");
  auto taken = server.patch(samPath(), bj::object{{"email", "admin@test.local"}, {"current_password", "sam-password"}}, sam);
  EXPECT_EQ(taken.status, 409);
  EXPECT_EQ(field(taken), "email");
  EXPECT_EQ(server.patch("/api/v1/agents/1", bj::object{{"email", "x@test.local"}}, sam).status, 403);

  auto ok = server.patch(samPath(), bj::object{{"email", "samuel@test.local"}, {"name", "Samuel"}, {"current_password", "sam-password"}}, sam);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(str(ok.json().at("agent").at("email")), "samuel@test.local");
  EXPECT_EQ(str(ok.json().at("agent").at("name")), "Samuel");
  server.login("samuel@test.local", "sam-password");
  // The same email again (any case) is no change and needs no password; an admin changes others' freely.
  EXPECT_EQ(server.patch(samPath(), bj::object{{"email", "SAMUEL@test.local"}}, sam).status, 200);
  EXPECT_EQ(server.patch(samPath(), bj::object{{"email", "sam3@test.local"}}, admin).status, 200);
}

TEST_F(ProfileApi, NotificationPreferencesAreKeptPerAgent) {
  auto sam = server.login("sam@test.local", "sam-password");
  auto defaults = server.get("/api/v1/me/preferences", sam);
  ASSERT_EQ(defaults.status, 200) << defaults.body;
  auto n = defaults.json().at("preferences").at("notifications");
  for (const char* k : {"sound", "desktop", "new_conversation", "new_message", "assigned"})
    EXPECT_TRUE(n.at(k).as_bool()) << k;
  EXPECT_FALSE(n.at("email").as_bool()) << "email notifications are opt-in";

  auto changed = server.patch("/api/v1/me/preferences",
                              bj::object{{"notifications", bj::object{{"sound", false}, {"assigned", false}}}}, sam);
  ASSERT_EQ(changed.status, 200) << changed.body;
  auto after = server.get("/api/v1/me/preferences", sam).json().at("preferences").at("notifications");
  EXPECT_FALSE(after.at("sound").as_bool());
  EXPECT_FALSE(after.at("assigned").as_bool());
  EXPECT_TRUE(after.at("new_message").as_bool());
  EXPECT_FALSE(after.at("email").as_bool());
  auto emailOn = server.patch("/api/v1/me/preferences", bj::object{{"notifications", bj::object{{"email", true}}}}, sam);
  ASSERT_EQ(emailOn.status, 200) << emailOn.body;
  EXPECT_TRUE(emailOn.json().at("preferences").at("notifications").at("email").as_bool());
  EXPECT_FALSE(emailOn.json().at("preferences").at("notifications").at("sound").as_bool()) << "the others kept";
  EXPECT_TRUE(server.get("/api/v1/me/preferences", admin).json().at("preferences").at("notifications").at("sound").as_bool())
      << "another agent's preferences are their own";

  for (const auto& [body, name] : std::vector<std::pair<bj::object, std::string>>{
           {bj::object{{"notifications", bj::object{{"sound", "off"}}}}, "notifications.sound"},
           {bj::object{{"notifications", bj::object{{"sms", true}}}}, "notifications.sms"},
           {bj::object{{"notifications", bj::object{{"email", 1}}}}, "notifications.email"},
           {bj::object{{"notifications", true}}, "notifications"},
           {bj::object{{"theme", "dark"}}, "theme"}}) {
    auto r = server.patch("/api/v1/me/preferences", body, sam);
    EXPECT_EQ(r.status, 400) << bj::serialize(body);
    EXPECT_EQ(field(r), name) << r.body;
  }
  EXPECT_EQ(server.get("/api/v1/me/preferences").status, 401);
}
