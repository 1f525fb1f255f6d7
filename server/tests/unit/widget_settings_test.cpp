// Widget settings as an admin may set them (http/widget_settings.h): every value that reaches a visitor's
// page is checked, and a refusal names the field.
#include "http/widget_settings.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "http/api_support.h"

namespace parley {
namespace {

namespace bj = boost::json;

// The field a refusal names, or "" when the settings were accepted.
std::string refusedField(bj::object o) {
  try {
    validateSettings(o);
    return "";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status, 400);
    return e.field;
  }
}

TEST(WidgetSettings, DefaultsSayNothingUntrueAndFollowTheBrowser) {
  Workspace ws;
  auto s = widgetSettings(ws);
  EXPECT_EQ(s.at("locale"), "auto");
  EXPECT_EQ(s.at("away_message").as_string().find("email"), bj::string::npos);
  EXPECT_EQ(s.at("background"), "none");
  EXPECT_EQ(s.at("panel_animation"), "slide");
  EXPECT_EQ(s.at("launcher_animation"), "pop");
  EXPECT_EQ(s.at("launcher_label"), "");
  // A stored copy of the old default (saved along with another change) is read as the new default;
  // an away message the admin wrote stays as written.
  ws.settings_json = R"({"away_message":"We are away right now. Leave a message and we will reply by email."})";
  EXPECT_EQ(widgetSettings(ws).at("away_message").as_string().find("email"), bj::string::npos);
  ws.settings_json = R"({"away_message":"Back at 9. We reply by email."})";
  EXPECT_EQ(widgetSettings(ws).at("away_message"), "Back at 9. We reply by email.");
}

TEST(WidgetSettings, LocalesAreTheShippedOnesOrAuto) {
  for (const char* l : {"auto", "en", "de", "es", "fr", "it", "pt", "nl", "pl", "sv", "tr", "uk", "ja", "ar", "he"})
    EXPECT_EQ(refusedField({{"locale", l}}), "") << l;
  for (const char* l : {"xx", "EN", "de-DE", "", "auto "})
    EXPECT_EQ(refusedField({{"locale", l}}), "settings.locale") << l;
  EXPECT_EQ(refusedField({{"locale", 1}}), "settings.locale");
}

TEST(WidgetSettings, ChoicesComeFromFixedLists) {
  EXPECT_EQ(refusedField({{"background", "dots"}, {"panel_animation", "zoom"}, {"launcher_animation", "bounce"},
                          {"launcher_icon", "wave"}}),
            "");
  EXPECT_EQ(refusedField({{"background", "url(x)"}}), "settings.background");
  EXPECT_EQ(refusedField({{"panel_animation", "spin"}}), "settings.panel_animation");
  EXPECT_EQ(refusedField({{"launcher_animation", true}}), "settings.launcher_animation");
  EXPECT_EQ(refusedField({{"launcher_icon", "M0 0h24v24z"}}), "settings.launcher_icon");
  EXPECT_EQ(refusedField({{"position", "top"}}), "settings.position");
  EXPECT_EQ(refusedField({{"color", "#12345g"}}), "settings.color");
  EXPECT_EQ(refusedField({{"colour", "#123456"}}), "settings.colour") << "unknown keys are refused";
}

TEST(WidgetSettings, ImagesAreHttpsOrOurUploads) {
  const std::string upload = "/uploads/0123456789abcdef0123456789abcdef";
  for (std::string ok : {upload + ".png", upload + ".gif", upload + ".webp", upload + ".jpg",
                         std::string("https://cdn.example.com/brand/launcher.png?v=2"), std::string("")}) {
    EXPECT_EQ(refusedField({{"launcher_image", ok}}), "") << ok;
    EXPECT_EQ(refusedField({{"background_image", ok}}), "") << ok;
  }
  for (std::string bad : {upload + ".pdf", upload + ".txt", std::string("http://cdn.example.com/a.png"),
                          std::string("javascript:alert(1)"), std::string("https://"), std::string("//evil.example/a.png"),
                          std::string("https://x.example/a.png\") ; background:url(\"https://evil"),
                          std::string("https://x.example/a b.png"), std::string("https://x.example/a\\.png"),
                          std::string("https://user@x.example/a.png"), std::string("data:image/png;base64,AAAA"),
                          std::string("https://x.example/") + std::string(1000, 'a')}) {
    EXPECT_EQ(refusedField({{"launcher_image", bad}}), "settings.launcher_image") << bad;
    EXPECT_EQ(refusedField({{"background_image", bad}}), "settings.background_image") << bad;
  }
  EXPECT_EQ(refusedField({{"background_image", 7}}), "settings.background_image");
  EXPECT_EQ(refusedField({{"background", "image"}, {"background_image", ""}}), "settings.background_image");
  EXPECT_EQ(refusedField({{"background", "image"}, {"background_image", upload + ".png"}}), "");
}

TEST(WidgetSettings, LauncherLabelIsOneShortLine) {
  EXPECT_EQ(refusedField({{"launcher_label", "Chat with us"}}), "");
  EXPECT_EQ(refusedField({{"launcher_label", ""}}), "");
  EXPECT_EQ(refusedField({{"launcher_label", "Schreiben Sie uns – wir sind für Sie da!"}}), "") << "40 characters";
  EXPECT_EQ(refusedField({{"launcher_label", "تحدث معنا"}}), "");
  EXPECT_EQ(refusedField({{"launcher_label", std::string(41, 'x')}}), "settings.launcher_label");
  EXPECT_EQ(refusedField({{"launcher_label", "two\nlines"}}), "settings.launcher_label");
  EXPECT_EQ(refusedField({{"launcher_label", nullptr}}), "settings.launcher_label");
}

}  // namespace
}  // namespace parley
