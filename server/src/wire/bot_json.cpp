#include "wire/bot_json.h"

#include <boost/json.hpp>

#include "wire/json_codec.h"

namespace parley {

namespace bj = boost::json;

namespace {

bj::object optionJson(const BotOption& o) {
  bj::object j{{"id", o.id}, {"label", o.label}, {"action", toString(o.action)}};
  switch (o.action) {
    case BotOptionAction::Answer: j["text"] = o.text; break;
    case BotOptionAction::Article:
      j["article_id"] = o.article_id.value_or(0);
      j["text"] = o.text;
      break;
    case BotOptionAction::Ask:
      j["field"] = toString(o.field.value_or(BotField::Email));
      j["question"] = o.question;
      break;
    case BotOptionAction::Human: break;
  }
  return j;
}

bj::object settingsJson(const BotSettings& s, bool with_key) {
  bj::array options;
  for (const auto& o : s.options) options.push_back(optionJson(o));
  bj::object ai{{"enabled", s.ai.enabled},     {"base_url", s.ai.base_url},         {"model", s.ai.model},
                {"api_key_set", !s.ai.api_key.empty()}, {"timeout_ms", s.ai.timeout_ms}, {"max_per_hour", s.ai.max_per_hour}};
  if (with_key) ai["api_key"] = s.ai.api_key;
  return {{"enabled", s.enabled},           {"when", toString(s.when)},
          {"greeting", s.greeting},         {"options", std::move(options)},
          {"handoff_text", s.handoff_text}, {"offline_text", s.offline_text},
          {"ai", std::move(ai)}};
}

std::string stringField(const bj::object& o, std::string_view key, const std::string& field, const std::string& current) {
  auto it = o.find(key);
  if (it == o.end()) return current;
  if (!it->value().is_string()) throw json::FieldError{field, "must be a string"};
  return std::string(it->value().get_string());
}

bool boolean(const bj::object& o, std::string_view key, const std::string& field, bool current) {
  auto it = o.find(key);
  if (it == o.end()) return current;
  if (!it->value().is_bool()) throw json::FieldError{field, "must be true or false"};
  return it->value().get_bool();
}

int integer(const bj::object& o, std::string_view key, const std::string& field, int current) {
  auto it = o.find(key);
  if (it == o.end()) return current;
  if (!it->value().is_int64() || it->value().get_int64() < INT32_MIN || it->value().get_int64() > INT32_MAX)
    throw json::FieldError{field, "must be an integer"};
  return static_cast<int>(it->value().get_int64());
}

BotOption optionFrom(const bj::value& v, std::size_t i) {
  const std::string at = "options[" + std::to_string(i) + "]";
  if (!v.is_object()) throw json::FieldError{at, "must be an object"};
  const auto& o = v.get_object();
  BotOption out;
  out.id = stringField(o, "id", at + ".id", "");
  out.label = stringField(o, "label", at + ".label", "");
  auto action = parseBotOptionAction(stringField(o, "action", at + ".action", ""));
  if (!action) throw json::FieldError{at + ".action", "must be answer, article, ask or human"};
  out.action = *action;
  out.text = stringField(o, "text", at + ".text", "");
  out.question = stringField(o, "question", at + ".question", "");
  if (auto it = o.find("article_id"); it != o.end() && !it->value().is_null()) {
    if (!it->value().is_int64()) throw json::FieldError{at + ".article_id", "must be an integer"};
    out.article_id = it->value().get_int64();
  }
  if (auto it = o.find("field"); it != o.end() && !it->value().is_null()) {
    auto f = it->value().is_string() ? parseBotField(it->value().get_string()) : std::nullopt;
    if (!f) throw json::FieldError{at + ".field", "must be email, name or order_number"};
    out.field = f;
  }
  return out;
}

}  // namespace

bj::object botSettingsJson(const BotSettings& s) { return settingsJson(s, false); }

std::string storedBotSettings(const BotSettings& s) { return bj::serialize(settingsJson(s, true)); }

BotSettings readStoredBotSettings(std::string_view stored) {
  boost::system::error_code ec;
  auto v = bj::parse(stored, ec);
  if (ec || !v.is_object()) return defaultBotSettings();
  try {
    return botSettingsFromRequest(v.get_object(), defaultBotSettings());
  } catch (const json::FieldError&) {
    return defaultBotSettings();
  }
}

BotSettings botSettingsFromRequest(const bj::object& body, const BotSettings& current) {
  BotSettings s = current;
  s.enabled = boolean(body, "enabled", "enabled", s.enabled);
  if (body.contains("when")) {
    auto w = parseBotWhen(stringField(body, "when", "when", ""));
    if (!w) throw json::FieldError{"when", "must be always, outside_hours or nobody_online"};
    s.when = *w;
  }
  s.greeting = stringField(body, "greeting", "greeting", s.greeting);
  s.handoff_text = stringField(body, "handoff_text", "handoff_text", s.handoff_text);
  s.offline_text = stringField(body, "offline_text", "offline_text", s.offline_text);
  if (auto it = body.find("options"); it != body.end()) {
    if (!it->value().is_array()) throw json::FieldError{"options", "must be an array"};
    const auto& arr = it->value().get_array();
    // Checked before reading: a huge array costs nothing more than its parse.
    if (arr.size() > kMaxBotOptions)
      throw json::FieldError{"options", "at most " + std::to_string(kMaxBotOptions) + " options"};
    s.options.clear();
    for (std::size_t i = 0; i < arr.size(); ++i) s.options.push_back(optionFrom(arr[i], i));
  }
  if (auto it = body.find("ai"); it != body.end()) {
    if (!it->value().is_object()) throw json::FieldError{"ai", "must be an object"};
    const auto& ai = it->value().get_object();
    s.ai.enabled = boolean(ai, "enabled", "ai.enabled", s.ai.enabled);
    s.ai.base_url = stringField(ai, "base_url", "ai.base_url", s.ai.base_url);
    s.ai.model = stringField(ai, "model", "ai.model", s.ai.model);
    s.ai.api_key = stringField(ai, "api_key", "ai.api_key", s.ai.api_key);
    s.ai.timeout_ms = integer(ai, "timeout_ms", "ai.timeout_ms", s.ai.timeout_ms);
    s.ai.max_per_hour = integer(ai, "max_per_hour", "ai.max_per_hour", s.ai.max_per_hour);
  }
  return s;
}

std::string_view toString(BotStage stage) {
  switch (stage) {
    case BotStage::New: return "new";
    case BotStage::Choosing: return "choosing";
    case BotStage::AskingField: return "asking_field";
    case BotStage::HandedOff: return "handed_off";
    case BotStage::Silent: return "silent";
  }
  return "new";
}

namespace {
std::optional<BotStage> parseStage(std::string_view s) {
  for (auto st : {BotStage::New, BotStage::Choosing, BotStage::AskingField, BotStage::HandedOff, BotStage::Silent})
    if (toString(st) == s) return st;
  return std::nullopt;
}

bj::array strings(const std::vector<std::string>& v) {
  bj::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

std::vector<std::string> stringsFrom(const bj::object& o, std::string_view key) {
  std::vector<std::string> out;
  if (const auto* a = o.if_contains(key); a && a->is_array())
    for (const auto& v : a->get_array())
      if (v.is_string()) out.emplace_back(v.get_string());
  return out;
}
}  // namespace

std::string storedBotState(const BotState& s) {
  bj::array learned;
  for (const auto& [f, v] : s.learned) learned.push_back(bj::array{toString(f), v});
  bj::object o{{"stage", toString(s.stage)},      {"misses", s.misses},
               {"field_attempts", s.field_attempts}, {"handed_off", s.handed_off},
               {"questions", strings(s.questions)}, {"choices", strings(s.choices)},
               {"asked", strings(s.asked)},          {"learned", std::move(learned)}};
  if (s.asking) o["asking"] = toString(*s.asking);
  return bj::serialize(o);
}

BotState readStoredBotState(std::string_view stored) {
  BotState quiet;
  quiet.stage = BotStage::HandedOff;
  quiet.handed_off = true;
  boost::system::error_code ec;
  auto v = bj::parse(stored, ec);
  if (ec || !v.is_object()) return quiet;
  const auto& o = v.get_object();
  BotState s;
  const auto* stage = o.if_contains("stage");
  auto st = stage && stage->is_string() ? parseStage(stage->get_string()) : std::nullopt;
  if (!st) return quiet;
  s.stage = *st;
  if (const auto* m = o.if_contains("misses"); m && m->is_int64()) s.misses = static_cast<int>(m->get_int64());
  if (const auto* m = o.if_contains("field_attempts"); m && m->is_int64())
    s.field_attempts = static_cast<int>(m->get_int64());
  if (const auto* m = o.if_contains("handed_off"); m && m->is_bool()) s.handed_off = m->get_bool();
  if (const auto* m = o.if_contains("asking"); m && m->is_string()) s.asking = parseBotField(m->get_string());
  s.questions = stringsFrom(o, "questions");
  s.choices = stringsFrom(o, "choices");
  s.asked = stringsFrom(o, "asked");
  if (const auto* l = o.if_contains("learned"); l && l->is_array())
    for (const auto& p : l->get_array()) {
      if (!p.is_array() || p.get_array().size() != 2 || !p.get_array()[0].is_string() || !p.get_array()[1].is_string())
        continue;
      if (auto f = parseBotField(p.get_array()[0].get_string()))
        s.learned.emplace_back(*f, std::string(p.get_array()[1].get_string()));
    }
  return s;
}

}  // namespace parley
