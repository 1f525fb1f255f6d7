// JSON of proactive rules (docs/openapi.json: ProactiveRule, ProactiveCondition, WidgetProactiveRule): the
// checked reading of an admin's conditions, the stored form, and the two views (the dashboard's, and the
// widget's, which holds only what the frame evaluates).
#pragma once

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "domain/proactive_rule.h"
#include "wire/json_codec.h"

namespace parley::json {

// Reads and checks `conditions` (an array, at most ProactiveLimits::kConditionsPerRule). Throws FieldError
// naming the field ("conditions[2].values") when anything is wrong or beyond its limit.
std::vector<ProactiveCondition> proactiveConditions(const boost::json::value& v);
// The stored form (what conditionsFromStored reads back); also the API's.
boost::json::array proactiveConditionsJson(const std::vector<ProactiveCondition>& conditions);
// The stored text as conditions; a row that cannot be read gives no conditions matched: nullopt.
std::optional<std::vector<ProactiveCondition>> conditionsFromStored(std::string_view text);

// The dashboard's view of a rule (with its counts).
boost::json::object proactiveRule(const ProactiveRule& r);

// The widget's view of a rule: its id, priority and page conditions only (no sender, no text, no visitor
// conditions: the server checks those).
boost::json::object widgetProactiveRule(Id id, int priority, const std::vector<ProactiveCondition>& conditions);

}  // namespace parley::json
