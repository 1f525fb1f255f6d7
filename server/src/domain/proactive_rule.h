// Proactive messages by rule (issue 13): a message the widget shows by itself when a visitor matches a rule's
// conditions. The conditions are split by who can tell: the page ones (URL, time on the page, visits, referrer)
// only the visitor's browser knows, so the frame evaluates them (web/widget/app/proactive/); the visitor ones
// (language, country, identified, a custom attribute) and the live ones (business hours, agents online) the
// server checks, when it hands the rules to the widget and again when the widget asks for a rule's message.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/business_hours.h"
#include "domain/model.h"

namespace parley {

// The written limits of a rule (the API answers 400 naming the field beyond them).
struct ProactiveLimits {
  static constexpr std::size_t kRulesPerWorkspace = 50;
  static constexpr std::size_t kConditionsPerRule = 10;
  static constexpr std::size_t kValuesPerCondition = 20;  // globs, languages, countries
  static constexpr std::size_t kNameBytes = 100;
  static constexpr std::size_t kValueBytes = 500;  // one glob, referrer text, attribute key or value
  static constexpr std::size_t kBodyBytes = 2000;   // the message (validateMessageBody allows more; a teaser is short)
  static constexpr std::int64_t kMaxSeconds = 3600;
  static constexpr std::int64_t kMaxVisits = 10000;
  static constexpr std::int64_t kMaxPriority = 1000;
  static constexpr std::int64_t kMaxCapHours = 24 * 30;
  static constexpr std::int64_t kDefaultCapHours = 24;
};

// A rule as stored (store/proactive_rule_store.h).
struct ProactiveRule {
  Id id = 0;
  Id workspace_id = 0;
  std::string name;
  bool enabled = true;
  int priority = 0;                    // the higher wins when several rules match
  std::string conditions_json = "[]";  // wire/proactive_rule_json.h writes and reads it
  std::optional<Id> sender_agent_id;   // nullopt: sent as the workspace (a bot message)
  std::string body;
  Millis created_at = 0;
  Millis updated_at = 0;
  // Counts, kept by the store (ignored on create and update).
  std::int64_t shown = 0;    // delivered: the message was stored
  std::int64_t opened = 0;   // the visitor opened the chat at it
  std::int64_t replied = 0;  // the visitor wrote in that conversation afterwards
};

enum class ProactiveConditionType {
  PageUrl,        // values: globs (* any run of characters); any one matching the page's URL
  TimeOnPage,     // number: seconds on the current page
  Visits,         // op at_least | at_most | exactly, number: the visitor's visits to the site (this one included)
  Referrer,       // text: the page's referrer contains it (case-insensitive)
  Language,       // values: language tags; "de" matches "de-AT"
  Country,        // values: ISO 3166 alpha-2 codes
  Identified,     // flag: identified (true) or anonymous (false)
  Attribute,      // key, op equals | contains | exists, text
  BusinessHours,  // flag: inside (true) or outside (false) the workspace's business hours
  AgentsOnline,   // flag: at least one agent online (true) or none (false)
};

struct ProactiveCondition {
  ProactiveConditionType type = ProactiveConditionType::PageUrl;
  std::vector<std::string> values;
  std::string key;
  std::string op;
  std::string text;
  std::int64_t number = 0;
  bool flag = true;
};

std::string_view toString(ProactiveConditionType t);
std::optional<ProactiveConditionType> parseProactiveConditionType(std::string_view s);
// Page conditions are evaluated by the frame (the server cannot know them).
bool isPageCondition(ProactiveConditionType t);

// What the server knows of a visitor. The live facts are nullopt when a check should not look at them (the
// widget's session: business hours and presence change while the page is open, so they are checked when the
// widget asks for the message).
struct ProactiveVisitorFacts {
  bool identified = false;
  std::optional<std::string> language;
  std::optional<std::string> country;
  std::string attributes_json = "{}";
  std::optional<bool> in_business_hours;
  std::optional<int> agents_online;
};

// True when every condition the server can check holds (page conditions are skipped).
bool visitorConditionsHold(const std::vector<ProactiveCondition>& conditions, const ProactiveVisitorFacts& facts);

// The business-hours fact for a workspace's settings at `now` (domain/business_hours.h). With business hours
// disabled the workspace counts as always open, as the widget does.
bool insideBusinessHours(std::string_view settings_json, Millis now);


}  // namespace parley
