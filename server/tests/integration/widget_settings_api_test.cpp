// Widget settings over HTTP: what Settings > Widget saves reaches the visitor's session, and a hostile value
// is refused with a 400 naming the field (the rules themselves: tests/unit/widget_settings_test.cpp).
#include <gtest/gtest.h>

#include "test_server.h"

namespace bj = boost::json;
using namespace parley::test;

namespace {

TEST(WidgetSettingsApi, CustomisationReachesTheWidgetAndHostileValuesAreRefused) {
  TestServer server;
  auto admin = server.login();
  auto defaults = server.get("/api/v1/workspace", admin).json().at("workspace").at("settings");
  EXPECT_EQ(str(defaults.at("locale")), "auto") << "the visitor's browser decides unless the admin fixes a locale";
  EXPECT_EQ(str(defaults.at("away_message")).find("email"), std::string::npos);

  const std::string image = "/uploads/0123456789abcdef0123456789abcdef.gif";
  auto ok = server.patch("/api/v1/workspace",
                         bj::object{{"settings", bj::object{{"locale", "ar"},
                                                            {"background", "image"},
                                                            {"background_image", image},
                                                            {"launcher_label", "Chat with us"},
                                                            {"launcher_image", "https://cdn.example.com/icon.png"},
                                                            {"launcher_animation", "bounce"},
                                                            {"panel_animation", "zoom"}}}},
                         admin);
  ASSERT_EQ(ok.status, 200) << ok.body;
  auto session = server.post("/api/v1/widget/sessions", bj::object{{"workspace_id", server.workspacePublicId()}});
  ASSERT_EQ(session.status, 201) << session.body;
  auto s = session.json().at("settings");
  EXPECT_EQ(str(s.at("locale")), "ar");
  EXPECT_EQ(str(s.at("background_image")), image);
  EXPECT_EQ(str(s.at("launcher_label")), "Chat with us");
  EXPECT_EQ(str(s.at("panel_animation")), "zoom");

  for (auto [key, value] : std::vector<std::pair<std::string, bj::value>>{
           {"locale", bj::value("xx")},
           {"background", bj::value("url(https://evil.example/x.png)")},
           {"background_image", bj::value("javascript:alert(1)")},
           {"launcher_image", bj::value("https://x.example/a.png\");}*{display:none")},
           {"launcher_label", bj::value(std::string(200, 'x'))},
           {"launcher_animation", bj::value("spin")},
           {"panel_animation", bj::value(1)},
           {"launcher_icon", bj::value("M0 0z")}}) {
    auto bad = server.patch("/api/v1/workspace", bj::object{{"settings", bj::object{{key, value}}}}, admin);
    EXPECT_EQ(bad.status, 400) << key;
    EXPECT_EQ(str(bad.json().at("error").at("field")), "settings." + key);
  }
  // Nothing of the refused values was stored.
  auto after = server.get("/api/v1/workspace", admin).json().at("workspace").at("settings");
  EXPECT_EQ(str(after.at("locale")), "ar");
  EXPECT_EQ(str(after.at("launcher_image")), "https://cdn.example.com/icon.png");
}

}  // namespace
