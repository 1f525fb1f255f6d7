// Routing rules (issue 13, item 4): what a new conversation is given before auto-assignment, in
// the workspace's order. A rule matches when all its conditions hold (none: it always matches);
// the first enabled rule that matches wins and its actions (a team, a priority, tags) are
// applied. Later rules are not looked at: an admin orders rules from specific to general, as in
// a mail filter list, and can read off which rule routed a chat.
//
// Pure: the subject is what the store knows of the contact when the conversation is created
// (its page, the pre-chat form's answers in its attributes, language, country, identity).
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/enums.h"
#include "domain/model.h"

namespace parley {

// The written limits of a workspace's rules (the REST API answers 400 beyond them).
struct RoutingLimits {
  static constexpr std::size_t kRules = 100;         // per workspace
  static constexpr std::size_t kConditions = 10;     // per rule
  static constexpr std::size_t kTags = 10;           // per rule
  static constexpr std::size_t kName = 100;          // bytes of a rule's name
  static constexpr std::size_t kValue = 500;         // bytes of a condition's value (a URL glob, a field value)
  static constexpr std::size_t kKey = 100;           // bytes of a pre-chat field's name
  static constexpr std::size_t kTag = 50;            // bytes of a tag
};

enum class RoutingField { PageUrl, Field, Language, Country, Identified };

template <>
struct EnumNames<RoutingField> {
  static constexpr std::array<std::string_view, 5> names{"page_url", "field", "language", "country", "identified"};
};
static_assert(EnumNames<RoutingField>::names.size() == std::size_t(RoutingField::Identified) + 1);

struct RoutingCondition {
  RoutingField field = RoutingField::PageUrl;
  // page_url: a glob ('*' any run of characters, everything else literal; a pattern starting with
  //   '/' is matched against the path and query only). Several globs: one per line, any may match.
  // field: `key` is the pre-chat field's name (an attribute of the contact); `value` is compared
  //   without regard to ASCII case and surrounding spaces.
  // language: a BCP 47 tag or its primary subtag ("de" matches "de-AT"); several, comma-separated.
  // country: ISO 3166 alpha-2 codes, comma-separated ("DE, AT, CH").
  // identified: "true" (the site told us who the visitor is) or "false".
  std::string key;
  std::string value;
};

struct RoutingRule {
  Id id = 0;
  Id workspace_id = 0;
  int position = 0;  // 0-based order within the workspace
  std::string name;
  bool enabled = true;
  std::vector<RoutingCondition> conditions;  // all must hold
  std::optional<Id> team_id;
  std::optional<Priority> priority;
  std::vector<std::string> tags;
  Millis created_at = 0;
};

// What a rule is tested against.
struct RoutingSubject {
  std::string page_url;
  std::map<std::string, std::string> fields;  // the contact's attributes that are strings (pre-chat answers)
  std::string language;
  std::string country;
  bool identified = false;
};

// The contact as a subject: current_url, string attributes, language, country, external_id.
RoutingSubject routingSubjectOf(const Contact& contact);

// '*' matches any run of bytes (also '/'); every other byte matches itself (case-sensitive, so
// "/Pricing" and "/pricing" differ as they may on a server). Anchored at both ends.
bool globMatch(std::string_view pattern, std::string_view text);
// A page_url condition's globs against a URL: absolute patterns against the whole URL, patterns
// starting with '/' against its path and query (from the first '/' after "scheme://host").
bool urlMatches(std::string_view globs, std::string_view url);

bool conditionHolds(const RoutingCondition& c, const RoutingSubject& s);
bool ruleMatches(const RoutingRule& r, const RoutingSubject& s);
// The first enabled rule, in `rules`' order, that matches; nullptr when none does.
const RoutingRule* firstMatchingRule(const std::vector<RoutingRule>& rules, const RoutingSubject& s);

// A problem with a condition for a person ("country must be two-letter codes"), or nullopt.
std::optional<std::string> conditionProblem(const RoutingCondition& c);

// Conditions and tags as stored (a JSON array), and back. A malformed stored text reads as empty.
std::string conditionsToJson(const std::vector<RoutingCondition>& conditions);
std::vector<RoutingCondition> conditionsFromJson(std::string_view json);
std::string routingTagsToJson(const std::vector<std::string>& tags);
std::vector<std::string> routingTagsFromJson(std::string_view json);

}  // namespace parley
