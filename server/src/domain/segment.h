// Segments (issue 13, campaigns): a saved, named set of conditions on contacts. This file holds the
// conditions as an admin writes them, their validation (every limit written here), and their
// resolution against a moment and the workspace's time zone into predicates with plain values,
// which each store backend turns into parameterised SQL (store/segment_sql.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"

namespace parley {

class TimeZone;

constexpr std::size_t kMaxSegmentConditions = 20;
constexpr std::size_t kMaxSegmentsPerWorkspace = 100;
constexpr std::size_t kMaxSegmentNameLength = 100;
constexpr std::size_t kMaxSegmentValueLength = 500;
constexpr std::size_t kMaxSegmentAttributeKeyLength = 64;
constexpr int kMaxSegmentDays = 3650;

// One condition. `field` and `op`:
//   identified, email_known, open_conversation   is | is_not          (no value)
//   country                                      is | is_not          value: ISO 3166 alpha-2 ("DE")
//   language                                     is | is_not          value: "de" (also matches "de-AT") or "de-at"
//   last_seen                                    within_days | more_than_days   value: 1..3650
//   first_seen                                   before | since       value: "YYYY-MM-DD", midnight in the workspace's zone
//   visited_url                                  glob | contains      value: a URL pattern ('*' any text, '?' one character)
//   attribute                                    equals | contains    key: the attribute's name, value: text
// Text comparisons ignore ASCII case.
struct SegmentCondition {
  std::string field;
  std::string op;
  std::string key;    // attribute only
  std::string value;  // empty for the yes/no fields
};

struct SegmentDefinition {
  bool match_any = false;  // false: every condition must hold ("all"); true: at least one ("any")
  std::vector<SegmentCondition> conditions;
};

struct SegmentError {
  std::string field;  // "conditions[2].value", "conditions", "match"
  std::string message;
};

// Checks every limit and normalises in place (trimmed; country upper case; language, URL patterns
// and attribute values lower case). No conditions is valid: everyone.
std::optional<SegmentError> validateSegment(SegmentDefinition& d);

// The stored form, {"match":"all","conditions":[{"field":..,"op":..,"key":..,"value":..}]}.
std::string segmentToJson(const SegmentDefinition& d);
// Throws std::invalid_argument on text segmentToJson did not write (validation is separate).
SegmentDefinition segmentFromJson(std::string_view json);

enum class PredicateKind {
  Identified,        // external_id known
  EmailKnown,
  OpenConversation,  // a conversation that is not resolved
  CountryIs,         // text: upper-case code
  LanguageIs,        // text: lower-case tag; also its subtags (text + "-%")
  LastSeenSince,     // number: millis
  FirstSeenBefore,   // number: millis
  VisitedUrlLike,    // text: a LIKE pattern with '\' as escape, lower case
  AttributeEquals,   // key, text (lower case)
  AttributeLike,     // key, text: a LIKE pattern, lower case
};

struct ContactPredicate {
  PredicateKind kind = PredicateKind::Identified;
  bool negate = false;
  std::string text;
  std::string key;
  std::int64_t number = 0;
};

// What a store matches: the predicates joined by AND (or OR when match_any); none matches everyone.
struct ContactQuery {
  bool match_any = false;
  std::vector<ContactPredicate> predicates;
};

// `d` must be valid. Dates and "N days" are resolved against `now` in `zone`.
ContactQuery resolveSegment(const SegmentDefinition& d, Millis now, const TimeZone& zone);

// LIKE patterns (escape character '\'): a glob ('*', '?') matching the whole text, and "contains".
std::string globToLike(std::string_view glob);
std::string containsLike(std::string_view text);

}  // namespace parley
