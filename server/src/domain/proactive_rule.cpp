#include "domain/proactive_rule.h"

#include <algorithm>
#include <array>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "domain/ascii.h"
#include "domain/language_tag.h"

namespace parley {

namespace {

using T = ProactiveConditionType;

constexpr std::array<std::pair<T, std::string_view>, 10> kTypes = {{
    {T::PageUrl, "page_url"},
    {T::TimeOnPage, "time_on_page"},
    {T::Visits, "visits"},
    {T::Referrer, "referrer"},
    {T::Language, "language"},
    {T::Country, "country"},
    {T::Identified, "identified"},
    {T::Attribute, "attribute"},
    {T::BusinessHours, "business_hours"},
    {T::AgentsOnline, "agents_online"},
}};

// The attribute's value as text: strings as they are, numbers and booleans as JSON writes them.
std::optional<std::string> attributeText(std::string_view attributes_json, std::string_view key) {
  boost::system::error_code ec;
  auto v = boost::json::parse(attributes_json, ec);
  if (ec || !v.is_object()) return std::nullopt;
  const auto* a = v.as_object().if_contains(key);
  if (!a || a->is_null()) return std::nullopt;
  if (a->is_string()) return std::string(a->get_string());
  if (a->is_object() || a->is_array()) return std::nullopt;
  return boost::json::serialize(*a);
}

bool attributeHolds(const ProactiveCondition& c, std::string_view attributes_json) {
  auto value = attributeText(attributes_json, c.key);
  if (c.op == "exists") return value.has_value() && !value->empty();
  if (!value) return false;
  if (c.op == "equals") return asciiIEquals(*value, c.text);
  if (c.op == "contains") return asciiLower(*value).find(asciiLower(c.text)) != std::string::npos;
  return false;
}

bool holds(const ProactiveCondition& c, const ProactiveVisitorFacts& f) {
  switch (c.type) {
    case T::Language:
      return f.language && std::any_of(c.values.begin(), c.values.end(),
                                       [&](const std::string& v) { return languageMatches(v, *f.language); });
    case T::Country:
      return f.country && std::any_of(c.values.begin(), c.values.end(),
                                      [&](const std::string& v) { return asciiIEquals(v, *f.country); });
    case T::Identified:
      return f.identified == c.flag;
    case T::Attribute:
      return attributeHolds(c, f.attributes_json);
    case T::BusinessHours:
      return !f.in_business_hours || *f.in_business_hours == c.flag;
    case T::AgentsOnline:
      return !f.agents_online || (*f.agents_online > 0) == c.flag;
    default:
      return true;  // a page condition: the frame's to check
  }
}

}  // namespace

std::string_view toString(ProactiveConditionType t) {
  for (const auto& [type, name] : kTypes)
    if (type == t) return name;
  return "page_url";
}

std::optional<ProactiveConditionType> parseProactiveConditionType(std::string_view s) {
  for (const auto& [type, name] : kTypes)
    if (name == s) return type;
  return std::nullopt;
}

bool isPageCondition(ProactiveConditionType t) {
  return t == T::PageUrl || t == T::TimeOnPage || t == T::Visits || t == T::Referrer;
}

bool visitorConditionsHold(const std::vector<ProactiveCondition>& conditions, const ProactiveVisitorFacts& facts) {
  return std::all_of(conditions.begin(), conditions.end(), [&](const ProactiveCondition& c) { return holds(c, facts); });
}

bool insideBusinessHours(std::string_view settings_json, Millis now) {
  return isOpen(parseBusinessHours(settings_json), now);
}

}  // namespace parley
