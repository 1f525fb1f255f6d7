// Proactive rules: the checked reading of conditions (limits, fields named) and the server's matching of the
// visitor conditions (language, country, identified, attribute, business hours across time zones and DST,
// agents online). The page conditions are the frame's (web/widget/app/proactive/match.test.ts).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "domain/language_tag.h"
#include "domain/proactive_rule.h"
#include "wire/proactive_rule_json.h"

namespace parley {
namespace {

namespace bj = boost::json;

std::vector<ProactiveCondition> conditions(std::string_view text) { return json::proactiveConditions(bj::parse(text)); }

std::string ruleFieldOf(std::string_view text) {
  try {
    conditions(text);
  } catch (const json::FieldError& e) {
    return e.field;
  }
  return "(accepted)";
}

TEST(ProactiveConditions, ReadsEveryTypeAndWritesItBack) {
  const std::string text = R"([{"type":"page_url","values":["/product*","*/pricing"]},{"type":"time_on_page","seconds":5},)"
                           R"({"type":"visits","op":"at_least","count":2},{"type":"referrer","contains":"google"},)"
                           R"({"type":"language","values":["de"]},{"type":"country","values":["at"]},)"
                           R"({"type":"identified","value":false},{"type":"attribute","key":"plan","op":"equals","value":"pro"},)"
                           R"({"type":"business_hours","value":true},{"type":"agents_online","value":true}])";
  auto c = conditions(text);
  ASSERT_EQ(c.size(), 10u);
  EXPECT_EQ(c[5].values.at(0), "AT");  // countries are kept upper case
  auto again = conditions(bj::serialize(json::proactiveConditionsJson(c)));
  EXPECT_EQ(bj::serialize(json::proactiveConditionsJson(again)), bj::serialize(json::proactiveConditionsJson(c)));
}

TEST(ProactiveConditions, RefusesWhatIsWrongNamingTheField) {
  EXPECT_EQ(ruleFieldOf(R"({"type":"page_url"})"), "conditions");
  EXPECT_EQ(ruleFieldOf(R"([{"type":"nope"}])"), "conditions[0].type");
  EXPECT_EQ(ruleFieldOf(R"([{"type":"time_on_page","seconds":5},{"type":"time_on_page","seconds":-1}])"),
            "conditions[1].seconds");
  EXPECT_EQ(ruleFieldOf(R"([{"type":"time_on_page","seconds":3601}])"), "conditions[0].seconds");
  EXPECT_EQ(ruleFieldOf(R"([{"type":"visits","op":"more","count":2}])"), "conditions[0].op");
  EXPECT_EQ(ruleFieldOf(R"([{"type":"page_url","values":[]}])"), "conditions[0].values");
  EXPECT_EQ(ruleFieldOf(R"([{"type":"page_url","values":[")" + std::string(501, 'a') + R"("]}])"), "conditions[0].values");
  EXPECT_EQ(ruleFieldOf(R"([{"type":"country","values":["DEU"]}])"), "conditions[0].values");
  EXPECT_EQ(ruleFieldOf(R"([{"type":"attribute","key":"","op":"equals","value":"x"}])"), "conditions[0].key");
  EXPECT_EQ(ruleFieldOf(R"([{"type":"identified","value":"yes"}])"), "conditions[0].value");
  std::string eleven = "[";
  for (int i = 0; i < 11; ++i) eleven += std::string(i ? "," : "") + R"({"type":"time_on_page","seconds":1})";
  EXPECT_EQ(ruleFieldOf(eleven + "]"), "conditions");
  EXPECT_EQ(ruleFieldOf(R"([{"type":"attribute","key":"vip","op":"exists"}])"), "(accepted)");
}

TEST(ProactiveMatching, VisitorConditions) {
  ProactiveVisitorFacts f;
  f.language = "de-AT";
  f.country = "AT";
  f.attributes_json = R"({"plan":"Pro","seats":12,"vip":true})";
  EXPECT_TRUE(visitorConditionsHold(conditions(R"([{"type":"language","values":["fr","de"]}])"), f));
  EXPECT_FALSE(visitorConditionsHold(conditions(R"([{"type":"language","values":["de-DE"]}])"), f));
  EXPECT_TRUE(visitorConditionsHold(conditions(R"([{"type":"country","values":["at"]}])"), f));
  EXPECT_FALSE(visitorConditionsHold(conditions(R"([{"type":"country","values":["DE"]}])"), f));
  EXPECT_TRUE(visitorConditionsHold(conditions(R"([{"type":"identified","value":false}])"), f));
  EXPECT_FALSE(visitorConditionsHold(conditions(R"([{"type":"identified","value":true}])"), f));
  EXPECT_TRUE(visitorConditionsHold(conditions(R"([{"type":"attribute","key":"plan","op":"equals","value":"pro"}])"), f));
  EXPECT_TRUE(visitorConditionsHold(conditions(R"([{"type":"attribute","key":"seats","op":"equals","value":"12"}])"), f));
  EXPECT_TRUE(visitorConditionsHold(conditions(R"([{"type":"attribute","key":"plan","op":"contains","value":"R"}])"), f));
  EXPECT_TRUE(visitorConditionsHold(conditions(R"([{"type":"attribute","key":"vip","op":"exists"}])"), f));
  EXPECT_FALSE(visitorConditionsHold(conditions(R"([{"type":"attribute","key":"trial","op":"exists"}])"), f));
  // All must hold.
  EXPECT_FALSE(visitorConditionsHold(
      conditions(R"([{"type":"country","values":["AT"]},{"type":"identified","value":true}])"), f));
  // Unknown language or country: a condition on it does not hold.
  ProactiveVisitorFacts unknown;
  EXPECT_FALSE(visitorConditionsHold(conditions(R"([{"type":"country","values":["AT"]}])"), unknown));
  // Page conditions are the frame's: the server lets them pass.
  EXPECT_TRUE(visitorConditionsHold(conditions(R"([{"type":"time_on_page","seconds":30}])"), unknown));
}

TEST(ProactiveMatching, LiveFactsAreCheckedOnlyWhenKnown) {
  auto online = conditions(R"([{"type":"agents_online","value":true}])");
  auto offline = conditions(R"([{"type":"agents_online","value":false}])");
  ProactiveVisitorFacts f;
  EXPECT_TRUE(visitorConditionsHold(online, f));  // the session: not known yet
  f.agents_online = 0;
  EXPECT_FALSE(visitorConditionsHold(online, f));
  EXPECT_TRUE(visitorConditionsHold(offline, f));
  f.agents_online = 2;
  EXPECT_TRUE(visitorConditionsHold(online, f));
  f.in_business_hours = false;
  EXPECT_FALSE(visitorConditionsHold(conditions(R"([{"type":"business_hours","value":true}])"), f));
  EXPECT_TRUE(visitorConditionsHold(conditions(R"([{"type":"business_hours","value":false}])"), f));
}

TEST(ProactiveMatching, BusinessHoursAcrossTimeZonesAndDst) {
  const std::string berlin =
      R"({"business_hours":{"enabled":true,"timezone":"Europe/Berlin","days":{"mon":["09:00","17:00"],)"
      R"("tue":["09:00","17:00"],"wed":["09:00","17:00"],"thu":["09:00","17:00"],"fri":["09:00","17:00"]}}})";
  EXPECT_FALSE(insideBusinessHours(berlin, 1774596600000));  // Fri 2026-03-27 07:30Z = 08:30 CET
  EXPECT_TRUE(insideBusinessHours(berlin, 1774855800000));   // Mon 2026-03-30 07:30Z = 09:30 CEST (after DST)
  EXPECT_FALSE(insideBusinessHours(berlin, 1774692000000));  // Saturday
  EXPECT_FALSE(insideBusinessHours(berlin, 1792769400000));  // Fri 2026-10-23 15:30Z = 17:30 CEST
  EXPECT_TRUE(insideBusinessHours(berlin, 1793028600000));   // Mon 2026-10-26 15:30Z = 16:30 CET (after DST)
  // Another zone: Wednesday 02:00 UTC is still Tuesday evening in New York.
  const std::string newYork =
      R"({"business_hours":{"enabled":true,"timezone":"America/New_York","days":{"tue":["20:00","23:00"]}}})";
  EXPECT_TRUE(insideBusinessHours(newYork, 1782871200000));
  EXPECT_FALSE(insideBusinessHours(berlin, 1782871200000));
  // Without business hours the workspace is always open.
  EXPECT_TRUE(insideBusinessHours("{}", 1774692000000));
}

TEST(ProactiveMatching, LanguageTags) {
  EXPECT_TRUE(languageMatches("pt", "pt-BR"));
  EXPECT_TRUE(languageMatches("pt", "pt_BR"));
  EXPECT_TRUE(languageMatches("PT-br", "pt-BR"));
  EXPECT_FALSE(languageMatches("pt", "ptx"));
  EXPECT_FALSE(languageMatches("pt-BR", "pt"));
  EXPECT_FALSE(languageMatches("", "en"));
}

TEST(ProactiveRuleJson, WidgetViewHoldsOnlyPageConditions) {
  auto c = conditions(R"([{"type":"page_url","values":["/p/*"]},{"type":"country","values":["DE"]},)"
                      R"({"type":"attribute","key":"secret","op":"equals","value":"x"}])");
  auto v = json::widgetProactiveRule(7, 3, c);
  EXPECT_EQ(bj::serialize(v), R"({"id":7,"priority":3,"conditions":[{"type":"page_url","values":["/p/*"]}]})");
}

}  // namespace
}  // namespace parley
