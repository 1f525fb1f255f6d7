// domain bot settings: limits naming the field, when the bot engages, when the team is back.
#include "domain/bot_settings.h"

#include <gtest/gtest.h>

#include "domain/bot_availability.h"

namespace parley {
namespace {

TEST(BotSettings, DefaultsAreValidAndOff) {
  auto s = defaultBotSettings();
  EXPECT_FALSE(s.enabled);
  EXPECT_FALSE(checkBotSettings(s));
}

TEST(BotSettings, ProblemsNameTheField) {
  auto field = [](auto change) {
    auto s = defaultBotSettings();
    change(s);
    auto p = checkBotSettings(s);
    return p ? p->field : std::string("ok");
  };
  EXPECT_EQ(field([](BotSettings& s) { s.greeting = " "; }), "greeting");
  EXPECT_EQ(field([](BotSettings& s) { s.greeting = std::string(1001, 'a'); }), "greeting");
  EXPECT_EQ(field([](BotSettings& s) { s.offline_text = ""; }), "offline_text");
  EXPECT_EQ(field([](BotSettings& s) { s.options.resize(11, s.options[0]); }), "options");
  EXPECT_EQ(field([](BotSettings& s) { s.options[0].id = "Bad Id"; }), "options[0].id");
  EXPECT_EQ(field([](BotSettings& s) { s.options.push_back(s.options[0]); }), "options[1].id");
  EXPECT_EQ(field([](BotSettings& s) { s.options[0].label = std::string(81, 'a'); }), "options[0].label");
  EXPECT_EQ(field([](BotSettings& s) { s.options[0].action = BotOptionAction::Answer; }), "options[0].text");
  EXPECT_EQ(field([](BotSettings& s) { s.options[0].action = BotOptionAction::Article; }), "options[0].article_id");
  EXPECT_EQ(field([](BotSettings& s) { s.options[0].action = BotOptionAction::Ask; }), "options[0].field");
  EXPECT_EQ(field([](BotSettings& s) {
              s.options[0].action = BotOptionAction::Ask;
              s.options[0].field = BotField::Email;
            }),
            "options[0].question");
  EXPECT_EQ(field([](BotSettings& s) { s.ai.enabled = true; }), "ai.base_url");
  EXPECT_EQ(field([](BotSettings& s) { s.ai.base_url = "ftp://x"; }), "ai.base_url");
  EXPECT_EQ(field([](BotSettings& s) { s.ai.timeout_ms = 10; }), "ai.timeout_ms");
  EXPECT_EQ(field([](BotSettings& s) { s.ai.max_per_hour = 0; }), "ai.max_per_hour");
}

TEST(BotSettings, WhenTheBotEngages) {
  auto s = defaultBotSettings();
  EXPECT_FALSE(botEngages(s, false, false));
  s.enabled = true;
  EXPECT_TRUE(botEngages(s, true, true));
  s.when = BotWhen::OutsideHours;
  EXPECT_FALSE(botEngages(s, true, false));
  EXPECT_TRUE(botEngages(s, false, true));
  s.when = BotWhen::NobodyOnline;
  EXPECT_FALSE(botEngages(s, false, true));
  EXPECT_TRUE(botEngages(s, true, false));
}

TEST(BotSettings, WordsRoundTrip) {
  for (auto w : {BotWhen::Always, BotWhen::OutsideHours, BotWhen::NobodyOnline})
    EXPECT_EQ(parseBotWhen(toString(w)), w);
  for (auto f : {BotField::Email, BotField::Name, BotField::OrderNumber}) EXPECT_EQ(parseBotField(toString(f)), f);
  EXPECT_FALSE(parseBotOptionAction("dance"));
}

TEST(BotAvailability, NextOpeningInTheZone) {
  // Weekdays 09:00-17:00 in Berlin. 2026-12-05 is a Saturday.
  auto hours = parseBusinessHours(
      R"({"business_hours":{"enabled":true,"timezone":"Europe/Berlin","days":{"mon":["09:00","17:00"],)"
      R"("tue":["09:00","17:00"],"wed":["09:00","17:00"],"thu":["09:00","17:00"],"fri":["09:00","17:00"]}}})");
  ASSERT_TRUE(hours.enabled);
  const Millis saturdayNoonUtc = 1'796'472'000'000;  // 2026-12-05T12:00Z
  const Millis mondayNineBerlin = 1'796'630'400'000;  // 2026-12-07T08:00Z
  EXPECT_EQ(nextOpening(hours, saturdayNoonUtc), mondayNineBerlin);
  EXPECT_EQ(describeNextOpening(hours, saturdayNoonUtc), "Monday 09:00 (Europe/Berlin)");
  // Open now: now, and nothing to say.
  EXPECT_EQ(nextOpening(hours, mondayNineBerlin + 60'000), mondayNineBerlin + 60'000);
  EXPECT_EQ(describeNextOpening(hours, mondayNineBerlin + 60'000), "");
  // Friday evening: Monday again; Monday 08:00 Berlin: the same day.
  EXPECT_EQ(nextOpening(hours, mondayNineBerlin - 3'600'000), mondayNineBerlin);
  BusinessHours off;
  EXPECT_FALSE(nextOpening(off, saturdayNoonUtc));
}

}  // namespace
}  // namespace parley
