#include "wire/proactive_rule_json.h"

#include <algorithm>
#include <cctype>
#include <iterator>

namespace parley::json {

namespace bj = boost::json;

namespace {

using T = ProactiveConditionType;
using L = ProactiveLimits;

[[noreturn]] void bad(const std::string& field, const std::string& message) { throw FieldError{field, message}; }

std::string text(const bj::object& o, std::string_view key, const std::string& field, bool required) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) {
    if (required) bad(field + "." + std::string(key), std::string(key) + " is required");
    return {};
  }
  if (!v->is_string()) bad(field + "." + std::string(key), std::string(key) + " must be text");
  std::string s(v->get_string());
  if (s.size() > L::kValueBytes)
    bad(field + "." + std::string(key), std::string(key) + " must be at most " + std::to_string(L::kValueBytes) + " bytes");
  if (required && s.empty()) bad(field + "." + std::string(key), std::string(key) + " must not be empty");
  return s;
}

std::int64_t number(const bj::object& o, std::string_view key, const std::string& field, std::int64_t lo,
                    std::int64_t hi) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_int64() || v->get_int64() < lo || v->get_int64() > hi)
    bad(field + "." + std::string(key),
        std::string(key) + " must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
  return v->get_int64();
}

bool flag(const bj::object& o, const std::string& field) {
  const auto* v = o.if_contains("value");
  if (!v) return true;
  if (!v->is_bool()) bad(field + ".value", "value must be true or false");
  return v->get_bool();
}

std::vector<std::string> values(const bj::object& o, const std::string& field, std::size_t max_bytes) {
  const auto* v = o.if_contains("values");
  if (!v || !v->is_array() || v->get_array().empty() || v->get_array().size() > L::kValuesPerCondition)
    bad(field + ".values", "values must be a list of 1 to " + std::to_string(L::kValuesPerCondition) + " entries");
  std::vector<std::string> out;
  for (const auto& x : v->get_array()) {
    if (!x.is_string() || x.get_string().empty() || x.get_string().size() > max_bytes)
      bad(field + ".values", "each value must be text of 1 to " + std::to_string(max_bytes) + " bytes");
    out.emplace_back(x.get_string());
  }
  return out;
}

std::string choice(const bj::object& o, const std::string& field, std::initializer_list<std::string_view> allowed) {
  const auto* v = o.if_contains("op");
  if (!v || !v->is_string() || std::find(allowed.begin(), allowed.end(), std::string_view(v->get_string())) == allowed.end()) {
    std::string list;
    for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    bad(field + ".op", "op must be one of " + list);
  }
  return std::string(v->get_string());
}

ProactiveCondition condition(const bj::value& v, const std::string& field) {
  if (!v.is_object()) bad(field, "each condition must be an object");
  const auto& o = v.get_object();
  const auto* type = o.if_contains("type");
  auto parsed = type && type->is_string() ? parseProactiveConditionType(type->get_string()) : std::nullopt;
  if (!parsed)
    bad(field + ".type",
        "type must be page_url, time_on_page, visits, referrer, language, country, identified, attribute, "
        "business_hours or agents_online");
  ProactiveCondition c;
  c.type = *parsed;
  switch (c.type) {
    case T::PageUrl: c.values = values(o, field, L::kValueBytes); break;
    case T::TimeOnPage: c.number = number(o, "seconds", field, 0, L::kMaxSeconds); break;
    case T::Visits:
      c.op = choice(o, field, {"at_least", "at_most", "exactly"});
      c.number = number(o, "count", field, 1, L::kMaxVisits);
      break;
    case T::Referrer: c.text = text(o, "contains", field, true); break;
    case T::Language: c.values = values(o, field, 35); break;
    case T::Country:
      c.values = values(o, field, 2);
      for (auto& x : c.values)
        if (x.size() != 2 || !std::all_of(x.begin(), x.end(), [](char ch) { return std::isalpha(static_cast<unsigned char>(ch)); }))
          bad(field + ".values", "countries are two-letter codes such as DE");
        else
          std::transform(x.begin(), x.end(), x.begin(), [](char ch) { return static_cast<char>(std::toupper(static_cast<unsigned char>(ch))); });
      break;
    case T::Identified:
    case T::BusinessHours:
    case T::AgentsOnline: c.flag = flag(o, field); break;
    case T::Attribute:
      c.key = text(o, "key", field, true);
      c.op = choice(o, field, {"equals", "contains", "exists"});
      c.text = text(o, "value", field, c.op != "exists");
      break;
  }
  return c;
}

}  // namespace

std::vector<ProactiveCondition> proactiveConditions(const bj::value& v) {
  if (!v.is_array() || v.get_array().size() > L::kConditionsPerRule)
    bad("conditions", "conditions must be a list of at most " + std::to_string(L::kConditionsPerRule));
  std::vector<ProactiveCondition> out;
  for (std::size_t i = 0; i < v.get_array().size(); ++i)
    out.push_back(condition(v.get_array()[i], "conditions[" + std::to_string(i) + "]"));
  return out;
}

bj::array proactiveConditionsJson(const std::vector<ProactiveCondition>& conditions) {
  bj::array out;
  for (const auto& c : conditions) {
    bj::object o{{"type", toString(c.type)}};
    auto list = [&] {
      bj::array a;
      for (const auto& v : c.values) a.emplace_back(v);
      return a;
    };
    switch (c.type) {
      case T::PageUrl:
      case T::Language:
      case T::Country: o["values"] = list(); break;
      case T::TimeOnPage: o["seconds"] = c.number; break;
      case T::Visits: o["op"] = c.op; o["count"] = c.number; break;
      case T::Referrer: o["contains"] = c.text; break;
      case T::Identified:
      case T::BusinessHours:
      case T::AgentsOnline: o["value"] = c.flag; break;
      case T::Attribute:
        o["key"] = c.key;
        o["op"] = c.op;
        o["value"] = c.text;
        break;
    }
    out.push_back(std::move(o));
  }
  return out;
}

std::optional<std::vector<ProactiveCondition>> conditionsFromStored(std::string_view text) {
  try {
    return proactiveConditions(bj::parse(text));
  } catch (...) {
    return std::nullopt;
  }
}

bj::object proactiveRule(const ProactiveRule& r) {
  auto conditions = conditionsFromStored(r.conditions_json);
  return {{"id", r.id},
          {"name", r.name},
          {"enabled", r.enabled},
          {"priority", r.priority},
          {"conditions", conditions ? proactiveConditionsJson(*conditions) : bj::array{}},
          {"sender_agent_id", r.sender_agent_id ? bj::value(*r.sender_agent_id) : bj::value(nullptr)},
          {"body", r.body},
          {"stats", bj::object{{"shown", r.shown}, {"opened", r.opened}, {"replied", r.replied}}},
          {"created_at", r.created_at},
          {"updated_at", r.updated_at}};
}

bj::object widgetProactiveRule(Id id, int priority, const std::vector<ProactiveCondition>& conditions) {
  std::vector<ProactiveCondition> page;
  std::copy_if(conditions.begin(), conditions.end(), std::back_inserter(page),
               [](const ProactiveCondition& c) { return isPageCondition(c.type); });
  return {{"id", id}, {"priority", priority}, {"conditions", proactiveConditionsJson(page)}};
}

}  // namespace parley::json
