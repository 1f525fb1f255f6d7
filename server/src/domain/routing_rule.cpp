#include "domain/routing_rule.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <cctype>

#include "domain/ascii.h"
#include "domain/language_tag.h"

namespace parley {

namespace bj = boost::json;

namespace {

std::string_view trimSpace(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

// Items of a list separated by `sep`, trimmed, empty ones dropped.
std::vector<std::string_view> items(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  while (true) {
    auto at = s.find(sep);
    auto item = trimSpace(s.substr(0, at));
    if (!item.empty()) out.push_back(item);
    if (at == std::string_view::npos) break;
    s.remove_prefix(at + 1);
  }
  return out;
}

// "https://shop.example/a/b?x=1" -> "/a/b?x=1"; an empty path is "/" ("https://x.example?a=1" -> "/?a=1").
std::string pathOf(std::string_view url) {
  auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string(url);
  auto end = url.find_first_of("/?#", scheme + 3);
  if (end == std::string_view::npos) return "/";
  if (url[end] == '/') return std::string(url.substr(end));
  return "/" + std::string(url.substr(end));
}

}  // namespace

RoutingSubject routingSubjectOf(const Contact& contact) {
  RoutingSubject s;
  s.page_url = contact.current_url.value_or("");
  s.language = contact.language.value_or("");
  s.country = contact.country.value_or("");
  s.identified = contact.external_id.has_value() && !contact.external_id->empty();
  bj::error_code ec;
  auto v = bj::parse(contact.attributes_json, ec);
  if (!ec && v.is_object())
    for (const auto& [k, val] : v.get_object())
      if (val.is_string()) s.fields.emplace(std::string(k), std::string(val.get_string()));
  // The pre-chat form's name and email land on the contact itself.
  if (contact.name) s.fields.emplace("name", *contact.name);
  if (contact.email) s.fields.emplace("email", *contact.email);
  return s;
}

bool globMatch(std::string_view p, std::string_view t) {
  // Iterative with one backtrack point (the last '*'): linear in practice, never exponential.
  std::size_t pi = 0, ti = 0, star = std::string_view::npos, mark = 0;
  while (ti < t.size()) {
    if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      mark = ti;
    } else if (pi < p.size() && p[pi] == t[ti]) {
      ++pi;
      ++ti;
    } else if (star != std::string_view::npos) {
      pi = star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

bool urlMatches(std::string_view globs, std::string_view url) {
  for (auto g : items(globs, '\n')) {
    if (g.front() == '/' ? globMatch(g, pathOf(url)) : globMatch(g, url)) return true;
  }
  return false;
}

bool conditionHolds(const RoutingCondition& c, const RoutingSubject& s) {
  switch (c.field) {
    case RoutingField::PageUrl:
      return !s.page_url.empty() && urlMatches(c.value, s.page_url);
    case RoutingField::Field: {
      auto it = s.fields.find(std::string(trimSpace(c.key)));
      return it != s.fields.end() && asciiIEquals(trimSpace(it->second), trimSpace(c.value));
    }
    case RoutingField::Language:
      for (auto l : items(c.value, ','))
        if (languageMatches(l, s.language)) return true;
      return false;
    case RoutingField::Country:
      for (auto code : items(c.value, ','))
        if (asciiIEquals(code, s.country)) return true;
      return false;
    case RoutingField::Identified:
      return (trimSpace(c.value) == "true") == s.identified;
  }
  return false;
}

bool ruleMatches(const RoutingRule& r, const RoutingSubject& s) {
  for (const auto& c : r.conditions)
    if (!conditionHolds(c, s)) return false;
  return true;
}

const RoutingRule* firstMatchingRule(const std::vector<RoutingRule>& rules, const RoutingSubject& s) {
  for (const auto& r : rules)
    if (r.enabled && ruleMatches(r, s)) return &r;
  return nullptr;
}

std::optional<std::string> conditionProblem(const RoutingCondition& c) {
  if (c.value.size() > RoutingLimits::kValue) return "value must be at most 500 bytes";
  if (c.key.size() > RoutingLimits::kKey) return "key must be at most 100 bytes";
  switch (c.field) {
    case RoutingField::PageUrl:
      if (items(c.value, '\n').empty()) return "page_url needs a URL pattern, e.g. /pricing*";
      return std::nullopt;
    case RoutingField::Field:
      if (trimSpace(c.key).empty()) return "field needs the pre-chat field's name in key";
      return std::nullopt;
    case RoutingField::Language:
      if (items(c.value, ',').empty()) return "language needs a language code, e.g. de";
      return std::nullopt;
    case RoutingField::Country: {
      auto codes = items(c.value, ',');
      if (codes.empty()) return "country needs two-letter country codes, e.g. DE, AT";
      for (auto code : codes)
        if (code.size() != 2 || !std::isalpha(static_cast<unsigned char>(code[0])) ||
            !std::isalpha(static_cast<unsigned char>(code[1])))
          return "country must be two-letter country codes, e.g. DE, AT";
      return std::nullopt;
    }
    case RoutingField::Identified:
      if (c.value != "true" && c.value != "false") return "identified must be \"true\" or \"false\"";
      return std::nullopt;
  }
  return "unknown field";
}

std::string conditionsToJson(const std::vector<RoutingCondition>& conditions) {
  bj::array out;
  for (const auto& c : conditions) {
    bj::object o{{"field", toString(c.field)}, {"value", c.value}};
    if (c.field == RoutingField::Field) o["key"] = c.key;
    out.push_back(std::move(o));
  }
  return bj::serialize(out);
}

std::vector<RoutingCondition> conditionsFromJson(std::string_view json) {
  std::vector<RoutingCondition> out;
  bj::error_code ec;
  auto v = bj::parse(json, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& e : v.get_array()) {
    if (!e.is_object()) continue;
    const auto& o = e.get_object();
    auto f = o.if_contains("field");
    auto field = f && f->is_string() ? parseEnum<RoutingField>(f->get_string()) : std::nullopt;
    if (!field) continue;
    RoutingCondition c;
    c.field = *field;
    if (auto k = o.if_contains("key"); k && k->is_string()) c.key = k->get_string();
    if (auto val = o.if_contains("value"); val && val->is_string()) c.value = val->get_string();
    out.push_back(std::move(c));
  }
  return out;
}

std::string routingTagsToJson(const std::vector<std::string>& tags) {
  bj::array out;
  for (const auto& t : tags) out.emplace_back(t);
  return bj::serialize(out);
}

std::vector<std::string> routingTagsFromJson(std::string_view json) {
  std::vector<std::string> out;
  bj::error_code ec;
  auto v = bj::parse(json, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& e : v.get_array())
    if (e.is_string()) out.emplace_back(e.get_string());
  return out;
}

}  // namespace parley
