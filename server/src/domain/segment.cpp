#include "domain/segment.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <charconv>
#include <stdexcept>

#include "domain/local_time.h"
#include "domain/time_zone.h"

namespace parley {

namespace {


std::string trimmedValue(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

std::string lowerAscii(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

bool isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isDecimalDigit(char c) { return c >= '0' && c <= '9'; }

bool yesNoField(std::string_view f) { return f == "identified" || f == "email_known" || f == "open_conversation"; }

std::optional<int> parseDays(std::string_view v) {
  int n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || end != v.data() + v.size() || n < 1 || n > kMaxSegmentDays) return std::nullopt;
  return n;
}

// Escapes LIKE's own characters with '\'.
void appendLiteral(std::string& out, char c) {
  if (c == '%' || c == '_' || c == '\\') out += '\\';
  out += c;
}

std::optional<SegmentError> checkCondition(SegmentCondition& c, const std::string& at) {
  c.field = trimmedValue(c.field);
  c.op = trimmedValue(c.op);
  c.key = trimmedValue(c.key);
  c.value = trimmedValue(c.value);
  auto bad = [&](const std::string& part, const std::string& why) { return SegmentError{at + "." + part, why}; };
  if (c.value.size() > kMaxSegmentValueLength)
    return bad("value", "value must be at most " + std::to_string(kMaxSegmentValueLength) + " characters");
  if (yesNoField(c.field)) {
    if (c.op != "is" && c.op != "is_not") return bad("op", "op must be is or is_not");
    c.value.clear();
    c.key.clear();
    return std::nullopt;
  }
  if (c.field != "attribute") c.key.clear();
  if (c.field == "country") {
    if (c.op != "is" && c.op != "is_not") return bad("op", "op must be is or is_not");
    if (c.value.size() != 2 || !isAlpha(c.value[0]) || !isAlpha(c.value[1]))
      return bad("value", "value must be a two-letter country code");
    for (auto& ch : c.value)
      if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    return std::nullopt;
  }
  if (c.field == "language") {
    if (c.op != "is" && c.op != "is_not") return bad("op", "op must be is or is_not");
    bool ok = c.value.size() >= 2 && c.value.size() <= 35 && isAlpha(c.value[0]) && c.value.back() != '-';
    for (char ch : c.value) ok = ok && (isAlpha(ch) || isDecimalDigit(ch) || ch == '-');
    if (!ok) return bad("value", "value must be a language tag such as en or de-AT");
    c.value = lowerAscii(c.value);
    return std::nullopt;
  }
  if (c.field == "last_seen") {
    if (c.op != "within_days" && c.op != "more_than_days") return bad("op", "op must be within_days or more_than_days");
    if (!parseDays(c.value)) return bad("value", "value must be a number of days from 1 to " + std::to_string(kMaxSegmentDays));
    return std::nullopt;
  }
  if (c.field == "first_seen") {
    if (c.op != "before" && c.op != "since") return bad("op", "op must be before or since");
    if (!parseLocalDateTime(c.value, true)) return bad("value", "value must be a date YYYY-MM-DD");
    return std::nullopt;
  }
  if (c.field == "visited_url") {
    if (c.op != "glob" && c.op != "contains") return bad("op", "op must be glob or contains");
    if (c.value.empty()) return bad("value", "value must not be empty");
    c.value = lowerAscii(c.value);
    return std::nullopt;
  }
  if (c.field == "attribute") {
    if (c.op != "equals" && c.op != "contains") return bad("op", "op must be equals or contains");
    bool ok = !c.key.empty() && c.key.size() <= kMaxSegmentAttributeKeyLength;
    for (char ch : c.key) ok = ok && (isAlpha(ch) || isDecimalDigit(ch) || ch == '_' || ch == '-' || ch == '.');
    if (!ok)
      return bad("key", "key must be 1 to " + std::to_string(kMaxSegmentAttributeKeyLength) +
                            " letters, digits, '_', '-' or '.'");
    if (c.value.empty()) return bad("value", "value must not be empty");
    c.value = lowerAscii(c.value);
    return std::nullopt;
  }
  return bad("field",
             "field must be one of identified, email_known, open_conversation, country, language, last_seen, "
             "first_seen, visited_url, attribute");
}

}  // namespace

std::optional<SegmentError> validateSegment(SegmentDefinition& d) {
  if (d.conditions.size() > kMaxSegmentConditions)
    return SegmentError{"conditions", "at most " + std::to_string(kMaxSegmentConditions) + " conditions"};
  for (std::size_t i = 0; i < d.conditions.size(); ++i)
    if (auto e = checkCondition(d.conditions[i], "conditions[" + std::to_string(i) + "]")) return e;
  return std::nullopt;
}

std::string segmentToJson(const SegmentDefinition& d) {
  boost::json::array conditions;
  for (const auto& c : d.conditions) {
    boost::json::object o{{"field", c.field}, {"op", c.op}, {"value", c.value}};
    if (!c.key.empty()) o["key"] = c.key;
    conditions.push_back(std::move(o));
  }
  return boost::json::serialize(
      boost::json::object{{"match", d.match_any ? "any" : "all"}, {"conditions", std::move(conditions)}});
}

SegmentDefinition segmentFromJson(std::string_view json) {
  boost::json::error_code ec;
  auto root = boost::json::parse(json, ec);
  if (ec || !root.is_object()) throw std::invalid_argument("segment definition");
  const auto& o = root.as_object();
  SegmentDefinition d;
  if (const auto* m = o.if_contains("match"); m && m->is_string()) d.match_any = m->as_string() == "any";
  if (const auto* cs = o.if_contains("conditions"); cs && cs->is_array()) {
    for (const auto& v : cs->as_array()) {
      if (!v.is_object()) throw std::invalid_argument("segment definition");
      const auto& co = v.as_object();
      auto text = [&](const char* k) {
        const auto* x = co.if_contains(k);
        return x && x->is_string() ? std::string(x->as_string()) : std::string();
      };
      d.conditions.push_back({text("field"), text("op"), text("key"), text("value")});
    }
  }
  return d;
}

std::string globToLike(std::string_view glob) {
  std::string out;
  for (char c : glob) {
    if (c == '*') out += '%';
    else if (c == '?') out += '_';
    else appendLiteral(out, c);
  }
  return out;
}

std::string containsLike(std::string_view text) {
  std::string out = "%";
  for (char c : text) appendLiteral(out, c);
  out += '%';
  return out;
}

ContactQuery resolveSegment(const SegmentDefinition& d, Millis now, const TimeZone& zone) {
  ContactQuery q;
  q.match_any = d.match_any;
  for (const auto& c : d.conditions) {
    ContactPredicate p;
    p.negate = c.op == "is_not";
    if (c.field == "identified") p.kind = PredicateKind::Identified;
    else if (c.field == "email_known") p.kind = PredicateKind::EmailKnown;
    else if (c.field == "open_conversation") p.kind = PredicateKind::OpenConversation;
    else if (c.field == "country") {
      p.kind = PredicateKind::CountryIs;
      p.text = c.value;
    } else if (c.field == "language") {
      p.kind = PredicateKind::LanguageIs;
      p.text = c.value;
    } else if (c.field == "last_seen") {
      p.kind = PredicateKind::LastSeenSince;
      p.number = now - parseDays(c.value).value_or(1) * kMsPerDay;
      p.negate = c.op == "more_than_days";
    } else if (c.field == "first_seen") {
      p.kind = PredicateKind::FirstSeenBefore;
      p.number = localToUtc(zone, parseLocalDateTime(c.value, true).value_or(0));
      p.negate = c.op == "since";
    } else if (c.field == "visited_url") {
      p.kind = PredicateKind::VisitedUrlLike;
      p.text = c.op == "glob" ? globToLike(c.value) : containsLike(c.value);
    } else if (c.field == "attribute") {
      p.kind = c.op == "equals" ? PredicateKind::AttributeEquals : PredicateKind::AttributeLike;
      p.key = c.key;
      p.text = c.op == "equals" ? c.value : containsLike(c.value);
    } else {
      throw std::invalid_argument("segment field");
    }
    q.predicates.push_back(std::move(p));
  }
  return q;
}

}  // namespace parley
