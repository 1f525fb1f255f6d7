#include "http/widget_settings.h"

#include "http/api_support.h"
#include "http/json_codec.h"

namespace parley {

namespace bj = boost::json;

namespace {

bj::object defaults() {
  return {{"color", "#4f46e5"},
          {"position", "right"},
          {"offset_x", 20},
          {"offset_y", 20},
          {"greeting", "Hi there"},
          {"team_intro", "We typically reply in a few minutes"},
          {"launcher_icon", "chat"},
          {"show_agent_avatars", true},
          {"dark_mode", false},
          {"locale", "en"},
          {"away_message", "We are away right now. Leave a message and we will reply by email."},
          {"prechat", bj::object{{"enabled", false}, {"fields", bj::array{}}}},
          {"business_hours", bj::object{{"enabled", false}, {"timezone", "UTC"}, {"days", bj::object{}}}},
          {"auto_assign", true}};
}

bool isHexColor(std::string_view s) {
  if (s.size() != 7 || s[0] != '#') return false;
  for (size_t i = 1; i < 7; ++i)
    if (!std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

void checkText(const bj::object& o, const char* key, size_t max) {
  auto it = o.find(key);
  if (it == o.end()) return;
  if (!it->value().is_string() || it->value().get_string().size() > max)
    throw ApiError(400, "invalid", std::string(key) + " must be text of at most " + std::to_string(max) + " bytes",
                   std::string("settings.") + key);
}

}  // namespace

bj::object widgetSettings(const Workspace& ws) {
  auto out = defaults();
  auto stored = json::parseOr(ws.settings_json, bj::object{});
  if (stored.is_object())
    for (const auto& [k, v] : stored.get_object()) out[k] = v;
  return out;
}

bj::object validateSettings(const bj::object& in) {
  auto known = defaults();
  for (const auto& [k, v] : in)
    if (!known.contains(k)) throw ApiError(400, "invalid", "unknown setting " + std::string(k), "settings." + std::string(k));
  if (auto it = in.find("color"); it != in.end())
    if (!it->value().is_string() || !isHexColor(it->value().get_string()))
      throw ApiError(400, "invalid", "color must look like #4f46e5", "settings.color");
  if (auto it = in.find("position"); it != in.end())
    if (!it->value().is_string() || (it->value().get_string() != "left" && it->value().get_string() != "right"))
      throw ApiError(400, "invalid", "position must be left or right", "settings.position");
  for (const char* k : {"offset_x", "offset_y"})
    if (auto it = in.find(k); it != in.end())
      if (!it->value().is_int64() || it->value().get_int64() < 0 || it->value().get_int64() > 200)
        throw ApiError(400, "invalid", std::string(k) + " must be 0 to 200", std::string("settings.") + k);
  for (const char* k : {"show_agent_avatars", "dark_mode", "auto_assign"})
    if (auto it = in.find(k); it != in.end())
      if (!it->value().is_bool()) throw ApiError(400, "invalid", std::string(k) + " must be true or false", std::string("settings.") + k);
  if (auto it = in.find("locale"); it != in.end()) {
    auto ok = it->value().is_string() && (it->value().get_string() == "en" || it->value().get_string() == "de" ||
                                          it->value().get_string() == "es");
    if (!ok) throw ApiError(400, "invalid", "locale must be en, de or es", "settings.locale");
  }
  checkText(in, "greeting", 200);
  checkText(in, "team_intro", 300);
  checkText(in, "away_message", 500);
  checkText(in, "launcher_icon", 20);
  for (const char* k : {"prechat", "business_hours"})
    if (auto it = in.find(k); it != in.end() && !it->value().is_object())
      throw ApiError(400, "invalid", std::string(k) + " must be an object", std::string("settings.") + k);
  if (auto it = in.find("prechat"); it != in.end()) {
    const auto& p = it->value().get_object();
    if (auto f = p.find("fields"); f != p.end()) {
      if (!f->value().is_array() || f->value().get_array().size() > 10)
        throw ApiError(400, "invalid", "prechat.fields must be an array of at most 10 fields", "settings.prechat.fields");
      for (const auto& field : f->value().get_array()) {
        if (!field.is_object() || !field.get_object().contains("name") || !field.get_object().at("name").is_string())
          throw ApiError(400, "invalid", "each pre-chat field needs a name", "settings.prechat.fields");
      }
    }
  }
  return in;
}

}  // namespace parley
