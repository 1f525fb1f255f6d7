// Routing rules (domain/routing_rule.h): the URL glob byte by byte, each condition, rule order.
#include "domain/routing_rule.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

TEST(UrlGlobTest, StarMatchesAnyRunOfBytesAndNothingElseIsSpecial) {
  EXPECT_TRUE(globMatch("", ""));
  EXPECT_FALSE(globMatch("", "a"));
  EXPECT_TRUE(globMatch("*", ""));
  EXPECT_TRUE(globMatch("*", "/any/thing?x=1"));
  EXPECT_TRUE(globMatch("/pricing", "/pricing"));
  EXPECT_FALSE(globMatch("/pricing", "/pricing/"));     // anchored at the end
  EXPECT_FALSE(globMatch("/pricing", "/en/pricing"));   // and at the start
  EXPECT_TRUE(globMatch("/pricing*", "/pricing/teams"));
  EXPECT_TRUE(globMatch("*/pricing", "/en/pricing"));
  EXPECT_TRUE(globMatch("/a*b*c", "/a--b--c"));
  EXPECT_TRUE(globMatch("/a*b*c", "/abc"));
  EXPECT_FALSE(globMatch("/a*b*c", "/a--c--b"));
  EXPECT_TRUE(globMatch("/a*c", "/abcbc"));             // backtracks past an early 'c'
  EXPECT_FALSE(globMatch("/p?x", "/pax"));              // '?' is a literal: URLs are full of them
  EXPECT_TRUE(globMatch("/p?x=*", "/p?x=1"));
  EXPECT_FALSE(globMatch("/Pricing", "/pricing"));      // case-sensitive, as paths are
  EXPECT_TRUE(globMatch("**", "abc"));
  EXPECT_TRUE(globMatch(std::string("/a\0b", 4), std::string("/a\0b", 4)));  // bytes, not C strings
  EXPECT_FALSE(globMatch(std::string("/a\0b", 4), "/a"));
  EXPECT_TRUE(globMatch("/caf\xC3\xA9*", "/caf\xC3\xA9/menu"));  // UTF-8 bytes match themselves
}

TEST(UrlGlobTest, ManyStarsOnALongMissStayFast) {
  const std::string text(20000, 'a');
  EXPECT_FALSE(globMatch("*a*a*a*a*a*a*a*a*b", text));  // exponential backtracking would hang here
}

TEST(UrlGlobTest, PathPatternsIgnoreSchemeAndHostAbsoluteOnesDoNot) {
  EXPECT_TRUE(urlMatches("/pricing*", "https://shop.example/pricing?plan=pro"));
  EXPECT_FALSE(urlMatches("/pricing*", "https://shop.example/en/pricing"));
  EXPECT_TRUE(urlMatches("/", "https://shop.example"));
  EXPECT_TRUE(urlMatches("/?ref=*", "https://shop.example?ref=ad"));
  EXPECT_TRUE(urlMatches("https://shop.example/*", "https://shop.example/a"));
  EXPECT_FALSE(urlMatches("https://shop.example/*", "http://shop.example/a"));
  EXPECT_TRUE(urlMatches("*/checkout*", "https://shop.example/de/checkout/pay"));
  // One glob a line; any may match; blank lines are ignored.
  EXPECT_TRUE(urlMatches("/billing*\n\n  /invoices*  ", "https://x.example/invoices/7"));
  EXPECT_FALSE(urlMatches("/billing*\n/invoices*", "https://x.example/help"));
  EXPECT_FALSE(urlMatches("", "https://x.example/help"));
}

RoutingSubject subject() {
  RoutingSubject s;
  s.page_url = "https://shop.example/billing/invoices";
  s.fields = {{"Topic", "Billing "}, {"plan", "pro"}};
  s.language = "de-AT";
  s.country = "AT";
  s.identified = false;
  return s;
}

RoutingCondition cond(RoutingField f, std::string value, std::string key = "") {
  return RoutingCondition{f, std::move(key), std::move(value)};
}

TEST(RoutingConditionTest, EachFieldTestsItsPartOfTheSubject) {
  const auto s = subject();
  EXPECT_TRUE(conditionHolds(cond(RoutingField::PageUrl, "/billing*"), s));
  EXPECT_FALSE(conditionHolds(cond(RoutingField::PageUrl, "/help*"), s));
  EXPECT_TRUE(conditionHolds(cond(RoutingField::Field, "billing", "Topic"), s));  // case and spaces ignored
  EXPECT_FALSE(conditionHolds(cond(RoutingField::Field, "Sales", "Topic"), s));
  EXPECT_FALSE(conditionHolds(cond(RoutingField::Field, "Billing", "topic"), s));  // the field's name is exact
  EXPECT_FALSE(conditionHolds(cond(RoutingField::Field, "x", "missing"), s));
  EXPECT_TRUE(conditionHolds(cond(RoutingField::Language, "de"), s));      // primary subtag
  EXPECT_TRUE(conditionHolds(cond(RoutingField::Language, "fr, de-at"), s));
  EXPECT_FALSE(conditionHolds(cond(RoutingField::Language, "d"), s));      // not a prefix of "de"
  EXPECT_FALSE(conditionHolds(cond(RoutingField::Language, "de-DE"), s));
  EXPECT_TRUE(conditionHolds(cond(RoutingField::Country, "DE, at ,CH"), s));
  EXPECT_FALSE(conditionHolds(cond(RoutingField::Country, "DE"), s));
  EXPECT_TRUE(conditionHolds(cond(RoutingField::Identified, "false"), s));
  EXPECT_FALSE(conditionHolds(cond(RoutingField::Identified, "true"), s));
  RoutingSubject empty;
  EXPECT_FALSE(conditionHolds(cond(RoutingField::PageUrl, "*"), empty));  // no page known: no match
  EXPECT_FALSE(conditionHolds(cond(RoutingField::Country, "AT"), empty));
}

TEST(RoutingRuleTest, AllConditionsMustHoldAndNoneMatchesEveryone) {
  RoutingRule r;
  r.conditions = {cond(RoutingField::Country, "AT"), cond(RoutingField::Field, "Billing", "Topic")};
  EXPECT_TRUE(ruleMatches(r, subject()));
  r.conditions.push_back(cond(RoutingField::Identified, "true"));
  EXPECT_FALSE(ruleMatches(r, subject()));
  r.conditions.clear();
  EXPECT_TRUE(ruleMatches(r, subject()));
}

TEST(RoutingRuleTest, TheFirstEnabledMatchingRuleInOrderWins) {
  std::vector<RoutingRule> rules(4);
  rules[0].id = 1;
  rules[0].conditions = {cond(RoutingField::Country, "DE")};  // does not match
  rules[1].id = 2;
  rules[1].enabled = false;                                   // would match, but is off
  rules[2].id = 3;
  rules[2].conditions = {cond(RoutingField::PageUrl, "/billing*")};
  rules[3].id = 4;                                            // matches everyone, but comes later
  const RoutingRule* got = firstMatchingRule(rules, subject());
  ASSERT_NE(got, nullptr);
  EXPECT_EQ(got->id, 3);
  std::swap(rules[2], rules[3]);
  EXPECT_EQ(firstMatchingRule(rules, subject())->id, 4);
  rules.erase(rules.begin() + 1, rules.end());
  EXPECT_EQ(firstMatchingRule(rules, subject()), nullptr);
}

TEST(RoutingRuleTest, SubjectComesFromTheContact) {
  Contact c;
  c.current_url = "https://shop.example/p/1";
  c.attributes_json = R"({"Topic":"Billing","visits":3,"vip":true})";
  c.language = "en-GB";
  c.country = "GB";
  c.external_id = "user-1";
  c.email = "a@b.example";
  auto s = routingSubjectOf(c);
  EXPECT_EQ(s.page_url, "https://shop.example/p/1");
  EXPECT_EQ(s.fields.at("Topic"), "Billing");
  EXPECT_FALSE(s.fields.contains("visits"));  // only strings: pre-chat answers are text
  EXPECT_EQ(s.fields.at("email"), "a@b.example");
  EXPECT_TRUE(s.identified);
  c.attributes_json = "not json";
  c.external_id.reset();
  auto t = routingSubjectOf(c);
  EXPECT_FALSE(t.identified);
  EXPECT_EQ(t.fields.size(), 1u);  // email only
}

TEST(RoutingRuleTest, ConditionProblemsNameWhatIsWrong) {
  EXPECT_FALSE(conditionProblem(cond(RoutingField::PageUrl, "/x*")));
  EXPECT_TRUE(conditionProblem(cond(RoutingField::PageUrl, " \n ")));
  EXPECT_TRUE(conditionProblem(cond(RoutingField::Field, "Billing", " ")));
  EXPECT_TRUE(conditionProblem(cond(RoutingField::Country, "Austria")));
  EXPECT_TRUE(conditionProblem(cond(RoutingField::Country, "A1")));
  EXPECT_FALSE(conditionProblem(cond(RoutingField::Country, "at, DE")));
  EXPECT_TRUE(conditionProblem(cond(RoutingField::Identified, "yes")));
  EXPECT_TRUE(conditionProblem(cond(RoutingField::Language, std::string(501, 'a'))));
}

TEST(RoutingRuleTest, ConditionsAndTagsRoundTripThroughStoredJson) {
  std::vector<RoutingCondition> cs{cond(RoutingField::Field, "Billing \"B\"", "Topic"), cond(RoutingField::Identified, "true")};
  auto back = conditionsFromJson(conditionsToJson(cs));
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].field, RoutingField::Field);
  EXPECT_EQ(back[0].key, "Topic");
  EXPECT_EQ(back[0].value, "Billing \"B\"");
  EXPECT_EQ(back[1].field, RoutingField::Identified);
  EXPECT_TRUE(conditionsFromJson("garbage").empty());
  EXPECT_EQ(conditionsFromJson(R"([{"field":"nope","value":"x"},{"field":"country","value":"AT"}])").size(), 1u);
  EXPECT_EQ(routingTagsFromJson(routingTagsToJson({"vip", "billing"})), (std::vector<std::string>{"vip", "billing"}));
}

}  // namespace
}  // namespace parley
