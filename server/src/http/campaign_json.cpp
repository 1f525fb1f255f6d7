#include "http/campaign_json.h"

#include "domain/local_time.h"
#include "http/api_support.h"

namespace parley {

namespace bj = boost::json;

namespace {

bj::value optionalId(const std::optional<Id>& v) { return v ? bj::value(*v) : bj::value(nullptr); }
bj::value optionalTime(const std::optional<Millis>& v) { return v ? bj::value(*v) : bj::value(nullptr); }

// A condition's text part: a string, or a whole number (a number of days) as its digits.
std::string conditionText(const bj::object& o, const char* key, const std::string& at) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return {};
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_int64()) return std::to_string(v->as_int64());
  throw ApiError(400, "invalid", std::string(key) + " must be a string", at + "." + key);
}

}  // namespace

bj::object segmentJson(const Segment& s) {
  bj::array conditions;
  for (const auto& c : s.definition.conditions) {
    bj::object o{{"field", c.field}, {"op", c.op}, {"value", c.value}};
    if (!c.key.empty()) o["key"] = c.key;
    conditions.push_back(std::move(o));
  }
  return {{"id", s.id},
          {"name", s.name},
          {"match", s.definition.match_any ? "any" : "all"},
          {"conditions", std::move(conditions)},
          {"created_at", s.created_at},
          {"updated_at", s.updated_at}};
}

SegmentDefinition segmentDefinitionFrom(const bj::object& body) {
  SegmentDefinition d;
  if (const auto* m = body.if_contains("match"); m && !m->is_null()) {
    if (!m->is_string() || (m->as_string() != "all" && m->as_string() != "any"))
      throw ApiError(400, "invalid", "match must be all or any", "match");
    d.match_any = m->as_string() == "any";
  }
  const auto* cs = body.if_contains("conditions");
  if (!cs || !cs->is_array()) throw ApiError(400, "invalid", "conditions must be an array", "conditions");
  // Counted before anything is read: the limit bounds the work too.
  if (cs->as_array().size() > kMaxSegmentConditions)
    throw ApiError(400, "invalid", "at most " + std::to_string(kMaxSegmentConditions) + " conditions", "conditions");
  for (std::size_t i = 0; i < cs->as_array().size(); ++i) {
    const std::string at = "conditions[" + std::to_string(i) + "]";
    const auto& v = cs->as_array()[i];
    if (!v.is_object()) throw ApiError(400, "invalid", "a condition must be an object", at);
    const auto& o = v.as_object();
    d.conditions.push_back({conditionText(o, "field", at), conditionText(o, "op", at), conditionText(o, "key", at),
                            conditionText(o, "value", at)});
  }
  if (auto e = validateSegment(d)) throw ApiError(400, "invalid", e->message, e->field);
  return d;
}

bj::object campaignJson(const Campaign& c, const TimeZone& zone) {
  return {{"id", c.id},
          {"name", c.name},
          {"segment_id", optionalId(c.segment_id)},
          {"sender_agent_id", optionalId(c.sender_agent_id)},
          {"body", c.body},
          {"state", toString(c.state)},
          {"scheduled_at", optionalTime(c.scheduled_at)},
          {"scheduled_local", c.scheduled_at ? bj::value(formatLocalDateTime(zone, *c.scheduled_at)) : bj::value(nullptr)},
          {"started_at", optionalTime(c.started_at)},
          {"finished_at", optionalTime(c.finished_at)},
          {"created_at", c.created_at},
          {"updated_at", c.updated_at},
          {"stats", bj::object{{"targeted", c.stats.targeted},
                               {"delivered", c.stats.delivered},
                               {"seen", c.stats.seen},
                               {"replied", c.stats.replied}}}};
}

}  // namespace parley
